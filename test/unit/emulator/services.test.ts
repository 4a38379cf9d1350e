// The emulator's built-in services and scripting, through the real @google/genai SDK: the default
// echo answer, chunk builders, request recording, models paging, countTokens, embeddings, caches.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { chunks, GeminiEmulator, loadRecording, recordingsDir } from '../../emulator';
import { loadCatalogue, RETIRED_MODELS } from '../../emulator/catalogue';
import { parseServiceError } from '../../../src/gemini/errors';
import { collect, rawRequest, rejection, sdkFor } from './helpers';
import { TEST_KEY, useEmulator } from '../../harness/useEmulator';

const MODEL = 'gemini-2.5-flash';

describe('emulator: services and scripting through the @google/genai SDK', () => {
  const emulator = useEmulator();

  describe('default answer (empty queue)', () => {
    it('streams "You said: <last user text>" in several chunks with usage and STOP', async () => {
      const received = await collect(
        await sdkFor(emulator).models.generateContentStream({
          model: MODEL,
          contents: [
            { role: 'user', parts: [{ text: 'first question' }] },
            { role: 'model', parts: [{ text: 'an answer' }] },
            { role: 'user', parts: [{ text: 'how are you today?' }] },
          ],
        }),
      );
      assert.ok(received.length >= 3);
      assert.strictEqual(received.map((chunk) => chunk.text ?? '').join(''), 'You said: how are you today?');
      const last = received[received.length - 1];
      assert.strictEqual(last.candidates?.[0]?.finishReason, 'STOP');
      assert.ok((last.usageMetadata?.promptTokenCount ?? 0) > 0);
      assert.ok((last.usageMetadata?.candidatesTokenCount ?? 0) > 0);
    });

    it('answers generateContent with the merged text, on v1 as on v1beta', async () => {
      const answer = await sdkFor(emulator, TEST_KEY, 'v1').models.generateContent({ model: MODEL, contents: 'ping' });
      assert.strictEqual(answer.text, 'You said: ping');
      assert.strictEqual(emulator.requests[0].path, `/v1/models/${MODEL}:generateContent`);
    });
  });

  describe('scripted chunks', () => {
    it('thoughts, signed function calls with ids, usage and finish reach the SDK intact', async () => {
      emulator.enqueue({
        kind: 'stream',
        chunks: [
          chunks.text('Let me look.', { thought: true }),
          chunks.functionCall('read_file', { path: 'a.ts' }, { id: 'call-7', thoughtSignature: 'c2lnbmF0dXJl' }),
          chunks.finish('STOP', { promptTokenCount: 10, candidatesTokenCount: 5, thoughtsTokenCount: 3 }),
        ],
      });
      const received = await collect(await sdkFor(emulator).models.generateContentStream({ model: MODEL, contents: 'read a.ts' }));
      assert.strictEqual(received[0].candidates?.[0]?.content?.parts?.[0]?.thought, true);
      assert.deepStrictEqual(received[1].functionCalls, [{ id: 'call-7', name: 'read_file', args: { path: 'a.ts' } }]);
      assert.strictEqual(received[1].candidates?.[0]?.content?.parts?.[0]?.thoughtSignature, 'c2lnbmF0dXJl');
      assert.strictEqual(received[2].candidates?.[0]?.finishReason, 'STOP');
      assert.strictEqual(received[2].usageMetadata?.totalTokenCount, 18);
    });

    it('grounding and code execution builders produce what the SDK exposes', async () => {
      emulator.enqueue({
        kind: 'stream',
        chunks: [
          chunks.code('print(1+1)', { output: '2\n' }),
          chunks.grounding(
            {
              sources: [{ uri: 'https://example.com/a', title: 'example.com' }],
              supports: [{ startIndex: 0, endIndex: 5, text: 'Hello', sources: [0] }],
              queries: ['hello'],
              renderedContent: '<div>chip</div>',
            },
            'Hello',
          ),
          chunks.finish('MAX_TOKENS'),
        ],
      });
      const received = await collect(await sdkFor(emulator).models.generateContentStream({ model: MODEL, contents: 'x' }));
      const codeParts = received[0].candidates?.[0]?.content?.parts ?? [];
      assert.deepStrictEqual(codeParts[0].executableCode, { language: 'PYTHON', code: 'print(1+1)' });
      assert.deepStrictEqual(codeParts[1].codeExecutionResult, { outcome: 'OUTCOME_OK', output: '2\n' });
      const grounding = received[1].candidates?.[0]?.groundingMetadata;
      assert.strictEqual(grounding?.groundingChunks?.[0]?.web?.uri, 'https://example.com/a');
      assert.deepStrictEqual(grounding?.groundingSupports?.[0]?.groundingChunkIndices, [0]);
      assert.strictEqual(grounding?.searchEntryPoint?.renderedContent, '<div>chip</div>');
      assert.strictEqual(received[2].candidates?.[0]?.finishReason, 'MAX_TOKENS');
    });

    it('a stream script on generateContent is merged into one answer', async () => {
      emulator.enqueue({ kind: 'stream', chunks: [chunks.text('Hel'), chunks.text('lo'), chunks.finish('STOP', { promptTokenCount: 2 })] });
      const answer = await sdkFor(emulator).models.generateContent({ model: MODEL, contents: 'x' });
      assert.strictEqual(answer.text, 'Hello');
      assert.strictEqual(answer.candidates?.[0]?.content?.parts?.length, 1);
      assert.strictEqual(answer.usageMetadata?.promptTokenCount, 2);
    });

    it('a json script on a stream route goes out as one SSE event', async () => {
      emulator.enqueue({ kind: 'json', body: chunks.text('whole') });
      const received = await collect(await sdkFor(emulator).models.generateContentStream({ model: MODEL, contents: 'x' }));
      assert.deepStrictEqual(received.map((chunk) => chunk.text), ['whole']);
    });

    it('the queue is FIFO and reset() empties it', async () => {
      const ai = sdkFor(emulator);
      emulator.enqueue({ kind: 'json', body: chunks.text('one') }, { kind: 'json', body: chunks.text('two') });
      assert.strictEqual((await ai.models.generateContent({ model: MODEL, contents: 'x' })).text, 'one');
      assert.strictEqual(emulator.pending, 1);
      emulator.reset();
      assert.strictEqual(emulator.pending, 0);
      assert.strictEqual((await ai.models.generateContent({ model: MODEL, contents: 'y' })).text, 'You said: y');
    });

    it('an answer bound to another route waits: generate calls then get the default', async () => {
      emulator.enqueue({ kind: 'json', body: { models: [] }, route: 'models.list' });
      assert.strictEqual((await sdkFor(emulator).models.generateContent({ model: MODEL, contents: 'z' })).text, 'You said: z');
      assert.strictEqual(emulator.pending, 1);
    });
  });

  it('records every request: method, path, query, headers, parsed and raw body', async () => {
    await collect(
      await sdkFor(emulator).models.generateContentStream({ model: MODEL, contents: 'record me', config: { systemInstruction: 'be brief' } }),
    );
    const [request] = emulator.requests;
    assert.strictEqual(request.method, 'POST');
    assert.strictEqual(request.path, `/v1beta/models/${MODEL}:streamGenerateContent`);
    assert.deepStrictEqual(request.query, { alt: 'sse' });
    assert.strictEqual(request.headers['x-goog-api-key'], TEST_KEY);
    assert.strictEqual(request.body.contents[0].parts[0].text, 'record me');
    assert.strictEqual(request.body.systemInstruction.parts[0].text, 'be brief');
    assert.deepStrictEqual(JSON.parse(request.raw), request.body);
  });

  describe('models', () => {
    const catalogue = { models: loadCatalogue() };
    const names: string[] = catalogue.models.map((model: { name: string }) => model.name);

    it('lists the recorded catalogue in pages of pageSize, following nextPageToken', async () => {
      const pager = await sdkFor(emulator).models.list({ config: { pageSize: 20 } });
      assert.strictEqual(pager.pageLength, 20);
      const seen: string[] = [];
      for await (const model of pager) seen.push(model.name ?? '');
      assert.deepStrictEqual(seen, names);
      const tokens = emulator.requests.map((request) => request.query.pageToken);
      assert.strictEqual(emulator.requests.length, 3);
      assert.strictEqual(tokens[0], undefined);
      assert.ok(tokens[1] && tokens[2] && tokens[1] !== tokens[2]);
      assert.ok(emulator.requests.every((request) => request.query.pageSize === '20'));
    });

    it('pages 50 models by default, like Google', async () => {
      const pager = await sdkFor(emulator).models.list();
      assert.strictEqual(pager.pageLength, Math.min(50, names.length));
    });

    it("is today's list: the recording less the models shut down since, plus 3.7 and 3.8 Flash", () => {
      const recorded = JSON.parse(fs.readFileSync(path.join(recordingsDir(), 'extra_llm-gemini_models_list_page1_decoded.json'), 'utf8'));
      assert.ok(recorded.models.some((model: { name: string }) => model.name === 'models/gemini-2.5-flash'), 'the recording still has it');
      for (const id of RETIRED_MODELS) assert.ok(!names.includes(`models/${id}`), id);
      for (const id of ['gemini-3.8-flash', 'gemini-3.7-flash', 'gemini-3.6-flash', 'gemini-3.5-flash-lite', 'gemini-3.1-pro-preview']) assert.ok(names.includes(`models/${id}`), id);
    });

    it('answers a generate call for a retired model with the real 404 (recording 06\'s wire form), when started with them', async () => {
      const retiring = await GeminiEmulator.start({ retiredModels: RETIRED_MODELS });
      try {
        const ai = sdkFor(retiring);
        const error = await rejection(async () => {
          const stream = await ai.models.generateContentStream({ model: 'gemini-2.5-flash', contents: 'Hi' });
          for await (const _ of stream) { /* drain */ }
        });
        assert.strictEqual(error.status, 404);
        const recorded = loadRecording('06_js-genai_streamGenerateContent_404_NOT_FOUND.json')[0].response;
        const [ours] = retiring.requests;
        assert.ok(ours.path.endsWith('/models/gemini-2.5-flash:streamGenerateContent'));
        const body = { error: parseServiceError(error)!.body }; // served as text/event-stream, like recording 06
        const recordedBody = JSON.parse(recorded.body.toString('utf8'));
        assert.deepStrictEqual(Object.keys(body.error).sort(), Object.keys(recordedBody.error).sort());
        assert.strictEqual(body.error.message, recordedBody.error.message.replace('custom-gemini-2.0-flash', 'gemini-2.5-flash'));
        assert.strictEqual(body.error.details?.[0]?.detail, recordedBody.error.details[0].detail.replaceAll('custom-gemini-2.0-flash', 'gemini-2.5-flash'));
      } finally {
        await retiring.close();
      }
    });

    it('gets one model, and 404s an unknown one', async () => {
      const ai = sdkFor(emulator);
      const model = await ai.models.get({ model: names[0] });
      assert.strictEqual(model.name, names[0]);
      assert.strictEqual(model.inputTokenLimit, catalogue.models[0].inputTokenLimit);
      const error = await rejection(() => ai.models.get({ model: 'no-such-model' }));
      assert.strictEqual(error.status, 404);
    });
  });

  describe('countTokens and embeddings', () => {
    it('counts ceil(characters / 4) over all text parts, unless a count is set', async () => {
      const ai = sdkFor(emulator);
      const counted = await ai.models.countTokens({ model: MODEL, contents: ['abcdefghi', 'jk'] });
      assert.strictEqual(counted.totalTokens, 3);
      emulator.setTokenCount(4242);
      assert.strictEqual((await ai.models.countTokens({ model: MODEL, contents: 'x' })).totalTokens, 4242);
    });

    it('embeds deterministically: equal texts equal vectors, outputDimensionality honoured', async () => {
      const ai = sdkFor(emulator);
      const result = await ai.models.embedContent({ model: 'gemini-embedding-001', contents: ['alpha', 'beta', 'alpha'], config: { outputDimensionality: 16 } });
      const vectors = result.embeddings?.map((embedding) => embedding.values ?? []) ?? [];
      assert.strictEqual(vectors.length, 3);
      assert.strictEqual(vectors[0].length, 16);
      assert.deepStrictEqual(vectors[0], vectors[2]);
      assert.notDeepStrictEqual(vectors[0], vectors[1]);
      assert.strictEqual(emulator.requests[0].path, '/v1beta/models/gemini-embedding-001:batchEmbedContents');
    });
  });

  describe('cachedContents', () => {
    it('create, get, list (paged), update ttl, delete through ai.caches', async () => {
      const ai = sdkFor(emulator);
      const before = Date.now();
      const created = await ai.caches.create({ model: MODEL, config: { contents: 'a long shared prefix', displayName: 'prefix', ttl: '600s' } });
      assert.match(created.name ?? '', /^cachedContents\/[a-z0-9]+$/);
      assert.strictEqual(created.model, `models/${MODEL}`);
      const expires = Date.parse(created.expireTime ?? '');
      assert.ok(expires >= before + 600_000 && expires <= Date.now() + 600_000);

      const other = await ai.caches.create({ model: MODEL, config: { contents: 'another', ttl: '60s' } });
      assert.strictEqual((await ai.caches.get({ name: created.name! })).displayName, 'prefix');

      const pager = await ai.caches.list({ config: { pageSize: 1 } });
      const listed: string[] = [];
      for await (const cache of pager) listed.push(cache.name ?? '');
      assert.deepStrictEqual(listed.sort(), [created.name, other.name].sort());

      const updated = await ai.caches.update({ name: created.name!, config: { ttl: '7200s' } });
      assert.ok(Date.parse(updated.expireTime ?? '') > expires + 3_000_000);

      await ai.caches.delete({ name: created.name! });
      const gone = await rejection(() => ai.caches.get({ name: created.name! }));
      assert.strictEqual(gone.status, 403);
      assert.match(gone.message, /CachedContent not found/);
    });

    it('a cache past its expireTime is gone', async () => {
      const ai = sdkFor(emulator);
      const created = await ai.caches.create({ model: MODEL, config: { contents: 'short lived', ttl: '0.05s' } });
      await new Promise((resolve) => setTimeout(resolve, 80));
      const gone = await rejection(() => ai.caches.get({ name: created.name! }));
      assert.strictEqual(gone.status, 403);
    });
  });

  it('batchEmbedContents and countTokens also answer on raw HTTP with JSON content type', async () => {
    const reply = await rawRequest(emulator, 'POST', `/v1beta/models/${MODEL}:countTokens`, { contents: [{ parts: [{ text: '12345678' }] }] });
    assert.strictEqual(reply.headers['content-type'], 'application/json; charset=UTF-8');
    assert.strictEqual(JSON.parse(reply.body.toString('utf8')).totalTokens, 2);
  });
});
