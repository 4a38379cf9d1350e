// search_text and find_files on VS Code's own ripgrep, for folders on a local disk. ripgrep walks
// with the same ignore files the Node walker reads (.gitignore at every level, .git/info/exclude,
// core.excludesFile; never .ignore/.rgignore or rule files above the folder), never follows
// symlinks, skips .git and files over the size cap; its `--json` output is parsed as it streams.
// Every file it proposes still passes the tools' own policy (`accept`: .geminiignore,
// files.exclude, sensitive names, the include glob) before it counts.
//
// Order: the walker's order is the contract. ripgrep first runs on all threads, unsorted; when
// its results stay small they are sorted here. A search that matches very much instead restarts
// with `--sort path` (one thread, in order), so the first matches can be taken and ripgrep stopped.
// Stop kills the process; so does the time budget.
import { ChildProcess, spawn } from 'node:child_process';
import type {
  BackendFileHit, BackendOutcome, BackendQuery, BackendScope, PathFilter, TextSearchBackend,
} from '../../tools/searchBackend';
import { compareWalkOrder } from '../../tools/searchBackend';
import { re2ToRust } from '../../tools/regexDialect';
import type { WorkspaceFolderInfo } from '../../tools/workspacePort';

/** Matching lines gathered unsorted before a search restarts in path order. */
const UNSORTED_LINE_LIMIT = 20_000;
/**
 * Paths the listing of a rare name gathers unsorted before it restarts in path order: sorting
 * that many here stays cheap, and an in-order listing stops after the first maxResults + 10,000
 * anyway, which costs less than listing and sorting everything.
 */
const UNSORTED_FILE_LIMIT = 5_000;

const COMMON_ARGS = ['--no-config', '--hidden', '--no-require-git', '--no-ignore-dot', '--no-ignore-parent', '--glob', '!.git/'];

export interface RipgrepOptions {
  /** Environment for the process (HOME decides where ripgrep finds core.excludesFile). */
  env?: NodeJS.ProcessEnv;
  /** Matching lines gathered unsorted before restarting in path order (tests lower it). */
  unsortedLineLimit?: number;
  /** Paths a listing gathers unsorted before restarting in path order (tests lower it). */
  unsortedFileLimit?: number;
}

interface RgText { text?: string; bytes?: string }

interface RgMessage {
  type: 'begin' | 'match' | 'context' | 'end' | 'summary';
  data: {
    path?: RgText;
    lines?: RgText;
    line_number?: number;
    binary_offset?: number | null;
    stats?: { searches?: number };
  };
}

/** Paths parsed ahead of the policy check before ripgrep's output is paused. */
const BACKLOG_LIMIT = 4096;

/** Control over a running ripgrep's output. */
interface Flow {
  pause(): void;
  resume(): void;
  kill(why: RunResult['killedByUs']): void;
}

interface RunResult {
  killedByUs: 'stop' | 'time' | 'enough' | 'overflow' | undefined;
  code: number | null;
  stderr: string;
  spawnError?: Error;
}

export class RipgrepBackend implements TextSearchBackend {
  readonly name = 'ripgrep';

  constructor(readonly binary: string, private readonly options: RipgrepOptions = {}) {}

  handles(folder: WorkspaceFolderInfo): boolean {
    return folder.fsPath !== undefined;
  }

  async searchText(scope: BackendScope, query: BackendQuery, accept: PathFilter, onHit: (hit: BackendFileHit) => boolean): Promise<BackendOutcome> {
    const args = ['--json', ...COMMON_ARGS, '--crlf', '--max-filesize', String(scope.maxFileBytes)];
    args.push(query.caseSensitive ? '--case-sensitive' : '--ignore-case');
    if (query.contextLines > 0) args.push('--context', String(query.contextLines));
    if (query.isRegex) args.push('--regexp', re2ToRust(query.query));
    else args.push('--fixed-strings', '--regexp', query.query);

    // First pass: all threads, gathered and sorted here.
    const gathered: BackendFileHit[] = [];
    let lines = 0;
    let searched: number | undefined;
    const first = await this.run(args, scope, (hit, kill) => {
      gathered.push(hit);
      lines += hit.matchLines.length;
      if (lines > (this.options.unsortedLineLimit ?? UNSORTED_LINE_LIMIT)) kill('overflow');
    }, (count) => { searched = count; });
    const problem = failure(first);
    if (problem) return { timedOut: false, unsupported: problem };
    if (first.killedByUs !== 'overflow') {
      const kept = await filterAll(gathered, accept);
      kept.sort((a, b) => compareWalkOrder(a.path, b.path));
      for (const hit of kept) if (!onHit(hit)) break;
      return { searched, timedOut: first.killedByUs === 'time' };
    }

    // Too much to gather: again in path order, stopping as soon as the caller has enough.
    let queue = Promise.resolve(true);
    const second = await this.run([...args, '--sort', 'path'], scope, (hit, kill) => {
      queue = queue.then(async (more) => {
        if (!more) return false;
        if (!(await accept(hit.path))) return true;
        if (onHit(hit)) return true;
        kill('enough');
        return false;
      });
    });
    await queue;
    return { timedOut: second.killedByUs === 'time', unsupported: failure(second) };
  }

