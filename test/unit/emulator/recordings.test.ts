// Replays every real recording in test/fixtures/gemini-recordings through the emulator and checks
// what the real @google/genai SDK parsed from it, then that the replayed bytes equal the recording's.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ApiError, type Content } from '@google/genai';
import { loadRecording, recordingsDir } from '../../emulator';
import { collect, rawRequest, rejection, sdkFor } from './helpers';
import { useEmulator } from '../../harness/useEmulator';

const R01 = '01_pydantic-ai_sse_thoughts_gemini-2.5-pro.yaml';
const R02 = '02_pydantic-ai_sse_functioncall_thoughtsignature_roundtrip_gemini-3-pro.yaml';
const R03 = '03_pydantic-ai_sse_google_search_grounding_gemini-2.5-pro.yaml';
const R04 = '04_pydantic-ai_sse_code_execution_gemini-3-flash.yaml';
const R05 = '05_js-genai_generateContent_parallel_functioncalls_roundtrip_gemini-2.5-flash.json';
const R06 = '06_js-genai_streamGenerateContent_404_NOT_FOUND.json';
const MODELS_GZIP = 'extra_llm-gemini_models_list_raw_gzip.yaml';
const MODELS_DECODED = 'extra_llm-gemini_models_list_page1_decoded.json';
const SERVER_ID = 'extra_pydantic-ai_generateContent_functionCall_with_server_id_gemini-3.6-flash.yaml';
const EMBED = '07_llm-gemini_batchEmbedContents_gemini-embedding-2_768.yaml';
const COVERED = [R01, R02, R03, R04, R05, R06, EMBED, MODELS_GZIP, MODELS_DECODED, SERVER_ID];

