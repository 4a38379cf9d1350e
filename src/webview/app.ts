// The chat webview: draws the snapshot the host sends after `ready`, then applies deltas. Holds a
// copy of the open chat only to render it; the host owns the state.
import type { ChatSnapshot, HostMessage } from '../protocol/messages';
import type { ChatView, ModelSummary, ModelTurnView, TurnView } from '../protocol/view';
import { answerText } from '../protocol/view';
import { applyTurnEvent, settleTurn } from '../protocol/reduce';
import { applyWorkspacePack, type WorkspacePacks } from '../protocol/workspacePack';
import type { HostConnection } from './api';
import { Composer } from './composer';
import { assertNever } from '../common/assertNever';
import { formatTokens } from '../common/format';
import { h, icon } from './dom';
import { HistoryPanel } from './history';
import { codeOfButton, type CodeAction } from './markdown';
import { EarlierTurns, batchStart, restoreStart, type RevealCause } from './turnWindow';
import { ModelTurnElement, renderUnrenderableTurn, renderUserTurn } from './turns';
import { reviewRequestOf } from './changesCard';
import { l10n } from '../common/l10n';

export const EMPTY_HEADING = l10n.t('Ask Gemini about your code');

export class ChatApp {
  private chat: ChatView | undefined;
  /** The rendered model turns; a long chat's older turns are not in the DOM (see turnWindow.ts). */
  private readonly modelTurns = new Map<string, ModelTurnElement>();
  /** Index in chat.turns of the first rendered turn. */
  private firstRendered = 0;
  private readonly earlier: EarlierTurns;
  private readonly transcript: HTMLElement;
  private readonly keyBanner: HTMLElement;
  private readonly modelPicker: HTMLSelectElement;
  private readonly modelInfo: HTMLElement;
  private readonly composer: Composer;
  /** `gemini.model`: the model of chats that did not pick their own. */
  private defaultModel = '';
  private models: string[] = [];
  private modelInfos: ModelSummary[] = [];
  /** The host's kept whole-workspace packs, by chat id. */
  private workspacePacks: WorkspacePacks = {};
  private readonly history: HistoryPanel;
  private busy = false;
  private stickToBottom = true;
  private scrollQueued = false;
  /** Where our own last scroll put the transcript: its (late) scroll event must not stop following. */
  private autoScrollTop = -1;

  constructor(private readonly root: HTMLElement, private readonly host: HostConnection) {
    this.modelPicker = h('select', { class: 'model-picker', 'aria-label': l10n.t('Model of this chat'), title: l10n.t('Model of this chat (new chats use the gemini.model setting)') });
    this.modelInfo = h('span', { class: 'model-info' });
    // New chat, history and export are the view's own title buttons (native, keyboard reachable).
    const toolbar = h('header', { class: 'chat-toolbar' }, h('label', { class: 'model-label' }, icon('sparkle'), ' ', this.modelPicker), this.modelInfo);
    this.keyBanner = h('div', { class: 'banner key-banner', role: 'alert', hidden: true }, icon('key'),
      h('span', { class: 'banner-text' }, l10n.t('Gemini needs an API key before it can answer.')),
      h('button', { type: 'button', class: 'button', 'data-failure-action': 'setKey' }, l10n.t('Set API key')));
    this.transcript = h('section', { class: 'transcript', role: 'log', 'aria-label': l10n.t('Conversation'), tabindex: 0 });
    this.earlier = new EarlierTurns(this.transcript, (cause) => this.revealEarlier(cause));
    this.history = new HistoryPanel(host);
    this.composer = new Composer(host, { lastUserTurn: () => this.lastUserTurn() });
    root.replaceChildren(toolbar, this.keyBanner, this.history.element, this.transcript, this.composer.element);
    this.renderEmpty();
    this.wire();
  }

