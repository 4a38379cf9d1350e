// Editor actions end to end: resolve what the user pointed at, ask Gemini (structured output,
// progress notification with Cancel bridged to an AbortController), check the document did not
// change meanwhile, and show the proposal as a diff to accept or reject. Explain goes to the chat.
import * as vscode from 'vscode';
import type { Logger } from '../../common/logger';
import type { TurnRunner } from '../../gemini/turnContract';
import { unusableAnswer } from '../../actions/actionTurn';
import { ACTION_COMMANDS, EditAction, EditorAction, PROGRESS_VERBS, PROPOSAL_COMMANDS } from '../../actions/kinds';
import { ActionPrompt, editPrompt, explainPrompt, testsPrompt } from '../../actions/prompts';
import { CodeProposal, fitReplacement, fitWholeFile, parseCodeProposal, ProposalFormatError } from '../../actions/proposal';
import { checkStaleness, DocumentSnapshot } from '../../actions/staleness';
import { Proposal, ProposalPreview, ProposalResult } from './preview';
import { codeTarget, diagnosticsFor, lineRange, resolveTarget, ResolvedTarget, targetSpan } from './targets';
import { findTestFileTarget } from './testFiles';
import { showFailure } from './failures';
import { runTurnWithProgress } from './progressTurn';
import type { InlineEditController, InlineEditResult } from '../inline/inlineEdit';
import type { InlineExplainer } from '../inline/inlineExplain';

export interface ChatAttachment {
  uri: vscode.Uri;
  range: vscode.Range;
  text: string;
  languageId: string;
}

/** The chat view's entry point: opens the chat with the selection attached and sends `prompt`. */
export interface EditorChat {
  ask(prompt: string, attachment: ChatAttachment): Promise<void>;
}

export interface EditorActionDeps {
  runner: TurnRunner;
  chat: EditorChat;
  log: Logger;
  /** The configured model, named in the log. */
  getModel(): string;
  /** Refactor / Document / Fix stream into the editor when gemini.editor.previewStyle is `inline`. */
  inline?: { controller: InlineEditController; style(): 'inline' | 'diffTab' };
  /** Explain answers in a comment thread at the code when gemini.editor.explainStyle is `inline`. */
  explainInline?: { explainer: InlineExplainer; style(): 'inline' | 'chat' };
}

/** What a command resolves to; integration tests read it, people never see it. */
export type ActionResult =
  | { status: 'previewed'; rationale: string; proposedText: string }
  | { status: 'sent' | 'cancelled' | 'noTarget' }
  | { status: 'failed' | 'stale'; message: string };

const LABELS: Record<EditorAction, string> = { explain: vscode.l10n.t('Explain'), refactor: vscode.l10n.t('Refactor'), document: vscode.l10n.t('Documentation'), fix: vscode.l10n.t('Fix'), tests: vscode.l10n.t('Tests') };

export function registerEditorActions(context: vscode.ExtensionContext, deps: EditorActionDeps): EditorActions {
  const actions = new EditorActions(deps);
  const register = (id: string, handler: (...args: unknown[]) => unknown): void => {
    context.subscriptions.push(vscode.commands.registerCommand(id, handler));
  };
  register(ACTION_COMMANDS.explain, (...args) => actions.explain(args));
  register(ACTION_COMMANDS.refactor, (...args) => actions.edit('refactor', args));
  register(ACTION_COMMANDS.document, (...args) => actions.edit('document', args));
  register(ACTION_COMMANDS.fix, (...args) => actions.edit('fix', args));
  register(ACTION_COMMANDS.tests, (...args) => actions.writeTests(args));
  register(PROPOSAL_COMMANDS.accept, () => actions.acceptProposal());
  register(PROPOSAL_COMMANDS.reject, () => actions.rejectProposal());
  register(PROPOSAL_COMMANDS.cancel, () => actions.cancelAll());
  context.subscriptions.push(actions);
  return actions;
}

export class EditorActions implements vscode.Disposable {
  readonly preview: ProposalPreview;
  private readonly running = new Set<AbortController>();

  constructor(private readonly deps: EditorActionDeps) {
    this.preview = new ProposalPreview(deps.log);
  }

  async explain(args: unknown[]): Promise<ActionResult> {
    const target = await this.selectionTarget(args, 'explain');
    if (!target) return { status: 'noTarget' };
    const { document, selection } = target;
    const code = codeTarget(document, targetSpan(selection, []));
    const inline = this.deps.explainInline;
    if (inline && inline.style() === 'inline') {
      const result = await inline.explainer.explain(document, lineRange(document, targetSpan(selection, [])), code);
      return result.status === 'sent' ? { status: 'sent' } : { status: 'failed', message: result.answer };
    }
    const attachment = { uri: document.uri, range: selection, text: document.getText(selection), languageId: document.languageId };
    await this.deps.chat.ask(explainPrompt(code), attachment);
    return { status: 'sent' };
  }

