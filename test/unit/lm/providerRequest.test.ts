// One language-model request answered by Gemini, through the real SDK against the emulator:
// streamed text, function calls reported with ids VS Code echoes and signatures restored on the
// next request (also from a real Gemini 3 recording), the caller's tools and options on the
// wire, failures as LmRequestErrors without the key, retries, cancellation, cut-off answers.
import * as assert from 'node:assert/strict';
import { createGenAI } from '../../../src/gemini/client';
import { settingValues, SettingValues } from '../../../src/config/settingValues';
import { CallMemory, LmMessage, LmRole, ReportedToolCall } from '../../../src/lm/messages';
import { answerLmRequest, LmRequest, LmRequestError } from '../../../src/lm/providerRequest';
import { LmToolMode } from '../../../src/lm/request';
import { chunks, errors } from '../../emulator';
import { TEST_KEY, useEmulator } from '../../harness/useEmulator';
import { RecordingClock } from '../gemini/helpers';

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const user = (text: string): LmMessage => ({ role: LmRole.User, parts: [{ kind: 'text', text }] });

interface Collected {
  texts: string[];
  calls: ReportedToolCall[];
}

describe('answerLmRequest (the LanguageModelChatProvider\'s request)', () => {
  const emu = useEmulator();
  let memory: CallMemory;
  let clock: RecordingClock;
  beforeEach(() => {
    memory = new CallMemory();
    clock = new RecordingClock();
  });

  async function ask(request: Partial<LmRequest> & { messages: LmMessage[] }, settings: Partial<SettingValues> = {}): Promise<Collected> {
    const client = createGenAI({ apiKey: TEST_KEY, endpoint: emu.baseUrl });
    const collected: Collected = { texts: [], calls: [] };
    await answerLmRequest(
      { model: 'gemini-2.5-flash', signal: new AbortController().signal, ...request },
      { text: (value) => collected.texts.push(value), toolCall: (call) => collected.calls.push(call) },
      { genai: () => client, settings: () => settingValues(settings), memory, logger: silent, secrets: () => [TEST_KEY], clock },
    );
    return collected;
  }

  it('streams the answer text piece by piece, with the caller\'s system message as the only instruction', async () => {
    emu.enqueue({ kind: 'stream', chunks: [chunks.text('Hel'), chunks.text('lo'), chunks.finish('STOP', { promptTokenCount: 5, candidatesTokenCount: 2 })] });
    const answer = await ask({ messages: [{ role: LmRole.System, parts: [{ kind: 'text', text: 'Be brief.' }] }, user('Hi')] });
    assert.deepEqual(answer.texts, ['Hel', 'lo']);
    assert.deepEqual(answer.calls, []);
    const body = emu.requests[0].body;
    assert.deepEqual(body.systemInstruction, { parts: [{ text: 'Be brief.' }], role: 'user' });
    assert.deepEqual(body.contents, [{ role: 'user', parts: [{ text: 'Hi' }] }]);
    assert.equal(body.tools, undefined);
    assert.equal(body.generationConfig?.thinkingConfig?.includeThoughts, undefined, 'no thought summaries: VS Code has nowhere to show them');
  });

  it('sends the caller\'s tools and options, forcing a call in Required mode', async () => {
    emu.enqueue({ kind: 'stream', chunks: [chunks.functionCall('lookup', { q: 'x' }), chunks.finish('STOP')] });
    await ask({
      messages: [user('Find x')],
      tools: [{ name: 'lookup', description: 'Looks things up', inputSchema: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] } }],
      toolMode: LmToolMode.Required,
      modelOptions: { temperature: 0.2, max_tokens: 500, top_p: 0.9 },
    }, { temperature: 1 });
    const body = emu.requests[0].body;
    assert.deepEqual(body.tools, [{ functionDeclarations: [{ name: 'lookup', description: 'Looks things up', parametersJsonSchema: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] } }] }]);
    assert.deepEqual(body.toolConfig, { functionCallingConfig: { mode: 'ANY' } });
    assert.equal(body.generationConfig.temperature, 0.2, 'the request\'s option beats the setting');
    assert.equal(body.generationConfig.maxOutputTokens, 500);
    assert.equal(body.generationConfig.topP, 0.9);
  });

  it('reports a call with the service\'s id, then sends id and signature back with the tool result', async () => {
    emu.enqueue(
      { kind: 'stream', chunks: [chunks.text('Checking.'), chunks.functionCall('lookup', { q: 'x' }, { id: 'srv-9', thoughtSignature: 'U0lH' }), chunks.finish('STOP')] },
      { kind: 'stream', chunks: [chunks.text('x is 42.'), chunks.finish('STOP')] },
    );
    const tools = [{ name: 'lookup', description: 'Looks things up' }];
    const first = await ask({ model: 'gemini-3-pro-preview', messages: [user('What is x?')], tools });
    assert.deepEqual(first.calls, [{ callId: 'srv-9', name: 'lookup', input: { q: 'x' } }]);

    const second = await ask({ model: 'gemini-3-pro-preview', tools, messages: [
      user('What is x?'),
      { role: LmRole.Assistant, parts: [{ kind: 'text', text: 'Checking.' }, { kind: 'toolCall', callId: 'srv-9', name: 'lookup', input: { q: 'x' } }] },
      { role: LmRole.User, parts: [{ kind: 'toolResult', callId: 'srv-9', content: [{ kind: 'text', text: '42' }] }] },
    ] });
    assert.deepEqual(second.texts, ['x is 42.']);
    const contents = emu.requests[1].body.contents;
    assert.deepEqual(contents[1].parts[1], { functionCall: { id: 'srv-9', name: 'lookup', args: { q: 'x' } }, thoughtSignature: 'U0lH' });
    assert.deepEqual(contents[2].parts[0], { functionResponse: { id: 'srv-9', name: 'lookup', response: { output: '42' } } });
  });

  it('gives calls without a service id ids of its own, and never sends those to the service', async () => {
    emu.enqueue(
      { kind: 'stream', chunks: [chunks.parts([{ functionCall: { name: 'a', args: {} } }, { functionCall: { name: 'b', args: { n: 1 } } }]), chunks.finish('STOP')] },
      { kind: 'stream', chunks: [chunks.text('done'), chunks.finish('STOP')] },
    );
    const tools = [{ name: 'a', description: 'A' }, { name: 'b', description: 'B' }];
    const first = await ask({ messages: [user('go')], tools });
    assert.equal(first.calls.length, 2);
    assert.notEqual(first.calls[0].callId, first.calls[1].callId);
    await ask({ tools, messages: [
      user('go'),
      { role: LmRole.Assistant, parts: first.calls.map((call) => ({ kind: 'toolCall' as const, ...call })) },
      { role: LmRole.User, parts: first.calls.map((call) => ({ kind: 'toolResult' as const, callId: call.callId, content: [{ kind: 'text' as const, text: 'ok' }] })) },
    ] });
    const [, modelTurn, results] = emu.requests[1].body.contents;
    assert.deepEqual(modelTurn.parts.map((p: any) => p.functionCall), [{ name: 'a', args: {} }, { name: 'b', args: { n: 1 } }]);
    assert.deepEqual(results.parts.map((p: any) => p.functionResponse), [{ name: 'a', response: { output: 'ok' } }, { name: 'b', response: { output: 'ok' } }]);
  });

  it('replays a real Gemini 3 function-call exchange and returns its thought signature verbatim', async () => {
    emu.enqueueRecording('02_pydantic-ai_sse_functioncall_thoughtsignature_roundtrip_gemini-3-pro.yaml');
    const tools = [{ name: 'get_country', description: '', inputSchema: { type: 'object', properties: {}, additionalProperties: false } }];
    const question = user('What is the capital of the user country? Call the tool');
    const first = await ask({ model: 'gemini-3-pro-preview', messages: [question], tools });
    assert.equal(first.calls.length, 1);
    assert.equal(first.calls[0].name, 'get_country');
    const recordedSignature = memory.recall(first.calls[0].callId)?.signature;
    assert.ok(recordedSignature && recordedSignature.startsWith('EpwICpkIAXLI2nx'), 'the signature from the recording is kept');

    const second = await ask({ model: 'gemini-3-pro-preview', tools, messages: [
      question,
      { role: LmRole.Assistant, parts: [{ kind: 'toolCall', ...first.calls[0] }] },
      { role: LmRole.User, parts: [{ kind: 'toolResult', callId: first.calls[0].callId, content: [{ kind: 'text', text: 'France' }] }] },
    ] });
    assert.ok(second.texts.join('').length > 0);
    assert.equal(emu.requests[1].body.contents[1].parts[0].thoughtSignature, recordedSignature);
  });

  it('fails with the service\'s reason as an LmRequestError, never showing the key', async () => {
    emu.setApiKey('another-key');
    try {
      await assert.rejects(ask({ messages: [user('Hi')] }), (error: Error) => {
        assert.ok(error instanceof LmRequestError);
        assert.equal(error.failure.code, 'invalidKey');
        assert.ok(!error.message.includes(TEST_KEY));
        return true;
      });
    } finally {
      emu.setApiKey(TEST_KEY);
    }
  });

  it('retries a per-minute rate limit and never falls back to another model', async () => {
    emu.enqueue(errors.quota({ retryDelay: '1s' }), { kind: 'stream', chunks: [chunks.text('after the wait'), chunks.finish('STOP')] });
    const answer = await ask({ messages: [user('Hi')] }, { fallbackModel: 'gemini-2.5-flash-lite' });
    assert.deepEqual(answer.texts, ['after the wait']);
    assert.equal(clock.sleeps.length, 1);
    assert.ok(emu.requests.every((request) => request.path.includes('gemini-2.5-flash:')), 'the caller\'s model every time');

    emu.enqueue(errors.quota({ perDay: true }));
    await assert.rejects(ask({ messages: [user('Hi')] }, { fallbackModel: 'gemini-2.5-flash-lite' }), (error: LmRequestError) => error.failure.code === 'quotaPerDay');
  });

  it('hands out no calls of an answer that ended abnormally, and says why', async () => {
    emu.enqueue({ kind: 'stream', chunks: [chunks.functionCall('lookup', { q: 'x' }), chunks.finish('SAFETY')] });
    let reported = 0;
    const client = createGenAI({ apiKey: TEST_KEY, endpoint: emu.baseUrl });
    await assert.rejects(
      answerLmRequest({ model: 'gemini-2.5-flash', messages: [user('x')], tools: [{ name: 'lookup', description: 'L' }], signal: new AbortController().signal },
        { text: () => undefined, toolCall: () => reported++ },
        { genai: () => client, settings: () => settingValues(), memory, logger: silent, secrets: () => [], clock }),
      (error: LmRequestError) => error.failure.code === 'safety',
    );
    assert.equal(reported, 0);

    emu.enqueue({ kind: 'stream', chunks: [chunks.finish('STOP')] });
    await assert.rejects(ask({ messages: [user('x')] }), (error: LmRequestError) => error.failure.code === 'empty');
  });

  it('stops quietly when the caller cancels mid-stream', async () => {
    emu.enqueue({ kind: 'stream', chunkDelayMs: 150, chunks: [chunks.text('one '), chunks.text('two '), chunks.text('three'), chunks.finish('STOP')] });
    const controller = new AbortController();
    const texts: string[] = [];
    const client = createGenAI({ apiKey: TEST_KEY, endpoint: emu.baseUrl });
    await answerLmRequest({ model: 'gemini-2.5-flash', messages: [user('count')], signal: controller.signal },
      { text: (value) => { texts.push(value); controller.abort(); }, toolCall: () => assert.fail('no calls') },
      { genai: () => client, settings: () => settingValues(), memory, logger: silent, secrets: () => [], clock });
    assert.deepEqual(texts, ['one ']);
  });

  it('refuses a request without any message before calling the service', async () => {
    await assert.rejects(ask({ messages: [{ role: LmRole.System, parts: [{ kind: 'text', text: 'only a system prompt' }] }] }), (error: LmRequestError) => error.failure.code === 'emptyRequest');
    assert.equal(emu.requests.length, 0);
  });
});
