// RetryPolicy decisions, without any waiting.
import * as assert from 'node:assert/strict';
import { describeFailure } from '../../../src/gemini/errors';
import { realClock, RetryPolicy } from '../../../src/gemini/retry';

function apiError(status: number, body: object): Error {
  const err = new Error(JSON.stringify(body)) as Error & { status: number };
  err.name = 'ApiError';
  err.status = status;
  return err;
}

const quota = (quotaId: string, retryDelay?: string) =>
  apiError(429, { error: { code: 429, status: 'RESOURCE_EXHAUSTED', message: 'quota', details: [
    { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [{ quotaId }] },
    ...(retryDelay ? [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay }] : []),
  ] } });

function decide(policy: RetryPolicy, error: Error, retriesSoFar = 0, outputStreamed = false, model = 'gemini-2.5-pro') {
  return policy.decide({ error, failure: describeFailure(error), retriesSoFar, model, outputStreamed });
}

describe('RetryPolicy', () => {
  const policy = new RetryPolicy({ maxAttempts: 3, random: () => 0 });

  it('429 honours RetryInfo.retryDelay, fractions included', () => {
    assert.deepEqual(decide(policy, quota('GenerateRequestsPerMinutePerProjectPerModel', '1.5s')), { retry: true, delayMs: 1500 });
  });
  it('429 without RetryInfo backs off exponentially', () => {
    assert.deepEqual([0, 1, 2].map((n) => decide(policy, quota('PerMinute'), n)), [
      { retry: true, delayMs: 500 }, { retry: true, delayMs: 1000 }, { retry: true, delayMs: 2000 },
    ]);
  });
  it('a wait longer than the editor should sit through is not taken', () => {
    assert.deepEqual(decide(policy, quota('PerMinute', '3600s')), { retry: false });
  });
  it('500/502/503/504 back off; the step is capped', () => {
    const capped = new RetryPolicy({ maxAttempts: 10, random: () => 1, maxBackoffMs: 4000 });
    for (const status of [500, 502, 503, 504]) assert.equal(decide(capped, apiError(status, { error: { code: status } })).retry, true);
    assert.deepEqual(decide(capped, apiError(500, { error: {} }), 8), { retry: true, delayMs: 4000 });
  });
  it('400, 401, 403, 404 never retry', () => {
    for (const status of [400, 401, 403, 404]) assert.deepEqual(decide(policy, apiError(status, { error: { code: status } })), { retry: false }, String(status));
  });
  it('never retries once output reached the user', () => {
    assert.deepEqual(decide(policy, apiError(503, { error: {} }), 0, true), { retry: false });
  });
  it('stops at maxAttempts', () => {
    assert.deepEqual(decide(policy, apiError(503, { error: {} }), 3), { retry: false });
  });
  it('falls back on a per-day quota at once, and never to the model already in use', () => {
    const withFallback = new RetryPolicy({ maxAttempts: 3, fallbackModel: 'gemini-2.5-flash' });
    assert.deepEqual(decide(withFallback, quota('GenerateRequestsPerDayPerProjectPerModel-FreeTier', '20s')), { retry: true, delayMs: 0, fallbackModel: 'gemini-2.5-flash' });
    assert.deepEqual(decide(withFallback, quota('PerDay'), 0, false, 'models/gemini-2.5-flash'), { retry: false });
  });
  it('network failures, timeouts and unknown errors are left to the user', () => {
    const network = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    assert.deepEqual(decide(policy, network), { retry: false });
  });
  it('the real clock sleeps, and an abort ends the sleep at once with an AbortError', async () => {
    const started = Date.now();
    await realClock.sleep(20, new AbortController().signal);
    assert.ok(Date.now() - started >= 15);
    const controller = new AbortController();
    const sleeping = realClock.sleep(10_000, controller.signal);
    controller.abort();
    await assert.rejects(sleeping, { name: 'AbortError' });
  });
});
