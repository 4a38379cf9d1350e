// One inline completion, start to finish: the cache first (typing through a suggestion costs no
// request), then the typing-pause wait, the quiet 429 back-off, the per-minute cap, one request,
// and the cleaned answer. A new query aborts the one before it, so the request in flight never
// outlives the keystroke after it: the abort reaches the HTTP request through `signal`. Pure: the
// request itself is the injected `generate`, so this runs under plain mocha.
import type { Logger } from '../common/logger';
import { isAbortError, parseServiceError, retryDelayFromBody } from '../gemini/errors';
import { CompletionCache } from './cache';
import { cleanCompletion } from './clean';
import { Clock, MinuteCap, RateLimitBackoff, systemClock } from './limits';
import { buildPrompt, type CompletionInput, type CompletionPrompt } from './prompt';

export interface CompletionSettings {
  model: string;
  debounceMs: number;
  maxRequestsPerMinute: number;
}

/** Asks the model; resolves with its raw text. Must pass `signal` down to the HTTP request. */
export type Generate = (model: string, prompt: CompletionPrompt, signal: AbortSignal) => Promise<string>;

export type CompletionStatus =
  | { kind: 'ready' }
  | { kind: 'paused'; until: number }
  | { kind: 'capped'; until: number };

export interface CompletionEngineDeps {
  generate: Generate;
  settings(): CompletionSettings;
  logger: Logger;
  /** The status bar's hint: paused after a 429, or the minute's cap reached. */
  onStatus?(status: CompletionStatus): void;
  clock?: Clock;
  /** High-resolution time in ms for the timings (performance.now). */
  hrtime?(): number;
}

export interface CompletionQuery {
  /** Identifies the document for the cache (its URI). */
  document: string;
  input: CompletionInput;
  /** Context that takes time to gather (the enclosing symbol, related tabs); started with the wait. */
  context?(signal: AbortSignal): Promise<Pick<CompletionInput, 'symbol' | 'related'>>;
  /** Aborted when the editor no longer wants this completion. */
  signal: AbortSignal;
}

/** Where the time of one completion went, in ms: the extension's own share and the waits. */
export interface CompletionTiming {
  /** Own work: everything but the typing-pause wait and the request. */
  ownMs: number;
  waitMs: number;
  requestMs: number;
  /** Of ownMs: waiting, after the pause, for context still being gathered (a slow language server). */
  contextMs: number;
}

export interface CompletionResult {
  text: string;
  source: 'cache' | 'model';
  timing: CompletionTiming;
}

export class CompletionEngine {
  readonly cache = new CompletionCache();
  private readonly clock: Clock;
  private readonly cap: MinuteCap;
  private readonly backoff: RateLimitBackoff;
  private inFlight: AbortController | undefined;
  private status: CompletionStatus = { kind: 'ready' };

  constructor(private readonly deps: CompletionEngineDeps) {
    this.clock = deps.clock ?? systemClock;
    this.cap = new MinuteCap(this.clock, () => deps.settings().maxRequestsPerMinute);
    this.backoff = new RateLimitBackoff(this.clock);
  }

  /** The completion at the query's cursor, or undefined (cancelled, paused, capped, failed, empty). */
  async complete(query: CompletionQuery): Promise<CompletionResult | undefined> {
    const hrtime = this.deps.hrtime ?? (() => performance.now());
    const started = hrtime();
    // The keystroke that brought this query ends whatever the previous one still waits for.
    this.inFlight?.abort();
    const controller = new AbortController();
    this.inFlight = controller;
    const forward = () => controller.abort();
    query.signal.addEventListener('abort', forward, { once: true });
    if (query.signal.aborted) controller.abort();
    const { signal } = controller;
    const { document, input } = query;
    let waitMs = 0;
    let requestMs = 0;
    let contextMs = 0;
    const timing = (): CompletionTiming => ({ ownMs: hrtime() - started - waitMs - requestMs, waitMs, requestMs, contextMs });
    try {
      const cached = this.cache.get(document, input.prefix, input.suffix);
      if (cached !== undefined) {
        this.deps.logger.debug(`Completion from cache (${cached.length} characters)`);
        return { text: cached, source: 'cache', timing: timing() };
      }
      const settings = this.deps.settings();
      const context = query.context?.(signal).catch(() => ({}));
      const waitStarted = hrtime();
      await this.clock.sleep(settings.debounceMs, signal);
      waitMs += hrtime() - waitStarted;

      const pausedUntil = this.backoff.pausedUntil;
      if (pausedUntil) return this.report({ kind: 'paused', until: pausedUntil });
      if (!this.cap.tryTake()) return this.report({ kind: 'capped', until: this.cap.freeAt() });
      this.report({ kind: 'ready' });

      const contextStarted = hrtime();
      const extra = context ? await context : {};
      contextMs = hrtime() - contextStarted;
      if (signal.aborted) return undefined;
      const prompt = buildPrompt({ ...input, ...extra });
      const requestStarted = hrtime();
      let raw: string;
      try {
        raw = await this.deps.generate(settings.model, prompt, signal);
      } finally {
        requestMs += hrtime() - requestStarted;
      }
      if (signal.aborted) return undefined;
      this.backoff.succeeded();
      const text = cleanCompletion(raw, { prefix: input.prefix, suffix: input.suffix, mode: prompt.mode });
      this.deps.logger.debug(`Completion from ${settings.model}: ${raw.length} characters, ${text.length} after cleaning (${prompt.mode})`);
      if (!text) return undefined;
      this.cache.put(document, input.prefix, input.suffix, text);
      return { text, source: 'model', timing: timing() };
    } catch (error) {
      if (isAbortError(error) || signal.aborted) return undefined;
      this.failed(error);
      return undefined;
    } finally {
      query.signal.removeEventListener('abort', forward);
      if (this.inFlight === controller) this.inFlight = undefined;
    }
  }

  /** Stops the wait or request in flight (the editor closed, completions were turned off). */
  cancel(): void {
    this.inFlight?.abort();
  }

  private failed(error: unknown): void {
    const service = parseServiceError(error);
    if (service?.status === 429) {
      const until = this.backoff.limited(retryDelayFromBody(service.body));
      this.deps.logger.info(`Inline completions paused after a rate limit (429) until ${new Date(until).toISOString()}`);
      this.report({ kind: 'paused', until });
      return;
    }
    // A failed suggestion is never worth a notification: the log says why, at debug level.
    const message = error instanceof Error ? error.message : String(error);
    this.deps.logger.debug(`Completion failed: ${service ? `HTTP ${service.status} ` : ''}${message.slice(0, 300)}`);
  }

  private report(status: CompletionStatus): undefined {
    const same = status.kind === this.status.kind && (status.kind === 'ready' || status.until === (this.status as { until: number }).until);
    this.status = status;
    if (!same) this.deps.onStatus?.(status);
    return undefined;
  }
}