  /**
   * ripgrep applies the name glob as it walks. A rare name is listed first on all threads,
   * unsorted, and a listing that stays under the limit is sorted here and checked in order.
   * Anything else (or a longer listing) runs with `--sort path`, which streams in walk order
   * already: each path is checked as it comes, and ripgrep stops once the caller has enough.
   */
  async listFiles(scope: BackendScope, accept: PathFilter, onFile: (path: string) => boolean, nameGlob?: string): Promise<BackendOutcome> {
    // A file type, not --glob: a --glob match would override the ignore files, a type only narrows.
    const args = ['--files', '--null', ...COMMON_ARGS, ...(nameGlob ? ['--type-add', `wanted:${nameGlob}`, '--type', 'wanted'] : [])];
    const limit = this.options.unsortedFileLimit ?? UNSORTED_FILE_LIMIT;
    // Only a name without '*' ('index.ts', 'file?.ts') is taken as rare; '*.ts' may be most files.
    if (limit > 0 && nameGlob !== undefined && !nameGlob.includes('*')) {
      const gathered: string[] = [];
      let rest = '';
      const first = await this.spawnRaw(args, scope, (chunk, kill) => {
        const parts = (rest + chunk).split('\0');
        rest = parts.pop()!;
        for (const raw of parts) gathered.push(raw);
        if (gathered.length > limit) kill('overflow');
      });
      const problem = failure(first);
      if (problem) return { timedOut: false, unsupported: problem };
      if (first.killedByUs !== 'overflow') {
        await offerInOrder(sortedWalkOrder(gathered), accept, onFile);
        return { timedOut: first.killedByUs === 'time' };
      }
    }
    return this.listInOrder(args, scope, accept, onFile);
  }

  /**
   * Paths wait in a backlog and are checked a window at a time (verdicts that read a rule file
   * run side by side), in order. A long backlog pauses ripgrep's output, so a listing the caller
   * stops early is neither parsed nor walked much past that point.
   */
  private async listInOrder(args: string[], scope: BackendScope, accept: PathFilter, onFile: (path: string) => boolean): Promise<BackendOutcome> {
    let rest = '';
    let done = false;
    const backlog: string[] = [];
    let flow: Flow | undefined;
    let running = false;
    let drained = Promise.resolve();
    const drain = async () => {
      while (backlog.length > 0 && !done) {
        const window = backlog.splice(0, VERDICT_WINDOW);
        const verdicts = window.map((path) => accept(path));
        const settled = verdicts.some((v) => typeof v !== 'boolean') ? await Promise.all(verdicts) : verdicts as boolean[];
        for (let i = 0; i < window.length && !done; i++) {
          if (settled[i] && !onFile(window[i])) { done = true; flow?.kill('enough'); }
        }
        if (backlog.length < BACKLOG_LIMIT / 2) flow?.resume();
      }
    };
    const kick = () => {
      if (running || done) return;
      running = true;
      drained = drain().finally(() => { running = false; });
    };
    const result = await this.spawnRaw([...args, '--sort', 'path'], scope, (chunk, kill, control) => {
      flow = control;
      const parts = (rest + chunk).split('\0');
      rest = parts.pop()!;
      for (const raw of parts) backlog.push(normalisePath(raw));
      if (backlog.length > BACKLOG_LIMIT) control.pause();
      kick();
    });
    await drained;
    kick();
    await drained;
    const problem = failure(result);
    return problem ? { timedOut: false, unsupported: problem } : { timedOut: result.killedByUs === 'time' };
  }

  /** Runs a --json search, handing out each file's hit once its `end` arrives. */
  private run(args: string[], scope: BackendScope, onHit: (hit: BackendFileHit, kill: (why: RunResult['killedByUs']) => void) => void, onSearched?: (count: number | undefined) => void): Promise<RunResult> {
    let rest = '';
    const files = new FileAssembler();
    return this.spawnRaw(args, scope, (chunk, kill) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop()!;
      for (const line of lines) {
        if (!line) continue;
        const message = JSON.parse(line) as RgMessage;
        if (message.type === 'summary') onSearched?.(message.data.stats?.searches);
        const hit = files.take(message);
        if (hit) onHit(hit, kill);
      }
    });
  }

  private spawnRaw(args: string[], scope: BackendScope, onChunk: (chunk: string, kill: (why: RunResult['killedByUs']) => void, flow: Flow) => void): Promise<RunResult> {
    const paths = scope.paths.filter((p) => p !== '');
    return new Promise((resolve) => {
      let child: ChildProcess;
      const result: RunResult = { killedByUs: undefined, code: null, stderr: '' };
      const kill = (why: RunResult['killedByUs']) => {
        if (result.killedByUs || child.exitCode !== null) return;
        result.killedByUs = why;
        child.kill();
        // A paused stream would hold 'close' back: let what is left flow (and be ignored).
        child.stdout?.resume();
      };
      try {
        child = spawn(this.binary, [...args, '--', ...(paths.length ? paths : ['./'])], {
          cwd: scope.folder.fsPath, stdio: ['ignore', 'pipe', 'pipe'], env: this.options.env ?? process.env, windowsHide: true,
        });
      } catch (error) {
        resolve({ ...result, spawnError: error as Error });
        return;
      }
      const timer = setTimeout(() => kill('time'), Math.max(0, scope.deadline - Date.now()));
      const onAbort = () => kill('stop');
      if (scope.signal.aborted) onAbort();
      scope.signal.addEventListener('abort', onAbort);
      const flow: Flow = {
        pause: () => { if (!result.killedByUs) child.stdout!.pause(); },
        resume: () => child.stdout!.resume(),
        kill,
      };
      child.stdout!.setEncoding('utf8').on('data', (chunk: string) => { if (!result.killedByUs) onChunk(chunk, kill, flow); });
      child.stderr!.setEncoding('utf8').on('data', (chunk: string) => { if (result.stderr.length < 4096) result.stderr += chunk; });
      child.on('error', (error) => { result.spawnError = error; });
      child.on('close', (code) => {
        clearTimeout(timer);
        scope.signal.removeEventListener('abort', onAbort);
        resolve({ ...result, code });
      });
    });
  }
}

