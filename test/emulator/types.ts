// Shapes shared by the emulator's pieces and by the tests that script it.

/** One request the emulator received, kept for assertions (e.g. that a thoughtSignature was echoed). */
export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. `/v1beta/models/gemini-2.5-flash:streamGenerateContent`. */
  path: string;
  query: Record<string, string>;
  /** Lower-cased header names, as Node hands them over. */
  headers: Record<string, string | string[] | undefined>;
  /** The body parsed as JSON, or undefined when it was empty or not JSON. */
  body: any;
  raw: string;
  /** Set when the client closed the connection before the answer was complete (an aborted request). */
  closedEarly?: boolean;
}

/** Streams GenerateContentResponse chunks as SSE, or (on generateContent) merges them into one JSON answer. */
export interface StreamResponse {
  kind: 'stream';
  chunks: object[];
  chunkDelayMs?: number;
  /** After the chunks: cut the socket (`disconnect`) or keep it open and silent (`stall`). */
  then?: 'disconnect' | 'stall';
  /** Index of the chunk sent as broken JSON. */
  malformedAt?: number;
}

export interface JsonResponse {
  kind: 'json';
  body: object;
  status?: number;
}

export interface ErrorResponse {
  kind: 'error';
  status: number;
  body: object;
  /**
   * Google answers a failed `streamGenerateContent?alt=sse` with `Content-Type: text/event-stream`
   * (recording 06) and a plain call with JSON; that is the default. Set this to force one.
   */
  contentType?: string;
}

/** Byte-exact replay: the body and headers go out untouched (only framing headers are recomputed). */
export interface RawResponse {
  kind: 'raw';
  status: number;
  headers: Record<string, string>;
  body: Buffer | string;
}

/** Never answers; the emulator still closes cleanly in close(). */
export interface StallResponse {
  kind: 'stall';
}

export type ScriptedResponse = StreamResponse | JsonResponse | ErrorResponse | RawResponse | StallResponse;

/** Which requests a queued answer may serve. */
export type RouteKind =
  | 'generateContent'
  | 'streamGenerateContent'
  | 'countTokens'
  | 'batchEmbedContents'
  | 'embedContent'
  | 'models.list'
  | 'models.get'
  | 'cachedContents';

/**
 * A queued answer. Plain scripted responses serve the next generateContent / streamGenerateContent
 * call; a response with `route` (set by enqueueRecording) serves the next call of that route.
 */
export type QueuedResponse = ScriptedResponse & {
  route?: RouteKind;
  /** Wait this long (ms) before answering at all: a model's fixed latency. */
  delayMs?: number;
};

/** The one API key of every test layer, the emulator's default and the runners' GEMINI_API_KEY. */
export const TEST_KEY = 'test-key';

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** The key callers must send in `x-goog-api-key` or `?key=`. Default TEST_KEY (`test-key`). */
  apiKey?: string;
  /** Delay between the chunks of the default answer, in ms. Default 0. */
  defaultChunkDelayMs?: number;
  /**
   * Models the service no longer serves: generate calls for them get the real 404 NOT_FOUND
   * (recording 06's wire form). Default none, so tests may use any id; the CLI passes
   * RETIRED_MODELS (catalogue.ts).
   */
  retiredModels?: readonly string[];
  /** What an empty queue answers: `echo` ("You said: …", the default) or `demo` (demo.ts: thinking, a README tool call, Markdown, proposals). */
  script?: 'echo' | 'demo';
}
