// Explain inline: a comment thread (Comments API) anchored to the selected lines, with the answer
// streaming into it, follow-up questions asked in the thread's reply box, and "Continue in Chat"
// handing the whole thread to the sidebar chat with the code attached.
import * as vscode from 'vscode';
import type { Logger } from '../../common/logger';
import type { TurnRunner } from '../../gemini/turnContract';
import { summarizeTurn } from '../../actions/actionTurn';
import { continueInChatPrompt, EXPLAIN_INLINE_SYSTEM_INSTRUCTION, explainHistory, ExplainTurn, explainThreadPrompt, Throttle } from '../../actions/inlineExplain';
import type { CodeTarget } from '../../actions/target';

/** The sidebar chat's entry point (the editor actions' EditorChat): shows the chat, attaches the code, sends `prompt`. */
export interface ChatHandOff {
  ask(prompt: string, attachment: { uri: vscode.Uri; range: vscode.Range; text: string; languageId: string }): Promise<void>;
}

export const EXPLAIN_COMMANDS = {
  reply: 'gemini.explainInlineReply',
  continueInChat: 'gemini.explainInlineContinueInChat',
  close: 'gemini.explainInlineClose',
} as const;

const CONTROLLER_ID = 'gemini.explain';
const STREAM_REPAINT_MS = 80;

class ExplainComment implements vscode.Comment {
  mode = vscode.CommentMode.Preview;
  constructor(public body: vscode.MarkdownString, public author: vscode.CommentAuthorInformation, public contextValue?: string) {}
}

interface ExplainThread {
  thread: vscode.CommentThread;
  document: vscode.TextDocument;
  target: CodeTarget;
  firstMessage: string;
  turns: ExplainTurn[];
  controller?: AbortController;
}

export class InlineExplainer implements vscode.Disposable {
  private readonly comments = vscode.comments.createCommentController(CONTROLLER_ID, vscode.l10n.t('Gemini'));
  private readonly threads = new Map<vscode.CommentThread, ExplainThread>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly deps: { runner: TurnRunner; log: Logger; chat: ChatHandOff }) {
    this.comments.options = { prompt: vscode.l10n.t('Ask Gemini a follow-up…'), placeHolder: vscode.l10n.t('Ask a follow-up question about this code') };
    this.subscriptions.push(
      this.comments,
      vscode.commands.registerCommand(EXPLAIN_COMMANDS.reply, (reply: vscode.CommentReply) => this.reply(reply)),
      vscode.commands.registerCommand(EXPLAIN_COMMANDS.continueInChat, (thread: vscode.CommentThread) => this.continueInChat(thread)),
      vscode.commands.registerCommand(EXPLAIN_COMMANDS.close, (thread: vscode.CommentThread) => this.close(thread)),
    );
  }

  /** Opens a thread on `range` of `document` and streams the explanation of `target` into it. */
  async explain(document: vscode.TextDocument, range: vscode.Range, target: CodeTarget): Promise<{ status: 'sent' | 'failed'; answer: string }> {
    const thread = this.comments.createCommentThread(document.uri, range, []);
    thread.label = vscode.l10n.t('Gemini: Explain lines {0}–{1}', range.start.line + 1, range.end.line + 1);
    thread.collapsibleState = vscode.CommentThreadCollapsibleState.Expanded;
    thread.canReply = true;
    thread.contextValue = 'geminiExplain';
    const state: ExplainThread = { thread, document, target, firstMessage: explainThreadPrompt(target), turns: [] };
    this.threads.set(thread, state);
    return this.ask(state, vscode.l10n.t('Explain this code.'));
  }

  dispose(): void {
    for (const state of this.threads.values()) state.controller?.abort();
    this.threads.clear();
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  private async reply(reply: vscode.CommentReply): Promise<void> {
    const state = this.threads.get(reply.thread);
    const question = reply.text.trim();
    if (!state || !question) return;
    if (state.controller) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Gemini is still answering in this thread; ask again when it is done.'));
      return;
    }
    await this.ask(state, question);
  }

  private async ask(state: ExplainThread, question: string): Promise<{ status: 'sent' | 'failed'; answer: string }> {
    const turn: ExplainTurn = { question, answer: '' };
    const history = explainHistory(state.firstMessage, state.turns).map((entry) => ({ role: entry.role, parts: [{ text: entry.text }] }));
    const message = state.turns.length === 0 ? state.firstMessage : question;
    state.turns.push(turn);
    const controller = new AbortController();
    state.controller = controller;
    const throttle = new Throttle(STREAM_REPAINT_MS, () => this.render(state, true));
    this.render(state, true);
    const summary = await summarizeTurn(this.deps.runner, {
      history,
      message: { role: 'user', parts: [{ text: message }] },
      signal: controller.signal,
      systemInstruction: EXPLAIN_INLINE_SYSTEM_INSTRUCTION,
      features: { workspaceTools: false },
    }, (event) => {
      if (event.type !== 'text') return;
      turn.answer += event.text;
      throttle.poke();
    });
    state.controller = undefined;
    if (summary.failure) turn.answer = turn.answer ? `${turn.answer}\n\n${summary.failure.message}` : summary.failure.message;
    else if (summary.status === 'stopped') turn.answer += `\n\n${vscode.l10n.t('(stopped)')}`;
    throttle.done();
    this.render(state, false);
    this.deps.log.info(`Explain inline on ${state.target.path}: ${summary.status}${summary.failure ? ` (${summary.failure.code})` : ''}`);
    return { status: summary.failure ? 'failed' : 'sent', answer: turn.answer };
  }

  /** Rebuilds the thread's comments from its turns (the streaming answer included). */
  private render(state: ExplainThread, streaming: boolean): void {
    if (!this.threads.has(state.thread)) return;
    const you: vscode.CommentAuthorInformation = { name: vscode.l10n.t('You') };
    const gemini: vscode.CommentAuthorInformation = { name: vscode.l10n.t('Gemini') };
    const comments: vscode.Comment[] = [];
    state.turns.forEach((turn, index) => {
      comments.push(new ExplainComment(untrusted(turn.question), you));
      const last = index === state.turns.length - 1;
      const answer = turn.answer || (streaming && last ? vscode.l10n.t('Thinking…') : '');
      comments.push(new ExplainComment(untrusted(streaming && last ? `${answer} …` : answer), gemini, 'geminiAnswer'));
    });
    // No thread state: a resolved thread collapses (comments.collapseOnResolve), hiding the answer.
    state.thread.comments = comments;
  }

  private async continueInChat(thread: vscode.CommentThread): Promise<void> {
    const state = this.threads.get(thread);
    if (!state) return;
    state.controller?.abort();
    const range = thread.range ?? new vscode.Range(state.target.lines.startLine, 0, state.target.lines.endLine, 0);
    const attachment = { uri: state.document.uri, range, text: state.target.code, languageId: state.target.languageId };
    const prompt = continueInChatPrompt(state.target, state.turns.filter((turn) => turn.answer.trim()));
    this.close(thread);
    await this.deps.chat.ask(prompt, attachment);
  }

  private close(thread: vscode.CommentThread): void {
    this.threads.get(thread)?.controller?.abort();
    this.threads.delete(thread);
    thread.dispose();
  }
}

/** Model output and the user's words are shown as Markdown without HTML, commands or theme icons. */
function untrusted(text: string): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString(text, false);
  markdown.isTrusted = false;
  markdown.supportHtml = false;
  return markdown;
}
