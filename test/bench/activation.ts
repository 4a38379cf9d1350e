// Benchmark (not a test): how long the extension host spends activating the extension, from the
// host's own timings (Load Code = requiring the bundle, Call Activate = activate() itself, Finish
// Activate = its promise settling), in a real VS Code workbench. Alternating with it in every run,
// an empty extension with the same activation event shows the floor the host itself costs.
// A fresh extension host per run; the first run warms the disk cache and is not counted.
//
//   node out/test/bench/activation.js [--runs 7] [--no-write]
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { GeminiEmulator, TEST_KEY } from '../emulator';
import { installVSCode } from '../harness/install';
import { EXTENSION_ID, FIXTURE_WORKSPACE, REPO_ROOT } from '../harness/paths';
import { startVSCodeServer } from '../harness/server';
import { ACTIVATION_MARKER, ActivationRow, BENCH_IDS_ENV } from './activationProtocol';
import { BENCH_RESULTS, extensionUnderTest, findMarked, fixed, median, multiExtensionUrl, openBenchWorkbench, quantile, writeResults, writeSection } from './workbench';

const EMPTY_ID = 'gemini-bench.empty-extension';
const HOST_ENTRY = path.join(REPO_ROOT, 'out', 'test', 'bench', 'activationHost.js');

export interface ActivationResults {
  vscodeVersion: string;
  production: boolean;
  runs: { ours: ActivationRow; empty: ActivationRow }[];
  oursTotal: number[];
  emptyTotal: number[];
  /** require() of each bundle in a fresh Node process, outside VS Code (ms per run). */
  requireOurs: number[];
  requireEmpty: number[];
}

const total = (row: ActivationRow) => row.loadCodeMs + row.callActivateMs + row.finishActivateMs;
/** The extension's own time: require() of its bundle plus activate() until it settled (host marks). */
const own = (row: ActivationRow) => (row.requireMs ?? NaN) + (row.activateMs ?? NaN);

/**
 * Loading a bundle in a fresh Node process, with `vscode` stubbed: parse and top-level evaluation
 * only, free of the waiting the extension host adds while it starts up.
 */
export function timeRequire(main: string): number {
  const script = `
    const Module = require('module');
    const load = Module._load;
    // Any property, call or construction of the stub yields the stub (enums, classes, functions);
    // the module itself lists the API's names, because the bundle copies its own properties.
    const stub = new Proxy(function () {}, { get: (_t, key) => (key === Symbol.toPrimitive ? () => 0 : stub), apply: () => stub, construct: () => stub });
    const vscode = Object.fromEntries(${JSON.stringify(vscodeApiNames())}.map((name) => [name, stub]));
    Module._load = function (request, ...rest) { return request === 'vscode' ? vscode : load.call(this, request, ...rest); };
    // The extension host has Node's own modules loaded long before any extension.
    for (const builtin of ['crypto', 'fs', 'path', 'os', 'stream', 'util', 'events', 'http', 'https', 'net', 'url', 'child_process', 'zlib', 'worker_threads']) require(builtin);
    const start = performance.now();
    require(${JSON.stringify(main)});
    process.stdout.write(String(performance.now() - start));`;
  return Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}

/** Top-level names of the `vscode` module, from its type declarations. */
function vscodeApiNames(): string[] {
  const declarations = readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
  return [...new Set([...declarations.matchAll(/^(?:\t| {4})export (?:namespace|class|enum|const|function|let) (\w+)/gm)].map((m) => m[1]))];
}

