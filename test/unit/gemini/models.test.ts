// ModelCatalog: models.list through every page, filtered and cached; countTokens and the input
// limit warning.
import * as assert from 'node:assert/strict';
import { createGenAI } from '../../../src/gemini/client';
import { ModelCatalog } from '../../../src/gemini/models';

import { userText } from './helpers';
import { TEST_KEY, useEmulator } from '../../harness/useEmulator';

describe('ModelCatalog', () => {
  const emu = useEmulator();

  const catalogFor = (extra: Partial<ConstructorParameters<typeof ModelCatalog>[0]> = {}) => {
    const client = createGenAI({ apiKey: TEST_KEY, endpoint: emu.baseUrl });
    return new ModelCatalog({ genai: () => client, ...extra });
  };
  const listRequests = () => emu.requests.filter((r) => r.method === 'GET' && /\/models$/.test(r.path));

  it('follows every page, keeps generateContent models only, with limits and thinking', async () => {
    const catalog = catalogFor({ pageSize: 20 });
    const models = await catalog.list();
    assert.equal(listRequests().length, 3, '43 models in pages of 20');
    assert.equal(listRequests()[1].query.pageToken !== undefined, true);
    const ids = models.map((m) => m.id);
    assert.ok(ids.includes('gemini-3.8-flash'));
    assert.ok(ids.includes('gemini-3.6-flash'));
    assert.ok(!ids.includes('gemini-embedding-001'), 'embedding models cannot chat');
    assert.ok(!ids.includes('imagen-4.0-generate-001'));
    assert.equal(new Set(ids).size, ids.length, 'no duplicates across pages');
    const flash = catalog.get('models/gemini-3.8-flash')!;
    assert.deepEqual([flash.inputTokenLimit, flash.outputTokenLimit, flash.thinking], [1048576, 65536, true]);
    assert.equal(catalog.thinks('gemini-2.5-flash-preview-tts'), false);
    assert.equal(catalog.thinks('unknown-model'), undefined);
  });

  it('replays the real gzip models.list page and follows its nextPageToken', async () => {
    emu.enqueueRecording('extra_llm-gemini_models_list_raw_gzip.yaml');
    const catalog = catalogFor();
    // The recording holds page 1 twice, so the pager sees the same models again: listed once.
    const models = await catalog.list();
    assert.equal(listRequests()[1].query.pageToken, 'Ch9tb2RlbHMvdmVvLTMuMS1nZW5lcmF0ZS1wcmV2aWV3');
    assert.ok(models.some((m) => m.id === 'gemini-3-pro-preview'));
    assert.equal(new Set(models.map((m) => m.id)).size, models.length);
  });

  it('stops paging when the service hands out a page token it gave before', async () => {
    emu.modelPages = 'repeatToken';
    const models = await catalogFor({ pageSize: 20 }).list();
    assert.equal(listRequests().length, 2, 'the first page, then the token once; never the same token again');
    assert.ok(models.length > 0);
  });

  it('stops at the page cap when the service keeps handing out new tokens', async () => {
    emu.modelPages = 'endless';
    await catalogFor({ pageSize: 20 }).list();
    assert.equal(listRequests().length, 20);
  });

  it('serves from the cache until the TTL passes; concurrent callers share one fetch', async () => {
    let now = 1_000;
    const catalog = catalogFor({ ttlMs: 60_000, now: () => now });
    await Promise.all([catalog.list(), catalog.list(), catalog.list()]);
    assert.equal(listRequests().length, 1);
    now += 30_000;
    await catalog.list();
    assert.equal(listRequests().length, 1, 'still fresh');
    now += 31_000;
    await catalog.list();
    assert.equal(listRequests().length, 2, 'stale: fetched again');
    await catalog.list({ refresh: true });
    assert.equal(listRequests().length, 3);
  });

  it('countTokens asks the service for the pending request', async () => {
    emu.setTokenCount(4321);
    const tokens = await catalogFor().countTokens('gemini-2.5-flash', [userText('hello')]);
    assert.equal(tokens, 4321);
    const request = emu.requests.find((r) => r.path.endsWith(':countTokens'))!;
    assert.deepEqual(request.body.contents, [userText('hello')]);
  });

  it('checkInputLimit: ok, near (90 %), over the model\'s input limit', async () => {
    const catalog = catalogFor();
    const contents = [userText('big')];
    emu.setTokenCount(1000);
    assert.equal((await catalog.checkInputLimit('gemini-3.8-flash', contents)).verdict, 'ok');
    emu.setTokenCount(1_000_000);
    const near = await catalog.checkInputLimit('gemini-3.8-flash', contents);
    assert.equal(near.verdict, 'near');
    assert.equal(near.limit, 1048576);
    emu.setTokenCount(1_040_000);
    const over = await catalog.checkInputLimit('gemini-3.8-flash', contents, 10_000);
    assert.equal(over.verdict, 'over');
    assert.equal(over.tokens, 1_050_000);
    assert.match(over.message!, /1M-token input limit of Gemini 3\.8 Flash/);
  });
});
