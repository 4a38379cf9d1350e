// Benchmark (not a test): "ask the whole workspace" packing over a generated tree of 10,000 text
// files (plus an ignored folder, secrets and binaries the policy must skip). Runs the extension's
// own packer (src/context/packer.ts, bundled by esbuild as the extension bundles it) over the Node
// WorkspacePort, with two budgets: half of a 1M-token model (524,288 tokens) and half of a
// 128K one. Measures wall time, the heap the finished pack holds, peak RSS, and the longest
// event-loop stall during packing (a 10 ms interval timer: how long the host could not answer).
// countTokens is the emulator's rule (characters / 4) computed locally, so no network time is in
// the figures. `node bench/pack/run.mjs` (BENCH_FILES, BENCH_RUNS). Writes its section of
// docs/BENCHMARKS.md (between bench:pack markers) and test-output/bench/pack.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as esbuild from 'esbuild';

if (typeof globalThis.gc !== 'function') {
  // Heap figures need a collection before and after: run again with --expose-gc.
  const child = spawnSync(process.execPath, ['--expose-gc', new URL(import.meta.url).pathname], { stdio: 'inherit' });
  process.exit(child.status ?? 1);
}

const FILES = Number(process.env.BENCH_FILES ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const root = new URL('../..', import.meta.url).pathname;

async function loadPacker(work) {
  const outfile = path.join(work, 'pack.cjs');
  await esbuild.build({
    stdin: {
      contents: "export { buildWorkspacePack } from './src/context/packer'; export { NodeWorkspacePort } from './src/tools/nodeWorkspacePort'; export { ToolCallContext } from './src/tools/context';",
      resolveDir: root, loader: 'ts', sourcefile: 'bench-pack.ts',
    },
    bundle: true, outfile, format: 'cjs', platform: 'node', target: 'node20', logLevel: 'warning',
  });
  return createRequire(import.meta.url)(outfile);
}

function prng(seed) {
  return () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
}

function write(file, content) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

/** FILES source files in 100 folders (20–60 lines each), an ignored build/ of 500, 50 .env files, 50 PNGs. */
function generateTree(dir) {
  const random = prng(7);
  const words = ['const', 'return', 'function', 'import', 'export', 'value', 'result', 'items', 'config', 'handler', 'parser', 'router', 'await', 'string'];
  const line = () => Array.from({ length: 6 + Math.floor(random() * 8) }, () => words[Math.floor(random() * words.length)]).join(' ');
  write(path.join(dir, '.gitignore'), 'build/\n');
  let bytes = 0;
  for (let i = 0; i < FILES; i++) {
    const text = Array.from({ length: 20 + Math.floor(random() * 40) }, line).join('\n') + '\n';
    bytes += text.length;
    write(path.join(dir, `pkg${i % 100}`, `mod${i}.ts`), text);
  }
  for (let i = 0; i < 500; i++) write(path.join(dir, 'build', `out${i}.js`), 'var x = 1;\n');
  for (let i = 0; i < 50; i++) write(path.join(dir, `pkg${i}`, '.env'), 'TOKEN=secret\n');
  for (let i = 0; i < 50; i++) write(path.join(dir, `pkg${i}`, `logo${i}.png`), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]));
  return bytes;
}

async function packOnce(mod, dir, budgetTokens) {
  const port = new mod.NodeWorkspacePort([{ path: dir }]);
  const logger = { debug() {}, info() {}, warn() {}, error() {} };
  const ctx = new mod.ToolCallContext(port, { enabled: true, approval: 'auto', maxFileBytes: 262_144, maxResultBytes: 65_536 }, new AbortController().signal, logger);
  globalThis.gc();
  const heapBefore = process.memoryUsage().heapUsed;
  let last = performance.now();
  let stall = 0;
  const timer = setInterval(() => { const now = performance.now(); stall = Math.max(stall, now - last - 10); last = now; }, 10);
  const started = performance.now();
  const pack = await mod.buildWorkspacePack({
    ctx, question: 'How does the parser hand results to the router?', open: ['pkg3/mod3.ts'], recent: new Map(), budgetTokens,
    countTokens: async (contents) => Math.ceil(JSON.stringify(contents).length / 4),
  });
  const ms = performance.now() - started;
  clearInterval(timer);
  globalThis.gc();
  const heapMB = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
  const counts = {};
  for (const entry of pack.manifest.omitted) counts[entry.reason] = (counts[entry.reason] ?? 0) + 1;
  const result = { ms, heapMB, stallMs: Math.max(0, stall), files: pack.manifest.included.length, tokens: pack.manifest.tokens, omitted: counts, entries: pack.entries };
  pack.contents.length = 0; // let it go before the next run
  return result;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];

