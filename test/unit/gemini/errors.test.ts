// describeFailure: every failure named with its next step, and never a key in a message.
import * as assert from 'node:assert/strict';
import { createGenAI } from '../../../src/gemini/client';
import {
  describeAnswerEnd, describeFailure, IdleTimeoutError, IncompleteAnswerError, parseServiceError, quotaScope, retryDelayFromBody,
} from '../../../src/gemini/errors';
import { errors, GeminiEmulator, googleError } from '../../emulator';
import { TEST_KEY, useEmulator } from '../../harness/useEmulator';

/** What the SDK throws for an HTTP failure: its message is the response body. */
function apiError(status: number, body: object): Error {
  const err = new Error(JSON.stringify(body)) as Error & { status: number };
  err.name = 'ApiError';
  err.status = status;
  return err;
}

function networkError(code: string): Error {
  return Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(`connect ${code} 10.0.0.1:443`), { code }) });
}

describe('describeFailure', () => {
  const emu = useEmulator();

  /** The error the real SDK throws for a scripted response. */
  async function sdkError(response: Parameters<GeminiEmulator['enqueue']>[0], apiKey = TEST_KEY): Promise<unknown> {
    emu.enqueue(response);
    const genai = await createGenAI({ apiKey, endpoint: emu.baseUrl });
    try {
      for await (const _ of await genai.models.generateContentStream({ model: 'gemini-2.5-flash', contents: 'hi' })) { /* drain */ }
    } catch (err) {
      return err;
    }
    throw new Error('expected the SDK to throw');
  }

  describe('service errors, as the SDK throws them', () => {
    it('invalid key (400 API_KEY_INVALID) → invalidKey, setKey', async () => {
      const err = await sdkError({ kind: 'stall' }, 'AIzaSyNotTheRightKey_000000000000000000');
      const failure = describeFailure(err, { secrets: ['AIzaSyNotTheRightKey_000000000000000000'] });
      assert.deepEqual([failure.code, failure.action, failure.status, failure.retryable], ['invalidKey', 'setKey', 400, false]);
      assert.match(failure.message, /aistudio\.google\.com\/apikey/);
    });
    it('leaked key (403) → keyLeaked', async () => {
      const failure = describeFailure(await sdkError(errors.permissionDenied('Your API key was reported as leaked. Please use another API key.')));
      assert.equal(failure.code, 'keyLeaked');
      assert.equal(failure.action, 'setKey');
    });
    it('other permission problems (403) → permissionDenied', async () => {
      assert.equal(describeFailure(await sdkError(errors.permissionDenied())).code, 'permissionDenied');
    });
    it('model not found (404) → modelNotFound naming the model, switchModel', async () => {
      const failure = describeFailure(await sdkError(errors.notFound('gemini-0-nope')));
      assert.equal(failure.code, 'modelNotFound');
      assert.match(failure.message, /gemini-0-nope/);
      assert.equal(failure.action, 'switchModel');
    });
    it('quota per minute vs per day (429 QuotaFailure.quotaId)', async () => {
      const perMinute = describeFailure(await sdkError(errors.quota()), { model: 'gemini-2.5-pro' });
      const perDay = describeFailure(await sdkError(errors.quota({ perDay: true })));
      assert.deepEqual([perMinute.code, perMinute.action, perMinute.retryable], ['quotaPerMinute', 'retry', true]);
      assert.match(perMinute.message, /gemini-2\.5-pro/);
      assert.deepEqual([perDay.code, perDay.action, perDay.retryable], ['quotaPerDay', 'switchModel', false]);
      assert.match(perDay.message, /today/);
    });
    it('overloaded (503) and internal (500) → retryable', async () => {
      const overloaded = describeFailure(await sdkError(errors.overloaded()));
      const internal = describeFailure(await sdkError(errors.internal()));
      assert.deepEqual([overloaded.code, overloaded.retryable], ['overloaded', true]);
      assert.deepEqual([internal.code, internal.retryable], ['internal', true]);
    });
    it('bad request (400) → badRequest quoting the service, openLog', async () => {
      const failure = describeFailure(await sdkError(errors.badRequest('Unable to submit request because it has an empty text parameter.')));
      assert.equal(failure.code, 'badRequest');
      assert.match(failure.message, /empty text parameter/);
    });
    it('region not supported (400 FAILED_PRECONDITION)', () => {
      const failure = describeFailure(apiError(400, googleError(400, 'FAILED_PRECONDITION', 'User location is not supported for the API use.')));
      assert.equal(failure.code, 'regionUnsupported');
    });
    it('API disabled for the key\'s project (403 SERVICE_DISABLED)', () => {
      const body = googleError(403, 'PERMISSION_DENIED', 'Generative Language API has not been used in project 123 before or it is disabled.', [
        { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'SERVICE_DISABLED' },
      ]);
      assert.equal(describeFailure(apiError(403, body)).code, 'apiDisabled');
    });
    it('a proxy asking for authentication (407): Node\'s fetch reports a bare network error, named as a proxy problem', async () => {
      const failure = describeFailure(await sdkError({ kind: 'error', status: 407, body: googleError(407, 'PROXY_AUTHENTICATION_REQUIRED', 'Proxy Authentication Required') }));
      assert.equal(failure.code, 'network');
      assert.match(failure.message, /proxy/);
      // A fetch that does surface the status (a custom one, e.g. VS Code's proxy agent) gets the precise message.
      assert.equal(describeFailure(apiError(407, { error: { code: 407, message: 'Proxy Authentication Required' } })).code, 'proxyAuth');
    });
    it('gateway timeouts (504) → timeout', () => {
      assert.equal(describeFailure(apiError(504, googleError(504, 'DEADLINE_EXCEEDED', 'Deadline expired'))).code, 'timeout');
    });
  });

  describe('network and local failures', () => {
    it('connection refused, through the real SDK → network', async () => {
      const genai = await createGenAI({ apiKey: TEST_KEY, endpoint: 'http://127.0.0.1:1' });
      const err = await genai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'hi' }).then(() => undefined, (e) => e);
      const failure = describeFailure(err);
      assert.equal(failure.code, 'network');
      assert.match(failure.message, /gemini\.endpoint/);
    });
    it('DNS failures → dns; certificate problems (proxy) → certificate', () => {
      assert.equal(describeFailure(networkError('ENOTFOUND')).code, 'dns');
      assert.equal(describeFailure(networkError('EAI_AGAIN')).code, 'dns');
      for (const code of ['SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'CERT_HAS_EXPIRED', 'ERR_TLS_CERT_ALTNAME_INVALID']) {
        const failure = describeFailure(networkError(code));
        assert.equal(failure.code, 'certificate', code);
        assert.match(failure.message, /NODE_EXTRA_CA_CERTS/);
      }
    });
    it('a cut connection: network before any output, streamCut after', () => {
      const cut = Object.assign(new TypeError('terminated'), { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });
      assert.equal(describeFailure(cut).code, 'network');
      assert.equal(describeFailure(cut, { partial: true }).code, 'streamCut');
    });
    it('idle timeout → timeout naming the setting; a missing key → noKey', () => {
      const timeout = describeFailure(new IdleTimeoutError(120));
      assert.equal(timeout.code, 'timeout');
      assert.match(timeout.message, /120 seconds/);
      const missing = describeFailure(Object.assign(new Error('x'), { name: 'MissingApiKeyError' }));
      assert.deepEqual([missing.code, missing.action], ['noKey', 'setKey']);
    });
    it('anything else → unknown, pointing at the log', () => {
      const failure = describeFailure(new Error('Something odd'));
      assert.deepEqual([failure.code, failure.action], ['unknown', 'openLog']);
    });
  });

  describe('answer ends', () => {
    it('each finish reason, prompt block, empty candidate and the round cap', () => {
      const cases: [object, string, string][] = [
        [{ finishReason: 'SAFETY' }, 'safety', 'safety'],
        [{ finishReason: 'RECITATION' }, 'recitation', 'recitation'],
        [{ finishReason: 'MAX_TOKENS' }, 'maxTokens', 'maxTokens'],
        [{ finishReason: 'MALFORMED_FUNCTION_CALL' }, 'malformedFunctionCall', 'malformedFunctionCall'],
        [{ finishReason: 'BLOCKLIST' }, 'safety', 'prohibitedContent'],
        [{ finishReason: 'OTHER' }, 'other', 'finishOther'],
        [{ blockReason: 'SAFETY' }, 'blocked', 'blocked'],
        [{ empty: true }, 'empty', 'empty'],
        [{ maxToolRounds: 5 }, 'toolRoundsExceeded', 'toolRoundsExceeded'],
      ];
      for (const [end, kind, code] of cases) {
        const described = describeAnswerEnd(end);
        assert.equal(described.kind, kind, JSON.stringify(end));
        assert.equal(described.failure.code, code);
        assert.ok(described.failure.message.length > 30);
        assert.equal(describeFailure(new IncompleteAnswerError(end)).code, code);
      }
    });
  });

  describe('parsing', () => {
    it('reads RetryInfo in all its spellings and the quota scope', () => {
      const info = (retryDelay: unknown) => ({ details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay }] });
      assert.equal(retryDelayFromBody(info('33s')), 33000);
      assert.equal(retryDelayFromBody(info('0.250s')), 250);
      assert.equal(retryDelayFromBody(info({ seconds: '2', nanos: 500000000 })), 2500);
      assert.equal(retryDelayFromBody({ message: 'Quota exceeded.\nPlease retry in 41.2s.' }), 41200);
      assert.equal(retryDelayFromBody({ message: 'no hint' }), undefined);
      assert.equal(quotaScope({ details: [{ '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [{ quotaId: 'GenerateRequestsPerDayPerProjectPerModel-FreeTier' }] }] }), 'perDay');
      assert.equal(quotaScope({}), 'perMinute');
    });
    it('unwraps a JSON error body that arrived as text (the SDK wraps non-JSON bodies)', () => {
      const inner = JSON.stringify(googleError(404, 'NOT_FOUND', 'models/x is not found'), null, 2);
      const parsed = parseServiceError(apiError(404, { error: { message: inner, code: 404, status: 'Not Found' } }));
      assert.equal(parsed?.body.status, 'NOT_FOUND');
      assert.equal(parseServiceError(new Error('plain')), undefined);
    });
  });

  describe('the API key never appears in a message', () => {
    const key = 'AIzaSyD-secret-KEY-value-1234567890abc';
    const other = 'AIzaSyAnotherKeyThatWasNeverRegistered0';
    const carriers: [string, unknown][] = [
      ['bad request quoting it', apiError(400, googleError(400, 'INVALID_ARGUMENT', `Bad key ${key} in request`))],
      ['unknown error quoting it', new Error(`failed for https://host/?key=${key}`)],
      ['network error quoting it', Object.assign(new TypeError(`fetch failed ${key}`), { cause: { code: 'ECONNRESET' } })],
      ['an unregistered key-shaped string', new Error(`oops ${other}`)],
    ];
    for (const [name, err] of carriers) {
      it(name, () => {
        const failure = describeFailure(err, { secrets: [key] });
        assert.ok(!failure.message.includes(key), failure.message);
        assert.ok(!failure.message.includes(other), failure.message);
        assert.ok(!failure.message.includes('secret-KEY'));
      });
    }
  });
});
