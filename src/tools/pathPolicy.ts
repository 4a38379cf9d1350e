// The path policy: a path from the model resolves inside a workspace folder or is refused with
// a message the model can act on. Syntax first (no file system access at all), then ignore
// rules, then symlinks, whose targets must stay inside the workspace and pass the same rules.
import { ToolCallContext } from './context';
import { describeVerdict } from './ignoreRules';
import { hardLinkRule, sensitiveRule } from './sensitiveFiles';
import { ToolError } from './text';
import { EntryKind, EntryStat, WorkspaceFolderInfo, WorkspaceLocation, parentPath } from './workspacePort';

const MAX_PATH_LENGTH = 1024;
/** Percent escapes that decode to something with path meaning. */
const DANGEROUS_ESCAPE = /%(2e|2f|5c|00|25|3a|7e)/i;
const URI_SCHEME = /^[a-z][a-z0-9+.-]+:/i;
const DRIVE_LETTER = /^[a-z]:/i;

/**
 * Turns the model's path into a folder location without touching the file system.
 * '' and '.' mean the (single) workspace root; in a multi-root workspace the first segment
 * names the folder, and '' means "every folder" (returns undefined).
 */
export function parseWorkspacePath(raw: string, folders: readonly WorkspaceFolderInfo[]): WorkspaceLocation | undefined {
  if (folders.length === 0) throw new ToolError('No folder is open in VS Code, so there are no workspace files to read.');
  let path = raw.trim();
  if (path.length > MAX_PATH_LENGTH) throw new ToolError(`Path refused: longer than ${MAX_PATH_LENGTH} characters.`);
  if (path.includes('\u0000')) throw new ToolError('Path refused: it contains a NUL byte.');
  if (/[\u0001-\u001f\u007f]/.test(path)) throw new ToolError('Path refused: it contains control characters.');
  if (path.startsWith('~')) {
    throw new ToolError(`Path '${path}' refused: '~' (the home directory) is outside the workspace. Use a path relative to the workspace folder.`);
  }
  if (DANGEROUS_ESCAPE.test(path)) {
    throw new ToolError(`Path '${path}' refused: percent-encoded characters are not decoded. Write the path plainly, relative to the workspace folder.`);
  }
  path = path.replace(/\\/g, '/');
  if (path.startsWith('//')) throw new ToolError(`Path '${raw.trim()}' refused: UNC and network paths are outside the workspace.`);
  if (URI_SCHEME.test(path)) {
    throw new ToolError(`Path '${path}' refused: URLs and URI schemes (${path.slice(0, path.indexOf(':') + 1)}) are not accepted. Use a path relative to the workspace folder.`);
  }
  let folder: WorkspaceFolderInfo | undefined;
  if (path.startsWith('/') || DRIVE_LETTER.test(path)) {
    const inside = mapAbsolutePath(path, folders);
    if (!inside) {
      const what = DRIVE_LETTER.test(path) ? 'Windows drive paths' : 'Absolute paths';
      throw new ToolError(`Path '${path}' refused: ${what} outside the workspace are not accepted. Use a path relative to the workspace folder.`);
    }
    ({ folder, path } = inside);
  }
  if (path.includes(':')) throw new ToolError(`Path '${path}' refused: ':' is not allowed in paths.`);
  const segments = path.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.includes('..')) {
    throw new ToolError(`Path '${raw.trim()}' refused: '..' segments are not allowed; paths must stay inside the workspace.`);
  }
  const aliased = segments.find((segment) => /[. ]$/.test(segment));
  if (aliased) throw new ToolError(`Path '${path}' refused: the segment '${aliased}' ends with a dot or a space.`);
  if (folder) return { folder, path: segments.join('/') };
  if (folders.length === 1) return { folder: folders[0], path: segments.join('/') };
  if (segments.length === 0) return undefined;
  const named = folders.find((f) => f.name === segments[0]);
  if (!named) {
    throw new ToolError(`Path '${path}' is ambiguous: this workspace has several folders (${folders.map((f) => f.name).join(', ')}). Start the path with the folder name, e.g. '${folders[0].name}/${segments.join('/')}'.`);
  }
  return { folder: named, path: segments.slice(1).join('/') };
}

function mapAbsolutePath(path: string, folders: readonly WorkspaceFolderInfo[]): { folder: WorkspaceFolderInfo; path: string } | undefined {
  for (const folder of folders) {
    if (!folder.fsPath) continue;
    const rest = relativeInside(folder.fsPath, path);
    if (rest !== undefined) return { folder, path: rest };
  }
  return undefined;
}

