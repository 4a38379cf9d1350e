// Embeddings from Gemini for the semantic index, through the real SDK (`models.embedContent`,
// which the Gemini API serves as one batchEmbedContents request per call). gemini-embedding-2 is
// the current model (ai.google.dev/gemini-api/docs/embeddings, December 2026); it takes no
// task_type, so the task goes into the text, as its documentation prescribes: documents as
// "title: <path> | text: <chunk>", queries as "task: code retrieval | query: <question>".
// 256 dimensions (gemini-embedding-2 is Matryoshka-trained: any size from 128 to 3,072 is a prefix
// of the full vector; Google recommends 768 and up for the best quality): the benchmark
// (docs/BENCHMARKS.md, "Semantic search") measured an exact scan of 100,000 chunks at 768
// dimensions at 74 ms of CPU, over the 50 ms budget, and 300 MB in the extension host; at 256 it
// is a third of both (1 KB a chunk) for a small loss of retrieval quality.
import { l10n } from '../common/l10n';
import type { GenAIProvider } from '../gemini/genAIProvider';
import { parseServiceError, quotaScope, retryDelayFromBody } from '../gemini/errors';

export const EMBEDDING_MODEL = 'gemini-embedding-2';
export const EMBEDDING_DIMENSIONS = 256;
/** The API takes at most 100 contents in one batchEmbedContents request. */
export const MAX_BATCH = 100;

export interface EmbedDocument {
  path: string;
  text: string;
}

export interface Embedder {
  readonly model: string;
  readonly dims: number;
  embedDocuments(documents: readonly EmbedDocument[], signal?: AbortSignal): Promise<number[][]>;
  embedQuery(query: string, signal?: AbortSignal): Promise<number[]>;
}

/** A 429: the index pauses for `retryAfterMs` (from Google's RetryInfo when it gives one). */
export class RateLimitedError extends Error {
  constructor(readonly retryAfterMs: number | undefined, readonly perDay: boolean) {
    super(perDay ? l10n.t('The daily embeddings quota is used up.') : l10n.t('Gemini is rate-limiting embeddings requests.'));
    this.name = 'RateLimitedError';
  }
}

export function documentText(document: EmbedDocument): string {
  return `title: ${document.path} | text: ${document.text}`;
}

export function queryText(query: string): string {
  return `task: code retrieval | query: ${query}`;
}

export class GeminiEmbedder implements Embedder {
  readonly model = EMBEDDING_MODEL;
  readonly dims = EMBEDDING_DIMENSIONS;

  constructor(private readonly genai: GenAIProvider) {}

  async embedDocuments(documents: readonly EmbedDocument[], signal?: AbortSignal): Promise<number[][]> {
    if (documents.length > MAX_BATCH) throw new Error(`At most ${MAX_BATCH} texts per embeddings request.`);
    return this.embed(documents.map(documentText), signal);
  }

  async embedQuery(query: string, signal?: AbortSignal): Promise<number[]> {
    return (await this.embed([queryText(query)], signal))[0];
  }

  private async embed(contents: string[], signal?: AbortSignal): Promise<number[][]> {
    try {
      return await this.request(contents, signal);
    } catch (error) {
      // Vertex AI serves gemini-embedding-2 through embedContent, one content a call (the SDK
      // refuses more before sending anything): embed the batch one text at a time there.
      if (contents.length > 1 && error instanceof Error && /only supports one content/.test(error.message)) {
        const vectors: number[][] = [];
        for (const text of contents) vectors.push((await this.request([text], signal))[0]);
        return vectors;
      }
      throw error;
    }
  }

  private async request(contents: string[], signal?: AbortSignal): Promise<number[][]> {
    const ai = await this.genai();
    // A signal of the request's own: the SDK leaves its listener on the signal it is given, and
    // the indexer's signal lives for thousands of requests.
    const request = new AbortController();
    const onAbort = () => request.abort();
    if (signal?.aborted) request.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      // One Content per text: given plain strings, the SDK folds them into the parts of a single
      // content for gemini-embedding-2, which then answers with one embedding of all of them.
      const response = await ai.models.embedContent({
        model: this.model, contents: contents.map((text) => ({ parts: [{ text }] })), config: { outputDimensionality: this.dims, abortSignal: request.signal },
      });
      const vectors = (response.embeddings ?? []).map((embedding) => embedding.values ?? []);
      if (vectors.length !== contents.length || vectors.some((vector) => vector.length !== this.dims)) {
        throw new Error(`Gemini returned ${vectors.length} embeddings for ${contents.length} texts, or not of ${this.dims} values.`);
      }
      return vectors;
    } catch (error) {
      const service = parseServiceError(error);
      if (service?.status === 429) throw new RateLimitedError(retryDelayFromBody(service.body), quotaScope(service.body) === 'perDay');
      throw error;
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }
}