/** Why a run gave no usable answer (the walker then takes over), or undefined. */
function failure(result: RunResult): string | undefined {
  if (result.spawnError) return `ripgrep did not start: ${result.spawnError.message}`;
  if (result.killedByUs) return undefined;
  // 0: matches, 1: none, 2: an error; with output it may only be an unreadable file.
  if (result.code === 0 || result.code === 1) return undefined;
  if (/regex|pattern|literal/i.test(result.stderr)) return `ripgrep refused the pattern: ${result.stderr.trim().split('\n')[0]}`;
  return result.code === 2 && !result.stderr.includes('error:') ? undefined : `ripgrep failed (${result.code}): ${result.stderr.trim().split('\n')[0] ?? ''}`;
}

/** Verdicts that wait on rule files are asked for this many paths at a time, then taken in order. */
const VERDICT_WINDOW = 512;

async function offerInOrder(paths: readonly string[], accept: PathFilter, onFile: (path: string) => boolean): Promise<void> {
  for (let start = 0; start < paths.length; start += VERDICT_WINDOW) {
    const window = paths.slice(start, start + VERDICT_WINDOW);
    const verdicts = window.map((path) => accept(path));
    const settled = verdicts.some((v) => typeof v !== 'boolean') ? await Promise.all(verdicts) : verdicts as boolean[];
    for (let i = 0; i < window.length; i++) if (settled[i] && !onFile(window[i])) return;
  }
}

async function filterAll(hits: BackendFileHit[], accept: PathFilter): Promise<BackendFileHit[]> {
  const verdicts = await Promise.all(hits.map((hit) => accept(hit.path)));
  return hits.filter((_, i) => verdicts[i]);
}

class FileAssembler {
  private readonly open = new Map<string, BackendFileHit>();

  /** Feeds one message; returns a file's hit once its `end` arrives (binary files: never). */
  take(message: RgMessage): BackendFileHit | undefined {
    const raw = message.data.path?.text;
    if (raw === undefined) return undefined;
    const path = normalisePath(raw);
    if (message.type === 'begin') {
      this.open.set(path, { path, matchLines: [], lines: new Map() });
      return undefined;
    }
    const hit = this.open.get(path);
    if (!hit) return undefined;
    if (message.type === 'match' || message.type === 'context') {
      const index = message.data.line_number! - 1;
      hit.lines.set(index, lineText(message.data.lines));
      if (message.type === 'match') hit.matchLines.push(index);
      return undefined;
    }
    if (message.type === 'end') {
      this.open.delete(path);
      // A NUL byte anywhere makes a file binary, for ripgrep and for the walker alike.
      if (message.data.binary_offset !== null && message.data.binary_offset !== undefined) return undefined;
      return hit.matchLines.length ? hit : undefined;
    }
    return undefined;
  }
}

function lineText(lines: RgText | undefined): string {
  const text = lines?.text ?? (lines?.bytes !== undefined ? new TextDecoder().decode(Buffer.from(lines.bytes, 'base64')) : '');
  return text.replace(/\r?\n$/, '');
}

/**
 * Raw ripgrep paths, normalised, in the walker's order (compareWalkOrder): with '/' turned into
 * NUL, which no path contains and which sorts before every other code unit, the engine's own
 * string sort gives that order without a comparator call per pair.
 */
function sortedWalkOrder(raw: string[]): string[] {
  const keys = raw.map((path) => normalisePath(path).replaceAll('/', '\0'));
  keys.sort();
  return keys.map((key) => key.replaceAll('\0', '/'));
}

function normalisePath(raw: string): string {
  let path = process.platform === 'win32' ? raw.replace(/\\/g, '/') : raw;
  while (path.startsWith('./')) path = path.slice(2);
  return path;
}
