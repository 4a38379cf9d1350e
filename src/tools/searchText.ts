// search_text: grep through the workspace. A local folder goes to the search backend when the
// extension has one (VS Code's ripgrep, src/node/ripgrep/), every other folder through the Node
// walker (searchWalker.ts); both apply the same policy and give the same matches in the same
// order. Each file is bounded by tools.maxFileBytes; the call by maxResults, the output budget,
// Stop and a 30 s time budget that also holds inside one slow file.
import { l10n } from '../common/l10n';
import picomatch from 'picomatch/posix';
import { walkNotes, startingPoints } from './listDirectory';
import { resolveExisting } from './pathPolicy';
import { ParamSpecs } from './schema';
import { defineTool } from './tool';
import { ToolCallContext } from './context';
import { formatBytes } from '../common/format';
import { OutputBudget, ToolError, plural } from './text';
import { sensitiveMatchedFile } from './sensitiveFiles';
import { RegexRun, TextMatcher, buildMatcher, inThreadRegexRunner } from './textMatcher';
import { WalkEntry, emptyWalkStats, walkWorkspace } from './walk';
import { PolicyFilter } from './searchPolicy';
import { FileMatches, FileOutcome, READS_IN_FLIGHT, searchFile } from './searchWalker';
import { WorkspaceLocation } from './workspacePort';

const MAX_SHOWN_LINE_CHARS = 300;
export const SEARCH_TIME_BUDGET_MS = 30_000;

/** Thrown into pending matches when the call ends early. */
class SearchStop extends Error {
  constructor(readonly reason: 'time' | 'cancel' | 'done') {
    super(`search ${reason}`);
  }
}

const params = {
  query: { type: 'string', required: true, maxLength: 1000, description: 'Text to look for: a literal string, or a regular expression in RE2 syntax (no lookarounds or backreferences; \\d \\w \\s \\b are ASCII) when isRegex is true. Matched line by line.' },
  isRegex: { type: 'boolean', description: 'Treat query as a regular expression. Default false.' },
  caseSensitive: { type: 'boolean', description: 'Match case exactly. Default false.' },
  path: { type: 'string', description: 'Only search below this directory (or in this one file). Default: the whole workspace.' },
  include: { type: 'string', maxLength: 512, description: "Only search files whose path matches this glob, e.g. '**/*.ts'. A glob without '/' matches file names at any depth." },
  contextLines: { type: 'integer', minimum: 0, maximum: 10, description: 'Lines of context before and after each match. Default 0.' },
  maxResults: { type: 'integer', minimum: 1, maximum: 500, description: 'Stop after this many matching lines. Default 50.' },
} satisfies ParamSpecs;

export const searchTextTool = defineTool({
  name: 'search_text',
  description: 'Search the text of workspace files (like grep). Returns matching lines grouped by file as "line: text", with optional context lines. Ignored, binary, sensitive and very large files are skipped.',
  params,
  async prepare(args, ctx) {
    if (!args.query) throw new ToolError('search_text: query is empty.');
    const matcher = buildMatcher(args.query, args.isRegex ?? false, args.caseSensitive ?? false);
    if (matcher.isRegex) {
      const problem = await (ctx.services.regexRunner ?? inThreadRegexRunner).validate(matcher.query, matcher.caseSensitive, ctx.signal);
      if (problem) throw new ToolError(problem);
    }
    let include: ((path: string) => boolean) | undefined;
    if (args.include) {
      try {
        include = picomatch(args.include, { dot: true, basename: !args.include.includes('/') });
      } catch (error) {
        throw new ToolError(`search_text: invalid include glob '${args.include}': ${(error as Error).message}`);
      }
    }
    const single = args.path ? await singleFile(ctx, args.path) : undefined;
    const starts = single ? [] : await startingPoints(ctx, args.path ?? '');
    const what = `${args.isRegex ? 'regex' : 'text'} '${args.query}'`;
    const whatShown = args.isRegex ? l10n.t("regex '{0}'", args.query) : l10n.t("text '{0}'", args.query);
    return {
      describe: l10n.t('search for {0}', whatShown) + (args.path ? ` ${l10n.t('in {0}', args.path)}` : '') + (args.include ? ` ${l10n.t('(files matching {0})', args.include)}` : ''),
      sensitiveFiles: [],
      run: async () => search(ctx, {
        matcher, include, starts, single, what, whatShown,
        contextLines: args.contextLines ?? 0,
        maxResults: args.maxResults ?? 50,
      }),
    };
  },
});

async function singleFile(ctx: ToolCallContext, path: string): Promise<WalkEntry | undefined> {
  const resolved = await resolveExisting(ctx, path, 'any');
  if (resolved.stat.kind !== 'file') return undefined;
  if (resolved.sensitiveRule) {
    throw new ToolError(`search_text: '${resolved.display}' is a sensitive file (matches '${resolved.sensitiveRule}'); use read_file, which asks the user first.`);
  }
  return { location: resolved.location, name: resolved.location.path, kind: 'file', isSymlink: resolved.stat.isSymlink, depth: 0 };
}


