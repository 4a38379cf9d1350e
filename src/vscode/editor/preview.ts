// The diff preview of a proposed change: the real document (or an empty one for a new file) on
// the left, a read-only virtual document with the proposal on the right, and Accept / Reject.
// Accepting applies ONE WorkspaceEdit, so a single undo reverts it, and only if the document is
// still exactly as it was when the proposal was made.
import * as vscode from 'vscode';
import type { Logger } from '../../common/logger';
import { PROPOSAL_SCHEME } from '../../actions/kinds';
import { checkStaleness, DocumentSnapshot } from '../../actions/staleness';

const ACCEPT = vscode.l10n.t('Accept');
const REJECT = vscode.l10n.t('Reject');

export { PROPOSAL_SCHEME };
const PENDING_CONTEXT_KEY = 'gemini.proposalPending';

/** Replace `range` of an open document. */
export interface RangeChange {
  kind: 'replace';
  document: vscode.TextDocument;
  range: vscode.Range;
  snapshot: DocumentSnapshot;
  newText: string;
  /** Save the document after applying (tests are written to disk; code edits are left to the user). */
  save: boolean;
}

/** Create a file that does not exist yet. */
export interface NewFileChange {
  kind: 'create';
  uri: vscode.Uri;
  /** Workspace-relative path, for messages. */
  path: string;
  text: string;
}

export interface Proposal {
  /** e.g. "Refactor", "Tests"; used in the diff title. */
  label: string;
  rationale: string;
  change: RangeChange | NewFileChange;
}

export type ProposalResult =
  | { outcome: 'applied'; uri: string }
  | { outcome: 'rejected' }
  | { outcome: 'stale'; message: string }
  | { outcome: 'failed'; message: string }
  | { outcome: 'none' };

interface PendingProposal {
  id: number;
  proposal: Proposal;
  proposedUri: vscode.Uri;
  originalUri: vscode.Uri;
}

