// In-host half of the inline completions benchmark (loaded as `extensionTestsPath`): wraps global
// fetch to time each generateContent request (sent, whole body received, or aborted), and at the
// end reads the provider's own record through the extension's test API (development build).
// Prints one marked line, then lets the host exit.
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import type { GeminiTestApi } from '../../src/extension';
import { COMPLETIONS_MARKER, COMPLETIONS_STOP_ENV, HostFetch, HostReport } from './completionsProtocol';

const now = () => performance.timeOrigin + performance.now();

export async function run(): Promise<void> {
  const stopFile = process.env[COMPLETIONS_STOP_ENV];
  if (!stopFile) throw new Error(`${COMPLETIONS_STOP_ENV} is not set`);
  const fetches: HostFetch[] = [];
  const originalFetch = globalThis.fetch;
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    if (!url.includes(':generateContent')) return originalFetch(input, init);
    const record: HostFetch = { fetchAt: now(), aborted: false };
    fetches.push(record);
    init?.signal?.addEventListener('abort', () => { record.aborted = true; }, { once: true });
    const response = await originalFetch(input, init);
    if (!response.body) return response;
    const watched = response.body.pipeThrough(new TransformStream<Uint8Array, Uint8Array>({
      flush() {
        record.bodyEndAt = now();
      },
    }));
    return new Response(watched, { status: response.status, statusText: response.statusText, headers: response.headers });
  }) as typeof fetch;
  try {
    const api = () => vscode.extensions.getExtension<GeminiTestApi | undefined>('gemini-vscode-oss.gemini-for-vscode')?.exports;
    let marked = false;
    while (!existsSync(stopFile)) {
      // The runner's checkpoint between phases: how many calls VS Code has made so far.
      if (!marked && existsSync(`${stopFile}.mark`)) {
        marked = true;
        console.log(`${COMPLETIONS_MARKER}mark ${JSON.stringify({ calls: api()?.inlineCompletions().calls ?? 0 })}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const provider = api()?.inlineCompletions();
    const report: HostReport = { fetches, calls: provider?.calls ?? 0, shown: provider?.timings ?? [] };
    console.log(`${COMPLETIONS_MARKER} ${JSON.stringify(report)}`);
  } finally {
    globalThis.fetch = originalFetch;
  }
}
