// The walk behind "ask the whole workspace": every file of every workspace folder that the
// workspace tools could read, under the same policy (ignore rules, sensitive names, symlinks that
// must stay inside the workspace), and a record of everything it left out and why, for the pack's
// manifest. Unlike the tools' lazy walk (src/tools/walk.ts) it lists what it skips by name. It is
// asynchronous and yields to the event loop every few hundred entries, so 50,000 files never
// freeze the extension host, and it stops as soon as the signal aborts. Pure.
import type { ToolCallContext } from '../tools/context';
import { type DirectoryRules, describeVerdict, matchInDirectory } from '../tools/ignoreRules';
import { checkLinks } from '../tools/pathPolicy';
import { sensitiveRule } from '../tools/sensitiveFiles';
import { type DirectoryEntry, type WorkspaceLocation, childLocation } from '../tools/workspacePort';
import type { OmittedEntry } from './manifest';

export interface PackCandidate {
  location: WorkspaceLocation;
  /** How the model and the user see the path (folder name first in a multi-root workspace). */
  display: string;
  /** 1 for a file at a folder's root. */
  depth: number;
}

export interface PackWalkResult {
  candidates: PackCandidate[];
  omitted: OmittedEntry[];
  /** Every entry looked at, files and folders, kept or not. */
  entries: number;
}

export interface PackWalkOptions {
  /** Called every few hundred entries with the number looked at so far. */
  onProgress?(entries: number): void;
  /** Directories deeper than this are not entered (a loop guard; links are never followed). */
  maxDepth?: number;
}

/** How many entries are handled between two turns of the event loop. */
const YIELD_EVERY = 256;

export class PackCancelled extends Error {
  constructor() {
    super('Packing the workspace was cancelled.');
    this.name = 'PackCancelled';
  }
}

/** Walks every workspace folder in name order; throws PackCancelled when `ctx.signal` aborts. */
export async function walkForPack(ctx: ToolCallContext, options: PackWalkOptions = {}): Promise<PackWalkResult> {
  const result: PackWalkResult = { candidates: [], omitted: [], entries: 0 };
  const maxDepth = options.maxDepth ?? 64;
  for (const folder of ctx.folders) {
    const root: WorkspaceLocation = { folder, path: '' };
    const stack: { location: WorkspaceLocation; rules: DirectoryRules; depth: number }[] = [];
    const rootRules = await ctx.rules.rulesFor(root);
    stack.push({ location: root, rules: rootRules, depth: 0 });
    while (stack.length > 0) {
      const dir = stack.pop()!;
      let entries: DirectoryEntry[];
      try {
        entries = await ctx.port.readDirectory(dir.location);
      } catch {
        result.omitted.push({ display: ctx.display(dir.location), reason: 'unreadable' });
        continue;
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const rules = dir.depth === 0
        ? dir.rules
        : await ctx.rules.rulesForListed(dir.rules, dir.location, entries.filter((e) => e.kind === 'file').map((e) => e.name));
      const subdirectories: typeof stack = [];
      for (const entry of entries) {
        if (++result.entries % YIELD_EVERY === 0) {
          await yieldToEventLoop();
          options.onProgress?.(result.entries);
        }
        if (ctx.signal.aborted) throw new PackCancelled();
        const location = childLocation(dir.location, entry.name);
        const display = ctx.display(location);
        const isDirectory = entry.kind === 'directory';
        const hidden = matchInDirectory(rules, location.path, isDirectory);
        if (hidden) { result.omitted.push({ display, reason: 'ignored', detail: describeVerdict(hidden) }); continue; }
        const byName = sensitiveRule(location.path);
        if (byName) { result.omitted.push({ display, reason: 'sensitive', detail: byName }); continue; }
        if (entry.isSymlink) {
          if (isDirectory) { result.omitted.push({ display, reason: 'symlink', detail: 'symbolic links to folders are not followed' }); continue; }
          const link = await checkLinks(ctx, location, true, false);
          if (!link.ok) { result.omitted.push({ display, reason: 'symlink', detail: link.reason }); continue; }
          if (link.sensitiveRule) { result.omitted.push({ display, reason: 'sensitive', detail: link.sensitiveRule }); continue; }
        }
        if (isDirectory) {
          if (dir.depth + 1 < maxDepth) subdirectories.push({ location, rules, depth: dir.depth + 1 });
          else result.omitted.push({ display, reason: 'unreadable', detail: `deeper than ${maxDepth} folders` });
        } else if (entry.kind === 'file') {
          result.candidates.push({ location, display, depth: dir.depth + 1 });
        }
      }
      // Depth first in name order: push the subdirectories reversed so the first name pops first.
      for (let i = subdirectories.length - 1; i >= 0; i--) stack.push(subdirectories[i]);
    }
  }
  options.onProgress?.(result.entries);
  return result;
}

/** One macrotask: lets the editor handle input and other extensions' work between batches. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
