// The Agent-mode write tools: edit_file (one exact search/replace hunk per call), create_file,
// rename_file and delete_file. Each call only adds a proposal to the turn's ChangeSet; nothing is
// written until the user accepts it in the Changes card (src/vscode/agent/). Every path goes through
// the write policy (writePolicy.ts); sensitive files ask before the proposal is even made.
import { l10n } from '../common/l10n';
import { ToolCallContext } from '../tools/context';
import { parseWorkspacePath } from '../tools/pathPolicy';
import { ParamSpecs } from '../tools/schema';
import { PreparedCall, SensitiveFile, defineTool } from '../tools/tool';
import { formatBytes } from '../common/format';
import { ToolError, utf8Length } from '../tools/text';
import { WorkspaceLocation } from '../tools/workspacePort';
import { ChangeSet, ExistingFile, FileChange, fileView } from './changeSet';
import { decodeForEdit } from './textFormat';
import { resolveNewFile, resolveWritableFile } from './writePolicy';

/** Default of gemini.agent.maxFileBytes. */
export const DEFAULT_MAX_EDIT_BYTES = 1024 * 1024;
/** Argument caps (characters); the byte cap of the setting applies on top. */
const MAX_HUNK_CHARS = 1024 * 1024;
const MAX_CONTENT_CHARS = 16 * 1024 * 1024;
const PATH_HELP = 'File path relative to the workspace folder; in a multi-root workspace start with the folder name.';
const REVIEW_NOTE = 'Nothing is written yet: the user reviews all proposed changes of this turn after your answer, and you will be told what was applied.';
/** For VS Code's own agent (src/vscode/agent/lmWriteTools.ts), where each call writes once confirmed. */
const CONFIRM_NOTE = 'The user is shown the exact change and it is written only when they allow it (one Undo takes it back); refused when the file changed since.';

function changesOf(ctx: ToolCallContext, tool: string): ChangeSet {
  if (ctx.scope.mode !== 'agent' || !ctx.scope.changes) {
    throw new ToolError(`${tool} is only available in Agent mode; this chat is in Ask mode (read-only). Describe the change to the user instead.`);
  }
  return ctx.scope.changes;
}

const maxBytes = (ctx: ToolCallContext) => ctx.scope.maxEditBytes ?? DEFAULT_MAX_EDIT_BYTES;

function sensitive(location: WorkspaceLocation, display: string, rule: string | undefined): SensitiveFile[] {
  return rule ? [{ location, display, rule }] : [];
}

async function readExisting(ctx: ToolCallContext, location: WorkspaceLocation, display: string): Promise<ExistingFile> {
  const stat = await ctx.port.stat(location);
  if (!stat || stat.kind !== 'file') throw new ToolError(`'${display}' no longer exists.`);
  if (stat.size > maxBytes(ctx)) throw new ToolError(`'${display}' is ${formatBytes(stat.size)}; the agent edits files up to ${formatBytes(maxBytes(ctx))}.`);
  const bytes = await ctx.port.readFile(location);
  return { ...decodeForEdit(bytes, display), base: { exists: true, mtime: stat.mtime, size: bytes.length } };
}

/** The file as it is now, unless the turn already proposed a change to it (the proposal holds it). */
function readUnlessProposed(ctx: ToolCallContext, changes: ChangeSet, location: WorkspaceLocation, display: string): Promise<ExistingFile | undefined> {
  return changes.at(location) ? Promise.resolve(undefined) : readExisting(ctx, location, display);
}

function counts(change: FileChange): string {
  const view = fileView(change);
  return `+${view.added} −${view.removed}`;
}

function checkContent(content: string, display: string, ctx: ToolCallContext): void {
  if (content.includes('\u0000')) throw new ToolError(`create_file: the content for '${display}' contains NUL characters; only text files can be created.`);
  const bytes = utf8Length(content);
  if (bytes > maxBytes(ctx)) throw new ToolError(`create_file: the content is ${formatBytes(bytes)}; the agent writes files up to ${formatBytes(maxBytes(ctx))}.`);
}

const editParams = {
  path: { type: 'string', required: true, description: PATH_HELP },
  search: { type: 'string', required: true, maxLength: MAX_HUNK_CHARS, description: 'The exact current text to replace, including whitespace and indentation, with enough surrounding lines to occur exactly once in the file.' },
  replace: { type: 'string', required: true, maxLength: MAX_HUNK_CHARS, description: 'The text that replaces it (may be empty to delete the search text).' },
} satisfies ParamSpecs;

export const editFileTool = defineTool({
  name: 'edit_file',
  agentOnly: true,
  description: `Propose an edit to an existing text file: replace the exact text 'search' (which must occur exactly once) with 'replace'. One hunk per call; call it several times for several places (later calls apply on top of earlier ones). Read the file first and copy the text exactly. ${REVIEW_NOTE}`,
  vscodeDescription: `Edit an existing text file in the workspace: replace the exact text 'search' (which must occur exactly once) with 'replace'. One hunk per call. Read the file first and copy the text exactly. ${CONFIRM_NOTE}`,
  params: editParams,
  async prepare(args, ctx): Promise<PreparedCall> {
    const changes = changesOf(ctx, 'edit_file');
    const early = parseWorkspacePath(args.path, ctx.folders);
    const proposed = early && changes.at(early);
    // A file this turn creates or renames is not on disk under that name: its proposal is the file.
    const file = proposed && (proposed.kind === 'create' || proposed.kind === 'rename')
      ? { location: early, display: ctx.display(early), sensitiveRule: undefined }
      : await resolveWritableFile(ctx, args.path, maxBytes(ctx));
    return {
      describe: l10n.t('propose an edit to {0}', file.display),
      sensitiveFiles: sensitive(file.location, file.display, file.sensitiveRule),
      approvalTitle: l10n.t('Gemini wants to change the sensitive file {0}', file.display),
      run: async () => {
        const existing = await readUnlessProposed(ctx, changes, file.location, file.display);
        ctx.throwIfCancelled();
        const change = changes.proposeEdit(file.location, file.display, () => existing ?? (() => { throw new ToolError(`'${file.display}' changed while it was being read; try again.`); })(), args.search, args.replace);
        return {
          output: `Proposed an edit to '${file.display}' (${counts(change)} for the file so far). ${REVIEW_NOTE}`,
          summary: l10n.t('proposed an edit to {0} ({1})', file.display, counts(change)),
        };
      },
    };
  },
});

