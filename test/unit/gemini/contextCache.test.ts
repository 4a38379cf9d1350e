// Context caching through the real SDK against the emulator: off by default; with it on, a large
// stable history is cached once (with the system instruction and tools), later requests send only
// what follows it plus the cache's name, the cache is reused, replaced when the prefix changes or
// it expires, dropped when the service refuses it, and deleted when the chat is closed.
import * as assert from 'node:assert/strict';
import type { Content } from '@google/genai';
import { chunks, errors } from '../../emulator';
import { createGenAI } from '../../../src/gemini/client';
import { ContextCacheManager, minimumCacheTokens } from '../../../src/gemini/contextCache';
import { settingValues, type SettingValues } from '../../../src/config/settingValues';
import { GeminiEngine } from '../../../src/gemini/turnEngine';
import { FakeTools, RecordingClock, runTurn, userText } from './helpers';
import { TEST_KEY, useEmulator } from '../../harness/useEmulator';

/** A history of `exchanges` question/answer pairs, each about 1,500 tokens by the 4-characters rule. */
function longHistory(exchanges: number, tag = 'x'): Content[] {
  const history: Content[] = [];
  for (let i = 0; i < exchanges; i++) {
    history.push(userText(`${tag}${i} ${'question text '.repeat(430)}`), { role: 'model', parts: [{ text: `${tag}${i} ${'answer text '.repeat(500)}` }] });
  }
  return history;
}

