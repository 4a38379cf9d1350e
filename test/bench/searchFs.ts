// Benchmark (not a test): search_text's Node walker (no ripgrep) through the extension's VS Code
// port inside a real extension host (issue 19): on a file: folder (node:fs, the fast path) and
// forced onto workspace.fs (the path remote and virtual folders take), against the same walker on
// the Node port (bench/search/run.mjs's fallback rows) and `grep -r`, in one run and alternating. The in-host half is searchFsHost.ts; the tree
// is bench/search/run.mjs's. Writes its section of docs/BENCHMARKS.md.
//
//   node out/test/bench/searchFs.js [--files 20000] [--runs 3] [--no-write]
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../harness/paths';
import { SEARCH_FS_ENV, SearchFsReport, SearchFsRequest } from './searchFsProtocol';
import { READS_IN_FLIGHT } from '../../src/tools/searchWalker';
import { delay, fixed, median, startBenchBed, writeResults, writeSection } from './workbench';

const HOST_ENTRY = path.join(REPO_ROOT, 'out', 'test', 'bench', 'searchFsHost.js');
const REPORT_TIMEOUT_MS = 30 * 60_000;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: number) => Number(args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
  const files = option('--files', 20_000);
  const runs = option('--runs', 3);
  const work = mkdtempSync(path.join(tmpdir(), 'gemini-bench-search-fs-'));
  const out = path.join(work, 'report.json');
  try {
    const request: SearchFsRequest = { files, runs, out };
    const loadBefore = loadavg()[0];
    const bed = await startBenchBed({ env: { [SEARCH_FS_ENV]: JSON.stringify(request) }, extensionTestsPath: HOST_ENTRY });
    let report: SearchFsReport;
    try {
      const deadline = Date.now() + REPORT_TIMEOUT_MS;
      while (!existsSync(out)) {
        if (Date.now() > deadline) throw new Error('the extension host wrote no report');
        await delay(500);
      }
      await delay(200);
      report = JSON.parse(readFileSync(out, 'utf8')) as SearchFsReport;
    } finally {
      await bed.dispose();
    }
    if (report.error) throw new Error(`in the extension host: ${report.error}`);
    const load: [number, number] = [loadBefore, loadavg()[0]];
    const planted = report.planted;
    const results = { files, runs, load, cpus: cpus().length, production: bed.extension.production, ...report };
    writeResults('search-fs', results);
    const runs_ = (values: number[]) => values.map((v) => fixed(v, 0)).join(', ');
    const lines = report.rows.map((r) => {
      const [port, wfs, node, grep] = [median(r.vscode), median(r.workspaceFs), median(r.node), median(r.grep)];
      console.log(`${r.name}: VS Code port ${fixed(port, 0)} ms, forced workspace.fs ${fixed(wfs, 0)} ms, Node port ${fixed(node, 0)} ms, grep ${fixed(grep, 0)} ms; VS Code port to grep ${fixed(port / grep, 2)}x, workspace.fs to grep ${fixed(wfs / grep, 2)}x`);
      return `| ${r.name} (${r.matches} matches) | ${fixed(port, 0)} ms | ${fixed(wfs, 0)} ms | ${fixed(node, 0)} ms | ${fixed(grep, 0)} ms | **${fixed(port / grep, 2)}×** ${port / grep <= 3 ? '✅' : '❌'} | ${fixed(wfs / grep, 2)}× | ${fixed(port / node, 2)}× | ${runs_(r.vscode)} / ${runs_(r.workspaceFs)} / ${runs_(r.node)} / ${runs_(r.grep)} |`;
    });
    if (args.includes('--no-write')) return;
    writeSection('search-fs', [
      `## search_text's walker in VS Code: file: folders on node:fs, and through workspace.fs, ${files.toLocaleString('en')} files (test/bench/searchFs.ts)`,
      '',
      `Run ${new Date().toISOString().slice(0, 10)}: VS Code ${report.vscodeVersion} (code-server), a real extension host, ${cpus().length} cores; 1-minute load average ${fixed(load[0], 1)} before, ${fixed(load[1], 1)} after. The tree is bench/search/run.mjs's (${files.toLocaleString('en')} files, 100 a directory, the needle in ${planted}), written by the host into the window's workspace folder (then 10 s for the file watcher to settle); every call searches that directory (\`path\`). Each contender is **search_text on the Node walker** (no ripgrep), through the ToolRegistry, regexes on the host's thread, the walker's ${READS_IN_FLIGHT} reads in flight: **VS Code port** is the extension's own VsCodeWorkspacePort as it serves a \`file:\` folder (node:fs on the extension host, src/vscode/workspace/localDisk.ts); **workspace.fs** is the same port forced onto vscode.workspace.fs (\`localDisk: false\`: a stat and a readFile per file, a readDirectory per directory, each a round trip to the workbench), the path remote-scheme and virtual folders take; **Node port** is NodeWorkspacePort, the port bench/search/run.mjs's walker rows use; **grep** is \`grep -r -n\` spawned from the host. One warm-up each, then ${runs} runs alternating; medians. All four report the same matches (checked).`,
      '',
      `| query | VS Code port (file:, node:fs) | workspace.fs (forced) | Node port | grep -r | VS Code port / grep (target ≤ 3×) | workspace.fs / grep | VS Code port / Node port | runs VS Code port / workspace.fs / Node / grep (ms) |`,
      '|---|---|---|---|---|---|---|---|---|',
      ...lines,
    ].join('\n'));
    console.log('wrote docs/BENCHMARKS.md (search-fs)');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
