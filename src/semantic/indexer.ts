// The semantic index's state machine: which files need embedding (a content hash per file), the
// batches sent to Gemini, a 429 that pauses the work and resumes it where it stopped, and the
// status the status bar shows. Pure: files come through a FileSource (the tools' policy applied
// by the glue), vectors from an Embedder, the saved index through an IndexStorage.
//
//   idle ──sync()/refresh()──▶ indexing n/N ──done──▶ ready
//                                 │  ▲
//                           429   ▼  │ after RetryInfo's delay
//                                paused
//
// Nothing is lost on a pause: the chunks already embedded stay in memory, the batch that got the
// 429 is sent again, and the store is saved on every pause and every SAVE_EVERY chunks, so even a
// closed window resumes from the files already done (their hashes match and they are skipped).
import { createHash } from 'node:crypto';
import { Chunk, chunkText } from './chunker';
import { EmbedDocument, Embedder, MAX_BATCH, RateLimitedError } from './embedder';
import { ScoredChunk, VectorStore } from './vectorStore';
import type { SemanticSearchService } from '../tools/searchBackend';
import { ToolError } from '../tools/text';

export interface FileSource {
  /** Every file the policy lets into the index (folder-qualified display paths). */
  list(signal: AbortSignal): Promise<string[]>;
  /** The file's text, or undefined when it may not or cannot be indexed now (binary, too large, sensitive content, gone). */
  read(path: string): Promise<string | undefined>;
}

export interface IndexStorage {
  load(): Promise<Uint8Array | undefined>;
  save(bytes: Uint8Array): Promise<void>;
}

export type IndexState = 'idle' | 'indexing' | 'paused' | 'ready' | 'error';

export interface IndexStatus {
  state: IndexState;
  /** Files done and in all, while indexing or paused. */
  done: number;
  total: number;
  chunks: number;
  files: number;
  /** When paused: Date.now() value at which it resumes. Error: what went wrong. */
  resumeAt?: number;
  message?: string;
}

export interface IndexerDeps {
  files: FileSource;
  embedder: Embedder;
  storage: IndexStorage;
  onStatus?(status: IndexStatus): void;
  /** Waits ms (tests make it instant); rejects when the signal aborts. */
  sleep?(ms: number, signal: AbortSignal): Promise<void>;
  now?(): number;
  /** Embeddings requests a minute at most (the paid tier's floor is far above; the free tier is ~100). */
  maxRequestsPerMinute?: number;
  log?(line: string): void;
}

/** The pause after a 429 that names no delay. */
export const DEFAULT_PAUSE_MS = 60_000;
const SAVE_EVERY = 2000;

interface PendingFile {
  path: string;
  hash: string;
  chunks: Chunk[];
  vectors: number[][];
}

export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 22);
}

export class SemanticIndexer {
  private store: VectorStore | undefined;
  private statusValue: IndexStatus = { state: 'idle', done: 0, total: 0, chunks: 0, files: 0 };
  private running: Promise<void> | undefined;
  private readonly dirty = new Set<string>();
  private fullSync = false;
  private controller = new AbortController();
  private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  private readonly now: () => number;
  private requestTimes: number[] = [];
  private unsaved = 0;
  private loadingIndex: Promise<boolean> | undefined;

  constructor(private readonly deps: IndexerDeps) {
    this.sleep = deps.sleep ?? defaultSleep;
    this.now = deps.now ?? Date.now;
  }

  get status(): IndexStatus {
    return this.statusValue;
  }

  /** Whether a search can answer (an index was built or loaded, even if a refresh is under way). */
  get hasIndex(): boolean {
    return Boolean(this.store && this.store.fileCount > 0);
  }

  /** Whether the saved index is being loaded (a search may wait for it: see `loaded`). */
  get loading(): boolean {
    return this.loadingIndex !== undefined;
  }

  /** Resolves once a load in progress has ended (at once when none is). */
  async loaded(): Promise<void> {
    await this.loadingIndex;
  }

