// Benchmark (not a test): streams a 200 KB markdown answer in 2,000 chunks from the emulator,
// through the real SDK, engine, extension host and VS Code's webview messaging, into the chat
// webview of a real workbench in Chromium. Records per-chunk render cost (the webview's message
// handling plus the layout it causes) at the start vs the end of the answer, and the time from the
// emulator's first SSE byte to the first painted token. Writes its section of docs/BENCHMARKS.md.
//
//   npm run build && npx tsc -p ./ && node out/test/bench/chatStreaming.js [--no-write]
// (bench/run.mjs runs it against the staged production build.)
import * as http from 'node:http';
import * as os from 'node:os';
import { chunks } from '../emulator';
import { median, openBenchChat, quantile, startBenchBed, writeResults, writeSection as replaceSection } from './workbench';

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

/** Remembers when the emulator writes its first SSE event (this process serves the emulator). */
function watchFirstSseWrite(): { firstAt(): number | undefined; lastAt(): number | undefined; restore(): void } {
  const original = http.ServerResponse.prototype.write;
  let first: number | undefined;
  let last: number | undefined;
  http.ServerResponse.prototype.write = function (this: http.ServerResponse, chunk: unknown, ...rest: unknown[]) {
    if (typeof chunk === 'string' && chunk.startsWith('data:')) last = performance.timeOrigin + performance.now();
    if (first === undefined && typeof chunk === 'string' && chunk.startsWith('data:')) first = last;
    return (original as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof original;
  return { firstAt: () => first, lastAt: () => last, restore: () => { http.ServerResponse.prototype.write = original; } };
}

async function main(): Promise<void> {
  const write = !process.argv.includes('--no-write');
  const bed = await startBenchBed();
  const { emulator, extension, vscodeVersion } = bed;
  try {
    const answer = makeAnswer(TOTAL_BYTES);
    const pieces = split(answer, CHUNK_COUNT);
    emulator.reset();
    emulator.enqueue({ kind: 'stream', chunkDelayMs: CHUNK_DELAY_MS, chunks: [...pieces.map((p) => chunks.text(p)), chunks.finish('STOP', { promptTokenCount: 10, candidatesTokenCount: 50_000 })] });

    const web = await openBenchChat(bed.host.page);
    const input = web.locator('.composer-input');

    // Instrument the webview document: a capturing listener on window runs before the app's
    // handler, a bubbling one registered now runs after it; the second forces layout so the cost
    // includes what the DOM change triggers. A MutationObserver plus rAF spots the first paint.
    await web.locator('body').evaluate(`(() => {
      const w = window;
      w.__bench = { costs: [], arrivals: [], firstPaintAt: undefined, start: 0, frames: [], longTasks: 0 };
      const frame = (t) => { w.__bench.frames.push(t); requestAnimationFrame(frame); };
      requestAnimationFrame(frame);
      try { new PerformanceObserver((list) => { for (const e of list.getEntries()) w.__bench.longTasks += e.duration; }).observe({ type: 'longtask', buffered: false }); } catch {}
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

    const result = (await web.locator('body').evaluate('({ frames: window.__bench.frames, longTasks: window.__bench.longTasks, costs: window.__bench.costs, arrivals: window.__bench.arrivals, firstPaintAt: window.__bench.firstPaintAt, length: document.querySelector(".model-turn .answer-text").textContent.length, blocks: document.querySelector(".model-turn .answer-text").children.length })')) as
      { frames: number[]; longTasks: number; costs: number[]; arrivals: number[]; firstPaintAt: number; length: number; blocks: number };
    const costs = result.costs;
    const start = costs.slice(0, WINDOW);
    const end = costs.slice(-WINDOW);
    const firstByteAt = firstByte.firstAt();
    const report = {
      chunks: costs.length,
      startMedian: median(start), startP95: quantile(start, 0.95),
      endMedian: median(end), endP95: quantile(end, 0.95),
      ratio: median(end) / median(start),
      firstTokenMs: firstByteAt !== undefined && result.firstPaintAt ? result.firstPaintAt - firstByteAt : NaN,
      elapsedMs, renderedChars: result.length, blocks: result.blocks,
      firstArrivalMs: firstByteAt !== undefined ? result.arrivals[0] - firstByteAt : NaN,
      arrivalSpanMs: result.arrivals.at(-1)! - result.arrivals[0],
      arrivalsByDecile: Array.from({ length: 10 }, (_, i) => Math.round(result.arrivals[Math.floor(i * result.arrivals.length / 10)] - result.arrivals[0])),
      costSumMs: costs.reduce((a, b) => a + b, 0),
      longTasksMs: result.longTasks,
      emulatorWriteSpanMs: (firstByte.lastAt() ?? NaN) - (firstByteAt ?? NaN),
      frameCount: result.frames.length,
      frameIntervalMedian: median(result.frames.slice(1).map((t, i) => t - result.frames[i])),
    };
    console.log(JSON.stringify(report, null, 2));
    writeResults('streaming', { ...report, vscodeVersion, production: extension.production });
    if (write) writeSection({ ...report, vscodeVersion, production: extension.production });
  } finally {
    await bed.dispose();
  }
}

interface Report {
  chunks: number; startMedian: number; startP95: number; endMedian: number; endP95: number; ratio: number; firstTokenMs: number;
  elapsedMs: number; renderedChars: number; blocks: number; firstArrivalMs: number; costSumMs: number; emulatorWriteSpanMs: number;
  frameIntervalMedian: number;
  vscodeVersion: string;
  production: boolean;
}

function writeSection(r: Report): void {
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  replaceSection('chat', `## Chat webview streaming (test/bench/chatStreaming.ts)

VS Code ${r.vscodeVersion}, ${r.production ? 'the production build' : 'the development build'}, on ${cpu}, ${os.cpus().length} cores; the real VS Code workbench (VS Code server + headless Chromium, software rendering).

A ${TOTAL_BYTES / 1024} KB markdown answer (headings, prose, lists, tables, code blocks) in ${CHUNK_COUNT} chunks, ${CHUNK_DELAY_MS} ms apart, from the emulator through the real SDK, engine and extension host into the chat webview. The host merges text deltas that arrive within 16 ms into one webview message (the first at once), so the ${CHUNK_COUNT} chunks reached the webview as **${r.chunks} messages**. Render cost per message: the webview's handling (fold, incremental markdown, sanitise, highlight) plus the layout it triggers, measured inside the webview; the first and last ${WINDOW} messages.

| | median | p95 |
|---|---|---|
| first ${WINDOW} messages | ${ms(r.startMedian)} | ${ms(r.startP95)} |
| last ${WINDOW} messages | ${ms(r.endMedian)} | ${ms(r.endP95)} |
| **end / start** | **${r.ratio.toFixed(2)}×** (target ≤ 2×) | |

- First emulator byte → first painted token of this long answer, the first in a fresh window: ${r.firstTokenMs.toFixed(0)} ms (${r.firstArrivalMs.toFixed(0)} ms until the first delta reached the webview). The steady-state figure, hop by hop, is in the first-token latency section.
- All rendering together: ${(r.costSumMs / 1000).toFixed(1)} s (${(r.costSumMs / CHUNK_COUNT).toFixed(2)} ms per source chunk); ${r.renderedChars.toLocaleString('en')} characters end up in ${r.blocks} groups of up to 32 finished blocks; frames stayed at a median ${r.frameIntervalMedian.toFixed(1)} ms apart.
- Whole answer, send to settled: ${(r.elapsedMs / 1000).toFixed(1)} s; the emulator wrote its last byte after ${(r.emulatorWriteSpanMs / 1000).toFixed(1)} s.`);
  console.log('wrote the chat section of docs/BENCHMARKS.md');
}

main().then(() => process.exit(0), (error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
