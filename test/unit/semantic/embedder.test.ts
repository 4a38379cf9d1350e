// The embedder on both services through the real SDK: the Gemini API gets one batchEmbedContents
// request per batch; Vertex AI, where the SDK sends gemini-embedding-2 one content per
// embedContent call, gets one call per text with the bearer token and the same vectors. And the
// cost estimate shown before the first index.
import * as assert from 'node:assert/strict';
import { createVertexGenAI } from '../../../src/gemini/vertex';
import { describeEstimate, estimateIndexCost } from '../../../src/semantic/cost';
import { GeminiEmbedder } from '../../../src/semantic/embedder';
import { VERTEX_TEST_TOKEN } from '../../emulator/vertex';
import { useEmulator } from '../../harness/useEmulator';
import { sdkFor } from '../emulator/helpers';

describe('semantic: embedder and cost', () => {
  const emu = useEmulator();
  const docs = [{ path: 'a.ts', text: 'parse the config' }, { path: 'b.ts', text: 'render the widget' }];

  it('Vertex AI: one embedContent call per text, with the bearer token, giving the Gemini API\'s vectors', async () => {
    const genai = await createVertexGenAI({ project: 'p1', location: 'global', credential: { getAccessToken: async () => VERTEX_TEST_TOKEN }, endpoint: emu.baseUrl });
    const vertex = await new GeminiEmbedder(async () => genai).embedDocuments(docs);
    assert.deepEqual(emu.requests.map((r) => r.path), [1, 2].map(() => '/v1beta1/projects/p1/locations/global/publishers/google/models/gemini-embedding-2:embedContent'));
    assert.equal(emu.requests[0].headers.authorization, `Bearer ${VERTEX_TEST_TOKEN}`);
    assert.equal(emu.requests[1].body.content.parts[0].text, 'title: b.ts | text: render the widget');
    emu.reset();
    const gemini = await new GeminiEmbedder(async () => sdkFor(emu)).embedDocuments(docs);
    assert.equal(emu.requests.length, 1, 'the Gemini API takes the batch in one request');
    assert.deepEqual(vertex, gemini);
  });

  it('estimates tokens from the sizes (four characters a token plus the title) at $0.20 per 1M', () => {
    const estimate = estimateIndexCost([4000, 100, 0]);
    assert.equal(estimate.files, 3);
    assert.equal(estimate.tokens, Math.ceil((4100 + 4 * 40) / 4));
    assert.deepEqual(describeEstimate(estimate), { tokens: '1.1K', cost: '$0.0002' });
    const big = estimateIndexCost(Array.from({ length: 10_000 }, () => 3000));
    assert.equal(big.tokens, 7_700_000, 'two chunks a file, 40 characters of title each');
    assert.deepEqual(describeEstimate(big), { tokens: '7.7M', cost: '$1.54' });
  });
});
