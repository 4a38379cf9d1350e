// Vertex AI mode through the real SDK against the emulator's Vertex routes: the request goes to
// /{version}/projects/{p}/locations/{l}/publishers/google/models/{m}:{verb} with the injected
// credential's bearer token and no API key; missing credentials fail before anything is sent,
// with a message that says what to run.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cachedGenAIProvider, ConnectionSettings } from '../../../src/gemini/client';
import { settingValues } from '../../../src/config/settingValues';
import { GeminiEngine } from '../../../src/gemini/turnEngine';
import {
  AccessTokenSource, applicationDefaultCredential, createVertexGenAI, resolveVertexProject, toVertexCredentialsError,
  VERTEX_MODELS, VertexCredentialsError, vertexApiVersion,
} from '../../../src/gemini/vertex';
import { chunks } from '../../emulator';
import { VERTEX_TEST_TOKEN } from '../../emulator/vertex';
import { RecordingClock, runTurn, turn } from './helpers';
import { useEmulator } from '../../harness/useEmulator';

const fixedToken = (token = VERTEX_TEST_TOKEN): AccessTokenSource & { asked: number } => ({
  asked: 0,
  async getAccessToken() {
    this.asked++;
    return token;
  },
});

describe('Vertex AI mode', () => {
  const emu = useEmulator();

  it('streams from /v1beta1/projects/{p}/locations/{l}/publishers/google/models/{m} with the bearer token and no key', async () => {
    emu.enqueue({ kind: 'stream', chunks: [chunks.text('Hello from '), chunks.text('Vertex'), chunks.finish('STOP')] });
    const credential = fixedToken();
    const genai = await createVertexGenAI({ project: 'acme-dev', location: 'europe-west4', credential, endpoint: emu.baseUrl });
    const stream = await genai.models.generateContentStream({ model: 'gemini-2.5-flash', contents: [{ role: 'user', parts: [{ text: 'Hi' }] }] });
    let text = '';
    for await (const chunk of stream) text += chunk.text ?? '';

    assert.equal(text, 'Hello from Vertex');
    const [request] = emu.requests;
    assert.equal(request.method, 'POST');
    assert.equal(request.path, '/v1beta1/projects/acme-dev/locations/europe-west4/publishers/google/models/gemini-2.5-flash:streamGenerateContent');
    assert.equal(request.query.alt, 'sse');
    assert.equal(request.headers.authorization, `Bearer ${VERTEX_TEST_TOKEN}`);
    assert.equal(request.headers['x-goog-api-key'], undefined, 'no API key goes to Vertex');
    assert.equal(request.query.key, undefined);
    assert.deepEqual(request.body.contents, [{ role: 'user', parts: [{ text: 'Hi' }] }]);
    assert.equal(credential.asked, 1);
  });

  it('uses /v1/ when the API version setting is v1, and generateContent for unary calls', async () => {
    const genai = await createVertexGenAI({ project: 'p1', location: 'global', credential: fixedToken(), endpoint: emu.baseUrl, apiVersion: 'v1' });
    const answer = await genai.models.generateContent({ model: 'gemini-2.5-pro', contents: 'Say hi' });
    assert.equal(answer.text, 'You said: Say hi');
    assert.equal(emu.requests[0].path, '/v1/projects/p1/locations/global/publishers/google/models/gemini-2.5-pro:generateContent');
    assert.equal(vertexApiVersion('v1beta'), 'v1beta1');
    assert.equal(vertexApiVersion(''), 'v1beta1');
  });

  it('is rejected by the service with a wrong token (the token really is what authenticates)', async () => {
    const genai = await createVertexGenAI({ project: 'p1', location: 'global', credential: fixedToken('stale-token'), endpoint: emu.baseUrl });
    await assert.rejects(genai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'x' }), (error: Error & { status?: number }) => error.status === 401);
    assert.equal(emu.requests[0].headers.authorization, 'Bearer stale-token');
  });

  it('runs a whole engine turn through cachedGenAIProvider without any API key', async () => {
    emu.enqueue({ kind: 'stream', chunks: [chunks.text('Vertex answer'), chunks.finish('STOP')] });
    const credential = fixedToken();
    const connection = (): ConnectionSettings => ({ endpoint: emu.baseUrl, apiVersion: 'v1beta', vertex: { project: 'acme', location: 'us-central1', credential } });
    let keyAsked = 0;
    const genai = cachedGenAIProvider(async () => { keyAsked++; return undefined; }, connection);
    const engine = new GeminiEngine({ genai, settings: () => settingValues({ model: 'gemini-2.5-flash' }), clock: new RecordingClock() });
    const record = await runTurn(engine, turn('Hi'));
    assert.equal(record.text, 'Vertex answer');
    assert.equal(record.outcome.status, 'done');
    assert.equal(keyAsked, 0, 'Vertex mode never asks for a key');
    assert.match(emu.requests[0].path, /^\/v1beta1\/projects\/acme\/locations\/us-central1\/publishers\/google\/models\/gemini-2\.5-flash:streamGenerateContent$/);
    assert.strictEqual(await genai(), await genai(), 'the client is reused while the settings stay the same');
  });

  it('takes the project from GOOGLE_CLOUD_PROJECT, then from the credentials, else says which setting is missing', async () => {
    const credential = { getAccessToken: async () => 't', getProjectId: async () => 'adc-project' };
    assert.equal(await resolveVertexProject({ project: ' set-project ', location: 'global' }, credential, { GOOGLE_CLOUD_PROJECT: 'env-project' }), 'set-project');
    assert.equal(await resolveVertexProject({ project: '', location: 'global' }, credential, { GOOGLE_CLOUD_PROJECT: 'env-project' }), 'env-project');
    assert.equal(await resolveVertexProject({ project: '', location: 'global' }, credential, {}), 'adc-project');
    await assert.rejects(
      resolveVertexProject({ project: '', location: 'global' }, { getAccessToken: async () => 't' }, {}),
      (error: Error) => error instanceof VertexCredentialsError && /gemini\.vertex\.project/.test(error.message),
    );
  });

  it('fails a turn before any request when the credentials are missing, saying what to run', async () => {
    const missing: AccessTokenSource = {
      getAccessToken: async () => { throw toVertexCredentialsError(new Error('Could not load the default credentials. Browse to https://cloud.google.com/docs/authentication/getting-started for more information.')); },
    };
    const genai = cachedGenAIProvider(async () => undefined, () => ({ endpoint: emu.baseUrl, apiVersion: 'v1beta', vertex: { project: 'p', location: 'global', credential: missing } }));
    const engine = new GeminiEngine({ genai, settings: () => settingValues({ 'retry.maxAttempts': 0 }), clock: new RecordingClock() });
    const record = await runTurn(engine, turn('Hi'));
    assert.equal(record.outcome.status, 'error');
    const [error] = record.of('error');
    assert.match(error.failure.message, /gcloud auth application-default login/);
    assert.equal(emu.requests.length, 0, 'nothing was sent without credentials');
  });

  it('maps google-auth-library failures to what to do next, never echoing a token', () => {
    assert.match(toVertexCredentialsError(new Error('Could not load the default credentials.')).message, /none were found.*gcloud auth application-default login.*gemini\.vertex\.enabled/s);
    assert.match(toVertexCredentialsError(new Error('invalid_grant: reauth related error (invalid_rapt)')).message, /expired or were revoked/);
    assert.match(toVertexCredentialsError(new Error("ENOENT: no such file or directory, open '/x/key.json'")).message, /GOOGLE_APPLICATION_CREDENTIALS/);
    const other = toVertexCredentialsError(new Error('odd failure with ya29.SECRET-token-value inside'));
    assert.doesNotMatch(other.message, /ya29\.SECRET/);
    assert.equal(other.name, 'VertexCredentialsError');
  });

  it('Application Default Credentials: a clear VertexCredentialsError when the machine has none', async function () {
    this.timeout(20_000);
    const home = mkdtempSync(path.join(os.tmpdir(), 'gemini-no-adc-'));
    const saved = { ...process.env };
    try {
      for (const name of ['GOOGLE_APPLICATION_CREDENTIALS', 'GOOGLE_CLOUD_PROJECT', 'GCLOUD_PROJECT']) delete process.env[name];
      Object.assign(process.env, { HOME: home, CLOUDSDK_CONFIG: path.join(home, 'gcloud'), APPDATA: home, METADATA_SERVER_DETECTION: 'none' });
      await assert.rejects(applicationDefaultCredential().getAccessToken(), (error: Error) =>
        error instanceof VertexCredentialsError && /none were found/.test(error.message) && /gcloud auth application-default login/.test(error.message));

      process.env.GOOGLE_APPLICATION_CREDENTIALS = path.join(home, 'missing-key.json');
      await assert.rejects(applicationDefaultCredential().getAccessToken(), (error: Error) =>
        error instanceof VertexCredentialsError && /GOOGLE_APPLICATION_CREDENTIALS/.test(error.message));
    } finally {
      for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
      Object.assign(process.env, saved);
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('lists well-known Vertex chat models with their limits', () => {
    assert.ok(VERTEX_MODELS.some((model) => model.id === 'gemini-3.8-flash'));
    for (const model of VERTEX_MODELS) {
      assert.match(model.id, /^gemini-/);
      assert.ok((model.inputTokenLimit ?? 0) >= 1_000_000 && (model.outputTokenLimit ?? 0) >= 8192, model.id);
    }
  });
});
