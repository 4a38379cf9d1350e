// The path policy for writes: the read tools' policy (workspace folders only, ignore rules, no
// link that leads out, see src/tools/pathPolicy.ts) plus what only matters when writing: `.git/`
// is never written, a new file's nearest existing folder must pass the link check, and files that
// make the editor run code (tasks, launch configs, workflows) count as sensitive, so changing them
// needs the user's yes. Pure.
import { ToolCallContext } from '../tools/context';
import { describeVerdict } from '../tools/ignoreRules';
import { ResolvedPath, checkLinks, parseWorkspacePath, resolveExisting } from '../tools/pathPolicy';
import { sensitiveRule } from '../tools/sensitiveFiles';
import { formatBytes } from '../common/format';
import { ToolError } from '../tools/text';
import { WorkspaceLocation, parentPath } from '../tools/workspacePort';

/** Folders whose files configure what the editor or CI runs: writing them always asks. */
const RUNS_CODE: readonly { pattern: RegExp; rule: string }[] = [
  { pattern: /^\.vscode\//i, rule: '.vscode/ (editor tasks, launch and settings)' },
  { pattern: /^\.github\/workflows\//i, rule: '.github/workflows/ (CI jobs)' },
  { pattern: /^\.devcontainer\//i, rule: '.devcontainer/ (container set-up)' },
  { pattern: /(^|\/)\.envrc$/i, rule: '.envrc (run by direnv)' },
];

export function writeSensitiveRule(path: string): string | undefined {
  const rule = sensitiveRule(path);
  if (rule) return rule;
  return RUNS_CODE.find((entry) => entry.pattern.test(path))?.rule;
}

/** `.git` (any case, any depth) is never written, whatever the ignore files say. */
export function assertNotGit(location: WorkspaceLocation, display: string): void {
  if (location.path.split('/').some((segment) => segment.toLowerCase() === '.git')) {
    throw new ToolError(`'${display}' refused: files inside .git are never written by the agent.`);
  }
}

export interface WriteTarget {
  location: WorkspaceLocation;
  display: string;
  sensitiveRule?: string;
}

/** An existing file the agent may change: the read policy, then the write rules and the size cap. */
export async function resolveWritableFile(ctx: ToolCallContext, raw: string, maxBytes: number): Promise<ResolvedPath> {
  const early = parseWorkspacePath(raw, ctx.folders);
  if (early) assertNotGit(early, ctx.display(early));
  const file = await resolveExisting(ctx, raw, 'file');
  assertNotGit(file.location, file.display);
  if (file.stat.size > maxBytes) {
    throw new ToolError(`'${file.display}' is ${formatBytes(file.stat.size)}; the agent edits files up to ${formatBytes(maxBytes)} (gemini.agent.maxFileBytes). Nothing was changed; tell the user what to change instead.`);
  }
  return { ...file, sensitiveRule: file.sensitiveRule ?? writeSensitiveRule(file.location.path) };
}

/** A path where a new file may be created: nothing there yet, not ignored, inside the workspace for real. */
export async function resolveNewFile(ctx: ToolCallContext, raw: string): Promise<WriteTarget> {
  const location = parseWorkspacePath(raw, ctx.folders);
  if (!location || location.path === '') throw new ToolError(`Path '${raw}' names no file: give a file path relative to the workspace folder.`);
  const display = ctx.display(location);
  assertNotGit(location, display);
  const hidden = await ctx.rules.verdict(location, false);
  if (hidden) throw new ToolError(`'${display}' is excluded by ${describeVerdict(hidden)}; the agent does not write ignored files.`);
  let dir = parentPath(location.path);
  for (;;) {
    const folder: WorkspaceLocation = { folder: location.folder, path: dir };
    const stat = await ctx.port.stat(folder);
    if (stat) {
      if (stat.kind !== 'directory') throw new ToolError(`'${ctx.display(folder)}' is a file, so '${display}' cannot be created under it.`);
      const dirHidden = dir ? await ctx.rules.verdict(folder, true) : undefined;
      if (dirHidden) throw new ToolError(`'${ctx.display(folder)}' is excluded by ${describeVerdict(dirHidden)}; the agent does not write ignored files.`);
      const link = await checkLinks(ctx, folder, stat.isSymlink, true);
      if (!link.ok) throw new ToolError(`'${display}' refused: '${ctx.display(folder)}' ${link.reason.replace(/^it /, '')}`);
      break;
    }
    if (dir === '') break;
    dir = parentPath(dir);
  }
  const existing = await ctx.port.stat(location);
  if (existing?.isSymlink) throw new ToolError(`'${display}' refused: it is a symbolic link.`);
  if (existing) throw new ToolError(`'${display}' already exists. Use edit_file to change it (or delete_file first to replace it).`);
  return { location, display, sensitiveRule: writeSensitiveRule(location.path) };
}
