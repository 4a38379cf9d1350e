// What the in-host half of the workspace.fs search benchmark (searchFsHost.ts) and its runner
// (searchFs.ts) share; no `vscode` here. The tree generator is bench/search/run.mjs's (same
// seed, same shape), so the two benchmarks search alike trees.
/** The tree's folder inside the window's workspace folder. */
export const TREE_DIR = 'bench-tree';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/** Env var: JSON of SearchFsRequest, for the in-host half. */
export const SEARCH_FS_ENV = 'GEMINI_BENCH_SEARCH_FS';
export const NEEDLE = 'FINDME_TOKEN';

export interface SearchFsRequest {
  /** Files the host generates in a folder of the window's workspace folder. */
  files: number;
  runs: number;
  /** Where the host writes its SearchFsReport. */
  out: string;
}

export interface SearchFsRow {
  name: string;
  matches: number;
  /** Per run, ms: the walker on the extension's VS Code port (node:fs for a file: folder), on the same port forced onto workspace.fs, on the Node port, and grep -r. */
  vscode: number[];
  workspaceFs: number[];
  node: number[];
  grep: number[];
}

export interface SearchFsReport {
  vscodeVersion: string;
  planted: number;
  rows: SearchFsRow[];
  error?: string;
}

export const QUERIES: { name: string; args: Record<string, unknown>; grep: string[] }[] = [
  { name: 'literal, case-sensitive', args: { query: NEEDLE, caseSensitive: true }, grep: ['-r', '-n', '-F', NEEDLE] },
  { name: 'literal, ignore case', args: { query: NEEDLE.toLowerCase() }, grep: ['-r', '-n', '-F', '-i', NEEDLE.toLowerCase()] },
  { name: 'regex', args: { query: 'FINDME_T[O0]KEN$', isRegex: true, caseSensitive: true }, grep: ['-r', '-n', '-E', 'FINDME_T[O0]KEN$'] },
];

/** bench/search/run.mjs's tree: `files` TypeScript-like files, 100 a directory, the needle in 1 of 997. */
export function generateTree(dir: string, files: number): number {
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const words = ['const', 'let', 'return', 'function', 'import', 'export', 'value', 'result', 'items', 'config', 'handler', 'async', 'await', 'string', 'number'];
  let planted = 0;
  for (let i = 0; i < files; i++) {
    const sub = path.join(dir, `pkg${Math.floor(i / 1000)}`, `mod${Math.floor(i / 100) % 10}`);
    if (i % 100 === 0) mkdirSync(sub, { recursive: true });
    const lines: string[] = [];
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
