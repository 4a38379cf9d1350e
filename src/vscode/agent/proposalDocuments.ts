// The right-hand side of a proposed change's diff: a read-only virtual document with the file as
// it would be after the accepted hunks (empty for a deletion), under the gemini-proposal: scheme.
import * as vscode from 'vscode';
import type { ChangeSet, FileChange } from '../../agent/changeSet';

export const PROPOSAL_SCHEME = 'gemini-proposal';

export class ProposalDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly open = new Map<string, { set: ChangeSet; file: FileChange; uri: vscode.Uri }>();

  register(): vscode.Disposable {
    return vscode.workspace.registerTextDocumentContentProvider(PROPOSAL_SCHEME, this);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const entry = this.open.get(uri.toString());
    if (!entry) return '';
    const { set, file } = entry;
    if (uri.query === 'before') return file.before;
    return file.kind === 'delete' ? '' : set.finalText(file);
  }

  /** Opens the diff of one proposed file. */
  async show(turnId: string, set: ChangeSet, file: FileChange, original: vscode.Uri | undefined): Promise<void> {
    const name = (file.newDisplay ?? file.display).split('/').pop() ?? 'file';
    const right = vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: `/${turnId}/${file.id}/${name}` });
    const left = original ?? right.with({ query: 'before' });
    this.open.set(right.toString(), { set, file, uri: right });
    this.open.set(right.with({ query: 'before' }).toString(), { set, file, uri: right });
    this.changed.fire(right);
    const title = file.kind === 'create' ? vscode.l10n.t('{0} (new file by Gemini)', file.display)
      : file.kind === 'delete' ? vscode.l10n.t('{0} (deleted by Gemini)', file.display)
        : file.kind === 'rename' ? vscode.l10n.t('{0} (renamed to {1} by Gemini)', file.display, file.newDisplay ?? '')
          : vscode.l10n.t('{0} (proposed by Gemini)', file.display);
    await vscode.commands.executeCommand('vscode.diff', left, right, title, { preview: true });
  }

  /** A decision changed which hunks are accepted: redraw open diffs of that set. */
  refresh(set: ChangeSet): void {
    for (const entry of this.open.values()) if (entry.set === set) this.changed.fire(entry.uri);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