  /** Loads the saved index; false when there is none (or it is unreadable or of another model). */
  load(): Promise<boolean> {
    const loading = this.readSaved().finally(() => { if (this.loadingIndex === loading) this.loadingIndex = undefined; });
    this.loadingIndex = loading;
    return loading;
  }

  private async readSaved(): Promise<boolean> {
    const bytes = await this.deps.storage.load().catch(() => undefined);
    const store = bytes ? VectorStore.deserialize(bytes) : undefined;
    if (!store || store.model !== this.deps.embedder.model || store.dims !== this.deps.embedder.dims) return false;
    this.store = store;
    this.setStatus({ state: 'ready', done: 0, total: 0 });
    return true;
  }

  /** Re-checks every file: new and changed ones are embedded, deleted ones dropped. */
  sync(): Promise<void> {
    this.fullSync = true;
    return this.kick();
  }

  /** Re-checks these files only (a watcher's changes, creations and deletions). */
  refresh(paths: readonly string[]): Promise<void> {
    for (const path of paths) this.dirty.add(path);
    return this.kick();
  }

  /** Resolves when no work is left (or it stopped on an error). */
  idle(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  async search(query: string, k: number, signal?: AbortSignal, accept?: (path: string) => boolean): Promise<ScoredChunk[]> {
    if (!this.store) return [];
    const vector = await this.deps.embedder.embedQuery(query, signal);
    return this.store.search(vector, k, accept);
  }

  /** Stops the work in flight (saving what was embedded) and forgets nothing on disk. */
  async dispose(): Promise<void> {
    this.controller.abort();
    await this.running?.catch(() => undefined);
  }

  private kick(): Promise<void> {
    if (!this.running) {
      this.running = this.work().finally(() => { this.running = undefined; });
    }
    return this.running;
  }

  private async work(): Promise<void> {
    const signal = this.controller.signal;
    try {
      while (!signal.aborted && (this.fullSync || this.dirty.size > 0)) {
        let paths: string[];
        this.store ??= new VectorStore(this.deps.embedder.model, this.deps.embedder.dims);
        if (this.fullSync) {
          this.fullSync = false;
          this.dirty.clear();
          paths = await this.deps.files.list(signal);
          const listed = new Set(paths);
          for (const known of this.store.paths()) if (!listed.has(known)) this.store.removeFile(known);
        } else {
          paths = [...this.dirty];
          this.dirty.clear();
        }
        await this.index(paths, signal);
      }
      await this.save();
      this.setStatus({ state: 'ready', done: 0, total: 0, resumeAt: undefined, message: undefined });
    } catch (error) {
      await this.save().catch(() => undefined);
      if (signal.aborted) return;
      const message = error instanceof Error ? error.message : String(error);
      this.deps.log?.(`semantic index: ${message}`);
      this.setStatus({ state: 'error', message });
    }
  }

  private async index(paths: string[], signal: AbortSignal): Promise<void> {
    const store = this.store!;
    let done = 0;
    this.setStatus({ state: 'indexing', done, total: paths.length });
    const queue: PendingFile[] = [];
    let queuedChunks = 0;
    for (const path of paths) {
      if (signal.aborted) return;
      const text = await this.deps.files.read(path).catch(() => undefined);
      if (text === undefined) {
        store.removeFile(path);
        this.setStatus({ done: ++done });
        continue;
      }
      const hash = contentHash(text);
      if (store.hashOf(path) === hash) { this.setStatus({ done: ++done }); continue; }
      const chunks = chunkText(path, text);
      if (chunks.length === 0) { store.setFile(path, hash, []); this.setStatus({ done: ++done }); continue; }
      queue.push({ path, hash, chunks, vectors: [] });
      queuedChunks += chunks.length;
      while (queuedChunks >= MAX_BATCH) {
        const sent = await this.embedBatch(queue, signal);
        queuedChunks -= sent;
        done += this.commit(queue);
        this.setStatus({ done });
      }
    }
    while (queue.length > 0 && !signal.aborted) {
      await this.embedBatch(queue, signal);
      done += this.commit(queue);
      this.setStatus({ done });
    }
  }

  /** Embeds the next MAX_BATCH chunks of the queue, waiting out every 429; returns how many. */
  private async embedBatch(queue: PendingFile[], signal: AbortSignal): Promise<number> {
    const batch: Array<{ file: PendingFile; document: EmbedDocument }> = [];
    for (const file of queue) {
      for (let i = file.vectors.length; i < file.chunks.length && batch.length < MAX_BATCH; i++) {
        batch.push({ file, document: { path: file.path, text: file.chunks[i].text } });
      }
      if (batch.length >= MAX_BATCH) break;
    }
    for (;;) {
      await this.throttle(signal);
      try {
        const vectors = await this.deps.embedder.embedDocuments(batch.map((item) => item.document), signal);
        batch.forEach((item, i) => item.file.vectors.push(vectors[i]));
        return batch.length;
      } catch (error) {
        if (!(error instanceof RateLimitedError)) throw error;
        const wait = Math.max(1000, error.retryAfterMs ?? DEFAULT_PAUSE_MS);
        const resumeAt = this.now() + wait;
        this.deps.log?.(`semantic index: 429 from Gemini (${error.message}); paused, resuming in ${Math.round(wait / 1000)} s`);
        this.setStatus({ state: 'paused', resumeAt, message: error.message });
        await this.save();
        await this.sleep(wait, signal);
        this.setStatus({ state: 'indexing', resumeAt: undefined, message: undefined });
      }
    }
  }

  /** Moves the fully embedded files at the head of the queue into the store; returns how many. */
  private commit(queue: PendingFile[]): number {
    let count = 0;
    while (queue.length > 0 && queue[0].vectors.length === queue[0].chunks.length) {
      const file = queue.shift()!;
      this.store!.setFile(file.path, file.hash, file.chunks.map((chunk, i) => ({ startLine: chunk.startLine, endLine: chunk.endLine, vector: file.vectors[i] })));
      this.unsaved += file.chunks.length;
      count++;
    }
    if (this.unsaved >= SAVE_EVERY) void this.save();
    return count;
  }

  private async throttle(signal: AbortSignal): Promise<void> {
    const perMinute = this.deps.maxRequestsPerMinute ?? 0;
    if (perMinute <= 0) return;
    const now = this.now();
    this.requestTimes = this.requestTimes.filter((time) => now - time < 60_000);
    if (this.requestTimes.length >= perMinute) await this.sleep(60_000 - (now - this.requestTimes[0]), signal);
    this.requestTimes.push(this.now());
  }

  private async save(): Promise<void> {
    if (!this.store) return;
    this.unsaved = 0;
    await this.deps.storage.save(this.store.serialize());
  }

  private setStatus(change: Partial<IndexStatus>): void {
    this.statusValue = { ...this.statusValue, ...change, chunks: this.store?.chunkCount ?? 0, files: this.store?.fileCount ?? 0 };
    this.deps.onStatus?.(this.statusValue);
  }
}

function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) { reject(new Error('aborted')); return; }
    const timer = setTimeout(() => { signal.removeEventListener('abort', onAbort); resolve(); }, ms);
    const onAbort = () => { clearTimeout(timer); reject(new Error('aborted')); };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * search_code_semantic's engine over an indexer, while `enabled()` says the user wants one: a saved
 * index still loading counts as ready (right after a reload a chat's first turn may ask for its
 * tools before the load ends), and a search waits for the load; if it found no index, the search
 * says how to build one.
 */
export function semanticSearchOver(indexer: SemanticIndexer, enabled: () => boolean): SemanticSearchService {
  return {
    ready: () => enabled() && (indexer.hasIndex || indexer.loading),
    async search(query, k, signal) {
      await indexer.loaded();
      if (!indexer.hasIndex) throw new ToolError('No semantic index exists yet (the saved one could not be read); the user can build one with "Gemini: Index Workspace for Semantic Search". Use search_text or find_files instead.');
      return indexer.search(query, k, signal);
    },
  };
}
