// The engine against every real recording in test/fixtures/gemini-recordings, replayed by the
// emulator and read through the real @google/genai SDK.
import * as assert from 'node:assert/strict';
import type { Content } from '@google/genai';
import { loadRecording } from '../../emulator';
import { engineFor, FakeTools, runTurn, turn } from './helpers';
import { TEST_KEY, useEmulator } from '../../harness/useEmulator';

/** The JSON bodies of a recording's responses (for generateContent recordings, served as a stream). */
function recordedBodies(file: string): any[] {
  return loadRecording(file).map((exchange) => JSON.parse(exchange.response.body.toString('utf8')));
}

/** The SSE events of a recording's response, parsed. */
function recordedEvents(file: string, index = 0): any[] {
  return loadRecording(file)[index].response.body
    .toString('utf8')
    .split('\r\n\r\n')
    .filter((event) => event.startsWith('data:'))
    .map((event) => JSON.parse(event.slice(5)));
}

describe('GeminiEngine: real recordings through the SDK', () => {
  const emu = useEmulator();

  it('01: streams thoughts as thought events and keeps thought parts and the signature verbatim', async () => {
    const file = '01_pydantic-ai_sse_thoughts_gemini-2.5-pro.yaml';
    emu.enqueueRecording(file);
    const { engine } = engineFor(emu, { settings: { model: 'gemini-2.5-pro' } });
    const first = await runTurn(engine, turn('How do I cross the street?'));

    const events = recordedEvents(file);
    const recordedParts = events.flatMap((e) => e.candidates[0].content.parts);
    const recordedThoughts = recordedParts.filter((p: any) => p.thought).map((p: any) => p.text);
    assert.equal(first.of('thought').length, recordedThoughts.length);
    assert.equal(first.thoughts, recordedThoughts.join(''));
    assert.equal(first.text, recordedParts.filter((p: any) => !p.thought).map((p: any) => p.text).join(''));
    assert.ok(first.events.findIndex((e) => e.type === 'thought') < first.events.findIndex((e) => e.type === 'text'), 'thoughts come first');

    const model = first.outcome.contents[1];
    assert.equal(model.role, 'model');
    const parts = model.parts!;
    assert.equal(parts[0].thought, true);
    assert.equal(parts[0].text, recordedThoughts.join(''), 'thought deltas merged into one part');
    const signed = recordedParts.find((p: any) => p.thoughtSignature);
    assert.deepEqual(parts[1], signed, 'the signed answer part is kept exactly, not merged');
    assert.equal(parts.filter((p) => p.thoughtSignature).length, 1);

    const usage = first.of('usage');
    assert.equal(usage.length, 1);
    assert.equal(usage[0].usage.thoughtsTokens, events[events.length - 1].usageMetadata.thoughtsTokenCount);
    assert.equal(first.of('finish')[0].reason, 'stop');
    assert.equal(first.outcome.status, 'done');

    // The next turn sends that history back untouched.
    const history: Content[] = first.outcome.contents;
    await runTurn(engine, turn('Thanks', { history }));
    assert.deepEqual(emu.requests[1].body.contents.slice(0, 2), JSON.parse(JSON.stringify(history)));
  });

  it('02: the second request carries the functionCall with its thoughtSignature verbatim and the functionResponse', async () => {
    const file = '02_pydantic-ai_sse_functioncall_thoughtsignature_roundtrip_gemini-3-pro.yaml';
    emu.enqueueRecording(file);
    const tools = new FakeTools({ get_country: () => 'Mexico' });
    const { engine } = engineFor(emu, { settings: { model: 'gemini-3-pro-preview' }, tools });
    const result = await runTurn(engine, turn('What is the capital of the user country? Call the tool'));

    assert.equal(emu.requests.length, 2);
    const sentCall = recordedEvents(file)[0].candidates[0].content.parts[0];
    const second = emu.requests[1].body;
    assert.deepEqual(second.contents[1], { role: 'model', parts: [sentCall] }, 'model turn echoed byte for byte');
    assert.equal(second.contents[1].parts[0].thoughtSignature, sentCall.thoughtSignature);
    assert.deepEqual(second.contents[2], {
      role: 'user',
      parts: [{ functionResponse: { name: 'get_country', response: { output: 'Mexico' } } }],
    });
    assert.equal(tools.calls.length, 1);
    assert.equal(result.of('toolCall')[0].call.name, 'get_country');
    assert.equal(result.of('toolResult')[0].result.ok, true);
    assert.equal(result.text, 'The capital of Mexico is Mexico City.');
    assert.deepEqual(result.of('usage').map((u) => u.usage.promptTokens), [29, 257]);
    assert.deepEqual(result.outcome.contents.map((c) => c.role), ['user', 'model', 'user', 'model']);
    assert.equal(result.outcome.status, 'done');
  });

  it('03: grounding → sources, the search query and citations at the right UTF-16 offsets', async () => {
    const file = '03_pydantic-ai_sse_google_search_grounding_gemini-2.5-pro.yaml';
    emu.enqueueRecording(file);
    const { engine } = engineFor(emu, { settings: { model: 'gemini-2.5-pro' } });
    const result = await runTurn(engine, turn('What is the weather in San Francisco today?', { features: { googleSearch: true } }));

    assert.deepEqual(emu.requests[0].body.tools, [{ googleSearch: {} }]);
    const groundings = result.of('grounding');
    assert.equal(groundings.length, 1);
    const { sources, citations, queries } = groundings[0].grounding;
    assert.deepEqual(queries, ['weather in San Francisco today']);
    assert.equal(sources.length, 5);
    assert.equal(sources[1].title, 'timeanddate.com');
    assert.ok(citations.length >= 5);
    for (const citation of citations) {
      assert.equal(result.text.slice(citation.start, citation.end), citation.text, 'offsets index the text the UI received');
      assert.ok(citation.sources.every((i) => i < sources.length));
    }
    // The answer contains "°" (2 bytes in UTF-8): byte offsets would be off by now.
    assert.ok(result.text.slice(0, citations[1].start).includes('°'));
    assert.equal(result.of('usage')[0].usage.toolUsePromptTokens, 102);
  });

  it('04: code execution → code and result events; the content keeps ids and every signature', async () => {
    const file = '04_pydantic-ai_sse_code_execution_gemini-3-flash.yaml';
    emu.enqueueRecording(file);
    const { engine } = engineFor(emu, { settings: { model: 'gemini-3-flash-preview' } });
    const result = await runTurn(engine, turn('Compute 65465 - 6544 * 65464 - 6 + 1.02255', { features: { codeExecution: true } }));

    assert.deepEqual(emu.requests[0].body.tools, [{ codeExecution: {} }]);
    const executions = result.of('codeExecution').map((e) => e.execution);
    assert.equal(executions[0].code?.language, 'PYTHON');
    assert.match(executions[0].code!.code, /65465 - 6544/);
    assert.deepEqual(executions[1].result, { outcome: 'OUTCOME_OK', output: '-428330955.97745\n' });

    const recordedParts = recordedEvents(file).flatMap((e) => e.candidates[0].content.parts);
    const signatures = recordedParts.filter((p: any) => p.thoughtSignature).map((p: any) => p.thoughtSignature);
    const parts = result.outcome.contents[1].parts!;
    assert.deepEqual(parts.filter((p) => p.thoughtSignature).map((p) => p.thoughtSignature), signatures);
    assert.deepEqual(parts[0], recordedParts[0], 'executableCode with its id and signature');
    assert.equal(parts[1].codeExecutionResult?.id, '8xju7mua');
    assert.deepEqual(parts[parts.length - 1], recordedParts[recordedParts.length - 1], 'the closing empty text keeps its signature');
    assert.equal(result.text, recordedParts.filter((p: any) => typeof p.text === 'string').map((p: any) => p.text).join(''));
  });

  it('05: two parallel calls run concurrently and are answered in ONE user content, without ids', async () => {
    const file = '05_js-genai_generateContent_parallel_functioncalls_roundtrip_gemini-2.5-flash.json';
    const bodies = recordedBodies(file);
    emu.enqueue(...bodies.map((body) => ({ kind: 'json' as const, body })));
    let beepStarted!: () => void;
    const beepRunning = new Promise<void>((resolve) => (beepStarted = resolve));
    const tools = new FakeTools({
      // print waits for beep: a sequential loop would deadlock here.
      print: async (args) => {
        await beepRunning;
        return `printed ${args.text} in ${args.color}`;
      },
      beep: () => {
        beepStarted();
        return 'beeped';
      },
    });
    const { engine } = engineFor(emu, { tools });
    const result = await runTurn(engine, turn('Use the printer to print a simple word: hello in blue, and beep with the beeper'));

    assert.equal(emu.requests.length, 2);
    const second = emu.requests[1].body;
    assert.deepEqual(second.contents[1], bodies[0].candidates[0].content, 'both calls echoed, signature on the first only');
    assert.deepEqual(second.contents[2], {
      role: 'user',
      parts: [
        { functionResponse: { name: 'print', response: { output: 'printed hello in blue' } } },
        { functionResponse: { name: 'beep', response: { output: 'beeped' } } },
      ],
    });
    assert.equal(second.contents.length, 3);
    assert.deepEqual(result.of('toolResult').map((r) => r.result.name), ['beep', 'print'], 'results reported as they complete');
    const ids = result.of('toolCall').map((c) => c.call.id);
    assert.equal(new Set(ids).size, 2, 'our own ids tell the two calls apart');
    assert.equal(result.text, bodies[1].candidates[0].content.parts.map((p: any) => p.text ?? '').join(''));
  });

  it('06: a 404 streamed as text/event-stream → modelNotFound, not retried', async () => {
    emu.enqueueRecording('06_js-genai_streamGenerateContent_404_NOT_FOUND.json');
    const { engine, clock } = engineFor(emu);
    const result = await runTurn(engine, turn('Hello', { model: 'custom-gemini-2.0-flash' }));

    const failure = result.of('error')[0].failure;
    assert.equal(failure.code, 'modelNotFound');
    assert.equal(failure.action, 'switchModel');
    assert.equal(failure.status, 404);
    assert.match(failure.message, /custom-gemini-2\.0-flash/);
    assert.equal(emu.requests.length, 1);
    assert.equal((clock as any).sleeps.length, 0);
    assert.equal(result.outcome.status, 'error');
    assert.deepEqual(result.outcome.contents, [turn('Hello').message], 'the user message is still kept');
  });

  it('3.6: server-generated call ids are echoed in each functionResponse', async () => {
    const file = 'extra_pydantic-ai_generateContent_functionCall_with_server_id_gemini-3.6-flash.yaml';
    const bodies = recordedBodies(file);
    emu.enqueue(...bodies.map((body) => ({ kind: 'json' as const, body })));
    const tools = new FakeTools({ load_capability: () => 'loaded', lookup_refund_policy: () => 'A-4417: refund allowed' });
    const { engine } = engineFor(emu, { settings: { model: 'gemini-3.6-flash' }, tools });
    const result = await runTurn(engine, turn('First load the refunds capability. Then use its newly available tool for order A-4417.'));

    assert.equal(emu.requests.length, 3);
    assert.deepEqual(result.of('toolCall').map((c) => c.call.id), ['g98os1Jf', 'grBScFvZ']);
    assert.equal(emu.requests[1].body.contents[2].parts[0].functionResponse.id, 'g98os1Jf');
    assert.equal(emu.requests[2].body.contents[4].parts[0].functionResponse.id, 'grBScFvZ');
    assert.deepEqual(emu.requests[2].body.contents[3], bodies[1].candidates[0].content);
    assert.deepEqual(result.of('toolResult').map((r) => r.result.id), ['g98os1Jf', 'grBScFvZ']);
    assert.equal(result.text, 'A-4417: refund allowed');
    assert.equal(result.of('finish')[0].reason, 'stop');
  });
});
