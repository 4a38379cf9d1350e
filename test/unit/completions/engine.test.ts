// The completion engine through the real @google/genai SDK against the emulator: one request per
// pause, the next query aborts the request in flight down to its HTTP connection, the cache serves
// typed-through suggestions, the per-minute cap, and the quiet 429 back-off.
import * as assert from 'node:assert/strict';
import { GoogleGenAI } from '@google/genai';
import { CompletionEngine, type CompletionQuery, type CompletionSettings, type CompletionStatus } from '../../../src/completions/engine';
import { completionConfig } from '../../../src/completions/request';
import { geminiGenerate } from '../../../src/completions/request';
import { silentLogger } from '../../../src/common/logger';
import { chunks, errors, GeminiEmulator } from '../../emulator';
import { manualClock } from './limits.test';

const answer = (text: string) => ({ kind: 'stream' as const, chunks: [chunks.text(text), chunks.finish('STOP')] });

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.ok(condition(), what);
}

describe('completions/engine (SDK against the emulator)', () => {
  let emu: GeminiEmulator;
  let settings: CompletionSettings;
  let statuses: CompletionStatus[];
  let clock: ReturnType<typeof manualClock>;
  let engine: CompletionEngine;

  before(async () => {
    emu = await GeminiEmulator.start({ apiKey: 'test-key' });
  });
  after(() => emu.close());
  beforeEach(() => {
    emu.reset();
    settings = { model: 'gemini-3.5-flash-lite', debounceMs: 1, maxRequestsPerMinute: 100 };
    statuses = [];
    clock = manualClock();
    const ai = new GoogleGenAI({ apiKey: 'test-key', httpOptions: { baseUrl: emu.baseUrl } });
    engine = new CompletionEngine({ generate: geminiGenerate(async () => ai), settings: () => settings, logger: silentLogger, clock, onStatus: (s) => statuses.push(s) });
  });

  const query = (prefix: string, suffix = ';\n', signal = new AbortController().signal): CompletionQuery =>
    ({ document: 'file:///a.ts', input: { path: 'a.ts', languageId: 'typescript', prefix, suffix }, signal });

  it('asks once with minimal thinking and returns the cleaned answer', async () => {
    emu.enqueue(answer('```ts\nconst x = compute(a, b);\n```'));
    const result = await engine.complete(query('const x = '));
    assert.equal(result?.text, 'compute(a, b)');
    assert.equal(result?.source, 'model');
    assert.equal(emu.requests.length, 1);
    const body = emu.requests[0].body;
    assert.match(emu.requests[0].path, /models\/gemini-3\.5-flash-lite:generateContent$/);
    assert.equal(body.generationConfig.thinkingConfig.thinkingLevel, 'MINIMAL');
    assert.ok(body.contents[0].parts[0].text.includes('const x = <|CURSOR|>;'));
    assert.ok(result!.timing.ownMs >= 0 && result!.timing.requestMs > 0);
  });

  it('serves a typed-through suggestion from the cache without a request', async () => {
    emu.enqueue(answer('compute(a, b)'));
    await engine.complete(query('const x = '));
    const typed = await engine.complete(query('const x = comp'));
    assert.deepEqual([typed?.text, typed?.source], ['ute(a, b)', 'cache']);
    assert.equal(emu.requests.length, 1);
  });

  it('the next keystroke aborts the request in flight: the emulator sees the connection closed', async () => {
    emu.enqueue({ kind: 'stall' }, answer('b)'));
    const first = engine.complete(query('f(a', ')\n'));
    await emu.waitForRequests(1);
    const second = engine.complete(query('f(a, ', ')\n'));
    assert.equal(await first, undefined);
    await until(() => emu.requests[0].closedEarly === true, 'the first request was not closed by the client');
    assert.equal((await second)?.text, 'b');
    assert.equal(emu.requests[1].closedEarly, undefined);
  });

  it('a cancelled query during the pause sends nothing', async () => {
    settings.debounceMs = 60_000;
    const controller = new AbortController();
    const pending = engine.complete({ ...query('x = '), signal: controller.signal });
    controller.abort();
    assert.equal(await pending, undefined);
    assert.equal(emu.requests.length, 0);
  });

  it('after a 429 it pauses quietly until the retry delay has passed', async () => {
    emu.enqueue(errors.quota({ retryDelay: '20s' }), answer('1'));
    assert.equal(await engine.complete(query('a = ')), undefined);
    assert.deepEqual(statuses, [{ kind: 'paused', until: clock.now() + 20_000 }]);
    assert.equal(await engine.complete(query('b = ')), undefined);
    assert.equal(emu.requests.length, 1, 'no request while paused');
    clock.advance(20_000);
    assert.equal((await engine.complete(query('c = ')))?.text, '1');
    assert.equal(emu.requests.length, 2);
    assert.equal(statuses.at(-1)?.kind, 'ready');
  });

  it('sends at most maxRequestsPerMinute requests a minute', async () => {
    settings.maxRequestsPerMinute = 2;
    emu.enqueue(answer('1'), answer('2'), answer('3'));
    await engine.complete(query('a = '));
    await engine.complete(query('b = '));
    assert.equal(await engine.complete(query('c = ')), undefined);
    assert.equal(emu.requests.length, 2);
    assert.equal(statuses.at(-1)?.kind, 'capped');
    clock.advance(60_000);
    assert.equal((await engine.complete(query('d = ')))?.text, '3');
  });

  it('a failure other than 429 yields no suggestion and no pause', async () => {
    emu.enqueue(errors.internal(), answer('ok'));
    assert.equal(await engine.complete(query('a = ')), undefined);
    assert.equal((await engine.complete(query('b = ')))?.text, 'ok');
  });

  it('switches thinking as low as each model allows', () => {
    const prompt = { systemInstruction: '', text: '', mode: 'line' as const };
    const signal = new AbortController().signal;
    assert.deepEqual(completionConfig('gemini-3.5-flash-lite', prompt, signal).thinkingConfig, { thinkingLevel: 'MINIMAL' });
    assert.deepEqual(completionConfig('gemini-2.5-flash-lite', prompt, signal).thinkingConfig, { thinkingBudget: 0 });
    assert.deepEqual(completionConfig('gemini-3.1-pro-preview', prompt, signal).thinkingConfig, { thinkingLevel: 'LOW' });
    assert.equal(completionConfig('gemini-2.5-pro', prompt, signal).thinkingConfig, undefined);
  });
});