export const createFileTool = defineTool({
  name: 'create_file',
  agentOnly: true,
  description: `Propose a new text file with the given content (missing folders are created). Refused when the file exists: use edit_file for that. ${REVIEW_NOTE}`,
  vscodeDescription: `Create a new text file in the workspace with the given content (missing folders are created). Refused when the file exists. ${CONFIRM_NOTE}`,
  params: {
    path: { type: 'string', required: true, description: PATH_HELP },
    content: { type: 'string', required: true, maxLength: MAX_CONTENT_CHARS, description: 'The complete content of the new file.' },
  },
  async prepare(args, ctx): Promise<PreparedCall> {
    const changes = changesOf(ctx, 'create_file');
    const target = await resolveNewFile(ctx, args.path);
    checkContent(args.content, target.display, ctx);
    return {
      describe: l10n.t('propose creating {0} ({1})', target.display, formatBytes(utf8Length(args.content))),
      sensitiveFiles: sensitive(target.location, target.display, target.sensitiveRule),
      approvalTitle: l10n.t('Gemini wants to create the sensitive file {0}', target.display),
      run: async () => {
        const change = changes.proposeCreate(target.location, target.display, args.content);
        return { output: `Proposed creating '${target.display}' (${counts(change)}). ${REVIEW_NOTE}`, summary: l10n.t('proposed creating {0} ({1})', target.display, counts(change)) };
      },
    };
  },
});

export const deleteFileTool = defineTool({
  name: 'delete_file',
  agentOnly: true,
  description: `Propose deleting a file. Deletions always wait for the user's explicit acceptance, even when changes are applied automatically. ${REVIEW_NOTE}`,
  vscodeDescription: `Delete a file in the workspace. ${CONFIRM_NOTE}`,
  params: { path: { type: 'string', required: true, description: PATH_HELP } },
  async prepare(args, ctx): Promise<PreparedCall> {
    const changes = changesOf(ctx, 'delete_file');
    const early = parseWorkspacePath(args.path, ctx.folders);
    const proposed = early && changes.at(early);
    if (proposed?.kind === 'create') {
      return {
        describe: l10n.t('withdraw the new file {0}', proposed.display), sensitiveFiles: [],
        run: async () => {
          changes.proposeDelete(proposed.location, proposed.display, () => { throw new ToolError('unreachable'); });
          return { output: `Withdrew the proposed new file '${proposed.display}'.`, summary: l10n.t('withdrew {0}', proposed.display) };
        },
      };
    }
    const file = await resolveWritableFile(ctx, args.path, maxBytes(ctx));
    return {
      describe: l10n.t('propose deleting {0}', file.display),
      sensitiveFiles: sensitive(file.location, file.display, file.sensitiveRule),
      approvalTitle: l10n.t('Gemini wants to delete the sensitive file {0}', file.display),
      run: async () => {
        const existing = await readUnlessProposed(ctx, changes, file.location, file.display);
        changes.proposeDelete(file.location, file.display, () => existing!);
        return { output: `Proposed deleting '${file.display}'. ${REVIEW_NOTE}`, summary: l10n.t('proposed deleting {0}', file.display) };
      },
    };
  },
});

export const renameFileTool = defineTool({
  name: 'rename_file',
  agentOnly: true,
  description: `Propose renaming or moving a file inside the workspace. Renames always wait for the user's explicit acceptance. ${REVIEW_NOTE}`,
  vscodeDescription: `Rename or move a file inside the workspace. ${CONFIRM_NOTE}`,
  params: {
    path: { type: 'string', required: true, description: PATH_HELP },
    newPath: { type: 'string', required: true, description: 'The new path, relative to the workspace folder. Must not exist yet.' },
  },
  async prepare(args, ctx): Promise<PreparedCall> {
    const changes = changesOf(ctx, 'rename_file');
    const early = parseWorkspacePath(args.path, ctx.folders);
    const proposed = early && changes.at(early);
    const from = proposed?.kind === 'create'
      ? { location: proposed.location, display: proposed.display, sensitiveRule: undefined }
      : await resolveWritableFile(ctx, args.path, maxBytes(ctx));
    const to = await resolveNewFile(ctx, args.newPath);
    const rule = from.sensitiveRule ?? to.sensitiveRule;
    return {
      describe: l10n.t('propose renaming {0} to {1}', from.display, to.display),
      sensitiveFiles: sensitive(from.location, from.display, rule),
      approvalTitle: l10n.t('Gemini wants to rename the sensitive file {0}', from.display),
      run: async () => {
        const existing = await readUnlessProposed(ctx, changes, from.location, from.display);
        changes.proposeRename(from.location, from.display, to.location, to.display, () => existing!);
        return { output: `Proposed renaming '${from.display}' to '${to.display}'. ${REVIEW_NOTE}`, summary: l10n.t('proposed renaming {0} → {1}', from.display, to.display) };
      },
    };
  },
});

export const WRITE_TOOLS = [editFileTool, createFileTool, renameFileTool, deleteFileTool];
