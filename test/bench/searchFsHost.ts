// In-host half of the workspace.fs search benchmark (loaded as `extensionTestsPath`): search_text
// on the Node walker (no ripgrep) through the extension's own VS Code port inside a real extension
// host, both as it serves a file: folder (node:fs) and forced onto vscode.workspace.fs (what a
// remote-scheme or virtual folder gets), against the walker on the Node port and `grep -r`. The host writes the tree into the window's
// workspace folder first (so workspace.fs serves it as it serves a user's folder), lets the file
// watcher settle, and searches that directory. Writes its report to the file the runner named.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ToolRegistry } from '../../src/tools/registry';
import { NodeWorkspacePort } from '../../src/tools/nodeWorkspacePort';
import { inThreadRegexRunner } from '../../src/tools/textMatcher';
import { VsCodeWorkspacePort } from '../../src/vscode/workspace/workspacePort';
import { QUERIES, SEARCH_FS_ENV, SearchFsReport, SearchFsRequest, TREE_DIR, generateTree } from './searchFsProtocol';

const WATCHER_SETTLE_MS = 10_000;

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

export async function run(): Promise<void> {
  const request = JSON.parse(process.env[SEARCH_FS_ENV] ?? 'null') as SearchFsRequest | null;
  if (!request) throw new Error(`${SEARCH_FS_ENV} is not set`);
  const report: SearchFsReport = { vscodeVersion: vscode.version, planted: 0, rows: [] };
  try {
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    if (!root) throw new Error('no workspace folder');
    const tree = path.join(root, TREE_DIR);
    report.planted = generateTree(tree, request.files);
    await new Promise((resolve) => setTimeout(resolve, WATCHER_SETTLE_MS));
    const settings = { enabled: true, approval: 'auto' as const, maxFileBytes: 262144, maxResultBytes: 1024 * 1024 };
    // Regexes on this thread for both ports alike; no ripgrep, a budget no run reaches.
    const search = { regexRunner: inThreadRegexRunner, timeBudgetMs: 600_000 };
    const registry = (port: VsCodeWorkspacePort | NodeWorkspacePort) => new ToolRegistry({
      port, settings: () => settings, approver: { approve: async () => 'deny' as const }, logger: quiet, search,
    });
    const vscodePort = new VsCodeWorkspacePort();
    const workspaceFsPort = new VsCodeWorkspacePort({ localDisk: false });
    const contenders = {
      vscode: registry(vscodePort),
      workspaceFs: registry(workspaceFsPort),
      node: registry(new NodeWorkspacePort([{ path: root }])),
    };
    const signal = new AbortController().signal;
    const matchesIn = (output: string) => output.split('\n').filter((line) => /^ {2}\d+: /.test(line)).length;
    const searchWith = async (which: keyof typeof contenders, args: Record<string, unknown>) => {
      const result = await contenders[which].execute({ id: 'b', name: 'search_text', args: { maxResults: 500, path: TREE_DIR, ...args } }, signal);
      if (!result.ok) throw new Error(String(result.response.error));
      return matchesIn(String(result.response.output));
    };
    const grep = (args: string[]) => spawnSync('grep', [...args, '.'], { cwd: tree, encoding: 'utf8', maxBuffer: 1 << 30 }).stdout.split('\n').filter(Boolean).length;
    const time = async (fn: () => Promise<number> | number): Promise<[number, number]> => {
      const start = performance.now();
      const value = await fn();
      return [performance.now() - start, value];
    };
    for (const q of QUERIES) {
      const row = { name: q.name, matches: 0, vscode: [] as number[], workspaceFs: [] as number[], node: [] as number[], grep: [] as number[] };
      // One warm-up each (page cache, the port's first use), then alternating runs.
      const counts = [await searchWith('vscode', q.args), await searchWith('node', q.args), grep(q.grep), await searchWith('workspaceFs', q.args)];
      if (counts.some((c) => c !== counts[0])) throw new Error(`${q.name}: VS Code port ${counts[0]}, Node ${counts[1]}, grep ${counts[2]}, workspace.fs ${counts[3]} matches`);
      row.matches = counts[0];
      for (let i = 0; i < request.runs; i++) {
        row.vscode.push((await time(() => searchWith('vscode', q.args)))[0]);
        row.workspaceFs.push((await time(() => searchWith('workspaceFs', q.args)))[0]);
        row.node.push((await time(() => searchWith('node', q.args)))[0]);
        row.grep.push((await time(() => grep(q.grep)))[0]);
      }
      report.rows.push(row);
      console.log(`[gemini-bench-search-fs] ${q.name}: ${JSON.stringify(row)}`);
    }
    vscodePort.dispose();
    workspaceFsPort.dispose();
  } catch (error) {
    report.error = String((error as Error).stack ?? error);
  }
  writeFileSync(request.out, JSON.stringify(report));
}
