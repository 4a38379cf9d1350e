// search_text: grep through the workspace. Files stream past one at a time (a few reads in
// flight for speed, results kept in walk order); each read is bounded by tools.maxFileBytes,
// so the tree is never loaded and huge files are skipped rather than swallowed.
import picomatch from 'picomatch/posix';
import { walkNotes, startingPoints } from './listDirectory';
import { resolveExisting } from './pathPolicy';
import { sensitiveMatchedFile } from './sensitiveFiles';
import { ParamSpecs } from './schema';
import { defineTool } from './tool';
import { ToolCallContext } from './context';
import { OutputBudget, ToolError, decodeText, looksBinary, plural } from './text';
import { TextMatcher, buildMatcher } from './textMatcher';
import { WalkEntry, emptyWalkStats, walkWorkspace } from './walk';

const READS_IN_FLIGHT = 8;
const MAX_SHOWN_LINE_CHARS = 300;
const TIME_BUDGET_MS = 30_000;

const params = {
  query: { type: 'string', required: true, maxLength: 1000, description: 'Text to look for: a literal string, or a JavaScript regular expression when isRegex is true. Matched line by line.' },
  isRegex: { type: 'boolean', description: 'Treat query as a regular expression. Default false.' },
  caseSensitive: { type: 'boolean', description: 'Match case exactly. Default false.' },
  path: { type: 'string', description: 'Only search below this directory (or in this one file). Default: the whole workspace.' },
  include: { type: 'string', maxLength: 512, description: "Only search files whose path matches this glob, e.g. '**/*.ts'. A glob without '/' matches file names at any depth." },
  contextLines: { type: 'integer', minimum: 0, maximum: 10, description: 'Lines of context before and after each match. Default 0.' },
  maxResults: { type: 'integer', minimum: 1, maximum: 500, description: 'Stop after this many matching lines. Default 50.' },
} satisfies ParamSpecs;

interface FileResult {
  entry: WalkEntry;
  skipped?: 'large' | 'binary' | 'unreadable' | 'sensitive';
  /** 0-based indexes of matching lines. */
  matchLines: number[];
  lines: string[];
}