  handle(message: HostMessage): void {
    if (this.host.settle(message)) return;
    switch (message.type) {
      case 'snapshot': return this.applySnapshot(message.snapshot);
      case 'chat': return this.renderChat(message.chat);
      case 'turnAppended':
        if (message.chatId !== this.chat?.id) return;
        this.chat.turns.push(message.turn);
        this.appendTurn(message.turn);
        return this.scrollIfFollowing();
      case 'turnEvent': {
        if (message.chatId !== this.chat?.id) return;
        const element = this.modelTurns.get(message.turnId);
        if (!element) return this.updateUnrendered(message.turnId, (turn) => applyTurnEvent(turn, message.event, message.at));
        element.update(applyTurnEvent(element.view, message.event, message.at));
        return this.scrollIfFollowing();
      }
      case 'turnSettled': {
        if (message.chatId !== this.chat?.id) return;
        const element = this.modelTurns.get(message.turnId);
        if (!element) return this.updateUnrendered(message.turnId, (turn) => settleTurn(turn, message.status, message.at));
        settleTurn(element.view, message.status, message.at);
        element.renderMeta();
        this.composer.refreshTokenCount();
        this.refreshRegenerate();
        return this.scrollIfFollowing(); // the footer (usage, cost) made the answer taller
      }
      case 'busy':
        this.busy = message.busy;
        this.composer.setBusy(message.busy);
        return this.refreshRegenerate();
      case 'keyState': return this.setKeyState(message.hasApiKey);
      case 'modelState': return this.setModels(message.model, message.models, message.infos);
      case 'chatOptions': {
        if (message.chatId !== this.chat?.id) return;
        const modelChanged = (this.chat.options?.model ?? '') !== (message.options.model ?? '');
        const workspaceChanged = !!this.chat.options?.wholeWorkspace !== !!message.options.wholeWorkspace;
        this.chat.options = message.options;
        this.renderModelAndOptions();
        // Another model, another input limit; the whole workspace on or off, another request.
        if (modelChanged || workspaceChanged) this.composer.refreshTokenCount();
        return;
      }
      case 'workspacePack':
        this.workspacePacks = applyWorkspacePack(this.workspacePacks, message.chatId, message.pack);
        if (message.chatId !== this.chat?.id) return;
        this.renderModelAndOptions();
        return this.composer.refreshTokenCount();
      case 'turnChanges': {
        if (message.chatId !== this.chat?.id) return;
        const turn = this.chat.turns.find((t) => t.id === message.turnId);
        if (turn?.role === 'model') turn.changes = message.changes;
        const element = this.modelTurns.get(message.turnId);
        if (element) element.view.changes = message.changes;
        element?.renderChanges();
        return this.scrollIfFollowing();
      }
      case 'attachments': return this.composer.setAttachments(message.items);
      case 'historyList': return this.history.setAllItems(message.items);
      case 'focusComposer': return this.composer.focus();
      case 'notice': return this.composer.showNotice(message.text);
      case 'showHistory': return this.history.setVisible(message.visible);
      case 'reply': return; // settled by the connection above
      default: return assertNever(message);
    }
  }

  private applySnapshot(snapshot: ChatSnapshot): void {
    this.busy = snapshot.busy;
    this.composer.setBusy(snapshot.busy);
    this.composer.setAttachments(snapshot.attachments);
    this.setKeyState(snapshot.hasApiKey);
    this.composer.setAgentStatus(snapshot.agent);
    this.workspacePacks = snapshot.workspacePacks ?? {};
    this.history.setItems(snapshot.history);
    const state = this.host.state;
    const restoreScroll = state.stickToBottom === false && state.scrollTop !== undefined;
    // A saved scroll position counts from the first turn rendered then: render from that turn again.
    this.renderChat(snapshot.chat, restoreScroll ? state.firstTurn : undefined);
    this.setModels(snapshot.model, snapshot.models, snapshot.modelInfos);
    if (state.historyOpen) this.history.setVisible(true);
    if (restoreScroll) {
      this.stickToBottom = false;
      this.revealUntilReachable(state.scrollTop!);
      this.transcript.scrollTop = state.scrollTop!;
      this.saveScroll();
    } else this.scrollToBottom();
  }

