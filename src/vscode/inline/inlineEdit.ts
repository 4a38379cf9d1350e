// Edit with Gemini in the editor (Ctrl+I / Cmd+I), and Refactor / Document / Fix when
// gemini.editor.previewStyle is `inline`: the instruction is asked in an input box, the proposal
// streams into the editor as an inline diff, and Accept (Tab, Ctrl+Enter), Reject (Esc) and
// Follow-up sit as CodeLens on the change, their keys bound only while a proposal is shown.
import * as vscode from 'vscode';
import type { Logger } from '../../common/logger';
import type { TurnRunner } from '../../gemini/turnContract';
import { summarizeTurn, unusableAnswer } from '../../actions/actionTurn';
import { completeLines, splitLines, streamingCode } from '../../actions/inlineDiff';
import type { ActionPrompt } from '../../actions/prompts';
import { fitReplacement, parseCodeProposal, ProposalFormatError } from '../../actions/proposal';
import { showFailure } from '../editor/failures';
import { InlineDecorations } from './inlineDecorations';
import { epochNow, InlineDiffSession, PaintMarks } from './inlineSession';

export const INLINE_COMMANDS = {
  edit: 'gemini.editInline',
  accept: 'gemini.acceptInlineEdit',
  reject: 'gemini.rejectInlineEdit',
  followUp: 'gemini.followUpInlineEdit',
} as const;

/** `active`: a proposal is streaming or shown (Esc rejects); `ready`: it is complete (Tab accepts). */
const ACTIVE_CONTEXT = 'gemini.inlineEdit.active';
const READY_CONTEXT = 'gemini.inlineEdit.ready';

export interface InlineEditRequest {
  /** "Edit", "Refactor", "Fix", "Documentation": in the CodeLens and the log. */
  label: string;
  document: vscode.TextDocument;
  firstLine: number;
  lastLine: number;
  instruction?: string;
  /** The prompt for `instruction` (a follow-up's combined instruction). */
  prompt(instruction: string | undefined): ActionPrompt;
}

/** What a request ended with; integration tests read it. */
export type InlineEditResult =
  | { status: 'shown'; proposedText: string; rationale: string }
  | { status: 'cancelled' | 'touched' }
  | { status: 'failed'; message: string };

export interface InlineTimings {
  /** Epoch ms: the first text event of the turn, the first complete code line read from it, and its repaint. */
  firstText?: number;
  firstLineParsed?: number;
  firstPaint?: PaintMarks;
}

interface Running {
  session: InlineDiffSession;
  request: InlineEditRequest;
  instruction: string | undefined;
  controller?: AbortController;
  rationale: string;
  proposedText?: string;
  /** The user's edit reached into the block and withdrew the proposal. */
  touched?: boolean;
}

export class InlineEditController implements vscode.Disposable, vscode.CodeLensProvider {
  private readonly decorations = new InlineDecorations();
  private readonly lensesChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.lensesChanged.event;
  private readonly status = vscode.window.createStatusBarItem('gemini.inlineEdit', vscode.StatusBarAlignment.Left, 1000);
  private current: Running | undefined;
  /** The last turn's timings (the benchmark reads them through the log). */
  lastTimings: InlineTimings = {};

  constructor(private readonly runner: TurnRunner, private readonly log: Logger) {
    this.status.name = vscode.l10n.t('Gemini Inline Edit');
  }

  get session(): InlineDiffSession | undefined {
    return this.current?.session;
  }

  /** Starts a proposal for `request`, replacing one still shown. */
  async start(request: InlineEditRequest): Promise<InlineEditResult> {
    if (this.current) await this.reject();
    const original: string[] = [];
    for (let line = request.firstLine; line <= request.lastLine; line++) original.push(request.document.lineAt(line).text);
    const session = new InlineDiffSession(request.document, request.firstLine, original, this.decorations);
    const running: Running = { session, request, instruction: request.instruction, rationale: '' };
    this.current = running;
    session.onInterrupted = (why) => {
      running.touched = why === 'touched';
      running.controller?.abort();
      if (this.current === running) void this.finish();
      const message = why === 'touched'
        ? vscode.l10n.t('You edited the lines under Gemini\'s proposal, so the proposal was withdrawn; your edit is kept.')
        : vscode.l10n.t('The file was closed, so Gemini\'s proposal was dropped.');
      this.log.info(message);
      vscode.window.setStatusBarMessage(`$(info) ${message}`, 6000);
    };
    // A selection over the block would be typed over: the cursor goes to the block's first line.
    const editor = vscode.window.activeTextEditor;
    if (editor?.document === request.document) editor.selection = new vscode.Selection(request.firstLine, 0, request.firstLine, 0);
    await this.setContext(true, false);
    return this.run(running);
  }