export const searchTextTool = defineTool({
  name: 'search_text',
  description: 'Search the text of workspace files (like grep). Returns matching lines grouped by file as "line: text", with optional context lines. Ignored, binary, sensitive and very large files are skipped.',
  params,
  async prepare(args, ctx) {
    if (!args.query) throw new ToolError('search_text: query is empty.');
    const matcher = buildMatcher(args.query, args.isRegex ?? false, args.caseSensitive ?? false);
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
    const scope = args.path ? ` in ${args.path}` : '';
    const what = `${args.isRegex ? 'regex' : 'text'} '${args.query}'`;
    return {
      describe: `search for ${what}${scope}${args.include ? ` (files matching ${args.include})` : ''}`,
      sensitiveFiles: [],
      run: async () => search(ctx, {
        matcher, include, starts, single, what,
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
  starts: Awaited<ReturnType<typeof startingPoints>>;
  single?: WalkEntry;
  what: string;
  contextLines: number;
  maxResults: number;
}

async function search(ctx: ToolCallContext, plan: SearchPlan) {
  const stats = emptyWalkStats();
  const budget = new OutputBudget(ctx.settings.maxResultBytes - 400);
  const skipped = { sensitive: 0, large: [] as string[], binary: 0, unreadable: 0 };
  const deadline = Date.now() + TIME_BUDGET_MS;
  let searched = 0;
  let matches = 0;
  let shownMatches = 0;
  let stop: 'limit' | 'budget' | 'time' | undefined;

  const consume = (result: FileResult) => {
    if (result.skipped === 'large') skipped.large.push(ctx.display(result.entry.location));
    else if (result.skipped === 'binary') skipped.binary++;
    else if (result.skipped === 'unreadable') skipped.unreadable++;
    else if (result.skipped === 'sensitive') skipped.sensitive++;
    else searched++;
    if (result.matchLines.length === 0) return;
    const take = result.matchLines.slice(0, plan.maxResults - matches);
    matches += take.length;
    shownMatches += renderFile(ctx, result, take, plan.contextLines, budget);
    if (budget.full) stop = 'budget';
    else if (matches >= plan.maxResults) stop = 'limit';
  };

  const candidates = plan.single ? singleEntry(plan.single) : walkAll(ctx, plan, stats, skipped);
  const inFlight: Promise<FileResult>[] = [];
  for await (const entry of candidates) {
    const pending = searchFile(ctx, entry, plan.matcher);
    pending.catch(() => undefined);
    inFlight.push(pending);
    if (inFlight.length >= READS_IN_FLIGHT) consume(await inFlight.shift()!);
    if (!stop && Date.now() > deadline) stop = 'time';
    if (stop) break;
  }
  while (!stop && inFlight.length > 0) consume(await inFlight.shift()!);
  ctx.throwIfCancelled();

  const lines: string[] = [];
  if (matches === 0) lines.push(`No matches for ${plan.what} in ${plural(searched, 'file')} searched.`);
  else lines.push(budget.body());
  if (stop === 'budget') lines.push(`… truncated, ${matches - shownMatches} more matches not shown (result size limit); narrow the search with path or include.`);
  if (stop === 'limit') lines.push(`[stopped after maxResults=${plan.maxResults} matches; more may exist: narrow path/include or raise maxResults]`);
  if (stop === 'time') lines.push(`[search stopped after ${TIME_BUDGET_MS / 1000} s; results are partial: narrow path/include]`);
  const notes: string[] = [];
  if (skipped.large.length) notes.push(`${plural(skipped.large.length, 'file')} over ${Math.round(ctx.settings.maxFileBytes / 1024)} KB not searched: ${skipped.large.slice(0, 5).join(', ')}${skipped.large.length > 5 ? ', …' : ''}`);
  if (skipped.binary) notes.push(`${plural(skipped.binary, 'binary file')} skipped`);
  if (skipped.sensitive) notes.push(`${plural(skipped.sensitive, 'sensitive file')} skipped (read_file asks the user)`);
  if (skipped.unreadable) notes.push(`${plural(skipped.unreadable, 'file')} could not be read`);
  const walk = walkNotes(stats);
  if (notes.length) lines.push(`(${notes.join('; ')})`);
  // Hidden entries only matter to the model when it found nothing.
  if (walk && matches === 0) lines.push(walk);
  return {
    output: lines.join('\n'),
    summary: `searched ${plural(searched, 'file')} for ${plan.what}: ${plural(matches, 'match')}${stop && stop !== 'limit' ? ` (${stop === 'time' ? 'partial' : 'truncated'})` : ''}`,
  };
}

async function* singleEntry(entry: WalkEntry): AsyncGenerator<WalkEntry> {
  yield entry;
}

async function* walkAll(ctx: ToolCallContext, plan: SearchPlan, stats: ReturnType<typeof emptyWalkStats>, skipped: { sensitive: number }): AsyncGenerator<WalkEntry> {
  for (const start of plan.starts) {
    for await (const entry of walkWorkspace(ctx, start, Infinity, stats)) {
      if (entry.kind !== 'file') continue;
      if (plan.include && !plan.include(entry.location.path) && !(ctx.multiRoot && plan.include(ctx.display(entry.location)))) continue;
      if (entry.sensitiveRule) { skipped.sensitive++; continue; }
      yield entry;
    }
  }
}

async function searchFile(ctx: ToolCallContext, entry: WalkEntry, matcher: TextMatcher): Promise<FileResult> {
  const result: FileResult = { entry, matchLines: [], lines: [] };
  let bytes: Uint8Array | undefined;
  try {
    bytes = await ctx.port.readFileIfSmall(entry.location, ctx.settings.maxFileBytes);
  } catch {
    result.skipped = 'unreadable';
    return result;
  }
  if (!bytes) { result.skipped = 'large'; return result; }
  if (looksBinary(bytes)) { result.skipped = 'binary'; return result; }
  const text = decodeText(bytes);
  if (!matcher.mayMatch(text)) return result;
  result.lines = text.split('\n');
  for (let i = 0; i < result.lines.length; i++) {
    let line = result.lines[i];
    if (line.endsWith('\r')) result.lines[i] = line = line.slice(0, -1);
    if (matcher.matchesLine(line)) result.matchLines.push(i);
  }
  if (result.matchLines.length && await sensitiveMatchedFile(ctx.port, entry.location, bytes)) {
    return { entry, matchLines: [], lines: [], skipped: 'sensitive' };
  }
  return result;
}

/** Appends one file's block; returns how many of its matches made it into the output. */
function renderFile(ctx: ToolCallContext, result: FileResult, matchLines: number[], context: number, budget: OutputBudget): number {
  if (!budget.add(ctx.display(result.entry.location))) return 0;
  const matching = new Set(matchLines);
  let shown = 0;
  let lastPrinted = -1;
  for (const index of matchLines) {
    const from = Math.max(0, index - context, lastPrinted + 1);
    const to = Math.min(result.lines.length - 1, index + context);
    if (context > 0 && lastPrinted >= 0 && from > lastPrinted + 1 && !budget.add('  --')) return shown;
    for (let i = from; i <= to; i++) {
      const marker = matching.has(i) && i <= matchLines[matchLines.length - 1] ? ':' : '-';
      if (!budget.add(`  ${i + 1}${marker} ${clipLine(result.lines[i])}`)) return shown;
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
