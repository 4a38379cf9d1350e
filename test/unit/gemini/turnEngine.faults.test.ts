// Every fault kind the emulator can script, as the engine reports it: retries with their waits,
// failures that must not be retried, cut and stalled streams, and each way an answer can end.
import * as assert from 'node:assert/strict';
import { createGenAI } from '../../../src/gemini/client';
import { settingValues } from '../../../src/config/settingValues';
import { GeminiEngine } from '../../../src/gemini/turnEngine';
import { chunks, errors, googleError } from '../../emulator';
import { engineFor, RecordingClock, runTurn, turn } from './helpers';
import { TEST_KEY, useEmulator } from '../../harness/useEmulator';

describe('GeminiEngine: faults', () => {
  const emu = useEmulator();

  const answer = (text: string) => ({ kind: 'stream' as const, chunks: [chunks.text(text), chunks.finish('STOP')] });

  describe('retries', () => {
    it('429 with RetryInfo: announces the wait the service asked for, waits it, then succeeds', async () => {
      emu.enqueue(errors.quota({ retryDelay: '2s' }), answer('Done'));
      const clock = new RecordingClock();
      const { engine } = engineFor(emu, { clock });
      const result = await runTurn(engine, turn('hi'));

      const [retry] = result.of('retry');
      assert.equal(retry.delayMs, 2000);
      assert.equal(retry.attempt, 1);
      assert.equal(retry.maxAttempts, 3);
      assert.equal(retry.failure.code, 'quotaPerMinute');
      assert.deepEqual(clock.sleeps, [2000]);
      assert.ok(result.events.indexOf(retry) < result.events.findIndex((e) => e.type === 'text'), 'retry announced before the answer');
      assert.equal(result.text, 'Done');
      assert.equal(emu.requests.length, 2);
      assert.equal(result.outcome.status, 'done');
    });

    it('429 without RetryInfo: exponential backoff', async () => {
      const bare = { kind: 'error' as const, status: 429, body: googleError(429, 'RESOURCE_EXHAUSTED', 'Resource has been exhausted (e.g. check quota).') };
      emu.enqueue(bare, bare, answer('ok'));
      const clock = new RecordingClock(0.5);
      const { engine } = engineFor(emu, { clock });
      const result = await runTurn(engine, turn('hi'));
      // base 1 s, doubling; equal jitter with random 0.5 → 75% of each step
      assert.deepEqual(clock.sleeps, [750, 1500]);
      assert.equal(result.text, 'ok');
    });

    it('500 then 503: exponential backoff with jitter, then success', async () => {
      emu.enqueue(errors.internal(), errors.overloaded(), answer('Recovered'));
      const clock = new RecordingClock(0);
      const { engine } = engineFor(emu, { clock });
      const result = await runTurn(engine, turn('hi'));
      assert.deepEqual(result.of('retry').map((r) => [r.attempt, r.failure.code, r.delayMs]), [[1, 'internal', 500], [2, 'overloaded', 1000]]);
      assert.deepEqual(clock.sleeps, [500, 1000]);
      assert.equal(result.text, 'Recovered');
      assert.equal(emu.requests.length, 3);
    });

    it('jitter changes the wait between the half step and the full step', async () => {
      emu.enqueue(errors.internal(), answer('a'));
      const clock = new RecordingClock(0.999);
      await runTurn(engineFor(emu, { clock }).engine, turn('hi'));
      assert.ok(clock.sleeps[0] > 990 && clock.sleeps[0] <= 1000);
    });

    it('stops after retry.maxAttempts and reports the last failure', async () => {
      emu.enqueue(errors.overloaded(), errors.overloaded(), errors.overloaded());
      const { engine } = engineFor(emu, { settings: { 'retry.maxAttempts': 2 } });
      const result = await runTurn(engine, turn('hi'));
      assert.equal(result.of('retry').length, 2);
      assert.equal(emu.requests.length, 3);
      const failure = result.of('error')[0].failure;
      assert.equal(failure.code, 'overloaded');
      assert.equal(failure.action, 'retry');
      assert.equal(result.outcome.status, 'error');
    });

    it('retry.maxAttempts 0 never retries', async () => {
      emu.enqueue(errors.internal());
      const result = await runTurn(engineFor(emu, { settings: { 'retry.maxAttempts': 0 } }).engine, turn('hi'));
      assert.equal(result.of('retry').length, 0);
      assert.equal(result.of('error')[0].failure.code, 'internal');
    });

    const noRetry: [string, () => ReturnType<typeof errors.internal>, string, string][] = [
      ['400', () => errors.badRequest('Invalid JSON payload received.'), 'badRequest', 'openLog'],
      ['403', () => errors.permissionDenied(), 'permissionDenied', 'setKey'],
      ['404', () => errors.notFound('gemini-9-ultra'), 'modelNotFound', 'switchModel'],
    ];
    for (const [status, build, code, action] of noRetry) {
      it(`${status} is not retried: ${code}, action ${action}`, async () => {
        emu.enqueue(build(), answer('never'));
        const clock = new RecordingClock();
        const result = await runTurn(engineFor(emu, { clock }).engine, turn('hi'));
        assert.equal(emu.requests.length, 1);
        assert.equal(clock.sleeps.length, 0);
        assert.equal(result.of('retry').length, 0);
        const failure = result.of('error')[0].failure;
        assert.equal(failure.code, code);
        assert.equal(failure.action, action);
        assert.equal(failure.status, Number(status));
      });
    }

    it('per-day quota: no waiting; without a fallback model the turn fails with quotaPerDay', async () => {
      emu.enqueue(errors.quota({ perDay: true, retryDelay: '30s' }));
      const clock = new RecordingClock();
      const result = await runTurn(engineFor(emu, { clock }).engine, turn('hi'));
      assert.equal(result.of('error')[0].failure.code, 'quotaPerDay');
      assert.equal(result.of('error')[0].failure.action, 'switchModel');
      assert.equal(clock.sleeps.length, 0);
      assert.equal(emu.requests.length, 1);
    });

    it('per-day quota with gemini.fallbackModel: switches model at once for the rest of the turn', async () => {
      emu.enqueue(errors.quota({ perDay: true }), answer('From the fallback'));
      const { engine } = engineFor(emu, { settings: { model: 'gemini-2.5-pro', fallbackModel: 'gemini-2.5-flash' } });
      const result = await runTurn(engine, turn('hi'));
      const [retry] = result.of('retry');
      assert.equal(retry.fallbackModel, 'gemini-2.5-flash');
      assert.equal(retry.delayMs, 0);
      assert.match(emu.requests[0].path, /gemini-2\.5-pro:streamGenerateContent$/);
      assert.match(emu.requests[1].path, /gemini-2\.5-flash:streamGenerateContent$/);
      assert.equal(result.text, 'From the fallback');
    });

    it('per-minute quota that persists past the retries also falls back', async () => {
      emu.enqueue(errors.quota(), errors.quota(), answer('fallback'));
      const { engine } = engineFor(emu, { settings: { 'retry.maxAttempts': 1, fallbackModel: 'gemini-2.5-flash-lite' } });
      const result = await runTurn(engine, turn('hi'));
      assert.deepEqual(result.of('retry').map((r) => r.fallbackModel), [undefined, 'gemini-2.5-flash-lite']);
      assert.equal(result.text, 'fallback');
    });

    it('an invalid key is not retried and the message never contains the key', async () => {
      const wrong = 'AIzaSyWRONG-key-that-must-not-leak-0000';
      const client = createGenAI({ apiKey: wrong, endpoint: emu.baseUrl });
      const engine = new GeminiEngine({ genai: () => client, settings: () => settingValues(), clock: new RecordingClock(), secrets: () => [wrong] });
      const result = await runTurn(engine, turn('hi'));
      const failure = result.of('error')[0].failure;
      assert.equal(failure.code, 'invalidKey');
      assert.equal(failure.action, 'setKey');
      assert.equal(emu.requests.length, 1);
      assert.ok(!JSON.stringify(result.events).includes(wrong));
      assert.ok(!JSON.stringify(result.events).includes('WRONG-key'));
    });
  });

  describe('broken streams', () => {
    it('a disconnect mid-answer keeps the partial text, fails as streamCut, and is not retried', async () => {
      emu.enqueue({ kind: 'stream', chunks: [chunks.text('Hel'), chunks.text('lo')], then: 'disconnect' }, answer('never'));
      const result = await runTurn(engineFor(emu).engine, turn('hi'));
      assert.equal(result.text, 'Hello');
      const failure = result.of('error')[0].failure;
      assert.equal(failure.code, 'streamCut');
      assert.equal(failure.action, 'retry');
      assert.match(failure.message, /kept/);
      assert.equal(emu.requests.length, 1);
      assert.equal(result.outcome.status, 'error');
      assert.deepEqual(result.outcome.contents[1], { role: 'model', parts: [{ text: 'Hello' }] });
    });

    it('a disconnect before any output fails as a network error, the user message kept', async () => {
      emu.enqueue({ kind: 'stream', chunks: [], then: 'disconnect' });
      const result = await runTurn(engineFor(emu).engine, turn('hi'));
      assert.equal(result.of('error')[0].failure.code, 'network');
      assert.equal(result.outcome.contents.length, 1);
    });

    it('a malformed chunk after output → streamCut with the partial text kept', async () => {
      emu.enqueue({ kind: 'stream', chunks: [chunks.text('Partial '), chunks.text('broken'), chunks.finish()], malformedAt: 1 });
      const result = await runTurn(engineFor(emu).engine, turn('hi'));
      assert.equal(result.text, 'Partial ');
      assert.equal(result.of('error')[0].failure.code, 'streamCut');
      assert.equal(result.outcome.contents[1].parts![0].text, 'Partial ');
    });

    it('a malformed first chunk → malformedResponse', async () => {
      emu.enqueue({ kind: 'stream', chunks: [chunks.text('x'), chunks.finish()], malformedAt: 0 });
      const result = await runTurn(engineFor(emu).engine, turn('hi'));
      assert.equal(result.of('error')[0].failure.code, 'malformedResponse');
    });

    it('a request that never answers ends as a timeout after requestTimeoutSeconds', async () => {
      emu.enqueue({ kind: 'stall' });
      const started = Date.now();
      const result = await runTurn(engineFor(emu, { settings: { requestTimeoutSeconds: 0.3 } }).engine, turn('hi'));
      const failure = result.of('error')[0].failure;
      assert.equal(failure.code, 'timeout');
      assert.match(failure.message, /requestTimeoutSeconds/);
      assert.ok(Date.now() - started < 3000);
      assert.equal(emu.requests.length, 1, 'a timeout is not retried automatically');
    });

    it('a stream that stalls after some text times out with the text kept', async () => {
      emu.enqueue({ kind: 'stream', chunks: [chunks.text('So far')], then: 'stall' });
      const result = await runTurn(engineFor(emu, { settings: { requestTimeoutSeconds: 0.3 } }).engine, turn('hi'));
      assert.equal(result.text, 'So far');
      assert.equal(result.of('error')[0].failure.code, 'timeout');
      assert.match(result.of('error')[0].failure.message, /kept/);
      assert.equal(result.outcome.contents[1].parts![0].text, 'So far');
    });

    it('a slow but steady stream is not a timeout: the timer restarts on every chunk', async () => {
      emu.enqueue({ kind: 'stream', chunks: [chunks.text('a'), chunks.text('b'), chunks.text('c'), chunks.text('d'), chunks.finish()], chunkDelayMs: 150 });
      const result = await runTurn(engineFor(emu, { settings: { requestTimeoutSeconds: 0.35 } }).engine, turn('hi'));
      assert.equal(result.text, 'abcd');
      assert.equal(result.of('finish')[0].reason, 'stop');
    });
  });

  describe('how an answer ends', () => {
    it('an empty candidate → finish "empty" with a retry action', async () => {
      emu.enqueue({ kind: 'stream', chunks: [chunks.finish('STOP')] });
      const result = await runTurn(engineFor(emu).engine, turn('hi'));
      const [finish] = result.of('finish');
      assert.equal(finish.reason, 'empty');
      assert.equal(finish.failure?.action, 'retry');
      assert.equal(result.outcome.contents.length, 1, 'nothing to keep');
    });

    it('thoughts, then a clean end with no answer and no finish reason → cut off (not empty): thoughts kept, Retry offered', async () => {
      emu.enqueue({ kind: 'stream', chunks: [chunks.text('Reading the question. ', { thought: true }), chunks.text('Planning the answer.', { thought: true })] });
      const result = await runTurn(engineFor(emu).engine, turn('hi'));
      assert.deepEqual(result.of('thought').map((t) => t.text), ['Reading the question. ', 'Planning the answer.']);
      assert.equal(result.of('finish').length, 0, 'not an "empty answer" finish');
      const [error] = result.of('error');
      assert.equal(error.failure.code, 'cutOff');
      assert.equal(error.failure.action, 'retry');
      assert.match(error.failure.message, /cut off/);
      assert.equal(result.outcome.status, 'error');
      const kept = result.outcome.contents.at(-1)!;
      assert.equal(kept.role, 'model');
      assert.ok(kept.parts!.every((part) => part.thought), 'the thoughts are kept with the turn');
    });

    it('thoughts and a STOP with no answer is still an empty answer', async () => {
      emu.enqueue({ kind: 'stream', chunks: [chunks.text('Hmm.', { thought: true }), chunks.finish('STOP')] });
      const result = await runTurn(engineFor(emu).engine, turn('hi'));
      assert.equal(result.of('finish')[0].reason, 'empty');
    });

    it('a response with no candidate at all → finish "empty"', async () => {
      emu.enqueue({ kind: 'json', body: { modelVersion: 'gemini-2.5-flash', usageMetadata: { promptTokenCount: 3, totalTokenCount: 3 } } });
      const result = await runTurn(engineFor(emu).engine, turn('hi'));
      assert.equal(result.of('finish')[0].reason, 'empty');
      assert.equal(result.of('usage')[0].usage.promptTokens, 3);
    });

    const finishes: [string, string, RegExp][] = [
      ['SAFETY', 'safety', /safety/i],
      ['RECITATION', 'recitation', /published text/],
      ['MAX_TOKENS', 'maxTokens', /maxOutputTokens/],
      ['MALFORMED_FUNCTION_CALL', 'malformedFunctionCall', /tool call/],
      ['PROHIBITED_CONTENT', 'safety', /prohibited content/],
      ['LANGUAGE', 'other', /unsupported language/],
    ];
    for (const [reason, kind, message] of finishes) {
      it(`finishReason ${reason} → finish "${kind}", partial text kept`, async () => {
        emu.enqueue({ kind: 'stream', chunks: [chunks.text('Part of it'), chunks.finish(reason)] });
        const result = await runTurn(engineFor(emu).engine, turn('hi'));
        const [finish] = result.of('finish');
        assert.equal(finish.reason, kind);
        assert.match(finish.message!, message);
        assert.equal(result.text, 'Part of it');
        assert.equal(result.outcome.contents[1].parts![0].text, 'Part of it');
        assert.equal(result.outcome.status, 'done');
      });
    }

    it('promptFeedback.blockReason → finish "blocked" naming the reason', async () => {
      emu.enqueue({ kind: 'stream', chunks: [chunks.blocked('PROHIBITED_CONTENT')] });
      const result = await runTurn(engineFor(emu).engine, turn('hi'));
      const [finish] = result.of('finish');
      assert.equal(finish.reason, 'blocked');
      assert.match(finish.message!, /prohibited content/);
    });
  });
});
