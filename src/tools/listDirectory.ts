// list_directory: a depth-limited tree of one directory (or of every folder's top level in a
// multi-root workspace), with ignored entries left out and counted.
import { l10n } from '../common/l10n';
import { ToolCallContext } from './context';
import { parseWorkspacePath, resolveExisting } from './pathPolicy';
import { ParamSpecs } from './schema';
import { defineTool } from './tool';
import { formatBytes } from '../common/format';
import { OutputBudget, plural } from './text';
import { WalkStats, emptyWalkStats, walkWorkspace } from './walk';
import { WorkspaceLocation } from './workspacePort';

/** Entries counted past a full budget before giving up on an exact "N more". */
const MAX_COUNTED_AFTER_BUDGET = 10_000;

const params = {
  path: { type: 'string', description: "Directory relative to the workspace folder. Default: the workspace root ('.')." },
  depth: { type: 'integer', minimum: 1, maximum: 5, description: 'How many levels to descend. Default 2.' },
} satisfies ParamSpecs;

export const listDirectoryTool = defineTool({
  name: 'list_directory',
  description: "List a workspace directory as an indented tree (directories end with '/', files show their size). Files hidden by .gitignore, .geminiignore or files.exclude are left out.",
  params,
  async prepare(args, ctx) {
    const depth = args.depth ?? 2;
    const starts = await startingPoints(ctx, args.path ?? '');
    const what = starts.map((s) => ctx.display(s)).join(', ');
    return {
      describe: l10n.t('list {0} (depth {1})', what, depth),
      sensitiveFiles: [],
      run: async () => {
        const budget = new OutputBudget(ctx.settings.maxResultBytes - 200);
        const stats = emptyWalkStats();
        for (const start of starts) {
          if (ctx.multiRoot && !start.path) budget.add(`${start.folder.name}/`);
          if (!(await listTree(ctx, start, depth, ctx.multiRoot && !start.path ? 1 : 0, budget, stats))) break;
        }
        const notes = walkNotes(stats);
        const body = budget.lineCount === 0 && !budget.full ? '(empty directory)' : budget.render('entries', 'list a subdirectory or lower depth', budget.omittedCount >= MAX_COUNTED_AFTER_BUDGET);
        return { output: notes ? `${body}\n${notes}` : body, summary: (budget.lineCount === 1 ? l10n.t('listed {0}: 1 entry', what) : l10n.t('listed {0}: {1} entries', what, budget.lineCount)) + (budget.full ? l10n.t(', truncated') : '') };
      },
    };
  },
});

/** The directory the path names, or every folder root when a multi-root workspace gets no path. */
export async function startingPoints(ctx: ToolCallContext, path: string): Promise<WorkspaceLocation[]> {
  const parsed = parseWorkspacePath(path, ctx.folders);
  if (!parsed) return ctx.folders.map((folder) => ({ folder, path: '' }));
  if (!parsed.path && ctx.folders.length === 1) return [parsed];
  return [(await resolveExisting(ctx, path, 'directory')).location];
}

/** false once counting entries past the full budget has stopped. */
async function listTree(ctx: ToolCallContext, start: WorkspaceLocation, depth: number, indent: number, budget: OutputBudget, stats: WalkStats): Promise<boolean> {
  for await (const entry of walkWorkspace(ctx, start, depth, stats)) {
    if (budget.full) {
      budget.skip();
      if (budget.omittedCount >= MAX_COUNTED_AFTER_BUDGET) return false;
      continue;
    }
    const pad = '  '.repeat(indent + entry.depth - 1);
    if (entry.kind === 'directory') {
      budget.add(`${pad}${entry.name}/${entry.isSymlink ? '  (symlink, not followed)' : ''}`);
    } else if (entry.kind === 'file') {
      const stat = await ctx.port.stat(entry.location);
      const size = stat ? `  ${formatBytes(stat.size)}` : '';
      const flag = entry.sensitiveRule ? '  (sensitive: reading it asks the user)' : '';
      budget.add(`${pad}${entry.name}${size}${flag}`);
    } else {
      budget.add(`${pad}${entry.name}  (special file)`);
    }
  }
  return true;
}

export function walkNotes(stats: WalkStats): string {
  const notes: string[] = [];
  if (stats.hidden) notes.push(`${plural(stats.hidden, 'entry')} hidden by .gitignore/.geminiignore/files.exclude`);
  if (stats.linksSkipped) notes.push(`${plural(stats.linksSkipped, 'symlink')} skipped (target outside the workspace, ignored or unverifiable)`);
  if (stats.unreadableDirectories) notes.push(`${plural(stats.unreadableDirectories, 'directory')} could not be read`);
  return notes.length ? `(${notes.join('; ')})` : '';
}