describe('emulator: real recordings through the @google/genai SDK', () => {
  const emulator = useEmulator();

  it('covers every file of the recordings folder', () => {
    const present = fs.readdirSync(recordingsDir()).filter((file) => file !== 'README.md' && file !== 'LICENSES');
    assert.deepStrictEqual([...present].sort(), [...COVERED].sort());
  });

  it('01: four thought parts, then answer text carrying a thoughtSignature, ending with STOP', async () => {
    emulator.enqueueRecording(R01);
    const ai = sdkFor(emulator);
    const received = await collect(
      await ai.models.generateContentStream({
        model: 'gemini-2.5-pro',
        contents: 'How do I cross the street?',
        config: { thinkingConfig: { includeThoughts: true } },
      }),
    );
    assert.strictEqual(received.length, 23);
    const firstParts = received.map((chunk) => chunk.candidates?.[0]?.content?.parts?.[0]);
    assert.deepStrictEqual(firstParts.slice(0, 4).map((part) => part?.thought), [true, true, true, true]);
    assert.ok(firstParts[0]?.text?.startsWith('**Clarifying User Goals**'));
    assert.strictEqual(firstParts[4]?.thought, undefined);
    assert.ok(firstParts[4]?.thoughtSignature && firstParts[4].thoughtSignature.length > 20);
    assert.ok(firstParts[4]?.text?.startsWith('This is a great question!'));
    assert.strictEqual(received[22].candidates?.[0]?.finishReason, 'STOP');
    assert.strictEqual(received[3].usageMetadata?.thoughtsTokenCount, 787);
    assert.strictEqual(received[3].usageMetadata?.candidatesTokenCount, undefined);
  });

  it('02: streamed functionCall with thoughtSignature, then the answer to the echoed round trip', async () => {
    emulator.enqueueRecording(R02);
    const ai = sdkFor(emulator);
    const first = await collect(await ai.models.generateContentStream({ model: 'gemini-3-pro-preview', contents: 'What is the capital of my country?' }));
    const callPart = first[0].candidates?.[0]?.content?.parts?.[0];
    assert.strictEqual(callPart?.functionCall?.name, 'get_country');
    assert.deepStrictEqual(callPart?.functionCall?.args, {});
    assert.ok(callPart?.thoughtSignature);
    assert.strictEqual(first[1].candidates?.[0]?.finishReason, 'STOP');

    const contents: Content[] = [
      { role: 'user', parts: [{ text: 'What is the capital of my country?' }] },
      { role: 'model', parts: [callPart!] },
      { role: 'user', parts: [{ functionResponse: { id: 'call-1', name: 'get_country', response: { output: 'Mexico' } } }] },
    ];
    const second = await collect(await ai.models.generateContentStream({ model: 'gemini-3-pro-preview', contents }));
    assert.strictEqual(second.map((chunk) => chunk.text ?? '').join(''), 'The capital of Mexico is Mexico City.');
    assert.strictEqual(second[second.length - 1].usageMetadata?.promptTokenCount, 257);
    const echoed = emulator.requests[1].body.contents[1].parts[0];
    assert.strictEqual(echoed.thoughtSignature, callPart?.thoughtSignature, 'the emulator recorded the echoed signature');
  });

  it('03: grounding metadata arrives whole on the last chunk; the second call is a plain generateContent', async () => {
    emulator.enqueueRecording(R03);
    const ai = sdkFor(emulator);
    const received = await collect(
      await ai.models.generateContentStream({ model: 'gemini-2.5-pro', contents: 'What is the weather in San Francisco today?', config: { tools: [{ googleSearch: {} }] } }),
    );
    assert.strictEqual(received.length, 10);
    assert.deepStrictEqual(received[0].candidates?.[0]?.groundingMetadata, {});
    const last = received[received.length - 1];
    const grounding = last.candidates?.[0]?.groundingMetadata;
    assert.strictEqual(last.candidates?.[0]?.finishReason, 'STOP');
    assert.ok(grounding?.searchEntryPoint?.renderedContent?.includes('<style>'));
    assert.ok((grounding?.groundingChunks?.length ?? 0) > 0);
    assert.ok(grounding?.groundingChunks?.every((chunk) => chunk.web?.uri?.startsWith('https://') && chunk.web.title));
    const support = grounding?.groundingSupports?.[0];
    assert.ok(support?.segment?.text && typeof support.segment.endIndex === 'number');
    assert.ok((support?.groundingChunkIndices?.length ?? 0) > 0);
    assert.ok((grounding?.webSearchQueries?.length ?? 0) > 0);
    assert.ok((last.usageMetadata?.toolUsePromptTokenCount ?? 0) > 0);

    const plain = await ai.models.generateContent({ model: 'gemini-2.5-pro', contents: 'And in Mexico City?' });
    assert.ok(plain.text?.includes('Mexico City'));
  });

  it('04: executableCode then codeExecutionResult, then text, ending with a signed empty text and STOP', async () => {
    emulator.enqueueRecording(R04);
    const ai = sdkFor(emulator);
    const received = await collect(
      await ai.models.generateContentStream({ model: 'gemini-3-flash-preview', contents: 'Compute it', config: { tools: [{ codeExecution: {} }] } }),
    );
    const parts = received.flatMap((chunk) => chunk.candidates?.[0]?.content?.parts ?? []);
    const code = parts.find((part) => part.executableCode);
    const result = parts.find((part) => part.codeExecutionResult);
    assert.strictEqual(code?.executableCode?.language, 'PYTHON');
    assert.ok(code?.executableCode?.code?.includes('65465'));
    assert.ok(code?.thoughtSignature);
    assert.strictEqual(result?.codeExecutionResult?.outcome, 'OUTCOME_OK');
    assert.ok(result?.codeExecutionResult?.output);
    assert.ok(parts.indexOf(code!) < parts.indexOf(result!));
    const last = received[received.length - 1];
    assert.strictEqual(last.candidates?.[0]?.finishReason, 'STOP');
    assert.ok(last.candidates?.[0]?.content?.parts?.[0]?.thoughtSignature);
    assert.ok((last.usageMetadata?.toolUsePromptTokenCount ?? 0) > 0);
  });

  it('05: two parallel functionCalls (only the first signed), then the final text', async () => {
    emulator.enqueueRecording(R05);
    const ai = sdkFor(emulator);
    const first = await ai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'print hello in blue and beep' });
    assert.deepStrictEqual(first.functionCalls?.map((call) => [call.name, call.args]), [
      ['print', { color: 'blue', text: 'hello' }],
      ['beep', {}],
    ]);
    const parts = first.candidates?.[0]?.content?.parts ?? [];
    assert.ok(parts[0].thoughtSignature);
    assert.strictEqual(parts[1].thoughtSignature, undefined);
    assert.ok((first.usageMetadata?.thoughtsTokenCount ?? 0) > 0);
    const second = await ai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'results' });
    assert.strictEqual(second.text, 'hello \nbeep');
    assert.strictEqual(second.candidates?.[0]?.finishReason, 'STOP');
  });

  it('06: the SDK throws ApiError 404 with the recorded message', async () => {
    emulator.enqueueRecording(R06);
    const ai = sdkFor(emulator);
    const error = await rejection(async () =>
      collect(await ai.models.generateContentStream({ model: 'custom-gemini-2.0-flash', contents: 'why is the sky blue?' })),
    );
    assert.ok(error instanceof ApiError, `expected ApiError, got ${error}`);
    assert.strictEqual(error.status, 404);
    assert.ok(
      error.message.includes(
        'models/custom-gemini-2.0-flash is not found for API version v1beta, or is not supported for generateContent.',
      ),
    );
  });

  it('models list (gzip on the wire): 50 models and a nextPageToken, twice as recorded', async () => {
    emulator.enqueueRecording(MODELS_GZIP);
    const decoded = JSON.parse(fs.readFileSync(path.join(recordingsDir(), MODELS_DECODED), 'utf8'));
    const ai = sdkFor(emulator);
    for (let round = 0; round < 2; round++) {
      const pager = await ai.models.list();
      assert.strictEqual(pager.pageLength, 50);
      assert.strictEqual(pager.page[0].name, decoded.models[0].name);
      assert.ok(pager.hasNextPage());
      assert.strictEqual(pager.params.config?.pageToken, decoded.nextPageToken);
    }
    assert.strictEqual(emulator.pending, 0);
  });

  it('models list (decoded page): served as JSON it gives the same 50 models and nextPageToken', async () => {
    const decoded = JSON.parse(fs.readFileSync(path.join(recordingsDir(), MODELS_DECODED), 'utf8'));
    emulator.enqueue({ kind: 'json', body: decoded, route: 'models.list' });
    const pager = await sdkFor(emulator).models.list();
    assert.deepStrictEqual(pager.page.map((model) => model.name), decoded.models.map((model: { name: string }) => model.name));
    assert.strictEqual(pager.page[0].inputTokenLimit, decoded.models[0].inputTokenLimit);
    assert.strictEqual(pager.params.config?.pageToken, decoded.nextPageToken);
  });

  it('3.6 flash: functionCall with a server id, echoed back as functionResponse.id', async () => {
    emulator.enqueueRecording(SERVER_ID);
    const ai = sdkFor(emulator);
    const first = await ai.models.generateContent({ model: 'gemini-3.6-flash', contents: 'load refunds' });
    assert.deepStrictEqual(first.functionCalls?.[0], { id: 'g98os1Jf', name: 'load_capability', args: { id: 'refunds' } });
    // @google/genai 2.32 drops the candidate's finishMessage; the raw body still carries it.
    assert.ok(loadRecording(SERVER_ID)[0].response.body.toString('utf8').includes('"finishMessage":"Model generated function call(s)."'));
    const second = await ai.models.generateContent({
      model: 'gemini-3.6-flash',
      contents: [
        { role: 'user', parts: [{ text: 'load refunds' }] },
        { role: 'model', parts: first.candidates?.[0]?.content?.parts ?? [] },
        { role: 'user', parts: [{ functionResponse: { id: 'g98os1Jf', name: 'load_capability', response: {} } }] },
      ],
    });
    assert.deepStrictEqual(second.functionCalls?.[0], { id: 'grBScFvZ', name: 'lookup_refund_policy', args: { order_id: 'A-4417' } });
    assert.strictEqual(emulator.requests[1].body.contents[2].parts[0].functionResponse.id, 'g98os1Jf');
    const third = await ai.models.generateContent({ model: 'gemini-3.6-flash', contents: 'result?' });
    assert.strictEqual(third.text, 'A-4417: refund allowed');
  });

  it('07: batchEmbedContents on gemini-embedding-2 at 768 dimensions: unit vectors and usage, as the SDK reads them', async () => {
    emulator.enqueueRecording(EMBED);
    const ai = sdkFor(emulator);
    const result = await ai.models.embedContent({ model: 'gemini-embedding-2', contents: ['First text', 'Second text'].map((text) => ({ parts: [{ text }] })), config: { outputDimensionality: 768 } });
    const vectors = result.embeddings?.map((e) => e.values ?? []) ?? [];
    assert.deepStrictEqual(vectors.map((v) => v.length), [768, 768]);
    for (const v of vectors) assert.ok(Math.abs(Math.hypot(...v) - 1) < 1e-6, 'gemini-embedding-2 normalises a 768-value embedding');
    assert.strictEqual(emulator.requests[0].path, '/v1beta/models/gemini-embedding-2:batchEmbedContents');
    assert.deepStrictEqual(emulator.requests[0].body.requests.map((r: any) => r.content.parts[0].text), (loadRecording(EMBED)[0].request.body as any).requests.map((r: any) => r.content.parts[0].text));
    assert.strictEqual(emulator.pending, 0);
  });

  it('07: the built-in embeddings answer has the recorded wire shape (keys, usage block, unit vectors)', async () => {
    const recorded = JSON.parse(require('zlib').gunzipSync(loadRecording(EMBED)[0].response.body).toString('utf8'));
    const request = loadRecording(EMBED)[0].request;
    const reply = await rawRequest(emulator, request.method, request.path, request.body);
    const built = JSON.parse(reply.body.toString('utf8'));
    assert.deepStrictEqual(Object.keys(built), Object.keys(recorded));
    assert.deepStrictEqual(Object.keys(built.usageMetadata), Object.keys(recorded.usageMetadata));
    assert.deepStrictEqual(built.usageMetadata.promptTokenDetails[0].modality, recorded.usageMetadata.promptTokenDetails[0].modality);
    assert.deepStrictEqual(built.embeddings.map((e: { values: number[] }) => e.values.length), recorded.embeddings.map((e: { values: number[] }) => e.values.length));
    for (const e of built.embeddings) assert.ok(Math.abs(Math.hypot(...e.values) - 1) < 1e-6);
  });

  describe('byte-for-byte replay', () => {
    const replayable = COVERED.filter((file) => file !== MODELS_DECODED);
    for (const file of replayable) {
      it(`${file}: every replayed body equals the recording's bytes`, async () => {
        const exchanges = loadRecording(file);
        emulator.enqueueRecording(file);
        for (const exchange of exchanges) {
          const reply = await rawRequest(emulator, exchange.request.method, exchange.request.path, exchange.request.body);
          assert.strictEqual(reply.status, exchange.response.status);
          assert.ok(reply.body.equals(exchange.response.body), `body of ${exchange.request.path} differs`);
          const encoding = Object.entries(exchange.response.headers).find(([name]) => name.toLowerCase() === 'content-encoding');
          assert.strictEqual(reply.headers['content-encoding'], encoding?.[1]);
        }
        assert.strictEqual(emulator.pending, 0);
      });
    }

    it('the gzip models page decodes to the derived JSON file', async () => {
      const zlib = await import('zlib');
      const [exchange] = loadRecording(MODELS_GZIP);
      const decoded = fs.readFileSync(path.join(recordingsDir(), MODELS_DECODED));
      assert.deepStrictEqual(JSON.parse(zlib.gunzipSync(exchange.response.body).toString('utf8')), JSON.parse(decoded.toString('utf8')));
    });

    it('SSE recordings keep Google framing: data: <json>\\r\\n\\r\\n', () => {
      const body = loadRecording(R01)[0].response.body.toString('utf8');
      const events = body.split('\r\n\r\n');
      assert.strictEqual(events.pop(), '');
      assert.strictEqual(events.length, 23);
      assert.ok(events.every((event) => event.startsWith('data: ') && JSON.parse(event.slice(6))));
    });
  });
});
