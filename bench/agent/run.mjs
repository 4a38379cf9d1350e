// `node bench/agent/run.mjs`: the Agent-mode benchmark. Runs test/integration/agentBench.test.ts in
// the real extension host (the development build, like the integration tests): accept a turn that
// edits 100 files, and restore its checkpoint, several times for TypeScript and for plain-text
// files; writes test-output/bench/agent.json and the "Agent mode" section of docs/BENCHMARKS.md.
// Needs `npm run build` and `tsc -p ./` first.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const results = path.join(root, 'test-output', 'bench');
const json = path.join(results, 'agent.json');
const docs = path.join(root, 'docs', 'BENCHMARKS.md');
const TARGET_MS = 500;

mkdirSync(results, { recursive: true });
const load = loadavg()[0].toFixed(1);
const child = spawnSync(process.execPath, ['out/test/integration/run.js', '--grep', 'agent benchmark'], {
  cwd: root, stdio: 'inherit', env: { ...process.env, GEMINI_AGENT_BENCH: json },
});
if (child.status !== 0 || !existsSync(json)) process.exit(child.status || 1);

const data = JSON.parse(readFileSync(json, 'utf8'));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
const KINDS = [
  { kind: '.ts', label: 'TypeScript (`.ts`)' },
  { kind: '.txt', label: 'plain text (`.txt`)' },
];
const of = (kind) => data.samples.filter((s) => s.kind === kind);
const ms = (v) => `${v.toFixed(0)} ms`;
const runs = (kind, pick) => of(kind).map((s) => pick(s).toFixed(0)).join(', ');
const med = (kind, pick) => median(of(kind).map(pick));
const verdict = (v) => (v <= TARGET_MS ? '**met**' : '**missed**');
const ROLES = ['workbench (Chromium)', 'VS Code server', 'extension host', 'TypeScript server', 'other'];
const cpu = (kind, role) => med(kind, (s) => s.cpu[role] ?? 0);
const cpuTotal = (kind) => med(kind, (s) => Object.values(s.cpu).reduce((a, b) => a + b, 0));
const ours = (kind) => med(kind, (s) => s.phases.guardMs + s.phases.checkpointMs + s.phases.verifyMs);
const result = Object.fromEntries(KINDS.map(({ kind }) => [kind, { accept: med(kind, (s) => s.acceptMs), restore: med(kind, (s) => s.restoreMs) }]));
const ts = result['.ts'];
const txt = result['.txt'];

