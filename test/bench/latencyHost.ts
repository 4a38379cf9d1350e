// In-host half of the first-token latency benchmark (loaded as `extensionTestsPath`). It times,
// for each streamed request the extension makes, the hops inside the extension host without
// touching the extension's code: global fetch is wrapped to see the first body bytes arrive,
// JSON.parse to see the SDK parse the first chunk with text, JSON.stringify to see the first text
// turnEvent serialised by webview.postMessage. One marked console line per request; stops when
// the runner creates the stop file.
import { existsSync } from 'node:fs';
import { HOPS_MARKER, HostHops, LATENCY_STOP_ENV } from './latencyProtocol';

const now = () => performance.timeOrigin + performance.now();

export async function run(): Promise<void> {
  const stopFile = process.env[LATENCY_STOP_ENV];
  if (!stopFile) throw new Error(`${LATENCY_STOP_ENV} is not set`);
  let current: HostHops | undefined;
  let count = 0;
  const report = (hops: HostHops) => console.log(`${HOPS_MARKER} ${JSON.stringify(hops)}`);

  const originalFetch = globalThis.fetch;
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    if (!url.includes(':streamGenerateContent')) return originalFetch(input, init);
    if (current) report(current);
    const hops: HostHops = { request: ++count, fetchAt: now() };
    current = hops;
    const response = await originalFetch(input, init);
    if (!response.body) return response;
    const watched = response.body.pipeThrough(new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        hops.firstByteAt ??= now();
        controller.enqueue(chunk);
      },
    }));
    return new Response(watched, { status: response.status, statusText: response.statusText, headers: response.headers });
  }) as typeof fetch;

  const originalParse = JSON.parse;
  JSON.parse = function (text: string, reviver?: (this: unknown, key: string, value: unknown) => unknown) {
    const value = originalParse.call(JSON, text, reviver);
    if (current && current.parsedAt === undefined && value?.candidates?.[0]?.content?.parts?.some((part: { text?: string }) => part.text)) current.parsedAt = now();
    return value;
  } as typeof JSON.parse;

  const originalStringify = JSON.stringify;
  const isFirstText = (value: unknown): boolean => {
    const message = value as { type?: string; event?: { type?: string } } | undefined;
    return message?.type === 'turnEvent' && message.event?.type === 'text';
  };
  JSON.stringify = function (value: unknown, ...rest: unknown[]) {
    if (current && current.postedAt === undefined && (isFirstText(value) || (Array.isArray(value) && value.some(isFirstText)))) current.postedAt = now();
    return (originalStringify as (...args: unknown[]) => string).call(JSON, value, ...rest);
  } as typeof JSON.stringify;

  try {
    while (!existsSync(stopFile)) await new Promise((resolve) => setTimeout(resolve, 200));
    if (current) report(current);
  } finally {
    globalThis.fetch = originalFetch;
    JSON.parse = originalParse;
    JSON.stringify = originalStringify;
  }
}
