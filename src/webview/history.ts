// The chat history panel: a search box and the list of stored chats (newest first).
import type { ChatSummary } from '../protocol/view';
import type { HostConnection } from './api';
import { h, icon, iconButton } from './dom';
import { l10n } from '../common/l10n';
import { formatDate, formatNumber } from '../common/format';

export class HistoryPanel {
  readonly element: HTMLElement;
  private readonly search: HTMLInputElement;
  private readonly list: HTMLElement;
  private items: ChatSummary[] = [];
  private openChatId = '';
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private latestSearch: Promise<unknown> | undefined;

  constructor(private readonly host: HostConnection) {
    this.search = h('input', { type: 'search', class: 'history-search', placeholder: l10n.t('Search chats'), 'aria-label': l10n.t('Search chats') });
    this.list = h('ul', { class: 'history-list', role: 'list', 'aria-label': l10n.t('Chats') });
    this.element = h('section', { class: 'history', hidden: true, 'aria-label': l10n.t('Chat history') },
      h('div', { class: 'history-header' }, icon('history'), h('span', { class: 'history-title' }, l10n.t('History')), h('span', { class: 'spacer' }),
        iconButton('close', l10n.t('Close history'), { 'data-history': 'close' })),
      this.search, this.list);
    this.search.addEventListener('input', () => {
      if (this.searchTimer) clearTimeout(this.searchTimer);
      this.searchTimer = setTimeout(() => this.searchChats(), 150);
    });
    this.search.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') this.setVisible(false);
    });
    this.element.addEventListener('click', (event) => {
      const target = event.target as Element;
      if (target.closest('[data-history="close"]')) return this.setVisible(false);
      const remove = target.closest('[data-delete-chat]')?.getAttribute('data-delete-chat');
      if (remove) return void this.host.post({ type: 'deleteChat', id: remove });
      const open = target.closest('[data-open-chat]')?.getAttribute('data-open-chat');
      if (open) {
        this.host.post({ type: 'openChat', id: open });
        this.setVisible(false);
      }
    });
  }

  get visible(): boolean { return !this.element.hidden; }

  setVisible(visible: boolean): void {
    this.element.hidden = !visible;
    this.host.saveState({ historyOpen: visible });
    this.host.post({ type: 'uiState', historyOpen: visible });
    if (visible) {
      this.searchChats();
      this.search.focus();
    }
  }

  setOpenChat(id: string): void {
    this.openChatId = id;
    this.render();
  }

  /** The chats matching the search box; only the reply to the latest search is shown. */
  private searchChats(): void {
    const asked = this.host.request({ type: 'searchHistory', query: this.search.value });
    this.latestSearch = asked;
    void asked.then((reply) => {
      if (this.latestSearch === asked && reply.result) this.setItems(reply.result.items);
    });
  }

  /** A new full list (the host's push after a save or delete): shown unless a search is open. */
  setAllItems(items: ChatSummary[]): void {
    if (!this.search.value) this.setItems(items);
  }

  setItems(items: ChatSummary[]): void {
    this.items = items;
    this.render();
  }

  private render(): void {
    if (!this.items.length) {
      this.list.replaceChildren(h('li', { class: 'history-empty' }, this.search.value ? l10n.t('No chat matches.') : l10n.t('No saved chats yet.')));
      return;
    }
    this.list.replaceChildren(...this.items.map((item) => h('li', { class: `history-item${item.id === this.openChatId ? ' current' : ''}` },
      h('button', { type: 'button', class: 'history-open', 'data-open-chat': item.id, 'aria-current': item.id === this.openChatId ? 'true' : undefined },
        h('span', { class: 'history-item-title' }, item.title),
        h('span', { class: 'history-item-meta' }, `${formatDate(item.updatedAt)} · ${l10n.t('{0} messages', formatNumber(Math.ceil(item.turnCount / 2)))}`),
        item.snippet ? h('span', { class: 'history-item-snippet' }, item.snippet) : null),
      iconButton('trash', l10n.t('Delete chat "{0}"', item.title), { 'data-delete-chat': item.id }))));
  }
}
