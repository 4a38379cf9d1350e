// The composer's token meter: how many tokens the next request would carry (history + attached
// files + the draft, counted by the service) against the model's input limit. Asks the host after
// the user pauses (debounced); only the reply to the latest request is shown, so an answer to an
// older draft never replaces a newer one (the host also cancels counts that were superseded). With nothing to
// send (no draft, no attachment) it rests instead of counting: no request per answer or keystroke
// that does not change what would be sent. With "Whole workspace" on, the host's answer also
// carries the workspace part: the chat's pack (counted in the total, shown beside the bar and in
// the tooltip), or, before the first pack, the budget it will be packed to at send.
import type { TokenCount } from '../protocol/messages';
import type { WorkspaceShare } from '../protocol/workspacePack';
import type { HostConnection } from './api';
import { formatNumber, formatTokens } from '../common/format';
import { h, icon } from './dom';
import { l10n } from '../common/l10n';

export const TOKEN_METER_DEBOUNCE_MS = 400;

export class TokenMeterView {
  readonly element: HTMLElement;
  private readonly text: HTMLElement;
  private readonly fill: HTMLElement;
  private readonly glyph: HTMLElement;
  /** The workspace part, shown only with "Whole workspace" on. */
  private readonly workspace: HTMLElement;
  /** The latest question asked; replies to any other are stale. */
  private latest: Promise<unknown> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly host: HostConnection, private readonly draft: () => string, private readonly hasAttachments: () => boolean) {
    this.fill = h('span', { class: 'token-meter-fill' });
    this.text = h('span', { class: 'token-meter-text' }, '…');
    this.glyph = icon('dashboard');
    this.workspace = h('span', { class: 'token-meter-workspace', 'aria-hidden': 'true', hidden: true });
    this.element = h('div', { class: 'token-meter pending', role: 'status', 'aria-live': 'polite', title: l10n.t('Tokens the next message would send: history, attachments and your draft') },
      this.glyph, h('span', { class: 'token-meter-bar', 'aria-hidden': 'true' }, this.fill), this.text, this.workspace);
  }

  /** Counts again once the user has paused for a moment; a newer call replaces the pending one. */
  schedule(delayMs = TOKEN_METER_DEBOUNCE_MS): void {
    if (this.timer) clearTimeout(this.timer);
    this.element.classList.add('pending');
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.latest = undefined; // also makes any answer still on its way stale
      if (!this.draft().trim() && !this.hasAttachments()) return this.rest();
      const asked = this.host.request({ type: 'countTokens', text: this.draft() });
      this.latest = asked;
      void asked.then((reply) => {
        if (this.latest === asked) this.show(reply.result ?? { error: reply.error });
      });
    }, delayMs);
  }

  /** Drops a count that has not been asked yet. */
  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Nothing to send: an empty meter, no request. */
  private rest(): void {
    this.element.classList.remove('pending', 'ok', 'near', 'over', 'failed');
    this.element.classList.add('idle');
    this.glyph.className = 'codicon codicon-dashboard';
    this.fill.style.width = '0';
    this.text.textContent = '';
    this.workspace.hidden = true;
    this.element.title = l10n.t('Type a message or attach a file to see how many tokens it would send, history included.');
    this.element.removeAttribute('aria-label');
  }

  private show(message: TokenCount): void {
    if (message.unavailable) {
      this.element.hidden = true; // the host cannot count tokens (no model catalog)
      return;
    }
    if (message.superseded) return;
    this.element.classList.remove('pending', 'ok', 'near', 'over', 'failed', 'idle');
    if (message.error || message.tokens === undefined) {
      this.element.classList.add('failed');
      this.text.textContent = l10n.t('tokens: ?');
      this.workspace.hidden = true;
      this.element.title = message.error ?? l10n.t('Could not count tokens.');
      return;
    }
    const { tokens, limit } = message;
    const verdict = message.verdict ?? 'ok';
    this.element.classList.add(verdict);
    this.glyph.className = `codicon codicon-${verdict === 'ok' ? 'dashboard' : verdict === 'near' ? 'warning' : 'error'}`;
    this.text.textContent = limit ? l10n.t('{0} / {1} tokens', formatTokens(tokens), formatTokens(limit)) : l10n.t('{0} tokens', formatTokens(tokens));
    const share = limit ? Math.min(1, tokens / limit) : 0;
    this.fill.style.width = `${(share * 100).toFixed(1)}%`;
    const usage = limit ? l10n.t("{0} of the model's {1}-token input limit ({2}%)", formatNumber(tokens), formatNumber(limit), Math.round((tokens / limit) * 100)) : l10n.t('{0} tokens', formatNumber(tokens));
    const advice = verdict === 'over' ? ' ' + l10n.t('The message will not fit: remove attachments, start a new chat or pick a model with a larger limit.')
      : verdict === 'near' ? ' ' + l10n.t('Close to the limit: consider a new chat.') : '';
    const workspace = message.workspace ? ' ' + this.showWorkspace(message.workspace) : '';
    if (!message.workspace) this.workspace.hidden = true;
    const workspaceAdvice = message.workspace && verdict !== 'ok' ? ' ' + l10n.t('Turning "Whole workspace" off leaves the pack out.') : '';
    const counted = message.workspace?.tokens !== undefined
      ? l10n.t('Next message: {0}, counting history, attachments, your draft and the workspace pack.', usage)
      : l10n.t('Next message: {0}, counting history, attachments and your draft.', usage);
    this.element.title = counted + workspace + advice + workspaceAdvice;
    this.element.setAttribute('aria-label', l10n.t('Token meter: {0}.', usage) + workspace + advice + workspaceAdvice);
  }

  /** The workspace part beside the count; returns its sentence for the tooltip and the screen reader. */
  private showWorkspace(share: WorkspaceShare): string {
    this.workspace.hidden = false;
    const packed = share.tokens !== undefined;
    this.workspace.classList.toggle('at-send', !packed);
    this.workspace.replaceChildren(icon('files'), h('span', {}, packed ? formatTokens(share.tokens!) : l10n.t('at send')));
    if (!packed) {
      return l10n.t("Whole workspace: not packed yet; it is packed when you send, adding up to {0} tokens (half the model's input limit).", formatNumber(share.budgetTokens));
    }
    const part = l10n.t('Of which workspace: {0} tokens.', formatNumber(share.tokens!));
    return share.renew ? part + ' ' + l10n.t('Files changed since it was packed: it is packed again at send.') : part;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
