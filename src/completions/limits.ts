// Cost discipline for completions: the typing-pause wait (aborted by the next keystroke), the
// per-minute cap, and the quiet back-off after a rate limit (429). Time comes from a clock the
// tests control. Pure: no `vscode` import.

export interface Clock {
  now(): number;
  /** Resolves after `ms`, or rejects with an AbortError as soon as `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export function abortError(): Error {
  const error = new Error('The operation was aborted');
  error.name = 'AbortError';
  return error;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) => new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(abortError());
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortError());
    };
    signal.addEventListener('abort', onAbort, { once: true });
  }),
};

/** At most `limit` requests in any 60-second window. */
export class MinuteCap {
  private readonly sent: number[] = [];

  constructor(private readonly clock: Clock, private readonly limit: () => number) {}

  /** Takes a slot and returns true, or returns false (nothing taken) when the minute is full. */
  tryTake(): boolean {
    const now = this.clock.now();
    while (this.sent.length > 0 && now - this.sent[0] >= 60_000) this.sent.shift();
    if (this.sent.length >= this.limit()) return false;
    this.sent.push(now);
    return true;
  }

  /** When the next slot frees up (0 when one is free now). */
  freeAt(): number {
    if (this.sent.length < this.limit()) return 0;
    return this.sent[this.sent.length - this.limit()] + 60_000;
  }
}

const FIRST_BACKOFF_MS = 30_000;
const MAX_BACKOFF_MS = 10 * 60_000;

/**
 * After a 429 no completion is asked until the service's RetryInfo delay (else 30 s, doubling on
 * each 429 in a row, at most 10 min) has passed. A success resets the doubling.
 */
export class RateLimitBackoff {
  private until = 0;
  private streak = 0;

  constructor(private readonly clock: Clock) {}

  /** When requests may resume, or 0 when they may go now. */
  get pausedUntil(): number {
    return this.clock.now() < this.until ? this.until : 0;
  }

  /** Records a 429 and returns when requests may resume. */
  limited(retryDelayMs?: number): number {
    this.streak++;
    const doubled = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** (this.streak - 1));
    const wait = retryDelayMs !== undefined && retryDelayMs > 0 ? Math.min(MAX_BACKOFF_MS, Math.max(retryDelayMs, 1000)) : doubled;
    this.until = this.clock.now() + wait;
    return this.until;
  }

  succeeded(): void {
    this.streak = 0;
    this.until = 0;
  }
}