/** `target` relative to `root` when it lies inside (or is) root; both absolute, any separator. */
export function relativeInside(root: string, target: string): string | undefined {
  const normalise = (p: string) => {
    let out = p.replace(/\\/g, '/').replace(/\/+$/, '');
    if (DRIVE_LETTER.test(out)) out = out[0].toLowerCase() + out.slice(1);
    return out;
  };
  const r = normalise(root);
  const t = normalise(target);
  const caseless = DRIVE_LETTER.test(r);
  const [rc, tc] = caseless ? [r.toLowerCase(), t.toLowerCase()] : [r, t];
  if (tc === rc) return '';
  if (tc.startsWith(rc === '' ? '/' : `${rc}/`)) return t.slice(r.length + 1);
  return undefined;
}

export interface ResolvedPath {
  location: WorkspaceLocation;
  stat: EntryStat;
  display: string;
  /** The deny-list pattern when the file (or its link target) is sensitive, or the hard-link rule. */
  sensitiveRule?: string;
}

export type LinkCheck = { ok: true; sensitiveRule?: string } | { ok: false; reason: string };

/**
 * Resolves an existing path of the expected kind, or throws the refusal. Reads no file
 * content: only stat, realpath and the ignore rule files.
 */
export async function resolveExisting(ctx: ToolCallContext, raw: string, expect: EntryKind | 'any'): Promise<ResolvedPath> {
  const location = parseWorkspacePath(raw, ctx.folders);
  if (!location) throw new ToolError(`Path '${raw}' names no single file: start it with one of the folder names (${ctx.folders.map((f) => f.name).join(', ')}).`);
  const display = ctx.display(location);
  const stat = await ctx.port.stat(location);
  const hidden = await ctx.rules.verdict(location, stat?.kind === 'directory');
  if (hidden) {
    throw new ToolError(`'${display}' is excluded by ${describeVerdict(hidden)}; workspace tools do not read ignored files.`);
  }
  // Links first, so "not found" never tells whether something exists beyond a link that leads out.
  const link = await checkLinks(ctx, location, stat?.isSymlink ?? false, stat?.kind === 'directory');
  if (!link.ok) throw new ToolError(`'${display}' refused: ${link.reason}`);
  if (!stat) {
    const where = ctx.multiRoot ? `start paths with a folder name (${ctx.folders.map((f) => f.name).join(', ')})` : 'paths are relative to the workspace folder';
    throw new ToolError(`Not found: '${display}' (${where}). Use find_files or list_directory to look around.`);
  }
  if (expect !== 'any' && stat.kind !== expect) {
    const hint = stat.kind === 'directory' ? ' Use list_directory for directories.' : '';
    throw new ToolError(`'${display}' is ${stat.kind === 'other' ? 'not a regular file or directory' : `a ${stat.kind}`}, not a ${expect}.${hint}`);
  }
  return { location, stat, display, sensitiveRule: link.sensitiveRule ?? sensitiveRule(location.path) ?? hardLinkRule(stat) };
}

/**
 * Where links can be resolved, the real target must lie inside a workspace folder and pass that
 * folder's ignore rules. Where they cannot (remote file systems), any link on the way is refused.
 */
export async function checkLinks(ctx: ToolCallContext, location: WorkspaceLocation, isSymlink: boolean, isDirectory: boolean): Promise<LinkCheck> {
  const real = await ctx.port.realPath(location).catch(() => undefined);
  if (real !== undefined) {
    for (const folder of ctx.folders) {
      const root = await ctx.realRoot(folder);
      const rest = root === undefined ? undefined : relativeInside(root, real);
      if (rest === undefined) continue;
      if (folder.index === location.folder.index && rest === location.path) return { ok: true };
      const target: WorkspaceLocation = { folder, path: rest };
      const hidden = await ctx.rules.verdict(target, isDirectory);
      if (hidden) return { ok: false, reason: `it is a symbolic link to '${ctx.display(target)}', which is excluded by ${describeVerdict(hidden)}.` };
      return { ok: true, sensitiveRule: sensitiveRule(rest) };
    }
    return { ok: false, reason: 'it is a symbolic link (or lies under one) that points outside the workspace.' };
  }
  if (isSymlink) return { ok: false, reason: 'it is a symbolic link, and links cannot be verified on this file system.' };
  for (let dir = parentPath(location.path); dir; dir = parentPath(dir)) {
    const stat = await ctx.port.stat({ folder: location.folder, path: dir });
    if (stat?.isSymlink) return { ok: false, reason: `'${dir}' is a symbolic link, and links cannot be verified on this file system.` };
  }
  return { ok: true };
}
