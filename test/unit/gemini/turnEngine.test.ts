// Turn mechanics: cancellation at each stage, the tool-round cap, failing tools, and the request
// the SDK actually puts on the wire for a turn's settings.
import * as assert from 'node:assert/strict';
import { chunks, errors } from '../../emulator';
import { ADJUSTABLE_HARM_CATEGORIES } from '../../../src/gemini/requestConfig';
import { BUILT_IN_SYSTEM_INSTRUCTION } from '../../../src/gemini/systemPrompt';
import { engineFor, FakeTools, runTurn, turn, userText } from './helpers';
import { TEST_KEY, useEmulator } from '../../harness/useEmulator';

describe('GeminiEngine: turns', () => {
  const emu = useEmulator();

  const callChunk = (name: string, id?: string) => ({ kind: 'stream' as const, chunks: [chunks.functionCall(name, { n: 1 }, { id }), chunks.finish('STOP')] });

  describe('cancellation', () => {
    it('abort mid-stream stops the HTTP stream at once, keeps the partial answer, status stopped', async () => {
      const pieces = ['One ', 'two ', 'three ', 'four ', 'five'];
      emu.enqueue({ kind: 'stream', chunks: [...pieces.map((p) => chunks.text(p)), chunks.finish()], chunkDelayMs: 300 });
      const controller = new AbortController();
      let abortedAt = 0;
      const result = await runTurn(engineFor(emu).engine, turn('count', { signal: controller.signal }), (event) => {
        if (event.type === 'text') {
          abortedAt = Date.now();
          controller.abort();
        }
      });
      const afterAbort = Date.now() - abortedAt;
      assert.ok(afterAbort < 200, `ended ${afterAbort} ms after the abort; the next chunk was 300 ms away`);
      assert.equal(result.text, 'One ');
      assert.deepEqual(result.of('finish').map((f) => f.reason), ['cancelled']);
      assert.equal(result.of('error').length, 0);
      assert.equal(result.outcome.status, 'stopped');
      assert.deepEqual(result.outcome.contents[1], { role: 'model', parts: [{ text: 'One ' }] });
    });

    it('abort while waiting to retry: no further request', async () => {
      emu.enqueue(errors.quota({ retryDelay: '5s' }), { kind: 'stream', chunks: [chunks.text('late')] });
      const controller = new AbortController();
      const result = await runTurn(engineFor(emu).engine, turn('hi', { signal: controller.signal }), (event) => {
        if (event.type === 'retry') controller.abort();
      });
      assert.equal(result.outcome.status, 'stopped');
      assert.equal(emu.requests.length, 1);
      assert.deepEqual(result.of('finish').map((f) => f.reason), ['cancelled']);
    });

    it('abort while a tool runs: the tool sees the signal, the calls are answered as cancelled', async () => {
      emu.enqueue(callChunk('slow_tool'));
      const controller = new AbortController();
      let toolSawAbort = false;
      const tools = new FakeTools({
        slow_tool: (_args, signal) =>
          new Promise((resolve) => {
            signal.addEventListener('abort', () => {
              toolSawAbort = true;
              resolve('interrupted');
            });
            // The user presses Stop while the tool runs (not on a timer: under load the tool
            // could start after it).
            setTimeout(() => controller.abort(), 0);
          }),
      });
      const result = await runTurn(engineFor(emu, { tools }).engine, turn('go', { signal: controller.signal }));
      assert.ok(toolSawAbort);
      assert.equal(result.outcome.status, 'stopped');
      assert.equal(emu.requests.length, 1);
      const last = result.outcome.contents[result.outcome.contents.length - 1];
      assert.equal(last.role, 'user');
      assert.ok(last.parts![0].functionResponse, 'history never ends on an unanswered call');
    });

    it('an already aborted signal sends nothing', async () => {
      const controller = new AbortController();
      controller.abort();
      const result = await runTurn(engineFor(emu).engine, turn('hi', { signal: controller.signal }));
      assert.equal(emu.requests.length, 0);
      assert.equal(result.outcome.status, 'stopped');
    });

    it('a consumer that stops reading closes the HTTP stream', async () => {
      emu.enqueue({ kind: 'stream', chunks: [chunks.text('a'), chunks.text('b'), chunks.finish()], chunkDelayMs: 200 });
      const { engine } = engineFor(emu);
      const generator = engine.runTurn(turn('hi'));
      for (let step = await generator.next(); !step.done; step = await generator.next()) {
        if (step.value.type === 'text') break; // calls generator.return()
      }
      // A fresh request right after still works: the abandoned one did not hold anything up.
      const result = await runTurn(engine, turn('again'));
      assert.equal(result.text, 'You said: again');
    });
  });

  describe('function-calling loop', () => {
    it('loops until the model answers without calls, keeping every content in order', async () => {
      emu.enqueue(callChunk('read', 'r1'), callChunk('read', 'r2'), { kind: 'stream', chunks: [chunks.text('All read'), chunks.finish()] });
      const tools = new FakeTools({ read: () => 'content' });
      const result = await runTurn(engineFor(emu, { tools }).engine, turn('read twice'));
      assert.equal(tools.calls.length, 2);
      assert.deepEqual(result.outcome.contents.map((c) => c.role), ['user', 'model', 'user', 'model', 'user', 'model']);
      assert.deepEqual(emu.requests[0].body.tools[0].functionDeclarations.map((d: any) => d.name), ['read']);
      assert.equal(result.text, 'All read');
    });

    it('caps the rounds at maxToolRounds: finish toolRoundsExceeded, extra calls answered as not run', async () => {
      emu.enqueue(callChunk('read', 'a'), callChunk('read', 'b'), callChunk('read', 'c'), callChunk('read', 'd'));
      const tools = new FakeTools({ read: () => 'content' });
      const result = await runTurn(engineFor(emu, { tools, settings: { maxToolRounds: 2 } }).engine, turn('loop'));
      assert.equal(tools.calls.length, 2);
      assert.equal(emu.requests.length, 3);
      const [finish] = result.of('finish');
      assert.equal(finish.reason, 'toolRoundsExceeded');
      assert.match(finish.message!, /maxToolRounds/);
      const last = result.outcome.contents[result.outcome.contents.length - 1];
      assert.deepEqual(last.parts, [{ functionResponse: { id: 'c', name: 'read', response: { error: 'Not run: the tool-round limit of this turn was reached' } } }]);
    });

    it('a tool that throws is answered with its error, and the turn goes on', async () => {
      emu.enqueue(callChunk('broken'), { kind: 'stream', chunks: [chunks.text('Sorry'), chunks.finish()] });
      const tools = new FakeTools({ broken: () => { throw new Error('disk on fire'); } });
      const result = await runTurn(engineFor(emu, { tools }).engine, turn('try'));
      const [toolResult] = result.of('toolResult');
      assert.equal(toolResult.result.ok, false);
      assert.deepEqual(emu.requests[1].body.contents[2].parts[0].functionResponse.response, { error: 'disk on fire' });
      assert.ok(toolResult.result.bytes > 0);
      assert.equal(result.text, 'Sorry');
    });

    it('a call to a tool nobody provides is answered with an error instead of hanging', async () => {
      emu.enqueue(callChunk('ghost'), { kind: 'stream', chunks: [chunks.text('ok'), chunks.finish()] });
      const result = await runTurn(engineFor(emu).engine, turn('hi'));
      assert.match(emu.requests[1].body.contents[2].parts[0].functionResponse.response.error, /No tool named "ghost"/);
      assert.equal(result.text, 'ok');
    });

    it('history from an earlier turn is sent first, verbatim', async () => {
      const history = [userText('Earlier'), { role: 'model', parts: [{ text: 'Answer', thoughtSignature: 'c2ln' }] }];
      await runTurn(engineFor(emu).engine, turn('Now', { history }));
      assert.deepEqual(emu.requests[0].body.contents, [...history, userText('Now')]);
    });
  });

  describe('what reaches the wire', () => {
    it('2.5: thinkingBudget + includeThoughts, temperature, maxOutputTokens, safety, the system instruction', async () => {
      const { engine } = engineFor(emu, {
        settings: {
          model: 'gemini-2.5-flash', 'thinking.budget': 2048, 'thinking.level': 'high', temperature: 0.3,
          maxOutputTokens: 4000, 'safety.threshold': 'BLOCK_ONLY_HIGH', systemInstruction: 'Use tabs.',
        },
      });
      await runTurn(engine, turn('hi', { systemInstruction: 'Explain the selection.' }));
      const body = emu.requests[0].body;
      assert.deepEqual(body.generationConfig.thinkingConfig, { includeThoughts: true, thinkingBudget: 2048 });
      assert.equal(body.generationConfig.temperature, 0.3);
      assert.equal(body.generationConfig.maxOutputTokens, 4000);
      assert.deepEqual(body.safetySettings.map((s: any) => s.category), [...ADJUSTABLE_HARM_CATEGORIES]);
      assert.ok(body.safetySettings.every((s: any) => s.threshold === 'BLOCK_ONLY_HIGH'));
      assert.equal(body.systemInstruction.parts[0].text, `${BUILT_IN_SYSTEM_INSTRUCTION}\n\nUse tabs.\n\nExplain the selection.`);
    });

    it('3.x: thinkingLevel, never a budget; defaults leave temperature and limits out', async () => {
      const { engine } = engineFor(emu, { settings: { model: 'gemini-3-pro-preview', 'thinking.level': 'low', 'thinking.budget': 1024 } });
      await runTurn(engine, turn('hi'));
      const config = emu.requests[0].body.generationConfig;
      assert.deepEqual(config.thinkingConfig, { includeThoughts: true, thinkingLevel: 'LOW' });
      assert.equal('temperature' in config, false);
      assert.equal('maxOutputTokens' in config, false);
      assert.equal('safetySettings' in emu.requests[0].body, false);
    });

    it('structured output: responseMimeType and responseJsonSchema', async () => {
      const schema = { type: 'object', properties: { summary: { type: 'string' } }, required: ['summary'] };
      await runTurn(engineFor(emu).engine, turn('hi', { responseJsonSchema: schema }));
      const config = emu.requests[0].body.generationConfig;
      assert.equal(config.responseMimeType, 'application/json');
      assert.deepEqual(config.responseJsonSchema, schema);
    });

    it('the apiVersion setting picks the URL version; the key goes in a header, never the URL', async () => {
      await runTurn(engineFor(emu, { settings: { apiVersion: 'v1' } }).engine, turn('hi'));
      assert.match(emu.requests[0].path, /^\/v1\/models\/gemini-2\.5-flash:streamGenerateContent$/);
      assert.equal(emu.requests[0].headers['x-goog-api-key'], TEST_KEY);
      assert.equal(emu.requests[0].query.key, undefined);
    });
  });
});
