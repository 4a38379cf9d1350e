// The editor actions' turn through the real engine and the real @google/genai SDK against the
// emulator: what is sent (schema, instruction, no tools) and how answers and failures come back.
import * as assert from 'node:assert/strict';
import { chunks, errors } from '../../emulator';
import { summarizeTurn, observeUsage, unusableAnswer } from '../../../src/actions/actionTurn';
import { editPrompt } from '../../../src/actions/prompts';
import { parseCodeProposal, ProposalFormatError } from '../../../src/actions/proposal';
import { buildCodeTarget } from '../../../src/actions/target';
import type { TurnRequest } from '../../../src/gemini/turnContract';
import type { UsageInfo } from '../../../src/gemini/events';
import { engineFor, FakeTools } from '../gemini/helpers';
import { TEST_KEY, useEmulator } from '../../harness/useEmulator';

const target = buildCodeTarget({
  lines: ['function add(a, b) {', '  return a - b;', '}'],
  span: { startLine: 1, endLine: 1 },
  languageId: 'javascript',
  path: 'src/math.js',
  diagnostics: [{ message: 'Suspicious subtraction in add()', severity: 'warning', line: 1, character: 9, source: 'lint' }],
});

function request(signal = new AbortController().signal): TurnRequest {
  const prompt = editPrompt('fix', target);
  return {
    history: [],
    message: { role: 'user', parts: [{ text: prompt.text }] },
    signal,
    systemInstruction: prompt.systemInstruction,
    responseJsonSchema: prompt.responseJsonSchema,
    features: { workspaceTools: false },
  };
}

describe('editor action turns through the engine and the emulator', () => {
  const emu = useEmulator();

  it('sends the structured-output schema, the action instruction and no tools; reads a proposal split across chunks', async () => {
    const answer = JSON.stringify({ rationale: 'add() must add.', code: '  return a + b;' });
    emu.enqueue({ kind: 'stream', chunks: [chunks.text(answer.slice(0, 20)), chunks.text(answer.slice(20)), chunks.finish('STOP', { promptTokenCount: 120, candidatesTokenCount: 14 })] });
    const tools = new FakeTools({ read_file: () => 'never' });
    const { engine } = engineFor(emu, { tools });

    const turn = await summarizeTurn(engine, request());
    assert.equal(turn.status, 'done');
    assert.equal(unusableAnswer(turn), undefined);
    assert.deepEqual(parseCodeProposal(turn.text), { rationale: 'add() must add.', code: '  return a + b;' });
    assert.equal(turn.usage?.usage.promptTokens, 120);

    const sent = emu.requests[0].body;
    assert.equal(sent.generationConfig.responseMimeType, 'application/json');
    assert.deepEqual(sent.generationConfig.responseJsonSchema.required, ['rationale', 'code']);
    assert.match(JSON.stringify(sent.systemInstruction), /replacement for the TARGET region alone/);
    assert.equal(sent.tools, undefined, 'editor actions must not offer workspace tools');
    const userText = sent.contents[0].parts[0].text as string;
    assert.match(userText, /Suspicious subtraction in add\(\)/);
    assert.match(userText, /File: src\/math\.js \(JavaScript\)/);
    assert.equal(tools.calls.length, 0);
  });

  it('a reply that is not the schema\'s JSON is rejected with a clear error', async () => {
    emu.enqueue({ kind: 'stream', chunks: [chunks.text('Sure! Change - to +.'), chunks.finish('STOP')] });
    const { engine } = engineFor(emu);
    const turn = await summarizeTurn(engine, request());
    assert.throws(() => parseCodeProposal(turn.text), ProposalFormatError);
  });

  it('an answer cut at the token limit is unusable and says why', async () => {
    emu.enqueue({ kind: 'stream', chunks: [chunks.text('{"rationale":"r","code":"  return a'), chunks.finish('MAX_TOKENS')] });
    const { engine } = engineFor(emu);
    const turn = await summarizeTurn(engine, request());
    assert.equal(turn.finish?.reason, 'maxTokens');
    assert.ok(unusableAnswer(turn));
  });

  it('a service failure arrives as the core\'s FailureInfo, with its action', async () => {
    emu.enqueue(errors.invalidKey());
    const { engine } = engineFor(emu, { settings: { 'retry.maxAttempts': 0 } });
    const turn = await summarizeTurn(engine, request());
    assert.equal(turn.status, 'error');
    assert.equal(turn.failure?.code, 'invalidKey');
    assert.equal(turn.failure?.action, 'setKey');
    assert.doesNotMatch(turn.failure.message, new RegExp(TEST_KEY));
  });

  it('aborting a stalled request ends the turn as stopped, with no text', async () => {
    emu.enqueue({ kind: 'stall' });
    const { engine } = engineFor(emu);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const turn = await summarizeTurn(engine, request(controller.signal));
    assert.equal(turn.status, 'stopped');
    assert.equal(turn.text, '');
  });

  it('observeUsage reports each turn\'s usage and passes every event through', async () => {
    emu.enqueue({ kind: 'stream', chunks: [chunks.text('{"rationale":"r","code":"x"}'), chunks.finish('STOP', { promptTokenCount: 50, candidatesTokenCount: 7, thoughtsTokenCount: 3 })] });
    const seen: { usage: UsageInfo; model: string }[] = [];
    const { engine } = engineFor(emu);
    const turn = await summarizeTurn(observeUsage(engine, (usage, model) => seen.push({ usage, model })), request());
    assert.equal(turn.text, '{"rationale":"r","code":"x"}');
    assert.equal(seen.length, 1);
    assert.equal(seen[0].usage.promptTokens, 50);
    assert.equal(seen[0].usage.thoughtsTokens, 3);
    assert.equal(seen[0].model, 'gemini-emulator', 'the model version the service reports');
  });
});