  async accept(): Promise<boolean> {
    const running = this.current;
    if (!running || !running.session.isComplete) return false;
    const { added, removed } = running.session.summary;
    if (!(await running.session.accept())) {
      const message = vscode.l10n.t('The lines under Gemini\'s proposal changed, so nothing was applied.');
      void vscode.window.showWarningMessage(message);
      await this.finish();
      return false;
    }
    this.log.info(`Accepted the inline ${running.request.label.toLowerCase()} proposal (${added} added, ${removed} removed)`);
    await this.finish();
    this.announce(vscode.l10n.t('Gemini: change applied: {0} added, {1} removed (lines). Undo with Ctrl+Z.', added, removed), 5000);
    return true;
  }

  async reject(): Promise<void> {
    const running = this.current;
    if (!running) return;
    running.controller?.abort();
    await running.session.reject();
    this.log.info(`Rejected the inline ${running.request.label.toLowerCase()} proposal; nothing changed`);
    await this.finish();
    this.announce(vscode.l10n.t('Gemini: proposal rejected, nothing changed'), 4000);
  }

  /** Asks how to refine the proposal and streams a new one in its place. */
  async followUp(refinement?: string): Promise<InlineEditResult> {
    const running = this.current;
    if (!running) return { status: 'cancelled' };
    const text = refinement ?? await vscode.window.showInputBox({
      title: vscode.l10n.t('Follow-up for Gemini'),
      prompt: vscode.l10n.t('How should Gemini change its proposal?'),
      placeHolder: vscode.l10n.t('e.g. keep the old name, add type hints'),
      ignoreFocusOut: true,
    });
    if (!text?.trim() || this.current !== running) return { status: 'cancelled' };
    running.controller?.abort();
    const previous = running.proposedText ?? '';
    running.instruction = [
      running.instruction?.trim() || vscode.l10n.t('(no instruction)'),
      `Your previous proposal for the TARGET was:\n${previous}`,
      `Refine it: ${text.trim()}`,
    ].join('\n\n');
    await running.session.restart();
    running.proposedText = undefined;
    await this.setContext(true, false);
    return this.run(running);
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const running = this.current;
    if (!running || running.session.document !== document) return [];
    const line = new vscode.Range(running.session.startLine, 0, running.session.startLine, 0);
    if (!running.session.isComplete) {
      return [new vscode.CodeLens(line, { title: vscode.l10n.t('$(loading~spin) Gemini is writing… Stop (Esc)'), command: INLINE_COMMANDS.reject })];
    }
    return [
      new vscode.CodeLens(line, { title: vscode.l10n.t('$(check) Accept (Tab)'), command: INLINE_COMMANDS.accept, tooltip: vscode.l10n.t('Apply the proposal (Tab or Ctrl+Enter)') }),
      new vscode.CodeLens(line, { title: vscode.l10n.t('$(close) Reject (Esc)'), command: INLINE_COMMANDS.reject, tooltip: vscode.l10n.t('Put the original lines back (Esc)') }),
      new vscode.CodeLens(line, { title: vscode.l10n.t('$(comment) Follow-up…'), command: INLINE_COMMANDS.followUp, tooltip: vscode.l10n.t('Refine the instruction') }),
    ];
  }

  dispose(): void {
    void this.reject();
    this.decorations.dispose();
    this.lensesChanged.dispose();
    this.status.dispose();
  }

