// Project rules files (AGENTS.md, GEMINI.md): which apply to a turn, read through the
// WorkspacePort, joined into one block of the system instruction under a size cap. Pure.
//
// "In play" means the files the turn is about: the active editor's file and the files attached to
// the message. For each, every directory from its own up to the workspace folder root is looked
// at, nearest first; then the root of every workspace folder. Nearest first means that when the
// cap is reached the most specific rules are the ones kept, and the model is told that an earlier
// file wins over a later one. Rules files inside ignored folders (.gitignore, .geminiignore,
// files.exclude) are never read, nor are symbolic links.
//
// The `.gemini/` folder is not read: Gemini CLI keeps its settings there (settings.json), but its
// context files are GEMINI.md in the project tree, which is what is read here.
import { WorkspaceIgnoreRules } from '../tools/ignoreRules';
import { decodeText } from '../tools/text';
import { WorkspaceFolderInfo, WorkspaceLocation, WorkspacePort, childLocation, displayPath, parentPath } from '../tools/workspacePort';

export const RULES_FILE_NAMES = ['AGENTS.md', 'GEMINI.md'] as const;
/** The whole rules block, in characters; files past it are left out (and listed as such). */
export const MAX_RULES_CHARS = 32_000;
/** One file is cut after this many characters. */
export const MAX_RULES_FILE_CHARS = 16_000;

export interface RulesFile {
  location: WorkspaceLocation;
  /** As the chat and the model see it: "src/AGENTS.md", or "folder/src/AGENTS.md" in a multi-root workspace. */
  display: string;
  text: string;
  truncated: boolean;
}

export interface LoadedRules {
  /** Applied, nearest first. */
  files: RulesFile[];
  /** Found but left out because the cap was reached. */
  omitted: string[];
  /** The block for the system instruction; '' when no rules apply. */
  instruction: string;
}

/** Folder-relative directories to look in for one in-play file, nearest first (the root last). */
export function directoriesUp(filePath: string): string[] {
  const dirs: string[] = [];
  let dir = parentPath(filePath);
  for (;;) {
    dirs.push(dir);
    if (!dir) return dirs;
    dir = parentPath(dir);
  }
}

/**
 * Resolves "in play" paths as the chat shows them (workspace-relative; "folder/path" in a
 * multi-root workspace) to locations. Paths outside the workspace are dropped.
 */
export function resolveInPlay(paths: readonly string[], folders: readonly WorkspaceFolderInfo[]): WorkspaceLocation[] {
  const out: WorkspaceLocation[] = [];
  for (const raw of paths) {
    const path = raw.replace(/\\/g, '/').replace(/^\/+/, '');
    if (!path || path.split('/').some((s) => s === '..' || s === '.' || s === '')) continue;
    if (folders.length === 1) {
      out.push({ folder: folders[0], path });
      continue;
    }
    const slash = path.indexOf('/');
    const folder = folders.find((f) => f.name === (slash < 0 ? path : path.slice(0, slash)));
    if (folder) out.push({ folder, path: slash < 0 ? '' : path.slice(slash + 1) });
  }
  return out;
}

/** Where rules files may be, in order: the in-play files' directories upwards, then every root. */
export function candidateDirectories(inPlay: readonly WorkspaceLocation[], folders: readonly WorkspaceFolderInfo[]): WorkspaceLocation[] {
  const seen = new Set<string>();
  const out: WorkspaceLocation[] = [];
  const add = (location: WorkspaceLocation) => {
    const key = `${location.folder.index}:${location.path}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(location);
  };
  for (const file of inPlay) for (const dir of directoriesUp(file.path)) add({ folder: file.folder, path: dir });
  for (const folder of folders) add({ folder, path: '' });
  return out;
}

export async function loadRules(port: WorkspacePort, inPlayPaths: readonly string[], signal?: AbortSignal): Promise<LoadedRules> {
  const folders = port.folders();
  const ignore = new WorkspaceIgnoreRules(port);
  const multiRoot = folders.length > 1;
  const found: RulesFile[] = [];
  for (const dir of candidateDirectories(resolveInPlay(inPlayPaths, folders), folders)) {
    if (signal?.aborted) break;
    for (const name of RULES_FILE_NAMES) {
      const location = childLocation(dir, name);
      const file = await readRulesFile(port, ignore, location, displayPath(location, multiRoot));
      if (file) found.push(file);
    }
  }
  return joinRules(found);
}

async function readRulesFile(port: WorkspacePort, ignore: WorkspaceIgnoreRules, location: WorkspaceLocation, display: string): Promise<RulesFile | undefined> {
  try {
    const stat = await port.stat(location);
    if (!stat || stat.kind !== 'file' || stat.isSymlink) return undefined;
    if (await ignore.verdict(location, false)) return undefined;
    // At most 4 bytes a character: enough bytes for the character cap, plus one to tell it was cut.
    const limit = MAX_RULES_FILE_CHARS * 4;
    const bytes = await port.readFile(location, { offset: 0, length: limit + 1 });
    let text = decodeText(bytes.length > limit ? bytes.subarray(0, limit) : bytes).trim();
    let truncated = bytes.length > limit;
    if (text.length > MAX_RULES_FILE_CHARS) {
      text = text.slice(0, MAX_RULES_FILE_CHARS);
      truncated = true;
    }
    return text ? { location, display, text, truncated } : undefined;
  } catch {
    return undefined; // unreadable: as if absent
  }
}

/** Joins the files (nearest first) into the instruction block, keeping whole files under the cap. */
export function joinRules(files: readonly RulesFile[], maxChars = MAX_RULES_CHARS): LoadedRules {
  const kept: RulesFile[] = [];
  const omitted: string[] = [];
  const blocks: string[] = [];
  let used = 0;
  for (const file of files) {
    const block = `## Rules from ${file.display}\n\n${file.text}${file.truncated ? '\n\n[cut: the file is longer]' : ''}`;
    if (used + block.length > maxChars) {
      omitted.push(file.display);
      continue;
    }
    used += block.length;
    kept.push(file);
    blocks.push(block);
  }
  if (!kept.length) return { files: [], omitted, instruction: '' };
  const intro = [
    '# Project rules',
    'The project\'s rules files (AGENTS.md, GEMINI.md) follow, nearest to the files in question first. Follow them; where two disagree, the earlier one wins.',
    ...(omitted.length ? [`Left out for size: ${omitted.join(', ')}.`] : []),
  ].join('\n');
  return { files: kept, omitted, instruction: [intro, ...blocks].join('\n\n') };
}