  /** Opens a chat at its end: only its last turns are rendered, older ones on demand. */
  private renderChat(chat: ChatView, savedFirstTurn?: number): void {
    for (const element of this.modelTurns.values()) element.dispose();
    this.modelTurns.clear();
    this.chat = chat;
    this.history.setOpenChat(chat.id);
    this.renderModelAndOptions();
    this.composer.refreshTokenCount();
    this.firstRendered = chat.turns.length ? restoreStart(chat.turns, savedFirstTurn) : 0;
    this.stickToBottom = true;
    if (!chat.turns.length) {
      this.earlier.setHiddenCount(0);
      this.renderEmpty();
    } else {
      this.transcript.replaceChildren(this.earlier.element, ...chat.turns.slice(this.firstRendered).map((turn) => this.renderTurn(turn)));
      this.earlier.setHiddenCount(this.firstRendered);
      this.refreshRegenerate();
      this.scrollToBottom();
    }
    // Our own scroll to the end saves nothing (see wire): the previous chat's position must not outlive it.
    this.saveScroll();
  }

  /** Renders the batch of turns before the first rendered one, above it. */
  private revealEarlier(cause: RevealCause): void {
    if (!this.chat || this.firstRendered === 0) return;
    const end = this.firstRendered;
    const start = batchStart(this.chat.turns, end);
    const anchor = this.earlier.element.nextElementSibling;
    const anchorTop = anchor?.getBoundingClientRect().top ?? 0;
    this.earlier.element.after(...this.chat.turns.slice(start, end).map((turn) => this.renderTurn(turn)));
    this.firstRendered = start;
    this.earlier.setHiddenCount(start);
    this.refreshRegenerate();
    // Scrolling up, what the reader was looking at stays put (the browser's own scroll anchoring
    // may have done it already: then the difference is 0). The button leaves its row where it is,
    // so the turns it brought in follow it in reading order.
    if (cause === 'scroll' && anchor) this.transcript.scrollTop += anchor.getBoundingClientRect().top - anchorTop;
    this.saveScroll();
  }

  /** A saved scroll position without its first turn (or measured taller) needs enough turns above it. */
  private revealUntilReachable(scrollTop: number): void {
    const transcript = this.transcript;
    // No layout (a hidden view): nothing to measure, and rendering everything would be the old cost.
    if (!transcript.clientHeight) return;
    while (this.firstRendered > 0 && transcript.scrollHeight - transcript.clientHeight < scrollTop) this.revealEarlier('button');
  }

  /** A turn event for a turn not in the DOM (never the streaming one, which is last): keep its view current. */
  private updateUnrendered(turnId: string, apply: (turn: ModelTurnView) => void): void {
    const turn = this.chat?.turns.find((t) => t.id === turnId);
    if (turn?.role === 'model') apply(turn);
  }

  private renderEmpty(): void {
    this.transcript.replaceChildren(h('div', { class: 'empty-state' },
      h('h2', {}, EMPTY_HEADING),
      h('p', {}, l10n.t('Ask a question, paste an error, or attach a selection or a file with the buttons below. Gemini can read your workspace to answer.')),
      h('p', { class: 'hint' }, l10n.t('Enter sends · Shift+Enter adds a line · ↑ edits your last message'))));
  }

  private appendTurn(turn: TurnView): void {
    this.transcript.querySelector('.empty-state')?.remove();
    this.transcript.append(this.renderTurn(turn));
    if (turn.role === 'model') this.refreshRegenerate();
  }

  private renderTurn(turn: TurnView): HTMLElement {
    try {
      if (turn.role === 'user') return renderUserTurn(turn);
      const element = new ModelTurnElement(turn);
      this.modelTurns.set(turn.id, element);
      return element.element;
    } catch {
      // One turn that cannot be rendered must not take the others (or the stored chat) with it.
      this.modelTurns.delete(turn.id);
      return renderUnrenderableTurn(turn);
    }
  }