  private async run(running: Running): Promise<InlineEditResult> {
    const controller = new AbortController();
    running.controller = controller;
    const { session, request } = running;
    const prompt = request.prompt(running.instruction);
    const timings: InlineTimings = {};
    this.lastTimings = timings;
    let raw = '';
    let paintedLines = 0;
    session.onPainted = (_lines, marks) => {
      if (timings.firstLineParsed !== undefined && timings.firstPaint === undefined) timings.firstPaint = marks;
    };
    this.lensesChanged.fire();
    this.announce(vscode.l10n.t('$(loading~spin) Gemini is writing a proposal… Esc stops'));
    const turn = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Gemini: {0}…', request.label) }, () =>
      summarizeTurn(this.runner, {
        history: [],
        message: { role: 'user', parts: [{ text: prompt.text }] },
        signal: controller.signal,
        systemInstruction: prompt.systemInstruction,
        responseJsonSchema: prompt.responseJsonSchema,
        features: { workspaceTools: false },
      }, (event) => {
        if (event.type !== 'text' || controller.signal.aborted) return;
        timings.firstText ??= epochNow();
        raw += event.text;
        const code = streamingCode(raw);
        if (!code) return;
        const lines = completeLines(code.code);
        if (lines.length > paintedLines) {
          paintedLines = lines.length;
          timings.firstLineParsed ??= epochNow();
          void session.show(lines, false);
        }
      }));
    if (this.current !== running || running.controller !== controller) return { status: running.touched ? 'touched' : 'cancelled' };
    const retry = () => this.start({ ...request, instruction: running.instruction });
    let failure: string | undefined;
    if (turn.status === 'stopped') {
      await this.reject();
      return { status: 'cancelled' };
    }
    if (turn.failure) {
      await this.reject();
      this.log.warn(`Inline ${request.label} failed: ${turn.failure.code}: ${turn.failure.message}`);
      showFailure(turn.failure, retry);
      return { status: 'failed', message: turn.failure.message };
    }
    failure = unusableAnswer(turn);
    let proposedText = '';
    if (!failure) {
      try {
        const proposal = parseCodeProposal(turn.text);
        running.rationale = proposal.rationale;
        proposedText = fitReplacement(session.original.join('\n'), proposal.code);
      } catch (error) {
        if (!(error instanceof ProposalFormatError)) throw error;
        failure = error.message;
      }
    }
    if (failure) {
      await this.reject();
      this.log.warn(`Inline ${request.label}: ${failure}`);
      showFailure({ code: 'unusableAnswer', message: failure, action: 'retry', retryable: true }, retry);
      return { status: 'failed', message: failure };
    }
    await session.show(splitLines(proposedText), true);
    if (this.current !== running || !session.isComplete) return { status: 'touched' };
    running.proposedText = proposedText;
    const { added, removed } = session.summary;
    this.logTimings(request.label, timings);
    await this.setContext(true, true);
    this.lensesChanged.fire();
    const why = running.rationale ? ` ${running.rationale}` : '';
    this.announce(vscode.l10n.t('$(sparkle) Gemini proposes a change: {0} added, {1} removed (lines). Tab accepts, Esc rejects.', added, removed), undefined, why.trim());
    return { status: 'shown', proposedText, rationale: running.rationale };
  }

  /** One log line per proposal: where the time to the first painted line went (benchmark input). */
  private logTimings(label: string, timings: InlineTimings): void {
    const { firstText, firstLineParsed, firstPaint } = timings;
    if (firstText === undefined || firstLineParsed === undefined || !firstPaint) return;
    const ms = (value: number) => value.toFixed(2);
    this.log.info(`Inline ${label}: first proposed line painted ${ms(firstPaint.painted - firstText)} ms after the first text `
      + `(waiting for the line ${ms(firstLineParsed - firstText)}, diff ${ms(firstPaint.requested - firstPaint.start)}, `
      + `editor edit ${ms(firstPaint.edited - firstPaint.requested)}, decorations ${ms(firstPaint.painted - firstPaint.edited)}) `
      + `[inline-timing ${[firstText, firstLineParsed, firstPaint.start, firstPaint.requested, firstPaint.edited, firstPaint.painted].map((t) => t.toFixed(3)).join(' ')}]`);
  }

  private async finish(): Promise<void> {
    this.current = undefined;
    await this.setContext(false, false);
    this.lensesChanged.fire();
  }

  /** The status bar item carries the state for screen readers (its accessibility label) and sight. */
  private announce(text: string, hideAfterMs?: number, detail = ''): void {
    this.status.text = text;
    this.status.tooltip = detail || undefined;
    this.status.accessibilityInformation = { label: `${text.replace(/\$\([^)]*\)\s*/g, '')}${detail ? ` ${detail}` : ''}`, role: 'alert' };
    this.status.show();
    if (hideAfterMs) {
      const shown = text;
      setTimeout(() => {
        if (this.status.text === shown) this.status.hide();
      }, hideAfterMs);
    }
  }

  private async setContext(active: boolean, ready: boolean): Promise<void> {
    await vscode.commands.executeCommand('setContext', ACTIVE_CONTEXT, active);
    await vscode.commands.executeCommand('setContext', READY_CONTEXT, ready);
  }
}
