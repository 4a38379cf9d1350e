// Checkpoints on disk, under the extension's workspace storage (agent/checkpoints/<turn>.json plus
// an index), so "Restore to before this turn" works after a window reload. Pruned after each save
// (gemini.agent.maxCheckpoints, and MAX_CHECKPOINT_BYTES in all). Restoring previews what it will
// do, then puts every file back: open documents in ONE WorkspaceEdit (undoable), the others by
// writing their saved bytes directly.
import * as vscode from 'vscode';
import type { Logger } from '../../common/logger';
import { Checkpoint, CheckpointEntry, CheckpointFile, checkpointsToPrune, describePlan, restorePlan } from '../../agent/checkpoints';
import { readBytes, removeFile, writeBytes } from './agentDisk';
import { openDocument, saveSettled, uriOfStored } from './uris';

const INDEX = 'index.json';

export class CheckpointStore {
  private readonly folder: vscode.Uri;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(storage: vscode.Uri, private readonly log: Logger, private readonly maxCount: () => number) {
    this.folder = vscode.Uri.joinPath(storage, 'agent', 'checkpoints');
  }

  /** Saves a turn's checkpoint and prunes old ones; false when it could not be written. */
  save(chatId: string, turnId: string, files: CheckpointFile[], now = Date.now()): Promise<boolean> {
    return this.serial(async () => {
      try {
        const checkpoint: Checkpoint = { version: 1, chatId, turnId, createdAt: now, files };
        const bytes = new TextEncoder().encode(JSON.stringify(checkpoint));
        await writeBytes(this.file(turnId), bytes);
        const index = (await this.index()).filter((e) => e.turnId !== turnId);
        index.push({ chatId, turnId, createdAt: now, bytes: bytes.length });
        const pruned = checkpointsToPrune(index, this.maxCount());
        for (const entry of pruned) await removeFile(this.file(entry.turnId)).catch(() => undefined);
        await this.writeIndex(index.filter((e) => !pruned.includes(e)));
        if (pruned.length) this.log.info(`Agent: pruned ${pruned.length} old checkpoint(s)`);
        return true;
      } catch (error) {
        this.log.warn(`Agent: cannot save the checkpoint of turn ${turnId}: ${(error as Error).message}`);
        return false;
      }
    });
  }

  async load(turnId: string): Promise<Checkpoint | undefined> {
    try {
      return JSON.parse(new TextDecoder().decode(await readBytes(this.file(turnId)))) as Checkpoint;
    } catch {
      return undefined;
    }
  }

  async has(turnId: string): Promise<boolean> {
    return (await this.index()).some((e) => e.turnId === turnId);
  }

  /**
   * Shows what restoring does and, once confirmed (`confirm` returns true), restores.
   * Returns false when there is no checkpoint or the user cancelled.
   */
  async restore(turnId: string, confirm: (summary: string) => Promise<boolean>): Promise<boolean> {
    const checkpoint = await this.load(turnId);
    if (!checkpoint) throw new Error(vscode.l10n.t('This turn has no checkpoint any more (it was pruned; see gemini.agent.maxCheckpoints).'));
    const current = new Map<CheckpointFile, string | undefined>();
    await Promise.all(checkpoint.files.map(async (file) => current.set(file, await currentBase64(file))));
    const plan = restorePlan(checkpoint, (file) => current.get(file));
    const summary = describePlan(plan);
    if (!summary) {
      void vscode.window.showInformationMessage(vscode.l10n.t('The files of this turn are already as they were before it.'));
      return false;
    }
    if (!(await confirm(summary))) return false;
    // Files open in an editor are put back with ONE WorkspaceEdit (the editor keeps its state,
    // and Undo takes them back); every other file gets its saved bytes written directly: loading
    // and saving a text model per file in the window costs seconds for a hundred files, and the
    // bytes are exactly what the checkpoint saved.
    const edit = new vscode.WorkspaceEdit();
    const toSave: vscode.Uri[] = [];
    const direct: Promise<void>[] = [];
    for (const { file, step } of plan) {
      const uri = uriOfStored(file.folder, file.path);
      const bytes = file.base64 !== undefined ? Buffer.from(file.base64, 'base64') : undefined;
      const doc = openDocument(uri);
      if (step === 'delete') direct.push(removeFile(uri));
      if (step === 'recreate' || (step === 'restore' && !doc)) direct.push(writeBytes(uri, bytes!));
      if (step === 'restore' && doc) {
        let text = new TextDecoder().decode(bytes);
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        edit.replace(uri, new vscode.Range(0, 0, doc.lineCount, 0), text);
        toSave.push(uri);
      }
    }
    const results = await Promise.allSettled(direct);
    const failed = results.filter((r) => r.status === 'rejected').length;
    if (toSave.length && !(await vscode.workspace.applyEdit(edit, { isRefactoring: true }))) throw new Error(vscode.l10n.t('VS Code refused the restore (a file may be read-only).'));
    if (failed) throw new Error(vscode.l10n.t('{0} file(s) could not be written back (a file or folder may be read-only).', failed));
    await Promise.all(toSave.map(saveSettled));
    return true;
  }

  private file(turnId: string): vscode.Uri {
    return vscode.Uri.joinPath(this.folder, `${turnId.replace(/[^\w-]/g, '_')}.json`);
  }

  private async index(): Promise<CheckpointEntry[]> {
    try {
      const parsed = JSON.parse(new TextDecoder().decode(await readBytes(vscode.Uri.joinPath(this.folder, INDEX))));
      return Array.isArray(parsed) ? parsed as CheckpointEntry[] : [];
    } catch {
      return [];
    }
  }

  private async writeIndex(index: CheckpointEntry[]): Promise<void> {
    await writeBytes(vscode.Uri.joinPath(this.folder, INDEX), new TextEncoder().encode(JSON.stringify(index)));
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

/** The file's bytes now as base64 (an open document's text counts), or undefined when it does not exist. */
async function currentBase64(file: CheckpointFile): Promise<string | undefined> {
  const uri = uriOfStored(file.folder, file.path);
  const doc = openDocument(uri);
  try {
    const bytes = await readBytes(uri);
    if (doc?.isDirty) return `dirty:${doc.version}`;
    return Buffer.from(bytes).toString('base64');
  } catch {
    return undefined;
  }
}