  async edit(action: EditAction, args: unknown[]): Promise<ActionResult> {
    const target = action === 'fix' ? await resolveTarget(args) : await this.selectionTarget(args, action);
    if (!target) return this.noTarget(action);
    const diagnostics = action === 'fix' ? diagnosticsFor(target) : [];
    if (action === 'fix' && diagnostics.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No problem is reported at the cursor. Put the cursor on a squiggle and run Fix with Gemini again.'));
      return { status: 'noTarget' };
    }
    let instruction: string | undefined;
    if (action === 'refactor') {
      instruction = typeof args[2] === 'string' ? args[2] : await vscode.window.showInputBox({
        title: vscode.l10n.t('Refactor with Gemini'),
        prompt: vscode.l10n.t('How should Gemini refactor the selection? Leave empty to improve readability and structure.'),
        placeHolder: vscode.l10n.t('e.g. extract a function, use async/await, remove duplication'),
      });
      if (instruction === undefined) return { status: 'cancelled' };
    }
    const { document } = target;
    const range = lineRange(document, targetSpan(target.selection, diagnostics));
    const code = codeTarget(document, targetSpan(target.selection, diagnostics), diagnostics);
    const snapshot: DocumentSnapshot = { path: code.path, version: document.version, text: document.getText(range) };
    const prompt = editPrompt(action, code, { instruction });
    const inline = this.deps.inline;
    if (inline && inline.style() === 'inline') {
      this.deps.log.info(`${LABELS[action]} on ${code.path} with ${this.deps.getModel()} (inline)`);
      const result = await inline.controller.start({
        label: LABELS[action], document, firstLine: range.start.line, lastLine: range.end.line, instruction,
        prompt: (text) => editPrompt(action, code, { instruction: text }),
      });
      return inlineResult(result);
    }

    const answer = await this.ask(action, code.path, prompt, () => vscode.commands.executeCommand(ACTION_COMMANDS[action], ...args));
    if (!('proposal' in answer)) return answer;
    const newText = fitReplacement(snapshot.text, answer.proposal.code);
    return this.propose(snapshot, document, range, {
      label: LABELS[action],
      rationale: answer.proposal.rationale,
      change: { kind: 'replace', document, range, snapshot, newText, save: false },
    });
  }

  async writeTests(args: unknown[]): Promise<ActionResult> {
    const target = await resolveTarget(args);
    if (!target) return this.noTarget('tests');
    const { document } = target;
    const tests = await findTestFileTarget(document);
    if (!tests) {
      const message = vscode.l10n.t('Save the file inside an open workspace folder first, so Gemini knows where its tests belong.');
      void vscode.window.showInformationMessage(message);
      return { status: 'failed', message };
    }
    // An empty selection means "the whole file".
    const span = target.selection.isEmpty ? { startLine: 0, endLine: document.lineCount - 1 } : targetSpan(target.selection, []);
    const code = codeTarget(document, span);
    const testDocument = tests.plan.existing ? await vscode.workspace.openTextDocument(tests.uri) : undefined;
    const prompt = testsPrompt(code, { framework: tests.framework, plan: tests.plan, existingTestText: testDocument?.getText(), sourceFromTest: tests.sourceFromTest });
    this.deps.log.info(`Write tests: ${tests.plan.path} (${tests.plan.existing ? 'extend' : 'new'}; ${tests.framework.framework}: ${tests.framework.evidence})`);
    const snapshot = testDocument ? { path: tests.plan.path, version: testDocument.version, text: testDocument.getText() } : undefined;

    const answer = await this.ask('tests', code.path, prompt, () => vscode.commands.executeCommand(ACTION_COMMANDS.tests, ...args));
    if (!('proposal' in answer)) return answer;
    const text = fitWholeFile(answer.proposal.code);
    if (testDocument && snapshot) {
      const whole = new vscode.Range(testDocument.positionAt(0), testDocument.positionAt(testDocument.getText().length));
      return this.propose(snapshot, testDocument, whole, {
        label: LABELS.tests,
        rationale: answer.proposal.rationale,
        change: { kind: 'replace', document: testDocument, range: whole, snapshot, newText: text, save: true },
      });
    }
    await this.preview.show({ label: LABELS.tests, rationale: answer.proposal.rationale, change: { kind: 'create', uri: tests.uri, path: tests.plan.path, text } });
    return { status: 'previewed', rationale: answer.proposal.rationale, proposedText: text };
  }

