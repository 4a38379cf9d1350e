// Where the tests for a source file go: an existing test file for it when there is one, otherwise
// a new file named and placed like the project's other tests (next to the source by default).
// Paths are workspace-relative with forward slashes.
import { basename, TestFramework } from './testFramework';

export interface TestFilePlan {
  path: string;
  /** True when the file is already there and the tests extend it. */
  existing: boolean;
  /** How the name was chosen, for the prompt and the log. */
  reason: string;
}

type Placement = 'colocated' | 'dunder' | 'tree';

const TREE_DIRS = new Set(['test', 'tests', 'spec', 'specs']);
const SOURCE_ROOTS = new Set(['src', 'lib', 'source']);

/** True for names like `a.test.ts`, `a.spec.js`, `a_test.go`, `test_a.py`, `a_test.py`. */
export function isTestFileName(path: string): boolean {
  const name = basename(path);
  return /\.(test|spec)\.[^.]+$/.test(name) || /_test\.[^.]+$/.test(name) || /^test_.+\.py$/.test(name);
}

export function planTestFile(sourcePath: string, framework: TestFramework, testFiles: readonly string[]): TestFilePlan {
  if (isTestFileName(sourcePath)) return { path: sourcePath, existing: true, reason: 'the file is itself a test file' };
  const { dir, stem, ext } = splitPath(sourcePath);

  if (framework === 'go' || ext === '.go') {
    const path = join(dir, `${stem}_test.go`);
    return { path, existing: testFiles.includes(path), reason: 'Go tests live beside the source as <name>_test.go' };
  }

  const sameLanguage = testFiles.filter((file) => sameFamily(splitPath(file).ext, ext));
  const match = findExistingTest(dir, stem, sameLanguage);
  if (match) return { path: match, existing: true, reason: `${match} already tests ${basename(sourcePath)}` };

  const name = testFileName(stem, ext, sameLanguage);
  const placement = dominantPlacement(sameLanguage);
  if (placement === 'dunder') {
    return { path: join(join(dir, '__tests__'), name), existing: false, reason: 'existing tests live in __tests__ folders' };
  }
  if (placement === 'tree') {
    const treeDir = mirroredTreeDir(dir, sameLanguage.filter((file) => placementOf(file) === 'tree'));
    return { path: join(treeDir, name), existing: false, reason: `existing tests live under ${treeDir.split('/')[0]}/` };
  }
  return { path: join(dir, name), existing: false, reason: 'tests live next to their source' };
}

function testFileName(stem: string, ext: string, testFiles: readonly string[]): string {
  const names = testFiles.map(basename);
  if (ext === '.py') {
    const suffixed = names.filter((n) => /_test\.py$/.test(n)).length;
    const prefixed = names.filter((n) => /^test_/.test(n)).length;
    return suffixed > prefixed ? `${stem}_test.py` : `test_${stem}.py`;
  }
  const spec = names.filter((n) => /\.spec\.[^.]+$/.test(n)).length;
  const test = names.filter((n) => /\.test\.[^.]+$/.test(n)).length;
  return `${stem}${spec > test ? '.spec' : '.test'}${ext}`;
}

function findExistingTest(dir: string, stem: string, testFiles: readonly string[]): string | undefined {
  const candidates = testFiles.filter((file) => subjectOf(basename(file)) === stem);
  if (candidates.length === 0) return undefined;
  const score = (file: string): number => {
    const fileDir = splitPath(file).dir;
    if (fileDir === dir) return 0;
    if (fileDir === join(dir, '__tests__')) return 1;
    return 2 + sharedSegments(fileDir, dir) * -0.01 + file.length * 0.0001;
  };
  return [...candidates].sort((a, b) => score(a) - score(b))[0];
}

/** `a.test.ts` → `a`, `test_a.py` → `a`, `a_test.go` → `a`. */
function subjectOf(name: string): string {
  const withoutExt = name.replace(/\.[^.]+$/, '');
  return withoutExt.replace(/\.(test|spec)$/, '').replace(/_test$/, '').replace(/^test_/, '');
}

function placementOf(file: string): Placement {
  const segments = file.split('/').slice(0, -1);
  if (segments.includes('__tests__')) return 'dunder';
  if (segments.some((s) => TREE_DIRS.has(s))) return 'tree';
  return 'colocated';
}

function dominantPlacement(testFiles: readonly string[]): Placement {
  const counts: Record<Placement, number> = { colocated: 0, dunder: 0, tree: 0 };
  for (const file of testFiles) counts[placementOf(file)]++;
  // Ties go to "next to the source", the convention the user sees first.
  if (counts.dunder > counts.colocated && counts.dunder >= counts.tree) return 'dunder';
  if (counts.tree > counts.colocated && counts.tree > counts.dunder) return 'tree';
  return 'colocated';
}

/**
 * For tests kept in a separate tree: the existing test folder that mirrors the source folder
 * (`src/a/b` → `test/unit/a/b`), or the tree's common root plus the source folder.
 */
function mirroredTreeDir(sourceDir: string, treeFiles: readonly string[]): string {
  const segments = sourceDir ? sourceDir.split('/') : [];
  const relative = (SOURCE_ROOTS.has(segments[0]) ? segments.slice(1) : segments).join('/');
  const dirs = [...new Set(treeFiles.map((file) => splitPath(file).dir))];
  if (relative) {
    const mirrors = dirs.filter((d) => d.endsWith(`/${relative}`) && d.split('/').some((s) => TREE_DIRS.has(s)));
    if (mirrors.length) return mirrors.sort((a, b) => a.length - b.length)[0];
  }
  const root = commonPrefix(dirs);
  const treeRoot = root || 'test';
  return join(treeRoot, relative);
}

function commonPrefix(dirs: readonly string[]): string {
  if (dirs.length === 0) return '';
  let common = dirs[0].split('/');
  for (const dir of dirs.slice(1)) {
    const parts = dir.split('/');
    let i = 0;
    while (i < common.length && i < parts.length && common[i] === parts[i]) i++;
    common = common.slice(0, i);
  }
  // Stop at the tree folder itself (`test`), not deeper than the last shared part.
  return common.join('/');
}

function sharedSegments(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  return i;
}

function sameFamily(a: string, b: string): boolean {
  const family = (ext: string): string => (/^\.(m|c)?(j|t)sx?$/.test(ext) ? 'js' : ext);
  return family(a) === family(b);
}

export function splitPath(path: string): { dir: string; stem: string; ext: string } {
  const slash = path.lastIndexOf('/');
  const dir = slash >= 0 ? path.slice(0, slash) : '';
  const name = path.slice(slash + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? { dir, stem: name.slice(0, dot), ext: name.slice(dot) } : { dir, stem: name, ext: '' };
}

function join(dir: string, name: string): string {
  if (!dir) return name;
  if (!name) return dir;
  return `${dir}/${name}`;
}

/** The path of `target` as seen from the folder `fromDir` (both workspace-relative), e.g. `../src/a.ts`. */
export function relativePath(fromDir: string, target: string): string {
  const from = fromDir ? fromDir.split('/') : [];
  const to = target.split('/');
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  const up = from.slice(i).map(() => '..');
  const rest = to.slice(i);
  const joined = [...up, ...rest].join('/');
  return up.length ? joined : `./${joined}`;
}
