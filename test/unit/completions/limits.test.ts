// The per-minute cap, the 429 back-off and the abortable typing-pause wait.
import * as assert from 'node:assert/strict';
import { MinuteCap, RateLimitBackoff, systemClock, type Clock } from '../../../src/completions/limits';

export function manualClock(): Clock & { advance(ms: number): void } {
  let now = 1_000_000;
  return { now: () => now, advance: (ms) => { now += ms; }, sleep: (_ms, signal) => systemClock.sleep(1, signal) };
}

describe('completions/limits', () => {
  it('caps requests per 60-second window and says when a slot frees up', () => {
    const clock = manualClock();
    const cap = new MinuteCap(clock, () => 2);
    assert.equal(cap.tryTake(), true);
    clock.advance(10_000);
    assert.equal(cap.tryTake(), true);
    assert.equal(cap.tryTake(), false);
    assert.equal(cap.freeAt(), clock.now() - 10_000 + 60_000);
    clock.advance(50_000);
    assert.equal(cap.tryTake(), true, 'the first slot has aged out');
  });

  it('backs off for the RetryInfo delay, else 30 s doubling, and resets on success', () => {
    const clock = manualClock();
    const backoff = new RateLimitBackoff(clock);
    assert.equal(backoff.pausedUntil, 0);
    assert.equal(backoff.limited(5_000), clock.now() + 5_000);
    assert.ok(backoff.pausedUntil > 0);
    clock.advance(5_000);
    assert.equal(backoff.pausedUntil, 0);
    assert.equal(backoff.limited(), clock.now() + 60_000, 'second 429 in a row: doubled');
    backoff.succeeded();
    assert.equal(backoff.pausedUntil, 0);
    assert.equal(backoff.limited(), clock.now() + 30_000);
  });

  it('the wait rejects as soon as its signal aborts', async () => {
    const controller = new AbortController();
    const wait = systemClock.sleep(60_000, controller.signal);
    controller.abort();
    await assert.rejects(wait, { name: 'AbortError' });
  });
});
