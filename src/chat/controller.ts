// The chat controller: owns the open chat, runs turns through the engine's TurnRunner, folds its
// events into the display model, tells the webview what changed, and saves. Pure (no `vscode`):
// the VS Code side gives it a runner, a store, a logger and a sink for host→webview messages.
import type { ToolExecutor, TurnOutcome, TurnRunner } from '../gemini/turnContract';
import type { ChangesView } from '../protocol/changes';
import type { FailureInfo, TurnEvent } from '../gemini/events';
import type { Logger } from '../common/logger';
import type { Content } from '@google/genai';
import type { ChatSnapshot, HostMessage } from '../protocol/messages';
import type { AttachmentChip, ChatOptions, ChatSummary } from '../protocol/view';
import { applyTurnEvent, newModelTurn, settleTurn } from '../protocol/reduce';
import type { PendingAttachment } from './attachments';
import { mergeOptions, type OptionsPatch, turnSettings } from './chatOptions';
import type { ChatStore } from './store';
import { DeltaBatcher } from './deltaBatcher';
import { chatToMarkdown } from './export';
import { ChatRejection } from './rejection';
import { l10n } from '../common/l10n';
import {
  ChatSession, StoredModelTurn, StoredUserTurn, createSession, historyBefore, newChatId, newTurnId, titleFrom, toChatView,
  toTurnView, userMessage,
} from './session';

export interface ChatControllerDeps {
  runner: TurnRunner;
  store: ChatStore;
  log: Logger;
  post(message: HostMessage): void;
  /** The configured model, shown on a streaming answer until the service names the one it used. */
  getModel(): string;
  now?(): number;
  /** Streaming answers are saved at most this often (ms), so a crash keeps most of the text. */
  saveIntervalMs?: number;
  /** How long a stopped turn may take to wind down before it is settled without the engine. */
  stopGraceMs?: number;
  /** Text deltas arriving within this many ms are merged into one webview message (0: never). */
  deltaIntervalMs?: number;
  /** A chat stopped being the open one (another opened, deleted, window closing): release its context cache. */
  onChatClosed?(chatId: string): void;
  /** The catalog's thinking flag for a model, to offer the right thinking choices. */
  modelThinks?(model: string): boolean | undefined;
  /** Agent mode: the tools of one turn (its mode and its proposals); absent or undefined: the engine's own. */
  turnTools?(session: ChatSession, turnId: string): ToolExecutor | undefined;
  /** A turn settled and was saved: Agent mode opens its Changes card for review, or drops it. */
  onTurnSettled?(chatId: string, turnId: string, status: StoredModelTurn['status']): void;
  /** A chat was loaded from the store: Agent mode marks Changes cards whose proposals are gone. */
  onChatLoaded?(session: ChatSession): void;
}

interface ActiveTurn {
  session: ChatSession;
  turn: StoredModelTurn;
  abort: AbortController;
  finished: Promise<void>;
}

export class ChatController {
  private session: ChatSession;
  private active: ActiveTurn | undefined;
  private pending: PendingAttachment[] = [];
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly now: () => number;
  private readonly out: DeltaBatcher;
  private disposing = false;

  constructor(private readonly deps: ChatControllerDeps) {
    this.now = deps.now ?? Date.now;
    this.out = new DeltaBatcher(deps.post, deps.deltaIntervalMs ?? 16);
    this.session = createSession(newChatId(this.now()), this.now());
  }

  /** Reopens the chat that was open when the window last closed. */
  async restore(): Promise<void> {
    const id = await this.deps.store.lastOpened().catch(() => undefined);
    const session = id ? await this.deps.store.load(id) : undefined;
    if (session) {
      this.session = session;
      this.deps.onChatLoaded?.(session);
    }
  }

  /** Stores a turn's Changes card and tells the webview; works for a chat that is not open too. */
  async setTurnChanges(chatId: string, turnId: string, changes: ChangesView): Promise<void> {
    const open = [this.session, this.active?.session].find((s) => s?.id === chatId);
    const session = open ?? await this.deps.store.load(chatId).catch(() => undefined);
    const turn = session?.turns.find((t) => t.id === turnId);
    if (!session || turn?.role !== 'model') return;
    turn.changes = changes;
    this.out.post({ type: 'turnChanges', chatId, turnId, changes });
    if (this.active?.turn === turn) this.scheduleSave(session);
    else await this.save(session);
  }

