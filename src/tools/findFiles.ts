// find_files: workspace files whose path matches a glob, ignore rules applied while walking. A
// local folder is listed by the search backend when there is one (ripgrep's --files), each path
// passing the same policy check; symlinks are not followed by either (list_directory shows them).
import { l10n } from '../common/l10n';
import picomatch from 'picomatch/posix';
import { ToolCallContext } from './context';
import { startingPoints, walkNotes } from './listDirectory';
import { nameGlobPrefilter } from './globPrefilter';
import { PolicyFilter } from './searchPolicy';
import { WorkspaceLocation } from './workspacePort';
import { ParamSpecs } from './schema';
import { defineTool } from './tool';
import { OutputBudget, ToolError, plural } from './text';
import { emptyWalkStats, walkWorkspace } from './walk';

const MAX_COUNTED_AFTER_LIMIT = 10_000;

const params = {
  glob: { type: 'string', required: true, maxLength: 512, description: "Glob matched against paths relative to the workspace folder, e.g. '**/*.test.ts' or 'src/**/index.{js,ts}'. A glob without '/' matches file names at any depth ('*.md')." },
  path: { type: 'string', description: 'Only search below this directory. Default: the whole workspace.' },
  maxResults: { type: 'integer', minimum: 1, maximum: 1000, description: 'Most paths to return. Default 200.' },
} satisfies ParamSpecs;

export const findFilesTool = defineTool({
  name: 'find_files',
  description: 'Find workspace files by glob. Returns matching paths, one per line, relative to the workspace folder. Ignored files are never listed.',
  params,
  async prepare(args, ctx) {
    const maxResults = args.maxResults ?? 200;
    let matches: (path: string) => boolean;
    try {
      matches = picomatch(args.glob, { dot: true, basename: !args.glob.includes('/'), nocase: false });
    } catch (error) {
      throw new ToolError(`find_files: invalid glob '${args.glob}': ${(error as Error).message}`);
    }
    const starts = await startingPoints(ctx, args.path ?? '');
    const scope = args.path ? ` under ${starts.map((s) => ctx.display(s)).join(', ')}` : '';
    return {
      describe: args.path ? l10n.t("find files matching '{0}' under {1}", args.glob, starts.map((s) => ctx.display(s)).join(', ')) : l10n.t("find files matching '{0}'", args.glob),
      sensitiveFiles: [],
      run: async () => {
        const budget = new OutputBudget(ctx.settings.maxResultBytes - 200);
        const stats = emptyWalkStats();
        let found = 0;
        let countStopped = false;
        /** Takes one matching file; false once counting has gone far enough. */
        const take = (display: string): boolean => {
          found++;
          if (found <= maxResults) { budget.add(display); return true; }
          budget.skip();
          if (found - maxResults < MAX_COUNTED_AFTER_LIMIT) return true;
          countStopped = true;
          return false;
        };
        const globMatches = (location: WorkspaceLocation) => matches(location.path) || (ctx.multiRoot && matches(ctx.display(location)));
        for (const start of starts) {
          if (countStopped) break;
          const backend = ctx.services.textSearch;
          if (backend?.handles(start.folder)) {
            const outcome = await listWithBackend(ctx, start, globMatches, take, nameGlobPrefilter(args.glob));
            if (!outcome.unsupported) continue;
          }
          for await (const entry of walkWorkspace(ctx, start, Infinity, stats)) {
            if (entry.kind !== 'file') continue;
            if (entry.isSymlink) continue;
            if (!globMatches(entry.location)) continue;
            if (!take(ctx.display(entry.location))) break;
          }
        }
        ctx.throwIfCancelled();
        const notes = walkNotes(stats);
        const hint = found > maxResults ? 'raise maxResults or narrow the glob' : 'narrow the glob';
        const body = found === 0 ? `No files match '${args.glob}'${scope}.` : budget.render('files', hint, countStopped);
        return { output: notes ? `${body}\n${notes}` : body, summary: found === 1 && !countStopped ? l10n.t("found 1 file matching '{0}'", args.glob) : l10n.t("found {0} files matching '{1}'", `${found}${countStopped ? '+' : ''}`, args.glob) };
      },
    };
  },
});

function listWithBackend(ctx: ToolCallContext, start: WorkspaceLocation, globMatches: (location: WorkspaceLocation) => boolean, take: (display: string) => boolean, nameGlob: string | undefined) {
  const filter = new PolicyFilter(ctx, start.folder, true);
  const accept = (path: string) => {
    if (!globMatches({ folder: start.folder, path })) return false;
    const hidden = filter.hidden(path);
    return typeof hidden === 'boolean' ? !hidden : hidden.then((h) => !h);
  };
  return ctx.services.textSearch!.listFiles(
    { folder: start.folder, paths: [start.path], maxFileBytes: ctx.settings.maxFileBytes, signal: ctx.signal, deadline: Date.now() + (ctx.services.timeBudgetMs ?? 30_000) },
    accept,
    (path) => take(ctx.display({ folder: start.folder, path })),
    nameGlob,
  );
}
