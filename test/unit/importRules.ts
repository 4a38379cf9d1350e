// The layer rules of src/ as code: reads every import of a tree of TypeScript sources with the
// compiler's own parser (static, type-only, re-exports, require(), import() and import('x').T
// types), resolves the relative ones to files, and lists each broken rule with its file, line and
// import, and each import cycle (type-only imports count: they still tie the files together).
// layers.test.ts runs it over the real src/ and over planted violations.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

/** Sources by repository-relative path with forward slashes, e.g. `src/gemini/client.ts`. */
export type SourceTree = ReadonlyMap<string, string>;

export interface ImportEdge {
  file: string;
  line: number;
  /** As written: `vscode`, `../gemini/events`, `highlight.js/lib/core`. */
  specifier: string;
  /** The file a relative import resolves to; undefined for packages (and unresolvable paths). */
  target?: string;
  typeOnly: boolean;
}

/** npm packages meant for the browser that the webview bundle may import. */
export const WEBVIEW_PACKAGES: readonly string[] = ['dompurify', 'highlight.js', 'marked'];

/** Every `.ts` file below `dir` (relative to `root`), read into a SourceTree. */
export function readSourceTree(root: string, dir = 'src'): SourceTree {
  const tree = new Map<string, string>();
  const walk = (relative: string): void => {
    for (const entry of readdirSync(path.join(root, relative), { withFileTypes: true })) {
      const child = `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (entry.name.endsWith('.ts')) tree.set(child, readFileSync(path.join(root, child), 'utf8'));
    }
  };
  walk(dir);
  return tree;
}

/** Every import of every file in the tree, in file order. */
export function readImports(tree: SourceTree): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const [file, text] of tree) {
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const add = (literal: ts.Node, typeOnly: boolean): void => {
      if (!ts.isStringLiteralLike(literal)) return;
      const specifier = literal.text;
      const line = source.getLineAndCharacterOfPosition(literal.getStart(source)).line + 1;
      edges.push({ file, line, specifier, target: resolve(tree, file, specifier), typeOnly });
    };
    const visit = (node: ts.Node): void => {
      if (ts.isImportDeclaration(node)) add(node.moduleSpecifier, isTypeOnlyImport(node));
      else if (ts.isExportDeclaration(node) && node.moduleSpecifier) add(node.moduleSpecifier, node.isTypeOnly);
      else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) add(node.moduleReference.expression, node.isTypeOnly);
      else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node.argument.literal, true);
      else if (ts.isCallExpression(node) && node.arguments.length > 0) {
        const isImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
        const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
        if (isImport || isRequire) add(node.arguments[0], false);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return edges;
}

function isTypeOnlyImport(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return false; // a side-effect import runs the module
  if (clause.isTypeOnly) return true;
  const named = clause.namedBindings;
  return !clause.name && !!named && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((element) => element.isTypeOnly);
}

/** The file a relative specifier names: `./x` is x.ts or x/index.ts; `./core.js` is core.ts. */
function resolve(tree: SourceTree, file: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
  const stem = base.replace(/\.js$/, '');
  return [base, `${stem}.ts`, `${stem}/index.ts`].find((candidate) => tree.has(candidate));
}

/** `@scope/name/deep` -> `@scope/name`; `name/deep` -> `name`. */
export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const under = (file: string | undefined, ...folders: string[]): boolean => !!file && folders.some((folder) => file.startsWith(`${folder}/`));

/** One broken rule, as a line to print: `file:line imports 'x': why`. */
function violation(edge: ImportEdge, rule: string): string {
  const resolved = edge.target && edge.target !== edge.specifier ? ` (${edge.target})` : '';
  return `${edge.file}:${edge.line} imports '${edge.specifier}'${resolved}: ${rule}`;
}

/** Every import that breaks a layer rule (cycles apart: see importCycles). */
export function layerViolations(edges: readonly ImportEdge[]): string[] {
  const found: string[] = [];
  for (const edge of edges) {
    const relative = edge.specifier.startsWith('.');
    if (relative && !edge.target) found.push(violation(edge, 'no such file under src/'));
    if (edge.specifier === 'vscode' && !(under(edge.file, 'src/vscode') || edge.file === 'src/extension.ts' || edge.file === 'src/core.ts')) {
      found.push(violation(edge, 'only src/vscode/**, src/extension.ts and src/core.ts import vscode; give this code a port (an interface) instead'));
    }
    if (under(edge.file, 'src/webview')) {
      const allowed = relative ? under(edge.target, 'src/webview', 'src/protocol', 'src/common') : WEBVIEW_PACKAGES.includes(packageName(edge.specifier));
      if (!allowed) found.push(violation(edge, `src/webview/** imports only src/protocol/**, src/common/** and browser packages (${WEBVIEW_PACKAGES.join(', ')})`));
    }
    if (under(edge.file, 'src/common') && !(relative && under(edge.target, 'src/common'))) {
      found.push(violation(edge, 'src/common/** imports nothing outside src/common/**: every layer and both bundles use it'));
    }
    if (under(edge.file, 'src/gemini') && relative && edge.target && !under(edge.target, 'src/gemini', 'src/common', 'src/config')) {
      found.push(violation(edge, 'src/gemini/** imports only src/common/** and src/config/** (and npm packages)'));
    }
  }
  return found;
}

/**
 * Every import cycle between files, one per strongly connected group, as the files in import
 * order with the first repeated at the end: `a.ts -> b.ts -> a.ts`.
 */
export function importCycles(edges: readonly ImportEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const { file, target } of edges) {
    if (!target) continue;
    const list = next.get(file) ?? [];
    if (!list.includes(target)) list.push(target);
    next.set(file, list);
  }
  return stronglyConnected(next)
    .filter((group) => group.length > 1 || (next.get(group[0]) ?? []).includes(group[0]))
    .map((group) => cycleThrough(group[0], new Set(group), next));
}

/** Tarjan's algorithm; groups come out in a stable order (by first file). */
function stronglyConnected(next: ReadonlyMap<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const child of next.get(node) ?? []) {
      if (!index.has(child)) {
        visit(child);
        low.set(node, Math.min(low.get(node)!, low.get(child)!));
      } else if (onStack.has(child)) low.set(node, Math.min(low.get(node)!, index.get(child)!));
    }
    if (low.get(node) === index.get(node)) {
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        group.push(member);
      } while (member !== node);
      groups.push(group.sort());
    }
  };
  for (const node of [...next.keys()].sort()) if (!index.has(node)) visit(node);
  return groups.sort((a, b) => a[0].localeCompare(b[0]));
}

/** The shortest way from `start` back to itself inside its group (breadth first). */
function cycleThrough(start: string, group: ReadonlySet<string>, next: ReadonlyMap<string, string[]>): string[] {
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const child of next.get(node) ?? []) {
      if (!group.has(child)) continue;
      if (child === start) {
        const path = [start];
        for (let at = node; at !== start; at = cameFrom.get(at)!) path.splice(1, 0, at);
        return [...path, start];
      }
      if (!cameFrom.has(child)) {
        cameFrom.set(child, node);
        queue.push(child);
      }
    }
  }
  return [start, start];
}
