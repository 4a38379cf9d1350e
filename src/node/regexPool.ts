// Runs search_text's regular expressions off the extension host's thread (issue 15, item 1): one
// worker thread, fed batches of file texts. A Stop or the end of the call's time budget
// terminates the thread at once, however long the current match would take, and the next call
// starts a fresh one. Node-only (worker_threads); the tools reach it through the RegexRunner port.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { compilesQuickly, regexProblem } from '../tools/textMatcher';
import type { RegexRunner, RegexRun } from '../tools/textMatcher';

export interface RegexBatch {
  id: number;
  pattern: string;
  caseSensitive: boolean;
  texts: string[];
}

export interface RegexValidation {
  id: number;
  validate: true;
  pattern: string;
  caseSensitive: boolean;
}

export interface RegexBatchResult {
  id: number;
  lines: number[][];
}

/** Texts sent in one message: fewer messages, and a Stop still drops at most one batch. */
const BATCH_FILES = 32;
const BATCH_CHARS = 1024 * 1024;

/** Where the worker script sits: beside this module (tests), or in dist/lazy/ (the bundle). */
export function regexWorkerScript(dir = __dirname): string {
  const candidates = [path.join(dir, 'regexWorker.js'), path.join(dir, 'lazy', 'regexWorker.js')];
  return candidates.find((file) => existsSync(file)) ?? candidates[0];
}

interface Pending {
  resolve(lines: number[]): void;
  reject(error: Error): void;
}

export class WorkerRegexRunner implements RegexRunner {
  constructor(private readonly script = regexWorkerScript()) {}

  start(pattern: string, caseSensitive: boolean): RegexRun {
    return new WorkerRun(this.script, pattern, caseSensitive);
  }

  /** Compiles here when that is quick, else on a worker of its own, terminated on Stop. */
  validate(pattern: string, caseSensitive: boolean, signal: AbortSignal): Promise<string | undefined> {
    if (compilesQuickly(pattern)) return Promise.resolve(regexProblem(pattern, caseSensitive));
    return new Promise((resolve, reject) => {
      const worker = new Worker(this.script);
      worker.unref();
      const onAbort = () => { void worker.terminate(); reject(new Error('Cancelled by the user.')); };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      const done = () => { signal.removeEventListener('abort', onAbort); void worker.terminate(); };
      worker.on('message', (reply: { problem: string | null }) => { done(); resolve(reply.problem ?? undefined); });
      worker.on('error', (error) => { done(); reject(error); });
      const message: RegexValidation = { id: 0, validate: true, pattern, caseSensitive };
      worker.postMessage(message);
    });
  }
}

class WorkerRun implements RegexRun {
  private worker: Worker | undefined;
  private nextId = 0;
  private queue: { text: string; pending: Pending }[] = [];
  private queuedChars = 0;
  private readonly inFlight = new Map<number, Pending[]>();
  private flushScheduled = false;
  private failure: Error | undefined;

  constructor(private readonly script: string, private readonly pattern: string, private readonly caseSensitive: boolean) {}

  matchingLines(text: string): Promise<number[]> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ text, pending: { resolve, reject } });
      this.queuedChars += text.length;
      if (this.queue.length >= BATCH_FILES || this.queuedChars >= BATCH_CHARS) this.flush();
      else if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => { this.flushScheduled = false; this.flush(); });
      }
    });
  }

  /** Ends the run: the thread is terminated and every unanswered text rejects with `reason`. */
  stop(reason: Error): void {
    if (this.failure) return;
    this.failure = reason;
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
    for (const item of this.queue) item.pending.reject(reason);
    for (const batch of this.inFlight.values()) for (const pending of batch) pending.reject(reason);
    this.queue = [];
    this.inFlight.clear();
  }

  private flush(): void {
    if (this.failure || this.queue.length === 0) return;
    const items = this.queue;
    this.queue = [];
    this.queuedChars = 0;
    const id = this.nextId++;
    this.inFlight.set(id, items.map((item) => item.pending));
    const batch: RegexBatch = { id, pattern: this.pattern, caseSensitive: this.caseSensitive, texts: items.map((item) => item.text) };
    this.ensureWorker().postMessage(batch);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.script);
    worker.unref();
    worker.on('message', (result: RegexBatchResult) => {
      const batch = this.inFlight.get(result.id);
      this.inFlight.delete(result.id);
      batch?.forEach((pending, i) => pending.resolve(result.lines[i]));
    });
    worker.on('error', (error) => this.stop(error));
    worker.on('exit', () => { if (this.worker === worker) this.stop(new Error('the regex worker exited')); });
    this.worker = worker;
    return worker;
  }
}
