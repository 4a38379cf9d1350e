// Which workspace paths the tools pretend do not exist: .gitignore (nested ones too), git's
// .git/info/exclude and global core.excludesFile (as git ranks them: below every .gitignore), a
// project .geminiignore (same syntax, at any level), the folder's files.exclude globs, and .git.
// Matching is done by the `ignore` package; this module only decides which rule files apply where.
import ignore, { Ignore } from 'ignore';
import { GitRuleFile, WorkspaceFolderInfo, WorkspaceLocation, WorkspacePort, childLocation, parentPath } from './workspacePort';
import { decodeText } from './text';

export type IgnoreSource = '.gitignore' | '.geminiignore' | 'files.exclude' | 'built-in' | GitRuleFile['label'];

export interface IgnoreVerdict {
  source: IgnoreSource;
  /** The pattern that matched, as written in its file or setting. */
  rule: string;
  /** Folder-relative path of the rule file, when the rule came from one. */
  file?: string;
}

interface Layer {
  /** Folder-relative directory the rules are relative to ('' for the root). */
  dir: string;
  matcher: Ignore;
  source: IgnoreSource;
  file?: string;
}

/** The rules in force inside one directory: its own rule files plus every ancestor's. */
export interface DirectoryRules {
  readonly folder: WorkspaceFolderInfo;
  readonly path: string;
  /** Independent chains: a path is hidden when any chain hides it. */
  readonly chains: readonly (readonly Layer[])[];
}

export const IGNORE_FILE_NAMES = ['.gitignore', '.geminiignore'] as const;
const MAX_IGNORE_FILE_BYTES = 1024 * 1024;
/** Answered without the matcher in matchChains: keep the two in step. */
const ALWAYS_HIDDEN = ['.git/'];

/**
 * Per tool call cache of the rules of each directory visited. A fresh instance per call means an
 * edited .gitignore takes effect on the very next call, with nothing to invalidate.
 */
export class WorkspaceIgnoreRules {
  private readonly byDirectory = new Map<string, Promise<DirectoryRules>>();

  constructor(private readonly port: WorkspacePort) {}

  /** Rules inside `directory`, reading the rule files of it and of its ancestors once each. */
  rulesFor(directory: WorkspaceLocation): Promise<DirectoryRules> {
    const key = `${directory.folder.index}:${directory.path}`;
    let rules = this.byDirectory.get(key);
    if (!rules) {
      rules = this.load(directory);
      this.byDirectory.set(key, rules);
    }
    return rules;
  }

  /**
   * Rules inside a child directory the walker has just listed: `names` tells which rule files
   * exist, so directories without them cost no read at all.
   */
  rulesForListed(parent: DirectoryRules, directory: WorkspaceLocation, names: readonly string[]): Promise<DirectoryRules> {
    const key = `${directory.folder.index}:${directory.path}`;
    let rules = this.byDirectory.get(key);
    if (!rules) {
      rules = this.extend(parent, directory, IGNORE_FILE_NAMES.filter((n) => names.includes(n)));
      this.byDirectory.set(key, rules);
    }
    return rules;
  }

  /**
   * Why `location` is hidden, checking each ancestor directory first as git does (a file inside
   * an ignored directory stays ignored whatever deeper rules say). undefined: visible.
   */
  async verdict(location: WorkspaceLocation, isDirectory: boolean): Promise<IgnoreVerdict | undefined> {
    const segments = location.path ? location.path.split('/') : [];
    let dir: WorkspaceLocation = { folder: location.folder, path: '' };
    for (let i = 0; i < segments.length; i++) {
      const rules = await this.rulesFor(dir);
      const last = i === segments.length - 1;
      const entry = childLocation(dir, segments[i]);
      const hidden = matchInDirectory(rules, entry.path, last ? isDirectory : true);
      if (hidden) return hidden;
      dir = entry;
    }
    return undefined;
  }

  private async load(directory: WorkspaceLocation): Promise<DirectoryRules> {
    // One listing says which rule files exist: asking for each missing one costs an error each
    // (an exception with a stack, in workspace.fs too), and a search asks in every directory.
    const present = await this.ruleFilesIn(directory);
    if (!directory.path) {
      const gitFiles = await (this.port.gitExcludeFiles?.(directory.folder) ?? Promise.resolve([])).catch(() => []);
      return this.extend(rootRules(directory.folder, this.port.excludeGlobs(directory.folder), gitFiles), directory, present);
    }
    const parent = await this.rulesFor({ folder: directory.folder, path: parentPath(directory.path) });
    return this.extend(parent, directory, present);
  }

  private async ruleFilesIn(directory: WorkspaceLocation): Promise<readonly string[]> {
    try {
      const entries = await this.port.readDirectory(directory);
      return IGNORE_FILE_NAMES.filter((name) => entries.some((entry) => entry.name === name));
    } catch {
      return IGNORE_FILE_NAMES;
    }
  }

