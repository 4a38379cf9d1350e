// Writes the accepted files of a turn as ONE WorkspaceEdit (one undo), guarded: a file whose text
// (in an open editor or on disk) is no longer what the proposal was made against, that became a
// link, or that appeared where a new file goes, is reported as a conflict and not touched. Before
// the edit, the files it touches are checkpointed (contents, or the fact they did not exist).
import * as vscode from 'vscode';
import { realpath } from 'node:fs/promises';
import * as path from 'node:path';
import type { ChangeSet, FileChange } from '../../agent/changeSet';
import type { CheckpointFile } from '../../agent/checkpoints';
import { encodeText } from '../../agent/textFormat';
import type { WorkspaceLocation } from '../../tools/workspacePort';
import { linkStat, readBytes } from './agentDisk';
import { PositionFinder, openDocument, saveSettled, uriOf } from './uris';

interface Checked {
  file: FileChange;
  uri: vscode.Uri;
  target?: vscode.Uri;
  /** The open document's version when checked; the edit is refused if it moved on. */
  version?: { doc: vscode.TextDocument; version: number };
  snapshot: CheckpointFile[];
}

const decoder = new TextDecoder('utf-8');

/** Real paths of folders (workspace folders and the files' parents), each looked up once per apply. */
type RealPaths = Map<string, Promise<string | undefined>>;

function realPathOf(dir: string, cache: RealPaths): Promise<string | undefined> {
  let real = cache.get(dir);
  if (!real) cache.set(dir, real = realpath(dir).catch(() => undefined));
  return real;
}

/** On file: URIs, the real parent folder must still lie inside the real workspace folder. */
async function escapesByLink(location: WorkspaceLocation, uri: vscode.Uri, roots: RealPaths): Promise<boolean> {
  if (uri.scheme !== 'file' || !location.folder.fsPath) return false;
  const root = await realPathOf(location.folder.fsPath, roots);
  let dir = path.dirname(uri.fsPath);
  let real: string | undefined;
  while (!(real = await realPathOf(dir, roots)) && dir !== path.dirname(dir)) dir = path.dirname(dir);
  if (!root || !real) return true;
  return real !== root && !real.startsWith(root + path.sep);
}

function snapshotOf(location: WorkspaceLocation, display: string, bytes: Uint8Array | undefined): CheckpointFile {
  return { folder: location.folder.uri, path: location.path, display, existed: !!bytes, ...(bytes ? { base64: Buffer.from(bytes).toString('base64') } : {}) };
}

/** Marks a conflict: `detail` in English for the model, `userDetail` (the same, translated) for the card. */
function conflict(file: FileChange, detail: string, userDetail = detail): undefined {
  file.outcome = 'conflict';
  file.detail = detail;
  file.userDetail = userDetail;
  return undefined;
}

/** Marks a failure, like conflict(). */
function failed(file: FileChange, detail: string, userDetail: string): void {
  file.outcome = 'failed';
  file.detail = detail;
  file.userDetail = userDetail;
}

/** Checks one file against its proposal; undefined (and the file marked) when it must not be written. */
async function check(file: FileChange, roots: RealPaths): Promise<Checked | undefined> {
  let uri: vscode.Uri;
  let target: vscode.Uri | undefined;
  try {
    uri = uriOf(file.location);
    target = file.newLocation && uriOf(file.newLocation);
  } catch (error) {
    return conflict(file, (error as Error).message, vscode.l10n.t('its workspace folder is no longer open'));
  }
  const snapshot: CheckpointFile[] = [];
  const stat = await linkStat(uri);
  if (await escapesByLink(file.location, uri, roots) || (file.newLocation && target && await escapesByLink(file.newLocation, target, roots))) {
    return conflict(file, 'a folder on its path is now a symbolic link that leads outside the workspace', vscode.l10n.t('a folder on its path is now a symbolic link that leads outside the workspace'));
  }
  if (file.kind === 'create') {
    if (stat) return conflict(file, 'a file now exists at this path', vscode.l10n.t('a file now exists at this path'));
    snapshot.push(snapshotOf(file.location, file.display, undefined));
    return { file, uri, snapshot };
  }
  if (!stat) return conflict(file, 'it was deleted (or renamed) after the proposal', vscode.l10n.t('it was deleted (or renamed) after the proposal'));
  if (stat.isSymlink) return conflict(file, 'it is now a symbolic link', vscode.l10n.t('it is now a symbolic link'));
  const doc = openDocument(uri);
  let version: Checked['version'];
  const bytes = await readBytes(uri);
  if (doc?.isDirty) {
    if (doc.getText() !== file.before) return conflict(file, 'it has unsaved changes in an editor', vscode.l10n.t('it has unsaved changes in an editor'));
    version = { doc, version: doc.version };
  } else {
    let text = decoder.decode(bytes);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text !== file.before) {
      return conflict(file, 'it changed on disk after the proposal', vscode.l10n.t('it changed on disk after the proposal'));
    }
    if (doc) version = { doc, version: doc.version };
  }
  snapshot.push(snapshotOf(file.location, file.display, bytes));
  if (file.kind === 'rename' && target) {
    if (await linkStat(target)) return conflict(file, `'${file.newDisplay}' now exists`, vscode.l10n.t("'{0}' now exists", file.newDisplay ?? ''));
    snapshot.push(snapshotOf(file.newLocation!, file.newDisplay!, undefined));
  }
  return { file, uri, target, version, snapshot };
}

