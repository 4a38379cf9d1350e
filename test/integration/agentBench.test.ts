// The Agent-mode benchmark (bench/agent/run.mjs), inside the real extension host: accept a turn
// that edits 100 files (guard, checkpoint, one WorkspaceEdit, save) and restore its checkpoint
// (preview plan, write back). Two kinds of file, alternating run by run: TypeScript files, which
// VS Code's TypeScript server opens as the edit loads them, and plain-text files, which no language
// server watches. Registered only when GEMINI_AGENT_BENCH names the results file, so `npm test`
// never runs it; timings (and each process role's CPU during the accept) are written there, never
// asserted.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'; // the run folders stay: VS Code may still be saving them
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ChangeSet } from '../../src/agent/changeSet';
import { silentLogger } from '../../src/common/logger';
import { AcceptPhases, applyAccepted } from '../../src/vscode/agent/applyChanges';
import { CheckpointStore } from '../../src/vscode/agent/checkpointStore';
import { cpuByRole, readCpu } from '../bench/processCpu';

const output = process.env.GEMINI_AGENT_BENCH;
const FILES = 100;
const RUNS = Number(process.env.GEMINI_AGENT_BENCH_RUNS ?? 7);
const KINDS = ['.ts', '.txt'] as const;

function source(i: number): string {
  return Array.from({ length: 60 }, (_, line) => `export const value${line} = ${i * 1000 + line}; // file ${i} line ${line}`).join('\n') + '\n';
}

if (output) {
  describe('agent benchmark', function () {
    this.timeout(600_000);
    it(`accepts a turn editing ${FILES} files and restores its checkpoint`, async () => {
      const folder = vscode.workspace.workspaceFolders![0];
      const info = { index: 0, name: folder.name, uri: folder.uri.toString(), fsPath: folder.uri.fsPath };
      const storage = mkdtempSync(path.join(os.tmpdir(), 'gemini-agent-bench-'));
      const store = new CheckpointStore(vscode.Uri.file(storage), silentLogger, () => 100);
      const samples: { kind: string; acceptMs: number; phases: AcceptPhases; cpu: Record<string, number>; restoreMs: number; writeFsMs: number; applied: number }[] = [];
      for (let run = 0; run < RUNS; run++) {
        for (const kind of KINDS) {
          const dir = `agent-bench-${run}${kind.replace('.', '-')}`;
          mkdirSync(path.join(folder.uri.fsPath, dir), { recursive: true });
          const changes = new ChangeSet();
          for (let i = 0; i < FILES; i++) {
            const text = source(i);
            writeFileSync(path.join(folder.uri.fsPath, dir, `f${i}${kind}`), text);
            const file = () => ({ text, bom: false, eol: '\n' as const, base: { exists: true } });
            const location = { folder: info, path: `${dir}/f${i}${kind}` };
            changes.proposeEdit(location, location.path, file, `export const value3 = ${i * 1000 + 3};`, `export const value3 = ${i * 1000 + 3} + 1;`);
            changes.proposeEdit(location, location.path, file, `export const value50 = ${i * 1000 + 50};`, `export const value50 = -${i * 1000 + 50};`);
          }
          // Let the file watcher, and the language servers busy with the previous run, settle
          // first, as they have long before a real review ends.
          await new Promise((resolve) => setTimeout(resolve, 3000));
          changes.decideAll('accepted');
          const phases: AcceptPhases = { guardMs: 0, checkpointMs: 0, editMs: 0, verifyMs: 0 };
          const cpuBefore = readCpu();
          const acceptStart = performance.now();
          await applyAccepted(changes, changes.toApply(), (snapshot) => store.save('bench', `turn${run}${kind}`, snapshot), phases);
          const acceptMs = performance.now() - acceptStart;
          const cpu = cpuByRole(cpuBefore, readCpu());
          const restoreStart = performance.now();
          await store.restore(`turn${run}${kind}`, async () => true);
          const restoreMs = performance.now() - restoreStart;
          // Baseline in the same run: the same 100 final texts written with workspace.fs (no text
          // models, no undo, no guard): what the disk writes themselves cost here.
          const writeStart = performance.now();
          await Promise.all(changes.files.map((f) => vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder.uri, `${f.location.path}.copy`), new TextEncoder().encode(changes.finalText(f)))));
          const writeFsMs = performance.now() - writeStart;
          samples.push({ kind, acceptMs, phases, cpu, restoreMs, writeFsMs, applied: changes.files.filter((f) => f.outcome === 'applied').length });
        }
      }
      rmSync(storage, { recursive: true, force: true });
      writeFileSync(output, JSON.stringify({ vscodeVersion: vscode.version, files: FILES, cores: os.cpus().length, samples }, null, 2));
    });
  });
}
