// "Apply to the active file" from a chat code block: shows a diff between the file and the
// proposed text (a read-only virtual document), and changes the file only when the user accepts.
// With a selection, the code replaces the selection; without one, it replaces the whole file.
import * as vscode from 'vscode';
import { ChatRejection } from '../../chat/rejection';

const ACCEPT = vscode.l10n.t('Accept');
const DISCARD = vscode.l10n.t('Discard');

export const PROPOSED_SCHEME = 'gemini-proposed';

interface Proposal {
  target: vscode.Uri;
  version: number;
  text: string;
}

export class ProposedChanges implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly proposals = new Map<string, Proposal>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private counter = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.proposals.get(uri.toString())?.text ?? '';
  }

  register(): vscode.Disposable {
    return vscode.workspace.registerTextDocumentContentProvider(PROPOSED_SCHEME, this);
  }

  /** Opens the diff preview and resolves once the user accepted, discarded or dismissed it. */
  async propose(editor: vscode.TextEditor, code: string): Promise<'accepted' | 'discarded'> {
    const document = editor.document;
    const selection = editor.selection;
    const whole = selection.isEmpty;
    const current = document.getText();
    const text = whole ? code : current.slice(0, document.offsetAt(selection.start)) + code + current.slice(document.offsetAt(selection.end));
    const name = document.uri.path.split('/').pop() || 'file';
    const uri = vscode.Uri.from({ scheme: PROPOSED_SCHEME, path: `/${name}`, query: String(++this.counter) });
    this.proposals.set(uri.toString(), { target: document.uri, version: document.version, text });
    this.changed.fire(uri);
    try {
      await vscode.commands.executeCommand('vscode.diff', document.uri, uri, vscode.l10n.t("{0} ↔ Gemini's proposal", name), { preview: true });
      const where = whole ? vscode.l10n.t('the whole file') : vscode.l10n.t('lines {0}-{1}', selection.start.line + 1, selection.end.line + 1);
      const choice = await vscode.window.showInformationMessage(vscode.l10n.t("Apply Gemini's code to {0} ({1})?", name, where), ACCEPT, DISCARD);
      if (choice !== ACCEPT) return 'discarded';
      await this.accept(uri);
      return 'accepted';
    } finally {
      this.proposals.delete(uri.toString());
    }
  }

  private async accept(uri: vscode.Uri): Promise<void> {
    const proposal = this.proposals.get(uri.toString());
    if (!proposal) return;
    const document = await vscode.workspace.openTextDocument(proposal.target);
    if (document.version !== proposal.version) {
      throw new ChatRejection(vscode.l10n.t('The file changed after the preview was made; apply the code again to see a fresh diff.'));
    }
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), proposal.text);
    if (!(await vscode.workspace.applyEdit(edit))) throw new ChatRejection(vscode.l10n.t('VS Code refused the edit (is the file read-only?).'));
    await closeDiffOf(uri);
    await vscode.window.showTextDocument(document);
  }

  dispose(): void {
    this.changed.dispose();
    this.proposals.clear();
  }
}

async function closeDiffOf(proposed: vscode.Uri): Promise<void> {
  for (const group of vscode.window.tabGroups.all) {
    for (const tab of group.tabs) {
      if (tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.toString() === proposed.toString()) {
        await vscode.window.tabGroups.close(tab);
      }
    }
  }
}