const work = mkdtempSync(path.join(tmpdir(), 'gemini-pack-bench-'));
try {
  const mod = await loadPacker(work);
  const tree = path.join(work, 'tree');
  const genStart = performance.now();
  const bytes = generateTree(tree);
  const genS = ((performance.now() - genStart) / 1000).toFixed(1);
  const budgets = [524_288, 64_000];
  await packOnce(mod, tree, budgets[0]); // warm the page cache and the JIT
  const samples = Object.fromEntries(budgets.map((b) => [b, []]));
  for (let run = 0; run < RUNS; run++) for (const budget of budgets) samples[budget].push(await packOnce(mod, tree, budget));
  const rss = process.resourceUsage().maxRSS / 1024;
  const rows = budgets.map((budget) => {
    const s = samples[budget];
    const o = s[0].omitted;
    return `| ${budget.toLocaleString('en-US')} | ${median(s.map((x) => x.ms)).toFixed(0)} ms | ${s.map((x) => x.ms.toFixed(0)).join(', ')} | ${median(s.map((x) => x.heapMB)).toFixed(1)} MB | ${Math.max(...s.map((x) => x.stallMs)).toFixed(0)} ms | ${s[0].files.toLocaleString('en-US')} files, ${s[0].tokens.toLocaleString('en-US')} tokens | ${Object.entries(o).map(([k, v]) => `${v.toLocaleString('en-US')} ${k}`).join(', ')} |`;
  });
  const body = `## Whole-workspace packing, ${FILES.toLocaleString('en-US')} files (bench/pack/run.mjs)

Run ${new Date().toISOString().slice(0, 10)} on ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, \`nproc\` ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB (${(freemem() / 2 ** 30).toFixed(1)} GiB free), Node ${process.version}; load average at the end ${loadavg().map((x) => x.toFixed(1)).join(', ')} (1, 5, 15 min): other work shares this machine.

Tree: ${FILES.toLocaleString('en-US')} TypeScript-like files (20–60 lines, ${(bytes / 2 ** 20).toFixed(1)} MB) in 100 folders, plus an ignored \`build/\` of 500 files, 50 \`.env\` files and 50 PNGs; generated in ${genS} s, page cache warm. The extension's packer (src/context/packer.ts) over the Node WorkspacePort: the walk under the tools' policy, reading in rank order (up to twice the budget), ranking, the manifest, and countTokens (the emulator's characters / 4 rule, computed locally: no network time). ${RUNS} runs per budget, alternating; medians. *Heap* is what the finished pack holds (after a collection); *longest stall* is the longest time a 10 ms timer waited past its turn during packing, across all runs: how long the extension host could not answer anything else.

| budget (tokens) | time | runs (ms) | heap held | longest stall | packed | left out (first run) |
|---|---|---|---|---|---|---|
${rows.join('\n')}

Peak RSS of the benchmark process: ${rss.toFixed(0)} MB. In VS Code the port is \`workspace.fs\` (each read a round trip to the file system provider), so the walk and reads take longer there; the work is the same and runs in the background with a cancellable progress notification.`;
  const section = `<!-- bench:pack start -->\n${body}\n<!-- bench:pack end -->`;
  const docs = path.join(root, 'docs', 'BENCHMARKS.md');
  let text = readFileSync(docs, 'utf8');
  const pattern = /<!-- bench:pack start -->[\s\S]*?<!-- bench:pack end -->/;
  text = pattern.test(text) ? text.replace(pattern, () => section) : `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(docs, text);
  mkdirSync(path.join(root, 'test-output', 'bench'), { recursive: true });
  writeFileSync(path.join(root, 'test-output', 'bench', 'pack.json'), JSON.stringify({ files: FILES, samples }, null, 2));
  console.log(rows.join('\n'));
  console.log(`peak RSS ${rss.toFixed(0)} MB; wrote docs/BENCHMARKS.md`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
