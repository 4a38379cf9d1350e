// What the in-host half of the completions benchmark (completionsHost.ts) and its runner
// (completions.ts) share; no `vscode` here.
export const COMPLETIONS_MARKER = '[gemini-bench-completions]';
/** Env var: a file whose appearance tells the in-host half to report and let the host exit. */
export const COMPLETIONS_STOP_ENV = 'GEMINI_BENCH_COMPLETIONS_STOP';

/** One generateContent request the extension host made, wall-clock ms (performance.timeOrigin + now). */
export interface HostFetch {
  fetchAt: number;
  /** The whole response body had reached the host (undefined: aborted first). */
  bodyEndAt?: number;
  aborted: boolean;
}

export interface HostReport {
  fetches: HostFetch[];
  /** The provider's own record: calls from VS Code and each completion it returned. */
  calls: number;
  shown: { ownMs: number; waitMs: number; requestMs: number; contextMs: number; source: 'cache' | 'model'; returnedAt: number }[];
}