  private async extend(parent: DirectoryRules, directory: WorkspaceLocation, files: readonly string[]): Promise<DirectoryRules> {
    const [git, gemini] = await Promise.all(IGNORE_FILE_NAMES.map((name) =>
      files.includes(name) ? this.readRuleFile(childLocation(directory, name)) : Promise.resolve(undefined)));
    if (git === undefined && gemini === undefined && directory.path) {
      return { folder: parent.folder, path: directory.path, chains: parent.chains };
    }
    const chains = parent.chains.map((chain) => [...chain]);
    const add = (index: number, text: string | undefined, source: IgnoreSource) => {
      if (text === undefined) return;
      const file = directory.path ? `${directory.path}/${source}` : source;
      chains[index].push({ dir: directory.path, matcher: ignore().add(text), source, file });
    };
    add(GIT_CHAIN, git, '.gitignore');
    add(GEMINI_CHAIN, gemini, '.geminiignore');
    return { folder: parent.folder, path: directory.path, chains };
  }

  private async readRuleFile(location: WorkspaceLocation): Promise<string | undefined> {
    try {
      const stat = await this.port.stat(location);
      if (!stat || stat.kind !== 'file' || stat.isSymlink) return undefined;
      const bytes = await this.port.readFileIfSmall(location, MAX_IGNORE_FILE_BYTES);
      return bytes && decodeText(bytes);
    } catch {
      return undefined;
    }
  }
}

const GIT_CHAIN = 0;
const GEMINI_CHAIN = 1;
const EXCLUDE_CHAIN = 2;
const BUILT_IN_CHAIN = 3;

function rootRules(folder: WorkspaceFolderInfo, excludeGlobs: readonly string[], gitFiles: readonly GitRuleFile[]): DirectoryRules {
  const exclude = ignore().add(excludeGlobs.flatMap(excludeGlobToGitignore));
  return {
    folder,
    path: '',
    chains: [
      gitFiles.map((file) => ({ dir: '', matcher: ignore().add(file.text), source: file.label, file: file.label })),
      [],
      excludeGlobs.length ? [{ dir: '', matcher: exclude, source: 'files.exclude' }] : [],
      [{ dir: '', matcher: ignore().add(ALWAYS_HIDDEN), source: 'built-in' }],
    ],
  };
}

/**
 * The rules ripgrep does not apply itself: .geminiignore and files.exclude. ripgrep reads the
 * git chain (.gitignore, info/exclude, core.excludesFile) and skips .git/ on its own.
 */
export function matchBeyondGit(rules: DirectoryRules, path: string, isDirectory: boolean): IgnoreVerdict | undefined {
  return matchChains(rules.chains.filter((_, index) => index === GEMINI_CHAIN || index === EXCLUDE_CHAIN), path, isDirectory);
}

/** Why `path` (folder-relative, inside `rules.path`) is hidden by the rules of its directory. */
export function matchInDirectory(rules: DirectoryRules, path: string, isDirectory: boolean): IgnoreVerdict | undefined {
  return matchChains(rules.chains, path, isDirectory);
}

function matchChains(chains: readonly (readonly Layer[])[], path: string, isDirectory: boolean): IgnoreVerdict | undefined {
  for (const chain of chains) {
    let verdict: IgnoreVerdict | undefined;
    for (const layer of chain) {
      if (layer.source === 'built-in') {
        // '.git/' hides a directory named .git at any depth: asked of every entry a walk meets,
        // so it is answered here instead of by the matcher (same verdict, a fraction of the cost).
        if (isDirectory && (path === '.git' || path.endsWith('/.git'))) verdict = { source: layer.source, rule: ALWAYS_HIDDEN[0], file: layer.file };
        continue;
      }
      const relative = layer.dir ? path.slice(layer.dir.length + 1) : path;
      const result = layer.matcher.test(isDirectory ? `${relative}/` : relative);
      if (result.ignored) verdict = { source: layer.source, rule: result.rule?.pattern ?? '', file: layer.file };
      else if (result.unignored) verdict = undefined;
    }
    if (verdict) return verdict;
  }
  return undefined;
}

/**
 * files.exclude uses VS Code's glob syntax relative to the folder; gitignore syntax anchors a
 * pattern with a leading '/', and has no braces, so `{a,b}` is expanded first.
 */
export function excludeGlobToGitignore(glob: string): string[] {
  return expandBraces(glob.trim())
    .map((pattern) => pattern.replace(/^\.\//, ''))
    .filter((pattern) => pattern.length > 0)
    .map((pattern) => (pattern.startsWith('/') ? pattern : `/${pattern}`));
}

export function expandBraces(pattern: string): string[] {
  const open = pattern.indexOf('{');
  if (open < 0) return [pattern];
  let depth = 0;
  const commas: number[] = [];
  for (let i = open; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) {
      const head = pattern.slice(0, open);
      const tail = pattern.slice(i + 1);
      const bounds = [open, ...commas, i];
      const options = bounds.slice(0, -1).map((start, k) => pattern.slice(start + 1, bounds[k + 1]));
      return options.flatMap((option) => expandBraces(head + option + tail));
    } else if (ch === ',' && depth === 1) commas.push(i);
  }
  return [pattern];
}

export function describeVerdict(verdict: IgnoreVerdict): string {
  switch (verdict.source) {
    case 'files.exclude': return `the files.exclude setting ('${verdict.rule}')`;
    case 'built-in': return 'a built-in rule (.git is never read)';
    case 'core.excludesFile': return `git's global excludes file, core.excludesFile (rule '${verdict.rule}')`;
    default: return `${verdict.file} (rule '${verdict.rule}')`;
  }
}
