// A lazy depth-first walk of a workspace directory that applies the ignore rules as it goes:
// ignored directories are never entered, symlinked directories never followed, symlinked files
// only yielded when their target checks out. Nothing is collected up front, so a caller that
// stops early (a full result budget, a cancelled call) stops the walk too.
import { ToolCallContext } from './context';
import { DirectoryRules, matchInDirectory } from './ignoreRules';
import { checkLinks } from './pathPolicy';
import { sensitiveRule } from './sensitiveFiles';
import { DirectoryEntry, EntryKind, WorkspaceLocation, childLocation } from './workspacePort';

export interface WalkEntry {
  location: WorkspaceLocation;
  name: string;
  kind: EntryKind;
  isSymlink: boolean;
  /** 1 for a direct child of the starting directory. */
  depth: number;
  sensitiveRule?: string;
}

export interface WalkStats {
  /** Entries hidden by .gitignore, .geminiignore, files.exclude or the built-in rules. */
  hidden: number;
  /** Symlinks skipped because their target is outside the workspace, ignored, or unverifiable. */
  linksSkipped: number;
  unreadableDirectories: number;
}

export function emptyWalkStats(): WalkStats {
  return { hidden: 0, linksSkipped: 0, unreadableDirectories: 0 };
}

interface Frame {
  rules: DirectoryRules;
  entries: DirectoryEntry[];
  next: number;
  depth: number;
  location: WorkspaceLocation;
}

/** Walks below `start` (a directory that already passed the path policy), in name order. */
export async function* walkWorkspace(
  ctx: ToolCallContext,
  start: WorkspaceLocation,
  maxDepth: number,
  stats: WalkStats,
): AsyncGenerator<WalkEntry> {
  const rootFrame = await openDirectory(ctx, start, await ctx.rules.rulesFor(start), 0, stats);
  const stack: Frame[] = rootFrame ? [rootFrame] : [];
  while (stack.length > 0) {
    ctx.throwIfCancelled();
    const frame = stack[stack.length - 1];
    if (frame.next >= frame.entries.length) { stack.pop(); continue; }
    const entry = frame.entries[frame.next++];
    const location = childLocation(frame.location, entry.name);
    const isDirectory = entry.kind === 'directory';
    if (matchInDirectory(frame.rules, location.path, isDirectory)) { stats.hidden++; continue; }
    let rule = sensitiveRule(location.path);
    if (entry.isSymlink && !isDirectory) {
      const link = await checkLinks(ctx, location, true, false);
      if (!link.ok) { stats.linksSkipped++; continue; }
      rule = link.sensitiveRule ?? rule;
    }
    const depth = frame.depth + 1;
    yield { location, name: entry.name, kind: entry.kind, isSymlink: entry.isSymlink, depth, sensitiveRule: rule };
    if (isDirectory && !entry.isSymlink && depth < maxDepth) {
      const child = await openDirectory(ctx, location, frame.rules, depth, stats);
      if (child) stack.push(child);
    }
  }
}

async function openDirectory(ctx: ToolCallContext, location: WorkspaceLocation, parentRules: DirectoryRules, depth: number, stats: WalkStats): Promise<Frame | undefined> {
  let entries: DirectoryEntry[];
  try {
    entries = await ctx.port.readDirectory(location);
  } catch {
    stats.unreadableDirectories++;
    return undefined;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const rules = depth === 0
    ? parentRules
    : await ctx.rules.rulesForListed(parentRules, location, entries.filter((e) => e.kind === 'file').map((e) => e.name));
  return { rules, entries, next: 0, depth, location };
}