  /** Only the last answer can be regenerated, and not while one is streaming. */
  private refreshRegenerate(): void {
    const lastModel = [...(this.chat?.turns ?? [])].reverse().find((t) => t.role === 'model');
    for (const [id, element] of this.modelTurns) {
      const button = element.element.querySelector<HTMLButtonElement>('[data-turn-action="regenerate"]');
      if (button) button.hidden = this.busy || id !== lastModel?.id;
    }
    for (const button of Array.from(this.transcript.querySelectorAll<HTMLButtonElement>('[data-turn-action="edit"]'))) button.disabled = this.busy;
  }

  private setKeyState(hasKey: boolean): void {
    this.keyBanner.hidden = hasKey;
  }

  private setModels(model: string, models: string[], infos?: ModelSummary[]): void {
    const changed = model !== this.defaultModel;
    this.defaultModel = model;
    this.models = models;
    if (infos) this.modelInfos = infos;
    this.renderModelAndOptions();
    if (changed) this.composer.refreshTokenCount();
  }

  /** The picker shows the open chat's model; beside it, that model's limits; the composer its options. */
  private renderModelAndOptions(): void {
    if (!this.defaultModel) return;
    const model = this.chat?.options?.model || this.defaultModel;
    const names = this.models.includes(model) ? this.models : [model, ...this.models];
    this.modelPicker.replaceChildren(...names.map((name) => h('option', { value: name, selected: name === model, title: describeModel(this.summary(name)) }, modelOptionLabel(name, this.summary(name)))));
    this.modelPicker.value = model;
    const summary = this.summary(model);
    this.modelInfo.textContent = describeModel(summary);
    this.modelInfo.title = summary?.thinking.hint ?? '';
    this.composer.setChatOptions(this.chat?.options, summary, this.chat ? this.workspacePacks[this.chat.id] : undefined);
  }

  private summary(model: string): ModelSummary | undefined {
    return this.modelInfos.find((info) => info.id === model);
  }

  private lastUserTurn(): { id: string; text: string } | undefined {
    const turn = [...(this.chat?.turns ?? [])].reverse().find((t) => t.role === 'user');
    return turn && !this.busy ? { id: turn.id, text: turn.text } : undefined;
  }

  private wire(): void {
    this.root.addEventListener('click', (event) => this.onClick(event));
    this.modelPicker.addEventListener('change', () => this.host.post({ type: 'setChatOptions', model: this.modelPicker.value }));
    this.transcript.addEventListener('scroll', () => {
      // The event of our own scroll may arrive after the next chunk grew the answer: still following.
      if (this.transcript.scrollTop === this.autoScrollTop) return;
      const distance = this.transcript.scrollHeight - this.transcript.scrollTop - this.transcript.clientHeight;
      this.stickToBottom = distance < 24;
      this.saveScroll();
    }, { passive: true });
  }

  private saveScroll(): void {
    this.host.saveState({ scrollTop: this.transcript.scrollTop, stickToBottom: this.stickToBottom, firstTurn: this.firstRendered });
  }

