// Benchmark (not a test): streams a 200 KB markdown answer in 2,000 chunks from the emulator,
// through the real SDK, engine, extension host and VS Code's webview messaging, into the chat
// webview of a real workbench in Chromium. Records per-chunk render cost (the webview's message
// handling plus the layout it causes) at the start vs the end of the answer, and the time from the
// emulator's first SSE byte to the first painted token. Writes its section of docs/BENCHMARKS.md.
//
//   npm run build && npx tsc -p ./ && node out/test/bench/chatStreaming.js [--no-write]
import * as http from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chunks } from '../emulator';
import { installVSCode } from '../harness/install';
import { REPO_ROOT } from '../harness/paths';
import { chatWebview, openGeminiView } from '../harness/ui';
import { startUiSession, stopUiSession } from '../ui/session';

const TOTAL_BYTES = 200 * 1024;
const CHUNK_COUNT = 2000;
const CHUNK_DELAY_MS = 5;
const WINDOW = 200;

/** A deterministic technical answer: headings, prose, lists, tables and code blocks. */
function makeAnswer(bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const section = [
      `## Step ${i + 1}: refactor module ${i}\n\n`,
      `The function \`handle${i}\` reads the **configuration**, validates it and returns a result. See [the guide](https://example.com/guide/${i}) for details on edge cases and error handling in this module.\n\n`,
      `- check input ${i}\n- normalise paths\n- cache the result for *later* calls\n\n`,
      '```ts\n' + `export function handle${i}(input: string): number {\n  const parts = input.split(',');\n  return parts.filter((p) => p.trim().length > 0).length + ${i};\n}\n` + '```\n\n',
      `| option | default |\n|---|---|\n| retries | ${i % 5} |\n| timeout | ${i * 10} ms |\n\n`,
    ].join('');
    parts.push(section);
    size += section.length;
  }
  return parts.join('').slice(0, bytes);
}