export class ProposalPreview implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private pending: PendingProposal | undefined;
  private nextId = 1;
  private readonly registration: vscode.Disposable;

  constructor(private readonly log: Logger) {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(PROPOSAL_SCHEME, this);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  get hasPending(): boolean {
    return this.pending !== undefined;
  }

  /** Opens the diff and asks Accept / Reject in a notification. A newer proposal replaces an older one. */
  async show(proposal: Proposal): Promise<void> {
    if (this.pending) await this.settle(this.pending.id, 'rejected');
    const id = this.nextId++;
    const change = proposal.change;
    const targetUri = change.kind === 'replace' ? change.document.uri : change.uri;
    // The path keeps the file's name and extension so the proposal gets the right language.
    const proposedUri = targetUri.with({ scheme: PROPOSAL_SCHEME, query: `proposal=${id}`, fragment: '' });
    const proposedText = change.kind === 'replace' ? replaceRange(change.document, change.range, change.newText) : change.text;
    this.contents.set(proposedUri.toString(), proposedText);
    let originalUri = targetUri;
    if (change.kind === 'create') {
      originalUri = targetUri.with({ scheme: PROPOSAL_SCHEME, query: `empty=${id}`, fragment: '' });
      this.contents.set(originalUri.toString(), '');
    }
    this.pending = { id, proposal, proposedUri, originalUri };
    await vscode.commands.executeCommand('setContext', PENDING_CONTEXT_KEY, true);

    const name = targetUri.path.slice(targetUri.path.lastIndexOf('/') + 1);
    const title = change.kind === 'create' ? vscode.l10n.t('{0} ↔ Gemini: {1} (new file)', name, proposal.label) : vscode.l10n.t('{0} ↔ Gemini: {1}', name, proposal.label);
    await vscode.commands.executeCommand('vscode.diff', originalUri, proposedUri, title, { preview: true });
    this.log.info(`Showing a ${proposal.label.toLowerCase()} proposal for ${name}`);

    const question = proposal.rationale ? vscode.l10n.t('Gemini: {0}', proposal.rationale) : vscode.l10n.t('Gemini proposes a change to {0}.', name);
    void vscode.window.showInformationMessage(question, ACCEPT, REJECT).then((choice) => {
      // Dismissing the notification keeps the proposal: it can still be accepted from the palette.
      if (choice === ACCEPT) void this.acceptIfCurrent(id);
      else if (choice === REJECT) void this.settle(id, 'rejected');
    });
  }

  async accept(): Promise<ProposalResult> {
    if (!this.pending) return this.nothingPending();
    return this.acceptIfCurrent(this.pending.id);
  }

  async reject(): Promise<ProposalResult> {
    if (!this.pending) return this.nothingPending();
    return this.settle(this.pending.id, 'rejected');
  }

  private async acceptIfCurrent(id: number): Promise<ProposalResult> {
    const pending = this.pending;
    if (!pending || pending.id !== id) return { outcome: 'none' };
    const result = await this.apply(pending.proposal.change);
    if (result.outcome === 'applied') {
      await this.settle(id, 'applied');
      await this.reveal(pending.proposal.change);
    } else {
      // A stale or failed proposal can never succeed later: drop it and say why.
      await this.settle(id, 'dropped');
      void vscode.window.showWarningMessage(result.message);
      this.log.warn(result.message);
    }
    return result;
  }

  private async apply(change: RangeChange | NewFileChange): Promise<Extract<ProposalResult, { outcome: 'applied' | 'stale' | 'failed' }>> {
    const edit = new vscode.WorkspaceEdit();
    if (change.kind === 'replace') {
      const document = change.document;
      const staleness = checkStaleness(change.snapshot, {
        closed: document.isClosed,
        version: document.version,
        text: document.isClosed ? '' : document.getText(change.range),
      });
      if (staleness.stale) return { outcome: 'stale', message: staleness.message };
      edit.replace(document.uri, change.range, change.newText);
      if (!(await vscode.workspace.applyEdit(edit))) {
        return { outcome: 'failed', message: vscode.l10n.t('VS Code refused the edit to {0}; nothing was changed.', change.snapshot.path) };
      }
      if (change.save && !(await document.save())) this.log.warn(`Applied the proposal to ${change.snapshot.path} but could not save it`);
      return { outcome: 'applied', uri: document.uri.toString() };
    }
    if (await exists(change.uri)) {
      return { outcome: 'stale', message: vscode.l10n.t('{0} was created while Gemini was working, so the proposal was not written. Run the action again to extend it.', change.path) };
    }
    edit.createFile(change.uri, { ignoreIfExists: false });
    edit.insert(change.uri, new vscode.Position(0, 0), change.text);
    if (!(await vscode.workspace.applyEdit(edit))) {
      return { outcome: 'failed', message: vscode.l10n.t('VS Code could not create {0}; nothing was written.', change.path) };
    }
    const document = await vscode.workspace.openTextDocument(change.uri);
    if (!(await document.save())) this.log.warn(`Created ${change.path} but could not save it`);
    return { outcome: 'applied', uri: change.uri.toString() };
  }

  /** Closes the diff and forgets the proposal. */
  private async settle(id: number, how: 'applied' | 'rejected' | 'dropped'): Promise<ProposalResult> {
    const pending = this.pending;
    if (!pending || pending.id !== id) return { outcome: 'none' };
    this.pending = undefined;
    await vscode.commands.executeCommand('setContext', PENDING_CONTEXT_KEY, false);
    await closeDiffTabs(pending.proposedUri);
    this.contents.delete(pending.proposedUri.toString());
    this.contents.delete(pending.originalUri.toString());
    if (how === 'rejected') {
      this.log.info(`Rejected the ${pending.proposal.label.toLowerCase()} proposal; nothing changed`);
      vscode.window.setStatusBarMessage(vscode.l10n.t('Gemini: proposal rejected, nothing changed'), 4000);
    }
    return how === 'rejected' ? { outcome: 'rejected' } : { outcome: 'none' };
  }

  private async reveal(change: RangeChange | NewFileChange): Promise<void> {
    const uri = change.kind === 'replace' ? change.document.uri : change.uri;
    const editor = await vscode.window.showTextDocument(uri, { preview: false });
    if (change.kind === 'replace') {
      const start = change.range.start;
      const end = editor.document.positionAt(editor.document.offsetAt(start) + change.newText.length);
      editor.selection = new vscode.Selection(start, end);
      editor.revealRange(new vscode.Range(start, end), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }
  }

  private nothingPending(): ProposalResult {
    void vscode.window.showInformationMessage(vscode.l10n.t('No Gemini proposal is waiting to be accepted or rejected.'));
    return { outcome: 'none' };
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
    this.contents.clear();
    this.pending = undefined;
  }
}

function replaceRange(document: vscode.TextDocument, range: vscode.Range, newText: string): string {
  const text = document.getText();
  const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  const inserted = eol === '\n' ? newText : newText.replace(/\r?\n/g, eol);
  return text.slice(0, document.offsetAt(range.start)) + inserted + text.slice(document.offsetAt(range.end));
}

async function closeDiffTabs(proposedUri: vscode.Uri): Promise<void> {
  const wanted = proposedUri.toString();
  const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => {
    const input = tab.input;
    return input instanceof vscode.TabInputTextDiff && input.modified.toString() === wanted;
  });
  if (tabs.length) await vscode.window.tabGroups.close(tabs, true);
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