interface SearchPlan {
  matcher: TextMatcher;
  include?: (path: string) => boolean;
  starts: WorkspaceLocation[];
  single?: WalkEntry;
  /** What is searched for, in English for the model's result, and in the display language for the card. */
  what: string;
  whatShown: string;
  contextLines: number;
  maxResults: number;
}

interface SearchState {
  budget: OutputBudget;
  skipped: { sensitive: number; large: string[]; binary: number; unreadable: number };
  stats: ReturnType<typeof emptyWalkStats>;
  searched: number;
  matches: number;
  shownMatches: number;
  stop?: 'limit' | 'budget' | 'time';
  /** A backend searched some folder: its skipped files are not counted. */
  backendUsed: boolean;
}

async function search(ctx: ToolCallContext, plan: SearchPlan) {
  const budgetMs = ctx.services.timeBudgetMs ?? SEARCH_TIME_BUDGET_MS;
  const state: SearchState = {
    budget: new OutputBudget(ctx.settings.maxResultBytes - 400),
    skipped: { sensitive: 0, large: [], binary: 0, unreadable: 0 },
    stats: emptyWalkStats(), searched: 0, matches: 0, shownMatches: 0, backendUsed: false,
  };
  const deadline = Date.now() + budgetMs;
  const { matcher } = plan;
  const run = matcher.isRegex ? (ctx.services.regexRunner ?? inThreadRegexRunner).start(matcher.query, matcher.caseSensitive) : undefined;
  // The budget and Stop end a regex mid-file: the worker is terminated, pending matches reject.
  const timer = setTimeout(() => run?.stop(new SearchStop('time')), budgetMs);
  const onAbort = () => run?.stop(new SearchStop('cancel'));
  ctx.signal.addEventListener('abort', onAbort);
  try {
    if (plan.single) await walkerSearch(ctx, plan, state, singleEntry(plan.single), run, deadline);
    for (const start of plan.single ? [] : plan.starts) {
      if (state.stop) break;
      const backend = ctx.services.textSearch;
      if (backend?.handles(start.folder)) {
        const filter = new PolicyFilter(ctx, start.folder);
        // A file with matches is also checked by its content (a PEM private key, several hard links)
        // before any of its lines is shown, as on the walker's path.
        const accept = async (path: string) => {
          if (!includes(ctx, plan, { folder: start.folder, path }) || !(await filter.searchable(path))) return false;
          if (!(await sensitiveMatchedFile(ctx.port, { folder: start.folder, path }))) return true;
          state.skipped.sensitive++;
          return false;
        };
        const outcome = await backend.searchText(
          { folder: start.folder, paths: [start.path], maxFileBytes: ctx.settings.maxFileBytes, signal: ctx.signal, deadline },
          { query: matcher.query, isRegex: matcher.isRegex, caseSensitive: matcher.caseSensitive, contextLines: plan.contextLines },
          accept,
          (hit) => consume(ctx, plan, state, { display: ctx.display({ folder: start.folder, path: hit.path }), matchLines: hit.matchLines, line: (i) => hit.lines.get(i) }),
        );
        if (!outcome.unsupported) {
          state.backendUsed = true;
          state.searched += outcome.searched ?? 0;
          if (outcome.timedOut && !state.stop) state.stop = 'time';
          continue;
        }
        ctx.logger.debug(`search_text: ${backend.name} cannot run this query (${outcome.unsupported}); using the Node walker`);
      }
      await walkerSearch(ctx, plan, state, walkStart(ctx, plan, start, state), run, deadline);
    }
  } catch (error) {
    if (!(error instanceof SearchStop)) throw error;
    if (error.reason === 'time' && !state.stop) state.stop = 'time';
  } finally {
    clearTimeout(timer);
    ctx.signal.removeEventListener('abort', onAbort);
    run?.stop(new SearchStop('done'));
  }
  ctx.throwIfCancelled();
  return report(ctx, plan, state, budgetMs);
}

/** Adds one file's matches; false once the call has what it may return. */
function consume(ctx: ToolCallContext, plan: SearchPlan, state: SearchState, result: FileMatches): boolean {
  if (state.stop) return false;
  const take = result.matchLines.slice(0, plan.maxResults - state.matches);
  state.matches += take.length;
  state.shownMatches += renderFile(result, take, plan.contextLines, state.budget);
  if (state.budget.full) state.stop = 'budget';
  else if (state.matches >= plan.maxResults) state.stop = 'limit';
  return !state.stop;
}

async function walkerSearch(ctx: ToolCallContext, plan: SearchPlan, state: SearchState, entries: AsyncGenerator<WalkEntry>, run: RegexRun | undefined, deadline: number): Promise<void> {
  const take = (outcome: FileOutcome) => {
    if (outcome.kind === 'large') state.skipped.large.push(outcome.display);
    else if (outcome.kind === 'binary') state.skipped.binary++;
    else if (outcome.kind === 'unreadable') state.skipped.unreadable++;
    else if (outcome.kind === 'sensitive') state.skipped.sensitive++;
    else if (outcome.kind === 'searched') {
      state.searched++;
      if (outcome.matches) consume(ctx, plan, state, outcome.matches);
    }
  };
  const inFlight: Promise<FileOutcome>[] = [];
  for await (const entry of entries) {
    const pending = searchFile(ctx, entry, plan.matcher, run);
    pending.catch(() => undefined);
    inFlight.push(pending);
    if (inFlight.length >= (ctx.services.readsInFlight ?? READS_IN_FLIGHT)) take(await inFlight.shift()!);
    if (!state.stop && Date.now() > deadline) state.stop = 'time';
    if (state.stop) return;
  }
  while (!state.stop && inFlight.length > 0) take(await inFlight.shift()!);
}

