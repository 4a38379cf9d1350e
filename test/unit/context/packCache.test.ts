// The whole-workspace pack through the engine and the real SDK against the emulator: the pack is
// the request's prefix and is cached on its own, even with the caching setting off; later turns
// send only the chat and name the cache; a changed pack (a file changed) renews it; a declined
// pack sends nothing.
import * as assert from 'node:assert/strict';
import type { Content } from '@google/genai';
import { chunks } from '../../emulator';
import { createGenAI } from '../../../src/gemini/client';
import { ContextCacheManager } from '../../../src/gemini/contextCache';
import { settingValues } from '../../../src/config/settingValues';
import { GeminiEngine } from '../../../src/gemini/turnEngine';
import type { TurnRequest } from '../../../src/gemini/turnContract';
import { withWorkspacePack, type PackPrefix } from '../../../src/context/packRunner';
import { RecordingClock, runTurn, userText } from '../gemini/helpers';
import { TEST_KEY, useEmulator } from '../../harness/useEmulator';

const pack = (tag: string): Content[] => [{ role: 'user', parts: [{ text: `# Workspace manifest ${tag}` }, { text: `<file path="a.ts">\n${`const ${tag} = 1;\n`.repeat(600)}</file>` }] }];

describe('whole workspace: the pack as a cached prefix', () => {
  const emu = useEmulator();

  function setup(prefix: () => PackPrefix) {
    const settings = settingValues({ model: 'gemini-2.5-flash' }); // contextCache.enabled stays false
    const client = createGenAI({ apiKey: TEST_KEY, endpoint: emu.baseUrl });
    const cache = new ContextCacheManager({ genai: () => client, settings: () => settings });
    const engine = new GeminiEngine({ genai: () => client, settings: () => settings, clock: new RecordingClock(), contextCache: cache });
    const asked: TurnRequest[] = [];
    // runTurn (the helper) only calls runTurn on what it is given.
    const runner = withWorkspacePack(engine, { prefixFor: async (request) => { asked.push(request); return prefix(); } });
    const ask = (history: Content[], text: string, wholeWorkspace = true) =>
      runTurn(runner as GeminiEngine, { history, message: userText(text), signal: new AbortController().signal, cacheKey: 'chat-1', wholeWorkspace });
    return { ask, cache, asked };
  }
  const creates = () => emu.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/cachedContents'));
  const generates = () => emu.requests.filter((r) => r.path.includes(':streamGenerateContent'));

  it('caches the pack alone with caching off, then reuses it while it does not change', async () => {
    let current = pack('v1');
    const { ask, cache } = setup(() => ({ kind: 'pack', contents: current }));
    const first = await ask([], 'Q1');
    assert.equal(creates().length, 1);
    assert.deepEqual(creates()[0].body.contents, JSON.parse(JSON.stringify(current)), 'exactly the pack is cached');
    const name = cache.current('chat-1')!.name;
    assert.equal(generates()[0].body.cachedContent, name);
    assert.deepEqual(generates()[0].body.contents, [userText('Q1')], 'the pack is not sent again beside its cache');

    const history = first.outcome.contents;
    assert.deepEqual(history.map((c) => c.parts![0].text), ['Q1', 'You said: Q1'], 'the chat keeps no copy of the pack');
    await ask(history, 'Q2');
    assert.equal(creates().length, 1, 'the second turn reuses the cache');
    assert.equal(generates()[1].body.cachedContent, name);
    assert.deepEqual(generates()[1].body.contents.map((c: Content) => c.parts![0].text), ['Q1', 'You said: Q1', 'Q2']);

    current = pack('v2'); // a file changed: the next turn's pack differs
    await ask([...history, userText('Q2'), { role: 'model', parts: [{ text: 'You said: Q2' }] }], 'Q3');
    assert.equal(creates().length, 2, 'a changed pack renews the cache');
    assert.match(JSON.stringify(creates()[1].body.contents), /const v2 = 1/);
    assert.ok(emu.requests.some((r) => r.method === 'DELETE' && r.path.endsWith(name)), 'the old cache is deleted');
  });

  it('leaves turns without the toggle alone', async () => {
    const { ask, asked } = setup(() => ({ kind: 'pack', contents: pack('x') }));
    await ask([], 'plain question', false);
    assert.equal(asked.length, 0);
    assert.equal(creates().length, 0);
    assert.deepEqual(generates()[0].body.contents, [userText('plain question')]);
  });

  it('sends nothing when the user declines, and says so', async () => {
    const { ask } = setup(() => ({ kind: 'declined', message: 'Not sent: declined.' }));
    const result = await ask([], 'Q');
    assert.equal(generates().length, 0);
    assert.equal(result.outcome.status, 'stopped');
    assert.deepEqual(result.of('finish').map((f) => f.message), ['Not sent: declined.']);
  });

  it('reports a pack that cannot be built as the turn\'s error, without sending', async () => {
    const { ask } = setup(() => { throw new Error('no workspace folder is open'); });
    const result = await ask([], 'Q');
    assert.equal(generates().length, 0);
    assert.match(result.of('error')[0].failure.message, /could not be packed: no workspace folder is open/);
  });
});