function split(text: string, count: number): string[] {
  const size = Math.ceil(text.length / count);
  return Array.from({ length: count }, (_, i) => text.slice(i * size, (i + 1) * size)).filter(Boolean);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

/** Remembers when the emulator writes its first SSE event (this process serves the emulator). */
function watchFirstSseWrite(): { firstAt(): number | undefined; restore(): void } {
  const original = http.ServerResponse.prototype.write;
  let first: number | undefined;
  http.ServerResponse.prototype.write = function (this: http.ServerResponse, chunk: unknown, ...rest: unknown[]) {
    if (first === undefined && typeof chunk === 'string' && chunk.startsWith('data:')) first = performance.timeOrigin + performance.now();
    return (original as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof original;
  return { firstAt: () => first, restore: () => { http.ServerResponse.prototype.write = original; } };
}

async function main(): Promise<void> {
  const write = !process.argv.includes('--no-write');
  await installVSCode();
  const session = await startUiSession();
  try {
    const { page, emulator } = session;
    const answer = makeAnswer(TOTAL_BYTES);
    const pieces = split(answer, CHUNK_COUNT);
    emulator.reset();
    emulator.enqueue({ kind: 'stream', chunkDelayMs: CHUNK_DELAY_MS, chunks: [...pieces.map((p) => chunks.text(p)), chunks.finish('STOP', { promptTokenCount: 10, candidatesTokenCount: 50_000 })] });

    await openGeminiView(page);
    const web = chatWebview(page);
    const input = web.locator('.composer-input');
    await input.waitFor({ state: 'visible', timeout: 60_000 });

    // Instrument the webview document: a capturing listener on window runs before the app's
    // handler, a bubbling one registered now runs after it; the second forces layout so the cost
    // includes what the DOM change triggers. A MutationObserver plus rAF spots the first paint.
    await web.locator('body').evaluate(`(() => {
      const w = window;
      w.__bench = { costs: [], arrivals: [], firstPaintAt: undefined, start: 0 };
      w.addEventListener('message', (e) => { if (e.data && e.data.type === 'turnEvent' && e.data.event.type === 'text') { w.__bench.start = performance.now(); w.__bench.arrivals.push(performance.timeOrigin + w.__bench.start); } }, true);
      w.addEventListener('message', (e) => {
        if (!e.data || e.data.type !== 'turnEvent' || e.data.event.type !== 'text') return;
        document.body.getBoundingClientRect();
        void document.body.offsetHeight;
        w.__bench.costs.push(performance.now() - w.__bench.start);
      });
      const observer = new MutationObserver(() => {
        const text = document.querySelector('.model-turn .answer-text');
        if (!text || !text.textContent) return;
        observer.disconnect();
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => { w.__bench.firstPaintAt = performance.timeOrigin + performance.now(); };
          channel.port2.postMessage(0);
        });
      });
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    })()`);

    const firstByte = watchFirstSseWrite();
    const sentAt = Date.now();
    await input.fill('Write the long refactoring guide.');
    await input.press('Enter');
    await web.locator('.model-turn:not(.streaming) .turn-footer .usage').waitFor({ state: 'visible', timeout: 300_000 });
    const elapsedMs = Date.now() - sentAt;
    firstByte.restore();

    const result = (await web.locator('body').evaluate('({ costs: window.__bench.costs, arrivals: window.__bench.arrivals, firstPaintAt: window.__bench.firstPaintAt, length: document.querySelector(".model-turn .answer-text").textContent.length, blocks: document.querySelector(".model-turn .answer-text").children.length })')) as
      { costs: number[]; arrivals: number[]; firstPaintAt: number; length: number; blocks: number };
    const costs = result.costs;
    const start = costs.slice(0, WINDOW);
    const end = costs.slice(-WINDOW);
    const firstByteAt = firstByte.firstAt();
    const report = {
      chunks: costs.length,
      startMedian: median(start), startP95: percentile(start, 0.95),
      endMedian: median(end), endP95: percentile(end, 0.95),
      ratio: median(end) / median(start),
      firstTokenMs: firstByteAt !== undefined && result.firstPaintAt ? result.firstPaintAt - firstByteAt : NaN,
      elapsedMs, renderedChars: result.length, blocks: result.blocks,
      firstArrivalMs: firstByteAt !== undefined ? result.arrivals[0] - firstByteAt : NaN,
      arrivalSpanMs: result.arrivals.at(-1)! - result.arrivals[0],
      arrivalsByDecile: Array.from({ length: 10 }, (_, i) => Math.round(result.arrivals[Math.floor(i * result.arrivals.length / 10)] - result.arrivals[0])),
      costSumMs: costs.reduce((a, b) => a + b, 0),
    };
    console.log(JSON.stringify(report, null, 2));
    if (write) writeSection(report);
  } finally {
    await stopUiSession();
  }
}

function writeSection(r: { chunks: number; startMedian: number; startP95: number; endMedian: number; endP95: number; ratio: number; firstTokenMs: number; elapsedMs: number; renderedChars: number; blocks: number }): void {
  const file = path.join(REPO_ROOT, 'docs', 'BENCHMARKS.md');
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  const ms = (v: number) => `${v.toFixed(2)} ms`;
  const section = `<!-- bench:chat start -->
## Chat webview streaming (test/bench/chatStreaming.ts)

Run ${new Date().toISOString().slice(0, 10)} on ${cpu}, ${os.cpus().length} cores, Node ${process.version}, the real VS Code workbench (harness) in headless Chromium.

A ${TOTAL_BYTES / 1024} KB markdown answer (headings, prose, lists, tables, code blocks) in ${CHUNK_COUNT} chunks, ${CHUNK_DELAY_MS} ms apart, from the emulator through the real SDK, engine and extension host into the chat webview. Per-chunk cost: the webview's handling of one text delta (fold, incremental markdown render, sanitise, highlight) plus the layout it triggers, measured inside the webview; ${WINDOW} chunks at each end.

| | median | p95 |
|---|---|---|
| first ${WINDOW} chunks | ${ms(r.startMedian)} | ${ms(r.startP95)} |
| last ${WINDOW} chunks | ${ms(r.endMedian)} | ${ms(r.endP95)} |
| **end / start** | **${r.ratio.toFixed(2)}×** (target ≤ 2×) | |

- First emulator byte → first painted token: **${r.firstTokenMs.toFixed(0)} ms**
- Whole answer, send to settled: ${(r.elapsedMs / 1000).toFixed(1)} s for ${r.chunks} text deltas (the emulator alone needs ≥ ${(CHUNK_COUNT * CHUNK_DELAY_MS / 1000).toFixed(0)} s); ${r.renderedChars.toLocaleString('en')} characters rendered in ${r.blocks} top-level blocks.
<!-- bench:chat end -->`;
  let text = readFileSync(file, 'utf8');
  const pattern = /<!-- bench:chat start -->[\s\S]*?<!-- bench:chat end -->/;
  text = pattern.test(text) ? text.replace(pattern, section) : `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, text);
  console.log(`wrote the chat section of ${path.relative(REPO_ROOT, file)}`);
}

main().then(() => process.exit(0), (error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
