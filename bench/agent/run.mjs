// `node bench/agent/run.mjs`: the Agent-mode benchmark. Runs test/integration/agentBench.test.ts in
// the real extension host (the development build, like the integration tests): accept a turn that
// edits 100 files, and restore its checkpoint, several times; writes test-output/bench/agent.json
// and the "Agent mode" section of docs/BENCHMARKS.md. Needs `npm run build` and `tsc -p ./` first.
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
const accept = median(data.samples.map((s) => s.acceptMs));
const restore = median(data.samples.map((s) => s.restoreMs));
const writeFs = median(data.samples.map((s) => s.writeFsMs));
const verdict = (ms) => (ms <= TARGET_MS ? 'met' : 'missed');
const body = `## Agent mode: accept a 100-file turn, restore its checkpoint (bench/agent/run.mjs)

In the real extension host (VS Code ${data.vscodeVersion}, code-server web UI, the development build), ${data.samples.length} runs, load average ${load} at the start. Each run proposes two hunks in each of ${data.files} files (60 lines each), then times:
- **accept**: the guard (each file's text against the proposal), the checkpoint (written under the extension's storage), ONE WorkspaceEdit, and saving the ${data.files} documents;
- **restore**: reading the checkpoint, the preview plan, ONE WorkspaceEdit putting every file back, and saving.

| | median | runs (ms) | target | |
|---|---|---|---|---|
| accept (${data.files} files) | ${accept.toFixed(0)} ms | ${data.samples.map((s) => s.acceptMs.toFixed(0)).join(', ')} | ≤ ${TARGET_MS} ms | **${verdict(accept)}** |
| restore (${data.files} files) | ${restore.toFixed(0)} ms | ${data.samples.map((s) => s.restoreMs.toFixed(0)).join(', ')} | ≤ ${TARGET_MS} ms | **${verdict(restore)}** |
| baseline: the same ${data.files} texts written with \`workspace.fs.writeFile\` | ${writeFs.toFixed(0)} ms | ${data.samples.map((s) => s.writeFsMs.toFixed(0)).join(', ')} | | accept is ${(accept / writeFs).toFixed(1)}× this |

Files applied per run: ${data.samples.map((s) => s.applied).join(', ')} of ${data.files}. Most of the time is VS Code's: a WorkspaceEdit on files that are not open loads a text model for each in the window (over the code-server connection here) so the turn is one undo step, and each document is then saved through the save participants. Writing the bytes directly (the baseline) would be faster but not undoable; the target is missed on this machine (2 cores shared with other work, load average above).`;

const section = `<!-- bench:agent start -->\n${body}\n<!-- bench:agent end -->`;
let text = existsSync(docs) ? readFileSync(docs, 'utf8') : '# Benchmarks\n';
const pattern = /<!-- bench:agent start -->[\s\S]*?<!-- bench:agent end -->/;
text = pattern.test(text) ? text.replace(pattern, () => section) : `${text.trimEnd()}\n\n${section}\n`;
writeFileSync(docs, text);
console.log(`accept ${accept.toFixed(0)} ms, restore ${restore.toFixed(0)} ms (median of ${data.samples.length}); wrote ${path.relative(root, docs)}`);
