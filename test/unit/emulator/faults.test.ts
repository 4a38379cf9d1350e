// Every scripted fault as the real @google/genai SDK sees it: HTTP errors with Google's bodies,
// a stream cut mid-way, a malformed chunk, a stall, and the API key check.
import * as assert from 'assert';
import { ApiError } from '@google/genai';
import { chunks, errors, GeminiEmulator } from '../../emulator';
import { collect, rawRequest, rejection, sdkFor } from './helpers';
import { TEST_KEY, useEmulator } from '../../harness/useEmulator';

const MODEL = 'gemini-2.5-flash';

/** The SDK puts the response body (JSON text) in ApiError.message; this digs out Google's error object. */
function googleErrorOf(error: ApiError): any {
  const outer = JSON.parse(error.message).error;
  return typeof outer.message === 'string' && outer.message.trimStart().startsWith('{') ? JSON.parse(outer.message).error : outer;
}

describe('emulator: faults through the @google/genai SDK', () => {
  const emulator = useEmulator();

  const statusCases: [string, () => ReturnType<typeof errors.internal>, number, string][] = [
    ['badRequest', () => errors.badRequest('Bad thing'), 400, 'INVALID_ARGUMENT'],
    ['permissionDenied', () => errors.permissionDenied(), 403, 'PERMISSION_DENIED'],
    ['notFound', () => errors.notFound('gemini-9'), 404, 'NOT_FOUND'],
    ['quota', () => errors.quota(), 429, 'RESOURCE_EXHAUSTED'],
    ['internal', () => errors.internal(), 500, 'INTERNAL'],
    ['overloaded', () => errors.overloaded(), 503, 'UNAVAILABLE'],
  ];
  for (const [name, build, status, googleStatus] of statusCases) {
    it(`errors.${name}() → ApiError ${status} ${googleStatus} on generateContent and on a stream`, async () => {
      const ai = sdkFor(emulator);
      emulator.enqueue(build(), build());
      const unary = await rejection(() => ai.models.generateContent({ model: MODEL, contents: 'hi' }));
      assert.ok(unary instanceof ApiError);
      assert.strictEqual(unary.status, status);
      assert.strictEqual(googleErrorOf(unary).status, googleStatus);
      const streamed = await rejection(async () => collect(await ai.models.generateContentStream({ model: MODEL, contents: 'hi' })));
      assert.ok(streamed instanceof ApiError);
      assert.strictEqual(streamed.status, status);
      assert.strictEqual(googleErrorOf(streamed).status, googleStatus);
    });
  }

  it('quota carries QuotaFailure (per minute or per day) and RetryInfo', async () => {
    const ai = sdkFor(emulator);
    emulator.enqueue(errors.quota({ retryDelay: '2s' }), errors.quota({ perDay: true, retryDelay: '30s' }));
    const perMinute = googleErrorOf(await rejection(() => ai.models.generateContent({ model: MODEL, contents: 'hi' })));
    const perDay = googleErrorOf(await rejection(() => ai.models.generateContent({ model: MODEL, contents: 'hi' })));
    const detail = (body: any, type: string) => body.details.find((d: any) => d['@type'] === `type.googleapis.com/google.rpc.${type}`);
    assert.strictEqual(detail(perMinute, 'RetryInfo').retryDelay, '2s');
    assert.strictEqual(detail(perMinute, 'QuotaFailure').violations[0].quotaId, 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier');
    assert.strictEqual(detail(perDay, 'QuotaFailure').violations[0].quotaId, 'GenerateRequestsPerDayPerProjectPerModel-FreeTier');
    assert.strictEqual(detail(perDay, 'RetryInfo').retryDelay, '30s');
  });

  it('notFound uses the wording Google sent in recording 06', () => {
    const body = errors.notFound('custom-gemini-2.0-flash').body as any;
    assert.strictEqual(
      body.error.message,
      'models/custom-gemini-2.0-flash is not found for API version v1beta, or is not supported for generateContent. ' +
        'Call ListModels to see the list of available models and their supported methods.',
    );
  });

  it('errors on a stream go out as text/event-stream (like recording 06), on generateContent as JSON', async () => {
    emulator.enqueue(errors.overloaded(), errors.overloaded());
    const streamed = await rawRequest(emulator, 'POST', `/v1beta/models/${MODEL}:streamGenerateContent?alt=sse`, { contents: [] });
    const unary = await rawRequest(emulator, 'POST', `/v1beta/models/${MODEL}:generateContent`, { contents: [] });
    assert.strictEqual(streamed.headers['content-type'], 'text/event-stream');
    assert.strictEqual(unary.headers['content-type'], 'application/json; charset=UTF-8');
    assert.strictEqual(unary.body.toString('utf8'), `${JSON.stringify(errors.overloaded().body, null, 2)}\n`);
  });

  it('then: "disconnect" delivers the chunks, then the SDK sees the stream cut', async () => {
    emulator.enqueue({ kind: 'stream', chunks: [chunks.text('Hel'), chunks.text('lo')], then: 'disconnect' });
    const received: string[] = [];
    const error = await rejection(async () => {
      for await (const chunk of await sdkFor(emulator).models.generateContentStream({ model: MODEL, contents: 'hi' })) {
        received.push(chunk.text ?? '');
      }
    });
    assert.deepStrictEqual(received, ['Hel', 'lo']);
    assert.match(String(error.message), /terminated/);
  });

  it('malformedAt: the chunk before arrives, the broken one makes the SDK throw', async () => {
    emulator.enqueue({ kind: 'stream', chunks: [chunks.text('one'), chunks.text('two'), chunks.finish()], malformedAt: 1 });
    const received: string[] = [];
    const error = await rejection(async () => {
      for await (const chunk of await sdkFor(emulator).models.generateContentStream({ model: MODEL, contents: 'hi' })) {
        received.push(chunk.text ?? '');
      }
    });
    assert.deepStrictEqual(received, ['one']);
    assert.ok(error instanceof SyntaxError, `expected a JSON SyntaxError, got ${error}`);
  });

  it('then: "stall" sends the chunks and then nothing until the caller gives up', async () => {
    emulator.enqueue({ kind: 'stream', chunks: [chunks.text('waiting')], then: 'stall' });
    const controller = new AbortController();
    const received: string[] = [];
    const error = await rejection(async () => {
      const stream = await sdkFor(emulator).models.generateContentStream({ model: MODEL, contents: 'hi', config: { abortSignal: controller.signal } });
      for await (const chunk of stream) {
        received.push(chunk.text ?? '');
        setTimeout(() => controller.abort(), 200);
      }
    });
    assert.deepStrictEqual(received, ['waiting']);
    assert.match(String(error.name ?? error), /Abort/);
  });

  it('chunkDelayMs spaces the chunks out', async () => {
    emulator.enqueue({ kind: 'stream', chunks: [chunks.text('a'), chunks.text('b'), chunks.text('c')], chunkDelayMs: 60 });
    const started = Date.now();
    const received = await collect(await sdkFor(emulator).models.generateContentStream({ model: MODEL, contents: 'hi' }));
    assert.strictEqual(received.length, 3);
    assert.ok(Date.now() - started >= 150, `took only ${Date.now() - started} ms`);
  });

  it('{kind: "stall"} never answers, and close() still ends the emulator promptly', async () => {
    const own = await GeminiEmulator.start({ apiKey: TEST_KEY });
    own.enqueue({ kind: 'stall' });
    const pending = rejection(() => sdkFor(own).models.generateContent({ model: MODEL, contents: 'hi' }));
    await own.waitForRequests(1);
    const settled = await Promise.race([pending.then(() => 'answered'), new Promise((resolve) => setTimeout(() => resolve('silent'), 150))]);
    assert.strictEqual(settled, 'silent');
    const started = Date.now();
    await own.close();
    assert.ok(Date.now() - started < 1000);
    assert.match(String((await pending).message), /fetch failed|terminated|socket/i);
  });

  describe('API key check', () => {
    it('a wrong key gets 400 INVALID_ARGUMENT with ErrorInfo API_KEY_INVALID, and nothing is dequeued', async () => {
      emulator.enqueue({ kind: 'stream', chunks: [chunks.text('secret')] });
      const error = await rejection(() => sdkFor(emulator, 'wrong-key').models.generateContent({ model: MODEL, contents: 'hi' }));
      assert.ok(error instanceof ApiError);
      assert.strictEqual(error.status, 400);
      const body = googleErrorOf(error);
      assert.strictEqual(body.status, 'INVALID_ARGUMENT');
      assert.deepStrictEqual(body.details[0], {
        '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
        reason: 'API_KEY_INVALID',
        domain: 'googleapis.com',
        metadata: { service: 'generativelanguage.googleapis.com' },
      });
      assert.ok(!error.message.includes('wrong-key'), 'the error never echoes the key');
      assert.strictEqual(emulator.pending, 1);
    });

    it('a missing key is refused the same way; ?key= in the query is accepted', async () => {
      const missing = await rawRequest(emulator, 'GET', '/v1beta/models', undefined, {});
      assert.strictEqual(missing.status, 400);
      assert.strictEqual(JSON.parse(missing.body.toString('utf8')).error.details[0].reason, 'API_KEY_INVALID');
      const viaQuery = await rawRequest(emulator, 'GET', '/v1beta/models?key=test-key', undefined, {});
      assert.strictEqual(viaQuery.status, 200);
    });

    it('unknown paths answer 404 in Google\'s error shape', async () => {
      const reply = await rawRequest(emulator, 'GET', '/v1beta/files/abc');
      assert.strictEqual(reply.status, 404);
      assert.strictEqual(JSON.parse(reply.body.toString('utf8')).error.status, 'NOT_FOUND');
      const outside = await rawRequest(emulator, 'GET', '/v2/models');
      assert.strictEqual(outside.status, 404);
    });
  });
});