  get chatId(): string { return this.session.id; }
  get busy(): boolean { return !!this.active; }
  /** Resolves when the streaming turn (if any) has settled and been saved. */
  get idle(): Promise<void> { return this.active?.finished ?? Promise.resolve(); }
  get attachments(): AttachmentChip[] { return this.pending.map((p) => p.chip); }
  current(): ChatSession { return this.session; }
  /** The open chat's model: its own choice, else the configured one. */
  model(): string { return this.session.options?.model || this.deps.getModel(); }

  /** Changes the open chat's options; saved with the chat (an empty chat keeps them until its first message). */
  setOptions(patch: OptionsPatch): ChatOptions {
    const session = this.session;
    session.options = mergeOptions(session.options, patch, this.deps.getModel(), this.deps.modelThinks);
    this.out.post({ type: 'chatOptions', chatId: session.id, options: { ...session.options } });
    if (session.turns.length) void this.save(session);
    return session.options;
  }

  /** What the next request would carry with this draft: the history, the pending attachments, the text. */
  pendingContents(draft: string): Content[] {
    const parts = this.pending.flatMap((p) => p.parts);
    if (draft.trim()) parts.push({ text: draft });
    const history = historyBefore(this.session, this.session.turns.length, this.now());
    return parts.length ? [...history, { role: 'user', parts }] : history;
  }

  /**
   * Synchronous on purpose: the caller posts it in the same tick, so every delta posted before it
   * is already inside it and every delta posted after it applies on top.
   */
  snapshot(env: Omit<ChatSnapshot, 'chat' | 'busy' | 'attachments'>): ChatSnapshot {
    this.out.flush();
    return { chat: toChatView(this.session), busy: this.busy, attachments: this.attachments, ...env };
  }

  async history(): Promise<ChatSummary[]> {
    try {
      return await this.deps.store.list();
    } catch (error) {
      this.deps.log.warn(`Chat history: cannot list chats: ${(error as Error).message}`);
      return [];
    }
  }

  async send(text: string, attachmentIds: string[] = []): Promise<void> {
    this.assertIdle();
    const chosen = attachmentIds.map((id) => this.pending.find((p) => p.chip.id === id)).filter((p): p is PendingAttachment => !!p);
    if (!text.trim() && !chosen.length) throw new ChatRejection(l10n.t('Type a message first.'));
    const user: StoredUserTurn = {
      role: 'user', id: newTurnId(), text, createdAt: this.now(),
      attachments: chosen.map((p) => p.chip), attachmentParts: chosen.flatMap((p) => p.parts),
      ...(chosen.some((p) => p.fileExpiries) ? { fileExpiries: Object.assign({}, ...chosen.map((p) => p.fileExpiries)) } : {}),
    };
    this.pending = this.pending.filter((p) => !chosen.includes(p));
    this.out.post({ type: 'attachments', items: this.attachments });
    if (!this.session.turns.length) this.session.title = titleFrom(text || user.attachments[0]?.label || '');
    this.session.turns.push(user);
    this.out.post({ type: 'turnAppended', chatId: this.session.id, turn: toTurnView(user) });
    this.start(this.session.turns.length - 1);
    void this.deps.store.setLastOpened(this.session.id).catch(() => undefined);
  }

  /** The failure shown on the answer `turnId` (default: the last answer), if it failed. */
  failureOf(turnId?: string): FailureInfo | undefined {
    const index = turnId ? this.session.turns.findIndex((t) => t.id === turnId) : lastIndexOf(this.session, 'model');
    const turn = this.session.turns[index];
    return turn?.role === 'model' ? turn.error : undefined;
  }

