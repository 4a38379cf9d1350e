// Benchmark (not a test): search_text over a generated 50k-file tree against `grep -r` on the
// same tree, plus read_file paging through a 50 MB file. Run once: `node bench/search/run.mjs`.
// Writes its section of docs/BENCHMARKS.md (between the bench:search markers).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as esbuild from 'esbuild';

const FILES = Number(process.env.BENCH_FILES ?? 50_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const BIG_FILE_MB = 50;
const NEEDLE = 'FINDME_TOKEN';
const root = new URL('../..', import.meta.url).pathname;

async function loadTools() {
  const out = await esbuild.build({
    stdin: {
      contents: "export { ToolRegistry } from './src/tools/registry'; export { NodeWorkspacePort } from './src/tools/nodeWorkspacePort'; export { SETTINGS } from './src/config/settings';",
      resolveDir: root, loader: 'ts',
    },
    bundle: true, write: false, format: 'cjs', platform: 'node', target: 'node20',
  });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', out.outputFiles[0].text)(module, module.exports, (await import('node:module')).createRequire(import.meta.url));
  return module.exports;
}

/** Deterministic pseudo-random numbers, so every run searches the same tree. */
function prng(seed) {
  return () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
}

function generateTree(dir) {
  const random = prng(42);
  const words = ['const', 'let', 'return', 'function', 'import', 'export', 'value', 'result', 'items', 'config', 'handler', 'async', 'await', 'string', 'number'];
  let planted = 0;
  for (let i = 0; i < FILES; i++) {
    const sub = path.join(dir, `pkg${Math.floor(i / 1000)}`, `mod${Math.floor(i / 100) % 10}`);
    if (i % 100 === 0) mkdirSync(sub, { recursive: true });
    const lines = [];
    const count = 20 + Math.floor(random() * 40);
    for (let l = 0; l < count; l++) {
      const n = 4 + Math.floor(random() * 8);
      lines.push(Array.from({ length: n }, () => words[Math.floor(random() * words.length)]).join(' '));
    }
    if (i % 997 === 0) { lines[Math.floor(count / 2)] += ` // ${NEEDLE}`; planted++; }
    writeFileSync(path.join(sub, `file${i % 100}.ts`), `${lines.join('\n')}\n`);
  }
  return planted;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(fn) {
  const start = performance.now();
  const value = fn();
  return value instanceof Promise ? value.then((v) => [performance.now() - start, v]) : [performance.now() - start, value];
}

function grepCount(args, dir) {
  const result = spawnSync('grep', [...args, dir], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.status !== 0 && result.status !== 1) throw new Error(result.stderr);
  return result.stdout.split('\n').filter(Boolean).length;
}

function matchesIn(output) {
  return output.split('\n').filter((line) => /^ {2}\d+: /.test(line)).length;
}

async function main() {
  const { ToolRegistry, NodeWorkspacePort } = await loadTools();
  const work = mkdtempSync(path.join(tmpdir(), 'gemini-bench-'));
  const tree = path.join(work, 'tree');
  try {
    console.log(`generating ${FILES} files in ${tree} …`);
    const [genMs, planted] = time(() => generateTree(tree));
    console.log(`  done in ${(genMs / 1000).toFixed(1)} s, needle planted in ${planted} files`);

    const settings = { enabled: true, approval: 'auto', maxFileBytes: 262144, maxResultBytes: 1024 * 1024 };
    const registry = new ToolRegistry({
      port: new NodeWorkspacePort([{ path: tree }]),
      settings: () => settings,
      approver: { approve: async () => 'deny' },
      logger: { debug() {}, info() {}, warn() {}, error() {} },
    });
    const signal = new AbortController().signal;
    const search = (args) => registry.execute({ id: 'b', name: 'search_text', args: { maxResults: 500, ...args } }, signal);

    const scenarios = [
      { name: 'literal, case-sensitive', ours: { query: NEEDLE, caseSensitive: true }, grep: ['-r', '-n', '-F', NEEDLE] },
      { name: 'literal, ignore case', ours: { query: NEEDLE.toLowerCase() }, grep: ['-r', '-n', '-F', '-i', NEEDLE.toLowerCase()] },
      { name: 'regex', ours: { query: 'FINDME_T[O0]KEN$', isRegex: true, caseSensitive: true }, grep: ['-r', '-n', '-E', 'FINDME_T[O0]KEN$'] },
    ];
    const rows = [];
    for (const scenario of scenarios) {
      // one warm-up each, so both read from the page cache
      await search(scenario.ours);
      grepCount(scenario.grep, tree);
      const ours = [];
      const grep = [];
      let ourMatches = 0;
      let grepMatches = 0;
      for (let run = 0; run < RUNS; run++) {
        const [ms, result] = await time(() => search(scenario.ours));
        if (!result.ok) throw new Error(result.response.error);
        ourMatches = matchesIn(result.response.output);
        ours.push(ms);
        const [gms, count] = time(() => grepCount(scenario.grep, tree));
        grepMatches = count;
        grep.push(gms);
      }
      if (ourMatches !== grepMatches) throw new Error(`${scenario.name}: search_text found ${ourMatches}, grep ${grepMatches}`);
      const row = { name: scenario.name, ours, grep, matches: ourMatches, ratio: median(ours) / median(grep) };
      rows.push(row);
      console.log(`${scenario.name}: search_text median ${median(ours).toFixed(0)} ms, grep -r median ${median(grep).toFixed(0)} ms, ratio ${row.ratio.toFixed(2)}x (${ourMatches} matches)`);
    }

    console.log(`writing a ${BIG_FILE_MB} MB file …`);
    const big = path.join(work, 'big', 'big.log');
    mkdirSync(path.dirname(big));
    const line = (n) => `${String(n).padStart(9, '0')} INFO request handled in ${n % 1000} ms by worker ${n % 16}\n`;
    const chunks = [];
    let bytes = 0;
    let lines = 0;
    while (bytes < BIG_FILE_MB * 1024 * 1024) { const l = line(++lines); chunks.push(l); bytes += l.length; }
    writeFileSync(big, chunks.join(''));
    const bigRegistry = new ToolRegistry({
      port: new NodeWorkspacePort([{ path: path.dirname(big) }]),
      settings: () => ({ ...settings, maxResultBytes: 65536 }),
      approver: { approve: async () => 'deny' },
      logger: { debug() {}, info() {}, warn() {}, error() {} },
    });
    const pages = [];
    for (const [label, startLine] of [['first page', 1], ['middle page', Math.floor(lines / 2)], ['last page', lines - 100]]) {
      const runs = [];
      let output = '';
      for (let run = 0; run < RUNS; run++) {
        const [ms, result] = await time(() => bigRegistry.execute({ id: 'p', name: 'read_file', args: { path: 'big.log', startLine } }, signal));
        if (!result.ok) throw new Error(result.response.error);
        output = result.response.output;
        runs.push(ms);
      }
      const first = output.split('\n')[0];
      if (first !== line(startLine).trimEnd()) throw new Error(`${label}: expected line ${startLine}, got ${first}`);
      pages.push({ label, startLine, ms: median(runs), bytes: Buffer.byteLength(output) });
      console.log(`read_file ${label} (startLine ${startLine}): median ${median(runs).toFixed(1)} ms, ${Buffer.byteLength(output)} bytes returned`);
    }
    writeReport(rows, pages, { planted, genMs, bigBytes: bytes, bigLines: lines });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function machine() {
  const sh = (cmd, args) => { try { return execFileSync(cmd, args, { encoding: 'utf8' }).trim(); } catch { return 'unknown'; } };
  return [
    `- CPU: ${cpus()[0]?.model ?? 'unknown'}; \`nproc\`: ${sh('nproc', [])}`,
    `- Memory: ${(totalmem() / 2 ** 30).toFixed(1)} GiB total, ${(freemem() / 2 ** 30).toFixed(1)} GiB free at the start`,
    `- Node ${process.version}; ${sh('grep', ['--version']).split('\n')[0]}; ${process.platform} ${sh('uname', ['-r'])}`,
    `- Load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(', ')} (1, 5, 15 min). Other work on the machine inflates both columns; the runs alternate, so the ratio is the number to compare.`,
  ].join('\n');
}

function writeReport(rows, pages, info) {
  // The figures for bench/run.mjs's summary, beside the section.
  mkdirSync(path.join(root, 'test-output', 'bench'), { recursive: true });
  writeFileSync(path.join(root, 'test-output', 'bench', 'search.json'), JSON.stringify({ files: FILES, runs: RUNS, rows, pages }, null, 2));
  const file = path.join(root, 'docs', 'BENCHMARKS.md');
  const ms = (values) => values.map((v) => v.toFixed(0)).join(', ');
  const section = [
    '<!-- bench:search start -->',
    '## search_text vs `grep -r` (bench/search/run.mjs)',
    '',
    `Run ${new Date().toISOString().slice(0, 10)} on:`,
    machine(),
    '',
    `Tree: ${FILES.toLocaleString('en')} generated TypeScript-like files (20–60 lines each) in 500 directories, page cache warm (one warm-up run each). The needle sits in ${info.planted} files. search_text goes through the ToolRegistry and the Node WorkspacePort (ignore rules, walk, bounded reads, 8 reads in flight); grep is GNU grep, single process. Both report the same matches (checked). ${RUNS} runs each, alternating.`,
    '',
    '| query | search_text median | grep -r median | ratio | runs search_text (ms) | runs grep (ms) |',
    '|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.name} (${r.matches} matches) | ${median(r.ours).toFixed(0)} ms | ${median(r.grep).toFixed(0)} ms | **${r.ratio.toFixed(1)}×** | ${ms(r.ours)} | ${ms(r.grep)} |`),
    '',
    `### read_file paging through a ${(info.bigBytes / 2 ** 20).toFixed(0)} MB file (${info.bigLines.toLocaleString('en')} lines)`,
    '',
    'Default caps (tools.maxFileBytes 256 KB per read, tools.maxResultBytes 64 KB per page). A page is found by scanning newlines from the start in 256 KB ranged reads, so later pages cost more; memory stays bounded by one chunk.',
    '',
    '| page | startLine | median | returned |',
    '|---|---|---|---|',
    ...pages.map((p) => `| ${p.label} | ${p.startLine.toLocaleString('en')} | ${p.ms.toFixed(1)} ms | ${(p.bytes / 1024).toFixed(1)} KB |`),
    '<!-- bench:search end -->',
  ].join('\n');
  let doc = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n\nMeasurements, not tests: each section is written by the script it names. Re-run a script to refresh its section.\n';
  const pattern = /<!-- bench:search start -->[\s\S]*<!-- bench:search end -->/;
  doc = pattern.test(doc) ? doc.replace(pattern, section) : `${doc.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, doc);
  console.log(`wrote ${path.relative(root, file)}`);
}

await main();