function includes(ctx: ToolCallContext, plan: SearchPlan, location: WorkspaceLocation): boolean {
  return !plan.include || plan.include(location.path) || (ctx.multiRoot && plan.include(ctx.display(location)));
}

async function* singleEntry(entry: WalkEntry): AsyncGenerator<WalkEntry> {
  yield entry;
}

/** Symlinks are not followed by either backend: their targets are searched where they live. */
async function* walkStart(ctx: ToolCallContext, plan: SearchPlan, start: WorkspaceLocation, state: SearchState): AsyncGenerator<WalkEntry> {
  for await (const entry of walkWorkspace(ctx, start, Infinity, state.stats)) {
    if (entry.kind !== 'file') continue;
    if (entry.isSymlink) continue;
    if (!includes(ctx, plan, entry.location)) continue;
    if (entry.sensitiveRule) { state.skipped.sensitive++; continue; }
    yield entry;
  }
}

function report(ctx: ToolCallContext, plan: SearchPlan, state: SearchState, budgetMs: number) {
  const { matches, skipped, stop } = state;
  const lines: string[] = [];
  if (matches === 0) lines.push(`No matches for ${plan.what} in ${plural(state.searched, 'file')} searched.`);
  else lines.push(state.budget.body());
  if (stop === 'budget') lines.push(`… truncated, ${matches - state.shownMatches} more matches not shown (result size limit); narrow the search with path or include.`);
  if (stop === 'limit') lines.push(`[stopped after maxResults=${plan.maxResults} matches; more may exist: narrow path/include or raise maxResults]`);
  if (stop === 'time') lines.push(`[search stopped after ${budgetMs / 1000} s; results are partial: narrow path/include]`);
  const notes: string[] = [];
  if (skipped.large.length) notes.push(`${plural(skipped.large.length, 'file')} over ${Math.round(ctx.settings.maxFileBytes / 1024)} KB not searched: ${skipped.large.slice(0, 5).join(', ')}${skipped.large.length > 5 ? ', …' : ''}`);
  if (skipped.binary) notes.push(`${plural(skipped.binary, 'binary file')} skipped`);
  if (skipped.sensitive) notes.push(`${plural(skipped.sensitive, 'sensitive file')} skipped (read_file asks the user)`);
  if (skipped.unreadable) notes.push(`${plural(skipped.unreadable, 'file')} could not be read`);
  // ripgrep does not say which files it passed over; the policy is the same, so name it.
  if (state.backendUsed && matches === 0) notes.push(`binary files, sensitive files and files over ${formatBytes(ctx.settings.maxFileBytes)} are not searched`);
  const walk = walkNotes(state.stats);
  if (notes.length) lines.push(`(${notes.join('; ')})`);
  // Hidden entries only matter to the model when it found nothing.
  if (walk && matches === 0) lines.push(walk);
  return {
    output: lines.join('\n'),
    summary: l10n.t('searched {0} for {1}: {2}', state.searched === 1 ? l10n.t('1 file') : l10n.t('{0} files', state.searched), plan.whatShown, matches === 1 ? l10n.t('1 match') : l10n.t('{0} matches', matches))
      + (stop && stop !== 'limit' ? ` (${stop === 'time' ? l10n.t('partial') : l10n.t('truncated')})` : ''),
  };
}

/** Appends one file's block; returns how many of its matches made it into the output. */
function renderFile(result: FileMatches, matchLines: number[], context: number, budget: OutputBudget): number {
  if (!budget.add(result.display)) return 0;
  const matching = new Set(matchLines);
  const lastMatch = matchLines[matchLines.length - 1];
  let shown = 0;
  let lastPrinted = -1;
  for (const index of matchLines) {
    const from = Math.max(0, index - context, lastPrinted + 1);
    if (context > 0 && lastPrinted >= 0 && from > lastPrinted + 1 && !budget.add('  --')) return shown;
    for (let i = from; i <= index + context; i++) {
      const text = result.line(i);
      if (text === undefined) break;
      const marker = matching.has(i) && i <= lastMatch ? ':' : '-';
      if (!budget.add(`  ${i + 1}${marker} ${clipLine(text)}`)) return shown;
      if (matching.has(i)) shown++;
      lastPrinted = i;
    }
  }
  return shown;
}

function clipLine(line: string): string {
  const trimmed = line.trimEnd();
  return trimmed.length > MAX_SHOWN_LINE_CHARS ? `${trimmed.slice(0, MAX_SHOWN_LINE_CHARS)}…` : trimmed;
}