const body = `## Agent mode: accept a 100-file turn, restore its checkpoint (bench/agent/run.mjs)

In the real extension host (VS Code ${data.vscodeVersion}, code-server web UI, the development build, ${data.cores} cores), ${of('.ts').length} runs of each kind of file, alternating, load average ${load} at the start. Each run writes ${data.files} new files (60 lines each), proposes two hunks in each, waits 3 s (the file watcher and the language servers settle, as they have long before a review ends), then times:
- **accept**: the guard (each file's text against the proposal), the checkpoint (written under the extension's storage), ONE WorkspaceEdit applied as a refactoring (VS Code loads a text model for each file in the window, edits it, and saves the ${data.files} documents itself, all at once: \`files.refactoring.autoSave\`), and the check that the disk holds the new text;
- **restore**: reading the checkpoint, the preview plan, and writing back the saved bytes of every file not open in an editor (open ones would go through one WorkspaceEdit).

Two kinds of file: **TypeScript**, which VS Code's bundled TypeScript extension opens in its servers as the edit loads each text model (every model the window loads is handed to the extension host, and from there to the language server), and **plain text**, which no language server watches.

| ${data.files} files | accept median | accept runs (ms) | restore median | restore runs (ms) | target ≤ ${TARGET_MS} ms each |
|---|---|---|---|---|---|
${KINDS.map(({ kind, label }) => `| ${label} | ${ms(result[kind].accept)} | ${runs(kind, (s) => s.acceptMs)} | ${ms(result[kind].restore)} | ${runs(kind, (s) => s.restoreMs)} | accept ${verdict(result[kind].accept)}, restore ${verdict(result[kind].restore)} |`).join('\n')}

Where the accept's time goes (medians, ms). *Ours* is the extension's own work; *VS Code's edit and save* is \`workspace.applyEdit\` from call to answer:

| ${data.files} files | guard | checkpoint | VS Code's edit and save | check of the disk | ours in all | baseline: the ${data.files} texts written with \`workspace.fs.writeFile\` |
|---|---|---|---|---|---|---|
${KINDS.map(({ kind, label }) => `| ${label} | ${med(kind, (s) => s.phases.guardMs).toFixed(0)} | ${med(kind, (s) => s.phases.checkpointMs).toFixed(0)} | ${med(kind, (s) => s.phases.editMs).toFixed(0)} | ${med(kind, (s) => s.phases.verifyMs).toFixed(0)} | ${ours(kind).toFixed(0)} | ${med(kind, (s) => s.writeFsMs).toFixed(0)} |`).join('\n')}

CPU spent on the machine during the accept, by process (medians, ms; from /proc, 10 ms ticks). With ${data.cores} cores, an accept of *t* ms has at most ${data.cores}×*t* ms of CPU to share:

| ${data.files} files | ${ROLES.join(' | ')} | all |
|---|${ROLES.map(() => '---').join('|')}|---|
${KINDS.map(({ kind, label }) => `| ${label} | ${ROLES.map((role) => cpu(kind, role).toFixed(0)).join(' | ')} | ${cpuTotal(kind).toFixed(0)} |`).join('\n')}

Files applied per run: ${data.samples.map((s) => s.applied).join(', ')} of ${data.files}.

History (the same benchmark, TypeScript files): before this round accept 2,856 ms and restore 6,302 ms (load 15.4); with the edit applied as a refactoring and restore writing the saved bytes, accept 1,989 ms and restore 353 ms (load 11.8). Then the guard, the checkpoint and the check after the save moved from \`workspace.fs\` to node:fs for \`file:\` URIs (src/vscode/agent/agentDisk.ts): the extension's own share of an accept fell from 100–350 ms to the *ours* column above.

What is left is VS Code's: loading, editing and saving ${data.files} text models in the window is what makes the turn ONE undo step, and in this web workbench every load and save is a message to the server. With plain-text files that takes about ${ms(med('.txt', (s) => s.phases.editMs))}, and the accept meets the target. With TypeScript files the TypeScript servers spend about ${ms(cpu('.ts', 'TypeScript server'))} of CPU during the accept opening the files the edit loads, on a machine with ${data.cores} cores shared with the workbench, VS Code's server and the extension host, so VS Code's edit and save takes ${ms(med('.ts', (s) => s.phases.editMs))} and the accept ${ms(ts.accept)}: ${ts.accept <= TARGET_MS ? 'within' : 'over'} the target. Alternatives measured in the same host (100 files of 60 lines): the same text edits *without* saving 150–350 ms (the files stay unsaved); WorkspaceEdit file operations (delete + create with contents, undoable) 9.3–13.9 s, and they lose the file's mode; \`workspace.fs.writeFile\` (the baseline) is fast but not undoable; opening the documents while the user reviews fails, because VS Code keeps at most 50 documents opened by extensions (for 3 minutes) and \`openTextDocument\` on 100 at once threw "Argument is \`undefined\` or \`null\`" in 1.139. Timings vary with the load of this shared machine (load average above); plain text ${txt.accept <= TARGET_MS ? 'met' : 'missed'} the target in this run.`;

const section = `<!-- bench:agent start -->\n${body}\n<!-- bench:agent end -->`;
let text = existsSync(docs) ? readFileSync(docs, 'utf8') : '# Benchmarks\n';
const pattern = /<!-- bench:agent start -->[\s\S]*?<!-- bench:agent end -->/;
text = pattern.test(text) ? text.replace(pattern, () => section) : `${text.trimEnd()}\n\n${section}\n`;
writeFileSync(docs, text);
console.log(`accept .ts ${ts.accept.toFixed(0)} ms / .txt ${txt.accept.toFixed(0)} ms, restore .ts ${ts.restore.toFixed(0)} ms / .txt ${txt.restore.toFixed(0)} ms (medians); wrote ${path.relative(root, docs)}`);