describe('power features: context caching', () => {
  const emu = useEmulator();
  let now: number;
  beforeEach(() => { now = Date.now(); }); // the emulator stamps expireTime with the real clock

  function setup(overrides: Partial<SettingValues> = { 'contextCache.enabled': true, 'contextCache.minTokens': 4096 }) {
    const settings = settingValues({ model: 'gemini-2.5-flash', ...overrides });
    const client = createGenAI({ apiKey: TEST_KEY, endpoint: emu.baseUrl });
    const cache = new ContextCacheManager({ genai: () => client, settings: () => settings, now: () => now });
    const engine = new GeminiEngine({ genai: () => client, settings: () => settings, clock: new RecordingClock(), contextCache: cache, tools: new FakeTools({ read_file: () => 'file text' }) });
    const ask = (history: Content[], text: string) =>
      runTurn(engine, { history, message: userText(text), signal: new AbortController().signal, cacheKey: 'chat-1' });
    return { cache, engine, ask };
  }
  const cacheCalls = () => emu.requests.filter((r) => r.path.includes('cachedContents')).map((r) => `${r.method} ${r.path.replace(/\/v1beta\//, '')}`);
  const generateCalls = () => emu.requests.filter((r) => r.path.includes(':streamGenerateContent'));

  it('is off by default: no cache is created, however long the chat', async () => {
    const { ask } = setup({});
    await ask(longHistory(6), 'next question');
    assert.deepEqual(cacheCalls(), []);
    assert.equal(generateCalls()[0].body.cachedContent, undefined);
  });

  it('caches a large history with the system instruction and tools, then sends only the new message and the cache name', async () => {
    const { ask, cache } = setup();
    const history = longHistory(4);
    emu.enqueue({ kind: 'stream', chunks: [chunks.text('Answer'), chunks.finish('STOP', { promptTokenCount: 6100, candidatesTokenCount: 3, cachedContentTokenCount: 6000 })] });
    const result = await ask(history, 'What changed?');

    const create = emu.requests.find((r) => r.method === 'POST' && r.path.endsWith('/cachedContents'))!;
    assert.equal(create.body.model, 'models/gemini-2.5-flash');
    assert.deepEqual(create.body.contents, JSON.parse(JSON.stringify(history)), 'the whole history is the cached prefix');
    assert.match(create.body.systemInstruction.parts[0].text, /./);
    assert.deepEqual(create.body.tools[0].functionDeclarations.map((d: { name: string }) => d.name), ['read_file']);
    assert.equal(create.body.ttl, '600s');

    const sent = generateCalls()[0].body;
    assert.equal(sent.cachedContent, cache.current('chat-1')!.name);
    assert.deepEqual(sent.contents, [userText('What changed?')], 'only what follows the prefix');
    assert.equal(sent.systemInstruction, undefined, 'part of the cache: sending it too is a 400');
    assert.equal(sent.tools, undefined);
    assert.equal(result.of('usage')[0].usage.cachedTokens, 6000, 'cached tokens reach the usage line');
  });

  it('reuses the cache while the prefix holds, and recreates it (deleting the old one) when an edit changes it', async () => {
    const { ask, cache } = setup();
    const history = longHistory(4);
    const first = await ask(history, 'Q1');
    const name = cache.current('chat-1')!.name;
    const grown = [...history, ...first.outcome.contents];
    await ask(grown, 'Q2');
    assert.deepEqual(cacheCalls(), ['POST cachedContents'], 'one cache for both turns');
    assert.deepEqual(generateCalls()[1].body.contents.map((c: Content) => c.parts![0].text), ['Q1', 'You said: Q1', 'Q2']);
    assert.equal(generateCalls()[1].body.cachedContent, name);

    const edited = [userText('a different first question'), ...history.slice(1)];
    await ask(edited, 'Q1 again');
    assert.deepEqual(cacheCalls(), ['POST cachedContents', `DELETE ${name}`, 'POST cachedContents']);
    assert.notEqual(cache.current('chat-1')!.name, name);
  });

  it('keeps the cache across tool rounds of one turn: every round names it and sends only what is new', async () => {
    const { ask, cache } = setup();
    emu.enqueue(
      { kind: 'stream', chunks: [chunks.functionCall('read_file', { path: 'a.ts' }), chunks.finish('STOP')] },
      { kind: 'stream', chunks: [chunks.text('Done.'), chunks.finish('STOP')] },
    );
    await ask(longHistory(4), 'Read a.ts');
    const [round1, round2] = generateCalls();
    assert.equal(round1.body.cachedContent, cache.current('chat-1')!.name);
    assert.equal(round2.body.cachedContent, round1.body.cachedContent);
    assert.deepEqual(round2.body.contents.map((c: Content) => c.role), ['user', 'model', 'user'], 'message, call, response');
  });

  it('replaces a cache about to expire, and follows a chat that grew past the threshold', async () => {
    const { ask, cache } = setup();
    const history = longHistory(4);
    await ask(history, 'Q1');
    const name = cache.current('chat-1')!.name;
    now += 599_000; // within the safety margin of the 600 s TTL
    await ask(history, 'Q1b');
    assert.deepEqual(cacheCalls(), ['POST cachedContents', `DELETE ${name}`, 'POST cachedContents']);

    const longer = [...history, ...longHistory(3, 'y')];
    await ask(longer, 'Q3');
    assert.equal(cache.current('chat-1')!.prefixLength, longer.length, 'the uncached tail was worth caching: the cache follows');
  });

  it('a cache the service no longer knows is dropped and the request repeated without it', async () => {
    const { ask, cache } = setup();
    const history = longHistory(4);
    await ask(history, 'Q1');
    emu.enqueue({ kind: 'error', status: 403, body: { error: { code: 403, message: 'CachedContent not found (or permission denied)', status: 'PERMISSION_DENIED' } } });
    const result = await ask(history, 'Q2');
    const [, refused, repeated] = generateCalls();
    assert.ok(refused.body.cachedContent);
    assert.equal(repeated.body.cachedContent, undefined);
    assert.equal(repeated.body.contents.length, history.length + 1, 'the full history, uncached');
    assert.ok(repeated.body.systemInstruction, 'and with its own system instruction');
    assert.equal(result.outcome.status, 'done');
    assert.equal(result.of('error').length, 0);
    assert.equal(cache.current('chat-1'), undefined);
  });

  it('does not cache a small chat, nor retry a prefix the service found too small', async () => {
    const { ask } = setup();
    await ask(longHistory(1), 'short chat');
    assert.deepEqual(cacheCalls(), [], 'under the threshold: not even tried');

    emu.enqueue({ ...errors.badRequest('Cached content is too small. total_token_count=3000, min_total_token_count=4096'), route: 'cachedContents' });
    const history = longHistory(4);
    await ask(history, 'Q1');
    await ask(history, 'Q1 again');
    assert.deepEqual(cacheCalls(), ['POST cachedContents'], 'refused once, not asked again for the same prefix');
    assert.ok(generateCalls().every((r) => r.body.cachedContent === undefined));
  });

  it('deletes the cache when the chat is closed, and when caching is switched off', async () => {
    const { ask, cache } = setup();
    await ask(longHistory(4), 'Q1');
    const name = cache.current('chat-1')!.name;
    await cache.release('chat-1');
    assert.deepEqual(cacheCalls(), ['POST cachedContents', `DELETE ${name}`]);
    assert.equal(cache.current('chat-1'), undefined);

    const settings = { value: settingValues({ 'contextCache.enabled': true, 'contextCache.minTokens': 4096 }) };
    const client = createGenAI({ apiKey: TEST_KEY, endpoint: emu.baseUrl });
    const switchable = new ContextCacheManager({ genai: () => client, settings: () => settings.value });
    const config = { systemInstruction: 'S' };
    const use = await switchable.prepare({ key: 'c2', model: 'gemini-2.5-flash', history: longHistory(4), config });
    assert.ok(use);
    settings.value = settingValues({ 'contextCache.enabled': false });
    assert.equal(await switchable.prepare({ key: 'c2', model: 'gemini-2.5-flash', history: longHistory(4), config }), undefined);
    assert.equal(cacheCalls().at(-1), `DELETE ${use.name}`);
  });

  it('knows each family\'s minimum cacheable size', () => {
    assert.equal(minimumCacheTokens('gemini-2.5-flash'), 1024);
    assert.equal(minimumCacheTokens('gemini-2.5-flash-lite'), 2048);
    assert.equal(minimumCacheTokens('models/gemini-2.5-pro'), 4096);
    assert.equal(minimumCacheTokens('gemini-3-pro-preview'), 4096);
  });
});