  /** Accept Proposed Change: the diff-tab proposal, else an inline one. */
  async acceptProposal(): Promise<ProposalResult> {
    const inline = this.deps.inline?.controller;
    if (!this.preview.hasPending && inline?.session) {
      const uri = inline.session.document.uri.toString();
      return (await inline.accept()) ? { outcome: 'applied', uri } : { outcome: 'none' };
    }
    return this.preview.accept();
  }

  /** Reject Proposed Change: the diff-tab proposal, else an inline one (streaming or shown). */
  async rejectProposal(): Promise<ProposalResult> {
    const inline = this.deps.inline?.controller;
    if (!this.preview.hasPending && inline?.session) {
      await inline.reject();
      return { outcome: 'rejected' };
    }
    return this.preview.reject();
  }

  /** Aborts every running action; each leaves its document untouched. */
  cancelAll(): number {
    const count = this.running.size;
    for (const controller of this.running) controller.abort();
    return count;
  }

  dispose(): void {
    this.cancelAll();
    this.preview.dispose();
  }

  /** Runs the turn under a cancellable progress notification and reads the structured answer. */
  private async ask(action: EditorAction, path: string, prompt: ActionPrompt, retry: () => unknown): Promise<{ proposal: CodeProposal } | ActionResult> {
    const controller = new AbortController();
    this.running.add(controller);
    const name = path.slice(path.lastIndexOf('/') + 1);
    this.deps.log.info(`${LABELS[action]} on ${path} with ${this.deps.getModel()}`);
    try {
      const turn = await runTurnWithProgress(this.deps.runner, vscode.l10n.t('Gemini: {0} {1}…', PROGRESS_VERBS[action], name), prompt, controller);
      if (turn.status === 'stopped') {
        this.deps.log.info(`${LABELS[action]} on ${path} cancelled; nothing changed`);
        vscode.window.setStatusBarMessage(vscode.l10n.t('Gemini: cancelled, nothing changed'), 4000);
        return { status: 'cancelled' };
      }
      if (turn.failure) {
        this.deps.log.warn(`${LABELS[action]} on ${path} failed: ${turn.failure.code}: ${turn.failure.message}`);
        showFailure(turn.failure, retry);
        return { status: 'failed', message: turn.failure.message };
      }
      const unusable = unusableAnswer(turn);
      if (unusable) return this.fail(unusable, retry);
      try {
        return { proposal: parseCodeProposal(turn.text) };
      } catch (error) {
        if (error instanceof ProposalFormatError) {
          this.deps.log.warn(`${error.message} Reply was ${turn.text.length} characters.`);
          return this.fail(error.message, retry);
        }
        throw error;
      }
    } finally {
      this.running.delete(controller);
    }
  }

  /** Shows the diff unless the document changed while Gemini was working. */
  private async propose(snapshot: DocumentSnapshot, document: vscode.TextDocument, range: vscode.Range, proposal: Proposal): Promise<ActionResult> {
    const staleness = checkStaleness(snapshot, { closed: document.isClosed, version: document.version, text: document.isClosed ? '' : document.getText(range) });
    if (staleness.stale) {
      this.deps.log.warn(staleness.message);
      void vscode.window.showWarningMessage(staleness.message);
      return { status: 'stale', message: staleness.message };
    }
    await this.preview.show(proposal);
    const proposedText = proposal.change.kind === 'replace' ? proposal.change.newText : proposal.change.text;
    return { status: 'previewed', rationale: proposal.rationale, proposedText };
  }

  /** Explain, refactor and document work on a selection; say so when there is none. */
  private async selectionTarget(args: unknown[], action: EditorAction): Promise<ResolvedTarget | undefined> {
    const target = await resolveTarget(args);
    if (!target || target.selection.isEmpty || !target.document.getText(target.selection).trim()) {
      this.noTarget(action);
      return undefined;
    }
    return target;
  }

  private noTarget(action: EditorAction): ActionResult {
    void vscode.window.showInformationMessage(action === 'fix'
      ? vscode.l10n.t('Put the cursor on a problem in an editor first, then run {0} with Gemini.', LABELS[action])
      : vscode.l10n.t('Select some code in an editor first, then run {0} with Gemini.', LABELS[action]));
    return { status: 'noTarget' };
  }

  private fail(message: string, retry: () => unknown): ActionResult {
    showFailure({ code: 'unusableAnswer', message, action: 'retry', retryable: true }, retry);
    return { status: 'failed', message };
  }
}

function inlineResult(result: InlineEditResult): ActionResult {
  switch (result.status) {
    case 'shown': return { status: 'previewed', rationale: result.rationale, proposedText: result.proposedText };
    case 'touched': return { status: 'stale', message: vscode.l10n.t('The lines under the proposal changed while Gemini was working.') };
    case 'failed': return { status: 'failed', message: result.message };
    default: return { status: 'cancelled' };
  }
}

export type { ProposalResult };