/** The open document is still at the version checked; otherwise the file is a conflict. */
function unchanged(c: Checked): boolean {
  if (!c.version || c.version.doc.version === c.version.version) return true;
  conflict(c.file, 'it was edited while the changes were being applied', vscode.l10n.t('it was edited while the changes were being applied'));
  return false;
}

function addHunks(edit: vscode.WorkspaceEdit, uri: vscode.Uri, file: FileChange): void {
  const positions = new PositionFinder(file.before);
  for (const hunk of file.hunks.filter((h) => h.accepted).sort((a, b) => a.start - b.start)) {
    const start = positions.at(hunk.start);
    const end = positions.at(hunk.end);
    edit.replace(uri, new vscode.Range(start, end), hunk.text);
  }
}

/** Where an accept's time went, in milliseconds (the Agent-mode benchmark reports them). */
export interface AcceptPhases {
  /** Each file checked against its proposal. */
  guardMs: number;
  checkpointMs: number;
  /** VS Code applying the one WorkspaceEdit, saving included. */
  editMs: number;
  /** Checking that the disk holds the new text. */
  verifyMs: number;
}

/**
 * Applies `files` (accepted) of `set`; each file's outcome is set. `checkpoint` stores the snapshot
 * first; it returns false when it could not (the apply still goes on, and the card says so).
 * `phases`, when given, receives the time each step took.
 */
export async function applyAccepted(set: ChangeSet, files: FileChange[], checkpoint: (snapshot: CheckpointFile[]) => Promise<boolean>, phases?: AcceptPhases): Promise<boolean> {
  let mark = performance.now();
  const lap = (phase: keyof AcceptPhases): void => {
    const now = performance.now();
    if (phases) phases[phase] = now - mark;
    mark = now;
  };
  const roots: RealPaths = new Map();
  const checked = (await Promise.all(files.map((file) => check(file, roots).catch((error: Error) => conflict(file, error.message))))).filter((c): c is Checked => !!c);
  const ready = checked.filter(unchanged);
  lap('guardMs');
  if (ready.length === 0) return false;
  const saved = await checkpoint(ready.flatMap((c) => c.snapshot));
  lap('checkpointMs');
  // Synchronously from here to applyEdit: no document can change in between.
  const stillReady = ready.filter(unchanged);
  const edit = new vscode.WorkspaceEdit();
  for (const { file, uri, target } of stillReady) {
    switch (file.kind) {
      case 'create':
        edit.createFile(uri, { overwrite: false, contents: encodeText(set.finalText(file), false) });
        break;
      case 'delete':
        edit.deleteFile(uri, { ignoreIfNotExists: false });
        break;
      case 'rename':
        // With edits, the new file is written with its final text (a text edit on a file renamed
        // in the same WorkspaceEdit leaves a document that cannot be saved); without, a real rename.
        if (file.hunks.some((h) => h.accepted)) {
          edit.createFile(target!, { overwrite: false, contents: encodeText(set.finalText(file), file.bom) });
          edit.deleteFile(uri, { ignoreIfNotExists: false });
        } else edit.renameFile(uri, target!, { overwrite: false });
        break;
      case 'edit':
        addHunks(edit, uri, file);
        break;
    }
  }
  // As a refactoring, VS Code saves the edited files itself (files.refactoring.autoSave, on by
  // default) in the window, all at once: a save per file from here costs a round trip each.
  const ok = stillReady.length > 0 && await vscode.workspace.applyEdit(edit, { isRefactoring: true });
  lap('editMs');
  for (const { file } of stillReady) {
    if (ok) file.outcome = 'applied';
    else failed(file, 'VS Code refused the edit (a file may be read-only)', vscode.l10n.t('VS Code refused the edit (a file may be read-only)'));
  }
  if (ok) await saveAll(set, stillReady);
  lap('verifyMs');
  return saved && ok;
}

/**
 * Saves the edited documents. VS Code may be saving them itself (files.refactoring.autoSave, auto
 * save), and then save() answers false: what counts is that the disk ends up holding the text.
 */
async function saveAll(set: ChangeSet, applied: Checked[]): Promise<void> {
  await Promise.all(applied.map(async ({ file, uri }) => {
    if (file.kind !== 'edit') return;
    // A saved (not dirty) document holds what is on disk: no need to read the file back.
    const saved = await saveSettled(uri);
    let text = saved && !saved.isDirty ? saved.getText() : decoder.decode(await readBytes(uri));
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text !== set.finalText(file)) {
      failed(file, 'the edit was made in the editor but could not be saved', vscode.l10n.t('the edit was made in the editor but could not be saved'));
    }
  }));
}
