// find_files: workspace files whose path matches a glob, ignore rules applied while walking.
import picomatch from 'picomatch/posix';
import { startingPoints, walkNotes } from './listDirectory';
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
      describe: `find files matching '${args.glob}'${scope}`,
      sensitiveFiles: [],
      run: async () => {
        const budget = new OutputBudget(ctx.settings.maxResultBytes - 200);
        const stats = emptyWalkStats();
        let found = 0;
        let countStopped = false;
        walk: for (const start of starts) {
          for await (const entry of walkWorkspace(ctx, start, Infinity, stats)) {
            if (entry.kind !== 'file') continue;
            const display = ctx.display(entry.location);
            if (!matches(entry.location.path) && !(ctx.multiRoot && matches(display))) continue;
            found++;
            if (found > maxResults) {
              budget.skip();
              if (found - maxResults >= MAX_COUNTED_AFTER_LIMIT) { countStopped = true; break walk; }
            } else budget.add(display);
          }
        }
        const notes = walkNotes(stats);
        const hint = found > maxResults ? 'raise maxResults or narrow the glob' : 'narrow the glob';
        const body = found === 0 ? `No files match '${args.glob}'${scope}.` : budget.render('files', hint, countStopped);
        return { output: notes ? `${body}\n${notes}` : body, summary: `found ${found}${countStopped ? '+' : ''} ${found === 1 ? 'file' : 'files'} matching '${args.glob}'` };
      },
    };
  },
});