  /** Answers the user message before `turnId` (default: the last answer) again. */
  async regenerate(turnId?: string): Promise<void> {
    this.assertIdle();
    const index = turnId ? this.session.turns.findIndex((t) => t.id === turnId) : lastIndexOf(this.session, 'model');
    const target = this.session.turns[index];
    const question = this.session.turns[index - 1];
    if (!target || target.role !== 'model' || question?.role !== 'user') throw new ChatRejection(l10n.t('There is no answer to regenerate.'));
    this.session.turns.splice(index);
    this.out.post({ type: 'chat', chat: toChatView(this.session) });
    this.start(index - 1);
  }

  /** Replaces a previous user message and everything after it, then asks again. */
  async editAndResend(turnId: string, text: string): Promise<void> {
    this.assertIdle();
    const index = this.session.turns.findIndex((t) => t.id === turnId);
    const original = this.session.turns[index];
    if (!original || original.role !== 'user') throw new ChatRejection(l10n.t('That message is no longer in this chat.'));
    if (!text.trim() && !original.attachments.length) throw new ChatRejection(l10n.t('Type a message first.'));
    const edited: StoredUserTurn = { ...original, id: newTurnId(), text, createdAt: this.now() };
    this.session.turns.splice(index, this.session.turns.length - index, edited);
    if (index === 0) this.session.title = titleFrom(text);
    this.out.post({ type: 'chat', chat: toChatView(this.session) });
    this.start(index);
  }

  stop(): void {
    this.active?.abort.abort();
  }

  async newChat(): Promise<void> {
    this.closed(this.session.id);
    this.session = createSession(newChatId(this.now()), this.now());
    this.out.post({ type: 'chat', chat: toChatView(this.session) });
    await this.deps.store.setLastOpened(undefined).catch(() => undefined);
  }

  async openChat(id: string): Promise<void> {
    if (id === this.session.id) return;
    const session = this.active?.session.id === id ? this.active.session : await this.deps.store.load(id);
    if (!session) throw new ChatRejection(l10n.t('That chat could not be found or read.'));
    this.closed(this.session.id);
    this.session = session;
    if (session !== this.active?.session) this.deps.onChatLoaded?.(session);
    this.out.post({ type: 'chat', chat: toChatView(session) });
    await this.deps.store.setLastOpened(id).catch(() => undefined);
  }

  async deleteChat(id: string): Promise<void> {
    if (this.active?.session.id === id) {
      this.stop();
      await this.active?.finished;
    }
    await this.deps.store.delete(id);
    if (id === this.session.id) await this.newChat();
    else this.closed(id);
    this.out.post({ type: 'historyList', items: await this.history() });
  }

  async searchHistory(query: string): Promise<ChatSummary[]> {
    return query.trim() ? this.deps.store.search(query) : this.history();
  }

  /** The chat (default: the open one) as Markdown, with a file name suggestion. */
  async exportChat(id?: string): Promise<{ title: string; markdown: string }> {
    const session = !id || id === this.session.id ? this.session : await this.deps.store.load(id);
    if (!session || !session.turns.length) throw new ChatRejection(l10n.t('This chat is empty: nothing to export.'));
    return { title: session.title, markdown: chatToMarkdown(session) };
  }

  addAttachments(items: PendingAttachment[]): void {
    this.pending.push(...items);
    this.out.post({ type: 'attachments', items: this.attachments });
  }

  removeAttachment(id: string): void {
    this.pending = this.pending.filter((p) => p.chip.id !== id);
    this.out.post({ type: 'attachments', items: this.attachments });
  }

  /** Stops a running turn and writes what it has, marked interrupted (the window is going away). */
  async dispose(): Promise<void> {
    this.disposing = true;
    this.stop();
    await this.idle;
    this.closed(this.session.id);
    this.clearSaveTimer();
    this.out.dispose();
  }

  private closed(chatId: string): void {
    try {
      this.deps.onChatClosed?.(chatId);
    } catch (error) {
      this.deps.log.debug(`Chat: closing ${chatId}: ${(error as Error).message}`);
    }
  }

  private assertIdle(): void {
    if (this.active) throw new ChatRejection(l10n.t('Gemini is still answering. Stop the answer first.'));
  }