/** An extension that does nothing, activated by the same event as ours. */
function stageEmptyExtension(): string {
  const dir = path.join(BENCH_RESULTS, 'empty-extension');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({
    name: 'empty-extension', publisher: 'gemini-bench', version: '0.0.1', engines: { vscode: '^1.90.0' },
    main: './extension.js', activationEvents: ['onStartupFinished'],
  }, null, 2));
  writeFileSync(path.join(dir, 'extension.js'), 'exports.activate = () => undefined;\nexports.deactivate = () => undefined;\n');
  return dir;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const runs = Number(args.includes('--runs') ? args[args.indexOf('--runs') + 1] : 7);
  const install = await installVSCode();
  const extension = extensionUnderTest();
  const empty = stageEmptyExtension();
  const emulator = await GeminiEmulator.start({ apiKey: TEST_KEY });
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'gemini-bench-workspace-'));
  cpSync(FIXTURE_WORKSPACE, workspace, { recursive: true });
  const server = await startVSCodeServer({
    workspace,
    extensionDevelopmentPath: extension.path,
    userSettings: { 'gemini.endpoint': emulator.baseUrl },
    env: { GEMINI_API_KEY: TEST_KEY, [BENCH_IDS_ENV]: `${EXTENSION_ID},${EMPTY_ID}` },
  });
  const results: ActivationResults = {
    vscodeVersion: install.vscodeVersion, production: extension.production, runs: [], oursTotal: [], emptyTotal: [], requireOurs: [], requireEmpty: [],
  };
  for (let run = 0; run <= 15; run++) {
    const ours = timeRequire(path.join(extension.path, 'dist', 'extension.js'));
    const baseline = timeRequire(path.join(empty, 'extension.js'));
    if (run === 0) continue;
    results.requireOurs.push(ours);
    results.requireEmpty.push(baseline);
  }
  console.log(`require() in Node: ours median ${fixed(median(results.requireOurs))} ms, empty ${fixed(median(results.requireEmpty))} ms`);
  try {
    const activate = async (extensionPath: string, id: string): Promise<ActivationRow> => {
      const host = await openBenchWorkbench(multiExtensionUrl(server, [extensionPath], HOST_ENTRY));
      try {
        const code = await Promise.race([host.exit, new Promise<number>((resolve) => setTimeout(() => resolve(-1), 120_000))]);
        const row = findMarked<{ rows: ActivationRow[] }>(host.lines, ACTIVATION_MARKER)?.rows.find((r) => r.id === id);
        if (code !== 0 || !row) throw new Error(`the host exited with ${code} without timings for ${id}:\n${host.lines.join('\n')}`);
        return row;
      } finally {
        await host.browser.close().catch(() => undefined);
      }
    };
    for (let run = 0; run <= runs; run++) {
      // Alternate which goes first, so drift in the machine's load hits both alike.
      const ours = run % 2 ? await activate(extension.path, EXTENSION_ID) : undefined;
      const baseline = await activate(empty, EMPTY_ID);
      const oursRow = ours ?? await activate(extension.path, EXTENSION_ID);
      console.log(`run ${run}${run === 0 ? ' (warm-up)' : ''}: ours ${total(oursRow)} ms (load ${oursRow.loadCodeMs}, activate ${oursRow.callActivateMs}, settle ${oursRow.finishActivateMs}; own ${fixed(own(oursRow))}: require ${fixed(oursRow.requireMs ?? NaN)}, activate ${fixed(oursRow.activateMs ?? NaN)}); empty extension ${total(baseline)} ms (own ${fixed(own(baseline))})`);
      if (run === 0) continue;
      results.runs.push({ ours: oursRow, empty: baseline });
      results.oursTotal.push(total(oursRow));
      results.emptyTotal.push(total(baseline));
    }
  } finally {
    await server.dispose();
    await emulator.close();
    rmSync(workspace, { recursive: true, force: true });
  }
  writeResults('activation', results);
  if (!args.includes('--no-write')) writeSection('activation', report(results));
}

function report(r: ActivationResults): string {
  const row = (label: string, pick: (row: ActivationRow) => number, digits = 0) => {
    const ours = r.runs.map((run) => pick(run.ours));
    const empty = r.runs.map((run) => pick(run.empty));
    return `| ${label} | ${fixed(median(ours), digits)} ms | ${fixed(quantile(ours, 0.9), digits)} ms | ${fixed(median(empty), digits)} ms |`;
  };
  const ownOurs = r.runs.map((run) => own(run.ours));
  const ownMedian = median(ownOurs);
  return `## Activation (test/bench/activation.ts)

VS Code ${r.vscodeVersion}, ${r.production ? 'the production build (minified, as packaged)' : 'the development build'}; a fresh window and extension host for each of ${r.runs.length} runs (plus one warm-up). Each run also loads, in its own fresh window (VS Code keeps one development extension per window) and in alternating order, an empty extension with the same activation event (\`onStartupFinished\`): the host's floor for activating anything.

Activation runs the 20 KB shell (dist/extension.js): it registers every command, the chat view, code actions, the status bar and VS Code's AI registrations; the engine, chat, tools and SDK (dist/core.js, dist/lazy/) load the first time one of those is used (see esbuild.mjs and src/vscode/lazyCore.ts).

The extension's own time, from the host's performance marks (\`code/extHost/willLoadExtensionCode\` → \`didLoadExtensionCode\`, \`willActivateExtension\` → \`didActivateExtension\`):

| | median | p90 | empty extension, median |
|---|---|---|---|
${row('require() the bundle', (x) => x.requireMs ?? NaN)}
${row('activate() until it settled', (x) => x.activateMs ?? NaN)}
${row('**ours in total**', own)}

- Target ≤ 50 ms: **${ownMedian <= 50 ? 'met' : 'missed'}** (median ${fixed(ownMedian, 0)} ms, worst ${fixed(Math.max(...ownOurs), 0)} ms; per run ${ownOurs.map((x) => fixed(x, 0)).join(', ')} ms).

The same activations in the host's own table ("Developer: Startup Performance"), whose "Load Code" also counts the time the extension waits for the host to get to it while other extensions start (\`onStartupFinished\` is when they all do):

| | median | p90 | empty extension, median |
|---|---|---|---|
${row('load code (waiting included)', (x) => x.loadCodeMs)}
${row('call activate()', (x) => x.callActivateMs)}
${row('activate() settles', (x) => x.finishActivateMs)}
${row('**total**', total)}

- Total per run, ours: ${r.oursTotal.join(', ')} ms; empty extension: ${r.emptyTotal.join(', ')} ms. Ours minus empty: median ${fixed(median(r.runs.map((run) => total(run.ours) - total(run.empty))), 0)} ms. On this machine even the empty extension's total is ${fixed(median(r.emptyTotal), 0)} ms: that much is the host's, not the extension's.
- Without VS Code: \`require()\` of the bundle in a fresh Node ${process.version} process (\`vscode\` stubbed), ${r.requireOurs.length} runs alternating with the empty extension's file: ours median ${fixed(median(r.requireOurs))} ms (p90 ${fixed(quantile(r.requireOurs, 0.9))} ms), empty ${fixed(median(r.requireEmpty))} ms.`;
}

if (require.main === module) {
  main().then(() => process.exit(0), (error: Error) => {
    console.error(error.stack ?? error.message);
    process.exit(1);
  });
}
