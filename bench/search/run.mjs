// Benchmark (not a test): search_text and find_files over a generated tree, in one run and
// alternating, against ripgrep alone (the copy VS Code ships) and `grep -r`:
//   - search_text through the extension's real entry for a local folder: the ToolRegistry with the
//     services the extension builds (createSearchServices from VS Code's app root: ripgrep, the
//     regex worker), over the Node WorkspacePort;
//   - find_files the same way, against `rg --files`;
//   - the Node fallback walker (no ripgrep: remote and virtual folders) against `grep -r`;
//   - read_file paging through a 50 MB file.
// Each row gives wall-time medians and their ratio (the targets), and the ratio of median CPU
// times (own threads + child processes), which other load on the machine skews less.
// `node bench/search/run.mjs` (BENCH_FILES=200000 for the large tree; BENCH_APP_ROOT to point at
// another VS Code). Writes its section of docs/BENCHMARKS.md (between bench:search markers, one
// section per tree size) and test-output/bench/search.json.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, freemem, homedir, loadavg, tmpdir, totalmem } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as esbuild from 'esbuild';

const FILES = Number(process.env.BENCH_FILES ?? 50_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const BIG_FILE_MB = 50;
// The tree and its needle come from test/bench/searchFsProtocol.ts (the workspace.fs benchmark
// searches the same tree), bundled with the tools.
const root = new URL('../..', import.meta.url).pathname;
const TARGETS = { searchText: 1.5, findFiles: 1.5, fallback: 3 };

/** The code-server install the tests use is a real VS Code app root. */
function appRoot() {
  if (process.env.BENCH_APP_ROOT) return process.env.BENCH_APP_ROOT;
  const cache = process.env.GEMINI_VSCODE_CACHE ?? path.join(homedir(), '.cache', 'gemini-vscode');
  const dir = existsSync(cache) ? readdirSync(cache).find((name) => name.startsWith('code-server-')) : undefined;
  if (!dir) throw new Error(`no VS Code install under ${cache}: run scripts/install-vscode.sh first`);
  return path.join(cache, dir, 'node_modules', 'code-server', 'lib', 'vscode');
}

/** The tools as the extension bundles them, plus the regex worker beside them. */
async function loadTools(work) {
  const outdir = path.join(work, 'build');
  await esbuild.build({
    stdin: {
      contents: "export { ToolRegistry } from './src/tools/registry'; export { NodeWorkspacePort } from './src/tools/nodeWorkspacePort'; export { createSearchServices } from './src/node/searchServices'; export { generateTree, NEEDLE } from './test/bench/searchFsProtocol';",
      resolveDir: root, loader: 'ts', sourcefile: 'bench-tools.ts',
    },
    bundle: true, outfile: path.join(outdir, 'tools.cjs'), format: 'cjs', platform: 'node', target: 'node20', logLevel: 'warning',
  });
  await esbuild.build({ entryPoints: [path.join(root, 'src/node/regexWorker.ts')], bundle: true, outfile: path.join(outdir, 'regexWorker.js'), format: 'cjs', platform: 'node', target: 'node20', logLevel: 'warning' });
  return createRequire(import.meta.url)(path.join(outdir, 'tools.cjs'));
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function time(fn) {
  const start = performance.now();
  const value = await fn();
  return [performance.now() - start, value];
}

/** CPU ms this process (all its threads) and its reaped child processes (rg, grep) have used. */
function cpuNow() {
  const own = process.cpuUsage();
  let children = 0;
  try {
    // /proc/self/stat fields 16 and 17: cutime, cstime, in clock ticks (100 a second on Linux).
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    children = (Number(fields[13]) + Number(fields[14])) * 10;
  } catch { /* not Linux: own time only */ }
  return (own.user + own.system) / 1000 + children;
}

function runCount(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
  if (result.status !== 0 && result.status !== 1) throw new Error(`${command} ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.split(command === 'grep' || args.includes('--files') ? '\n' : '\n').filter(Boolean).length;
}

const matchesIn = (output) => output.split('\n').filter((line) => /^ {2}\d+: /.test(line)).length;
const pathsIn = (output) => output.split('\n').filter((line) => line && !line.startsWith('(') && !line.startsWith('…')).length;

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/** Times each contender once per round, in turn, so load on the machine hits all alike. */
async function alternate(contenders) {
  const times = contenders.map(() => []);
  const cpu = contenders.map(() => []);
  const results = contenders.map(() => undefined);
  for (const [i, c] of contenders.entries()) results[i] = await c.run(); // warm-up: page cache, workers
  for (let run = 0; run < RUNS; run++) {
    for (const [i, c] of contenders.entries()) {
      const before = cpuNow();
      const [ms, value] = await time(c.run);
      cpu[i].push(cpuNow() - before);
      times[i].push(ms);
      results[i] = value;
    }
  }
  return { times, cpu, results };
}

/** Ratio of the median CPU times: what the work costs, less sensitive to a loaded machine than wall time. */
const cpuRatio = (cpu, i, j) => median(cpu[i]) / Math.max(1, median(cpu[j]));

async function main() {
  const work = mkdtempSync(path.join(tmpdir(), 'gemini-bench-'));
  const tree = path.join(work, 'tree');
  try {
    const { ToolRegistry, NodeWorkspacePort, createSearchServices, generateTree, NEEDLE } = await loadTools(work);
    const services = createSearchServices({ appRoot: appRoot() });
    if (!services.textSearch) throw new Error(`no ripgrep under ${appRoot()}`);
    const rg = services.textSearch.binary;
    console.log(`ripgrep: ${rg}`);
    console.log(`generating ${FILES} files in ${tree} …`);
    const [genMs, planted] = await time(() => generateTree(tree, FILES));
    console.log(`  done in ${(genMs / 1000).toFixed(1)} s, needle planted in ${planted} files`);

    const settings = { enabled: true, approval: 'auto', maxFileBytes: 262144, maxResultBytes: 1024 * 1024 };
    const registryWith = (search) => new ToolRegistry({ port: new NodeWorkspacePort([{ path: tree }]), settings: () => settings, approver: { approve: async () => 'deny' }, logger: quiet, search });
    const extension = registryWith(services);
    const fallback = registryWith({ ...services, textSearch: undefined });
    const signal = new AbortController().signal;
    const call = (registry, name, args) => async () => {
      const result = await registry.execute({ id: 'b', name, args }, signal);
      if (!result.ok) throw new Error(result.response.error);
      return result.response.output;
    };

    const queries = [
      { name: 'literal, case-sensitive', args: { query: NEEDLE, caseSensitive: true }, rg: ['-n', '-s', '-F', NEEDLE], grep: ['-r', '-n', '-F', NEEDLE] },
      { name: 'literal, ignore case', args: { query: NEEDLE.toLowerCase() }, rg: ['-n', '-i', '-F', NEEDLE.toLowerCase()], grep: ['-r', '-n', '-F', '-i', NEEDLE.toLowerCase()] },
      { name: 'regex', args: { query: 'FINDME_T[O0]KEN$', isRegex: true, caseSensitive: true }, rg: ['-n', '-s', '-e', 'FINDME_T[O0]KEN$'], grep: ['-r', '-n', '-E', 'FINDME_T[O0]KEN$'] },
    ];
    const search = [];
    for (const q of queries) {
      const args = { maxResults: 500, ...q.args };
      const { times, cpu, results } = await alternate([
        { run: call(extension, 'search_text', args) },
        { run: () => runCount(rg, [...q.rg, '.'], tree) },
        { run: () => runCount('grep', [...q.grep, '.'], tree) },
      ]);
      const found = matchesIn(results[0]);
      if (found !== results[1] || found !== results[2]) throw new Error(`${q.name}: search_text ${found}, rg ${results[1]}, grep ${results[2]} matches`);
      const row = { name: q.name, matches: found, ours: times[0], rg: times[1], grep: times[2], ratio: median(times[0]) / median(times[1]), cpu: cpu.map(median), cpuRatio: cpuRatio(cpu, 0, 1) };
      search.push(row);
      console.log(`${q.name}: search_text ${median(row.ours).toFixed(0)} ms, rg ${median(row.rg).toFixed(0)} ms, grep ${median(row.grep).toFixed(0)} ms, ratio to rg ${row.ratio.toFixed(2)}x (CPU ${row.cpuRatio.toFixed(2)}x)`);
    }

    const globs = [
      { name: "'**/*.ts' (every file)", args: { glob: '**/*.ts', maxResults: 1000 }, rg: ['--files', '-g', '*.ts'] },
      { name: "'**/file7.ts' (1 in 100)", args: { glob: '**/file7.ts', maxResults: 1000 }, rg: ['--files', '-g', 'file7.ts'] },
    ];
    const find = [];
    for (const g of globs) {
      const { times, cpu, results } = await alternate([
        { run: call(extension, 'find_files', g.args) },
        { run: () => runCount(rg, [...g.rg, '.'], tree) },
      ]);
      const listed = pathsIn(results[0]);
      const truncated = /truncated, (\d+)(\+?)/.exec(results[0]);
      const total = listed + Number(truncated?.[1] ?? 0);
      // find_files stops counting 10,000 past maxResults ("10000+ more").
      if (truncated?.[2] ? total > results[1] : total !== results[1]) throw new Error(`${g.name}: find_files ${total}, rg --files ${results[1]}`);
      const row = { name: g.name, files: results[1], ours: times[0], rg: times[1], ratio: median(times[0]) / median(times[1]), cpu: cpu.map(median), cpuRatio: cpuRatio(cpu, 0, 1) };
      find.push(row);
      console.log(`find_files ${g.name}: find_files ${median(row.ours).toFixed(0)} ms, rg --files ${median(row.rg).toFixed(0)} ms, ratio to rg ${row.ratio.toFixed(2)}x (CPU ${row.cpuRatio.toFixed(2)}x)`);
    }

    const walker = [];
    for (const q of queries) {
      const args = { maxResults: 500, ...q.args };
      const { times, cpu, results } = await alternate([
        { run: call(fallback, 'search_text', args) },
        { run: () => runCount('grep', [...q.grep, '.'], tree) },
      ]);
      if (matchesIn(results[0]) !== results[1]) throw new Error(`fallback ${q.name}: ${matchesIn(results[0])} vs grep ${results[1]}`);
      const row = { name: q.name, ours: times[0], grep: times[1], ratio: median(times[0]) / median(times[1]), cpu: cpu.map(median), cpuRatio: cpuRatio(cpu, 0, 1) };
      walker.push(row);
      console.log(`fallback ${q.name}: walker ${median(row.ours).toFixed(0)} ms, grep ${median(row.grep).toFixed(0)} ms, ratio to grep ${row.ratio.toFixed(2)}x (CPU ${row.cpuRatio.toFixed(2)}x)`);
    }

    const pages = process.env.BENCH_SKIP_PAGING ? [] : await paging(work, registryWith, settings, signal);
    writeReport({ search, find, walker, pages }, { planted, genMs, rg });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function paging(work, registryWith, settings, signal) {
  console.log(`writing a ${BIG_FILE_MB} MB file …`);
  const big = path.join(work, 'big', 'big.log');
  mkdirSync(path.dirname(big));
  const line = (n) => `${String(n).padStart(9, '0')} INFO request handled in ${n % 1000} ms by worker ${n % 16}\n`;
  const chunks = [];
  let bytes = 0;
  let lines = 0;
  while (bytes < BIG_FILE_MB * 1024 * 1024) { const l = line(++lines); chunks.push(l); bytes += l.length; }
  writeFileSync(big, chunks.join(''));
  const { ToolRegistry, NodeWorkspacePort } = await loadTools(work);
  const registry = new ToolRegistry({ port: new NodeWorkspacePort([{ path: path.dirname(big) }]), settings: () => ({ ...settings, maxResultBytes: 65536 }), approver: { approve: async () => 'deny' }, logger: quiet });
  const pages = [];
  for (const [label, startLine] of [['first page', 1], ['middle page', Math.floor(lines / 2)], ['last page', lines - 100]]) {
    const runs = [];
    let output = '';
    for (let run = 0; run < RUNS; run++) {
      const [ms, result] = await time(() => registry.execute({ id: 'p', name: 'read_file', args: { path: 'big.log', startLine } }, signal));
      if (!result.ok) throw new Error(result.response.error);
      output = result.response.output;
      runs.push(ms);
    }
    if (output.split('\n')[0] !== line(startLine).trimEnd()) throw new Error(`${label}: expected line ${startLine}`);
    pages.push({ label, startLine, ms: median(runs), bytes: Buffer.byteLength(output), bigBytes: bytes, bigLines: lines });
    console.log(`read_file ${label} (startLine ${startLine}): median ${median(runs).toFixed(1)} ms, ${Buffer.byteLength(output)} bytes returned`);
  }
  return pages;
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

function writeReport({ search, find, walker, pages }, info) {
  mkdirSync(path.join(root, 'test-output', 'bench'), { recursive: true });
  const json = path.join(root, 'test-output', 'bench', FILES === 50_000 ? 'search.json' : `search-${FILES}.json`);
  // bench/run.mjs's summary reads `rows` (search_text, ratio to rg) from search.json.
  writeFileSync(json, JSON.stringify({ files: FILES, runs: RUNS, rows: search, find, walker, pages }, null, 2));
  const file = path.join(root, 'docs', 'BENCHMARKS.md');
  const ms = (values) => values.map((v) => v.toFixed(0)).join(', ');
  const med = (values) => `${median(values).toFixed(0)} ms`;
  const cpuCell = (r) => `${r.cpuRatio.toFixed(2)}× (${r.cpu.map((v) => v.toFixed(0)).join(' / ')} ms)`;
  const verdict = (ratio, target) => (ratio <= target ? `**${ratio.toFixed(2)}×** ✅` : `**${ratio.toFixed(2)}×** ❌`);
  const marker = FILES === 50_000 ? 'bench:search' : `bench:search-${FILES}`;
  const section = [
    `<!-- ${marker} start -->`,
    `## search_text and find_files on ${FILES.toLocaleString('en')} files (bench/search/run.mjs)`,
    '',
    `Run ${new Date().toISOString().slice(0, 10)} on:`,
    machine(),
    '',
    `Tree: ${FILES.toLocaleString('en')} generated TypeScript-like files (20–60 lines each) in ${Math.ceil(FILES / 100).toLocaleString('en')} directories, generated in ${(info.genMs / 1000).toFixed(0)} s, page cache warm (one warm-up run each). The needle sits in ${info.planted} files. **search_text** and **find_files** go through the extension's real entry for a local folder: the ToolRegistry with the services the extension builds from VS Code's app root (ripgrep \`${path.basename(path.dirname(path.dirname(path.dirname(info.rg))))}/…/${path.basename(info.rg)}\` from the installed VS Code 1.139, the regex worker), on the Node WorkspacePort; inside VS Code the port is workspace.fs, which the ripgrep path only touches for the ignore-rule files of directories with hits. **rg** is the same binary alone (\`rg -n\`, all threads, unsorted); **grep** is GNU \`grep -r -n\`, one process. All report the same matches (checked). ${RUNS} runs each, alternating; medians. **CPU ratio**: the same ratio of median CPU time (this process's threads plus its reaped children: rg, grep; from /proc, 10 ms ticks for the children), what each answer costs the machine, which a loaded machine skews less than wall time.`,
    '',
    `| query | search_text | rg | grep -r | ratio to rg (target ≤ ${TARGETS.searchText}×) | CPU ratio | runs search_text / rg / grep (ms) |`,
    '|---|---|---|---|---|---|---|',
    ...search.map((r) => `| ${r.name} (${r.matches} matches) | ${med(r.ours)} | ${med(r.rg)} | ${med(r.grep)} | ${verdict(r.ratio, TARGETS.searchText)} | ${cpuCell(r)} | ${ms(r.ours)} / ${ms(r.rg)} / ${ms(r.grep)} |`),
    '',
    `| find_files glob | find_files | rg --files | ratio (target ≤ ${TARGETS.findFiles}×) | CPU ratio | runs find_files / rg (ms) |`,
    '|---|---|---|---|---|---|',
    ...find.map((r) => `| ${r.name}, ${r.files.toLocaleString('en')} files | ${med(r.ours)} | ${med(r.rg)} | ${verdict(r.ratio, TARGETS.findFiles)} | ${cpuCell(r)} | ${ms(r.ours)} / ${ms(r.rg)} |`),
    '',
    'The Node fallback walker (remote and virtual folders, or no ripgrep), same queries:',
    '',
    `| query | walker | grep -r | ratio (target ≤ ${TARGETS.fallback}×) | CPU ratio | runs walker / grep (ms) |`,
    '|---|---|---|---|---|---|',
    ...walker.map((r) => `| ${r.name} | ${med(r.ours)} | ${med(r.grep)} | ${verdict(r.ratio, TARGETS.fallback)} | ${cpuCell(r)} | ${ms(r.ours)} / ${ms(r.grep)} |`),
    ...(pages.length ? [
      '',
      `### read_file paging through a ${(pages[0].bigBytes / 2 ** 20).toFixed(0)} MB file (${pages[0].bigLines.toLocaleString('en')} lines)`,
      '',
      'Default caps (tools.maxFileBytes 256 KB per read, tools.maxResultBytes 64 KB per page). A page is found by scanning newlines from the start in 256 KB ranged reads, so later pages cost more; memory stays bounded by one chunk.',
      '',
      '| page | startLine | median | returned |',
      '|---|---|---|---|',
      ...pages.map((p) => `| ${p.label} | ${p.startLine.toLocaleString('en')} | ${p.ms.toFixed(1)} ms | ${(p.bytes / 1024).toFixed(1)} KB |`),
    ] : []),
    `<!-- ${marker} end -->`,
  ].join('\n');
  let doc = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const pattern = new RegExp(`<!-- ${marker} start -->[\\s\\S]*<!-- ${marker} end -->`);
  doc = pattern.test(doc) ? doc.replace(pattern, section) : `${doc.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, doc);
  console.log(`wrote ${path.relative(root, file)}`);
}

await main();