  /** Starts the answer to the user turn at `userIndex`, which must be the chat's last turn. */
  private start(userIndex: number): void {
    const session = this.session;
    const user = session.turns[userIndex] as StoredUserTurn;
    const turn: StoredModelTurn = newModelTurn(newTurnId(), this.now(), this.model());
    session.turns.push(turn);
    session.updatedAt = this.now();
    this.out.post({ type: 'turnAppended', chatId: session.id, turn: toTurnView(turn) });
    this.out.post({ type: 'busy', busy: true });
    const abort = new AbortController();
    const history = historyBefore(session, userIndex, this.now());
    const active: ActiveTurn = { session, turn, abort, finished: Promise.resolve() };
    this.active = active;
    // Saved at once (not throttled): a reload right after sending must still find the question.
    void this.save(session);
    active.finished = this.stream(active, history, userMessage(user));
  }

  private async stream(active: ActiveTurn, history: ReturnType<typeof historyBefore>, message: ReturnType<typeof userMessage>): Promise<void> {
    const { session, turn, abort } = active;
    let outcome: TurnOutcome | undefined;
    const stopped = stopSignal(abort.signal, this.deps.stopGraceMs ?? 2000);
    try {
      const tools = this.deps.turnTools?.(session, turn.id);
      const events = this.deps.runner.runTurn({ history, message, signal: abort.signal, ...turnSettings(session.options), cacheKey: session.id, ...(tools ? { tools } : {}) });
      for (;;) {
        const step = await Promise.race([events.next(), stopped.promise]);
        if (!step) break; // stopped, and the engine did not wind down in time
        if (step.done) { outcome = step.value; break; }
        this.apply(session, turn, step.value);
      }
    } catch (error) {
      if (!abort.signal.aborted) {
        this.deps.log.error(`Chat turn failed: ${(error as Error)?.message ?? String(error)}`);
        this.apply(session, turn, { type: 'error', failure: { code: 'internal', message: l10n.t('The answer failed unexpectedly. Try again; the log has details.'), action: 'retry', retryable: true } });
      }
    } finally {
      stopped.cancel();
    }
    if (outcome) turn.contents = outcome.contents;
    const status = this.disposing ? 'interrupted' : abort.signal.aborted ? 'stopped' : outcome?.status ?? (turn.status === 'error' ? 'error' : 'done');
    settleTurn(turn, status, this.now());
    session.updatedAt = this.now();
    this.active = undefined;
    this.clearSaveTimer();
    if (turn.status !== 'interrupted') this.out.post({ type: 'turnSettled', chatId: session.id, turnId: turn.id, status: turn.status as 'done' | 'stopped' | 'error', at: this.now() });
    this.out.post({ type: 'busy', busy: false });
    await this.save(session);
    this.deps.onTurnSettled?.(session.id, turn.id, turn.status);
  }

  private apply(session: ChatSession, turn: StoredModelTurn, event: TurnEvent): void {
    const at = this.now();
    applyTurnEvent(turn, event, at);
    this.out.post({ type: 'turnEvent', chatId: session.id, turnId: turn.id, event, at });
    this.scheduleSave(session);
  }

  private scheduleSave(session: ChatSession): void {
    if (this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      void this.save(session);
    }, this.deps.saveIntervalMs ?? 1000);
  }

  private clearSaveTimer(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
  }

  private async save(session: ChatSession): Promise<void> {
    try {
      await this.deps.store.save(session);
    } catch (error) {
      this.deps.log.warn(`Chat history: cannot save chat: ${(error as Error).message}`);
    }
  }
}

function lastIndexOf(session: ChatSession, role: 'user' | 'model'): number {
  for (let i = session.turns.length - 1; i >= 0; i--) if (session.turns[i].role === role) return i;
  return -1;
}

/** Resolves (with undefined) `graceMs` after the signal aborts, unless cancelled first. */
function stopSignal(signal: AbortSignal, graceMs: number): { promise: Promise<undefined>; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: () => void = () => undefined;
  const promise = new Promise<undefined>((resolve) => {
    onAbort = () => { timer = setTimeout(() => resolve(undefined), graceMs); };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  return {
    promise,
    cancel() {
      signal.removeEventListener('abort', onAbort);
      if (timer) clearTimeout(timer);
    },
  };
}