  private onClick(event: MouseEvent): void {
    const target = event.target as Element;
    const link = target.closest('a');
    if (link) {
      // Links never navigate the webview: http(s) ones open through the host, others do nothing.
      event.preventDefault();
      const href = link.getAttribute('href') ?? '';
      if (/^https?:\/\//i.test(href)) this.host.post({ type: 'openLink', href });
      return;
    }
    const codeButton = target.closest('[data-code-action]');
    if (codeButton) return this.onCodeAction(codeButton, codeButton.getAttribute('data-code-action') as CodeAction);
    const failure = target.closest('[data-failure-action]');
    if (failure) {
      const action = failure.getAttribute('data-failure-action') as 'retry';
      const turnId = failure.closest('[data-turn-id]')?.getAttribute('data-turn-id') ?? undefined;
      return this.host.post({ type: 'runAction', action, ...(turnId ? { turnId } : {}) });
    }
    const turnAction = target.closest('[data-turn-action]');
    if (turnAction) return this.onTurnAction(turnAction);
    const rulesFile = target.closest('[data-rules-file]');
    if (rulesFile) this.host.post({ type: 'openRulesFile', path: rulesFile.getAttribute('data-rules-file') ?? '' });
    const review = reviewRequestOf(target);
    if (review) {
      if (review.action === 'toggleHunk') event.preventDefault(); // the host's answer redraws the box
      this.host.post({ type: 'reviewChanges', ...review });
    }
  }

  private onCodeAction(button: Element, action: CodeAction): void {
    const block = codeOfButton(button);
    if (!block) return;
    const language = block.language || undefined;
    if (action === 'copy') {
      this.host.post({ type: 'copy', text: block.code });
      flash(button, 'check');
    } else if (action === 'insert') this.host.post({ type: 'insertCode', code: block.code, language });
    else if (action === 'apply') this.host.post({ type: 'applyCode', code: block.code, language });
    else if (action === 'save') this.host.post({ type: 'saveCodeAsFile', code: block.code, language });
  }

  private onTurnAction(button: Element): void {
    const action = button.getAttribute('data-turn-action');
    const turnId = button.closest('[data-turn-id]')?.getAttribute('data-turn-id');
    const turn = this.chat?.turns.find((t) => t.id === turnId);
    if (!turn) return;
    if (action === 'edit' && turn.role === 'user' && !this.busy) this.composer.startEdit(turn.id, turn.text);
    else if (action === 'regenerate' && !this.busy) this.host.post({ type: 'regenerate', turnId: turn.id });
    else if (action === 'copy' && turn.role === 'model') {
      this.host.post({ type: 'copy', text: answerText(turn as ModelTurnView) });
      flash(button, 'check');
    }
  }

  /** At most one scroll per frame: reading scrollHeight per chunk would force a layout each time. */
  private scrollIfFollowing(): void {
    if (!this.stickToBottom || this.scrollQueued) return;
    this.scrollQueued = true;
    requestAnimationFrame(() => {
      this.scrollQueued = false;
      if (this.stickToBottom) this.scrollToBottom();
    });
  }

  private scrollToBottom(): void {
    this.transcript.scrollTop = this.transcript.scrollHeight;
    this.autoScrollTop = this.transcript.scrollTop;
  }
}

/** "1M in · 64K out · thinking: budget" */
/** `gemini-3.1-pro-preview (preview)`, `gemini-flash-latest (latest alias)`; stable models bare. */
export function modelOptionLabel(id: string, summary: ModelSummary | undefined): string {
  const stage = summary?.stage === 'preview' ? l10n.t('preview') : summary?.stage === 'latest' ? l10n.t('latest alias') : '';
  return stage ? `${id} (${stage})` : id;
}

export function describeModel(summary: ModelSummary | undefined): string {
  if (!summary) return '';
  const parts: string[] = [];
  if (summary.inputTokenLimit) parts.push(l10n.t('{0} in', formatTokens(summary.inputTokenLimit)));
  if (summary.outputTokenLimit) parts.push(l10n.t('{0} out', formatTokens(summary.outputTokenLimit)));
  const thinking = summary.thinking.kind;
  const noThinking = summary.thinking.hint.includes('does not think') || summary.thinking.hint === l10n.t('This model does not think.');
  parts.push(thinking === 'budget' ? l10n.t('thinking budget') : thinking === 'level' ? l10n.t('thinking levels') : noThinking ? l10n.t('no thinking') : l10n.t('thinks'));
  return parts.join(' · ');
}

/** Briefly swaps a button's icon to confirm an action (e.g. copied). */
function flash(button: Element, iconName: string): void {
  const original = Array.from(button.childNodes);
  button.replaceChildren(icon(iconName));
  setTimeout(() => button.replaceChildren(...original), 1200);
}
