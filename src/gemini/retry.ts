// When to try a failed request again, and after how long. The SDK itself neither retries nor
// reads google.rpc.RetryInfo, so this is ours: 429 waits as long as the service asks (or backs
// off), 500/502/503/504 back off exponentially with jitter, everything else fails at once. Once
// output has reached the user a retry would duplicate it, so a cut stream is never retried here.
import type { FailureInfo } from './events';
import { parseServiceError, quotaScope, retryDelayFromBody } from './errors';

/** Time, injected so tests don't wait for real. */
export interface RetryClock {
  /** Resolves after `ms`; rejects with an AbortError as soon as `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /** In [0, 1): the jitter source. */
  random(): number;
}

export const realClock: RetryClock = {
  sleep(ms, signal) {
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(abortError());
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(abortError());
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
  },
  random: Math.random,
};

export function abortError(): Error {
  const err = new Error('The operation was aborted');
  err.name = 'AbortError';
  return err;
}

export interface RetryOptions {
  /** Retries after the first attempt (setting `retry.maxAttempts`); 0 never retries. */
  maxAttempts: number;
  /** Model to switch to when the main model's quota is exhausted (setting `fallbackModel`). */
  fallbackModel?: string;
  baseDelayMs?: number;
  maxBackoffMs?: number;
  /** A service-requested delay longer than this isn't worth waiting for in an editor. */
  longestHonouredDelayMs?: number;
  random?: () => number;
}

export type RetryDecision =
  | { retry: false }
  | { retry: true; delayMs: number; fallbackModel?: string };

export interface FailedAttempt {
  error: unknown;
  failure: FailureInfo;
  /** Retries already made for this request (0 after the first failure). */
  retriesSoFar: number;
  model: string;
  /** Output of this attempt already reached the user. */
  outputStreamed: boolean;
}

const BACKOFF_STATUSES = new Set([408, 500, 502, 503, 504]);

export class RetryPolicy {
  private readonly baseDelayMs: number;
  private readonly maxBackoffMs: number;
  private readonly longestHonouredDelayMs: number;
  private readonly random: () => number;

  constructor(private readonly options: RetryOptions) {
    this.baseDelayMs = options.baseDelayMs ?? 1000;
    this.maxBackoffMs = options.maxBackoffMs ?? 30_000;
    this.longestHonouredDelayMs = options.longestHonouredDelayMs ?? 120_000;
    this.random = options.random ?? Math.random;
  }

  get maxAttempts(): number {
    return this.options.maxAttempts;
  }

  decide(attempt: FailedAttempt): RetryDecision {
    if (attempt.outputStreamed) return { retry: false };
    const status = attempt.failure.status;
    const retriesLeft = attempt.retriesSoFar < this.options.maxAttempts;
    if (status === 429) {
      const service = parseServiceError(attempt.error);
      const perDay = service ? quotaScope(service.body) === 'perDay' : false;
      if (!perDay && retriesLeft) {
        const asked = service ? retryDelayFromBody(service.body) : undefined;
        const delayMs = asked ?? this.backoff(attempt.retriesSoFar);
        if (delayMs <= this.longestHonouredDelayMs) return { retry: true, delayMs };
      }
      return this.fallback(attempt.model);
    }
    if (status !== undefined && BACKOFF_STATUSES.has(status) && retriesLeft) {
      return { retry: true, delayMs: this.backoff(attempt.retriesSoFar) };
    }
    return { retry: false };
  }

  /** Exponential backoff with "equal jitter": half the step fixed, half random. */
  backoff(retriesSoFar: number): number {
    const step = Math.min(this.maxBackoffMs, this.baseDelayMs * 2 ** retriesSoFar);
    return Math.round(step / 2 + (this.random() * step) / 2);
  }

  private fallback(model: string): RetryDecision {
    const fallbackModel = this.options.fallbackModel?.trim();
    if (fallbackModel && stripPrefix(fallbackModel) !== stripPrefix(model)) {
      return { retry: true, delayMs: 0, fallbackModel };
    }
    return { retry: false };
  }
}

function stripPrefix(model: string): string {
  return model.replace(/^models\//, '');
}
