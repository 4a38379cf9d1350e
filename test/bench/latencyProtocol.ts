// What the in-host half of the latency benchmark (latencyHost.ts) and its runner (latency.ts)
// share; no `vscode` here.
export const HOPS_MARKER = '[gemini-bench-hops]';
/** Env var: a file whose appearance tells the in-host half to stop and let the host exit. */
export const LATENCY_STOP_ENV = 'GEMINI_BENCH_LATENCY_STOP';

/** Wall-clock times (ms, performance.timeOrigin + now) of one streamed request in the extension host. */
export interface HostHops {
  request: number;
  /** fetch() called for streamGenerateContent. */
  fetchAt: number;
  /** The response's first body bytes reached the host. */
  firstByteAt?: number;
  /** The SDK parsed the first chunk carrying answer text (JSON.parse). */
  parsedAt?: number;
  /** The first text turnEvent went into webview.postMessage (its serialisation). */
  postedAt?: number;
}
