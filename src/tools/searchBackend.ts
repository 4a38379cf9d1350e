// The port through which search_text and find_files can hand a local folder to a faster engine
// (the extension plugs in VS Code's own ripgrep: src/node/ripgrep/). The tools keep the policy:
// a backend only proposes files, and every proposal passes the same `accept` check the Node walker
// applies (ignore rules, sensitive names, the include glob) before the model sees it. Results come
// back in the walker's order (depth first, names sorted), so both paths give the same answer.
import { RegexRunner } from './textMatcher';
import { WorkspaceFolderInfo } from './workspacePort';

export interface BackendQuery {
  query: string;
  isRegex: boolean;
  caseSensitive: boolean;
  contextLines: number;
}

export interface BackendScope {
  folder: WorkspaceFolderInfo;
  /** Folder-relative start directories or files ('' is the root); never empty. */
  paths: readonly string[];
  /** Largest file searched, in bytes (tools.maxFileBytes). */
  maxFileBytes: number;
  signal: AbortSignal;
  /** Date.now() value after which the backend stops with `timedOut`. */
  deadline: number;
}

/** One file's matches: 0-based line numbers, and the text of each matching or context line. */
export interface BackendFileHit {
  path: string;
  matchLines: number[];
  lines: Map<number, string>;
}

export interface BackendOutcome {
  /** Files the engine opened, when it counts them. */
  searched?: number;
  timedOut: boolean;
  /** The engine could not take this query (e.g. a regex its syntax lacks): use the walker. */
  unsupported?: string;
}

/** `accept` answers whether the policy lets a folder-relative file path through. */
export type PathFilter = (path: string) => boolean | Promise<boolean>;

export interface TextSearchBackend {
  readonly name: string;
  /** The engine's executable, for the log. */
  readonly binary?: string;
  /** Whether this folder can be searched here (a local disk, an engine that runs). */
  handles(folder: WorkspaceFolderInfo): boolean;
  /** Calls onHit in walk order until it returns false; hits already passed `accept`. */
  searchText(scope: BackendScope, query: BackendQuery, accept: PathFilter, onHit: (hit: BackendFileHit) => boolean): Promise<BackendOutcome>;
  /**
   * Calls onFile with folder-relative paths in walk order until it returns false. `nameGlob`
   * (globPrefilter.ts) is a file-name glob every wanted path's name matches: the engine may leave
   * out the other files, and `accept` still decides on the rest.
   */
  listFiles(scope: BackendScope, accept: PathFilter, onFile: (path: string) => boolean, nameGlob?: string): Promise<BackendOutcome>;
}

/** What the tools can be given beyond the WorkspacePort; each part is optional. */
export interface SearchServices {
  textSearch?: TextSearchBackend;
  regexRunner?: RegexRunner;
  /** search_text's time budget; default 30 s (tests shorten it). */
  timeBudgetMs?: number;
  /** Files the walker reads at once; default READS_IN_FLIGHT (searchWalker.ts). */
  readsInFlight?: number;
  /** The semantic index (src/semantic/), once the user built one: search_code_semantic's engine. */
  semantic?: SemanticSearchService;
}

/** A hit of the semantic index: a display path and a 1-based line range. */
export interface SemanticHit {
  path: string;
  startLine: number;
  endLine: number;
  score: number;
}

export interface SemanticSearchService {
  /** Whether an index exists to search (the tool is offered only then). */
  ready(): boolean;
  search(query: string, k: number, signal: AbortSignal): Promise<SemanticHit[]>;
}

/** The walker's order of two folder-relative paths: by segment, each compared by code unit. */
export function compareWalkOrder(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (x === 47) return -1;
    if (y === 47) return 1;
    return x - y;
  }
  return a.length - b.length;
}
