// DOM for one turn of the transcript. A model turn keeps one element per segment, so a text delta
// appends to its StreamingMarkdown, a tool result updates its card, and nothing else is touched.
import type { TurnChange } from '../protocol/reduce';
import type { FailureAction } from '../protocol/messages';
import type { ModelSegment, ModelTurnView, UserTurnView } from '../protocol/view';
import { citedSources, decorateCitations, renderGrounding } from './citations';
import { renderCodeExecution } from './codeExecution';
import { formatBytes, formatNumber, formatTokens } from '../common/format';
import { formatUsd } from '../common/format';
import { h, icon, iconButton } from './dom';
import { StreamingMarkdown } from './markdown';
import { renderRules } from './rulesChip';
import { renderChangesCard } from './changesCard';
import { l10n } from '../common/l10n';

export const ACTION_LABELS: Record<FailureAction, string> = {
  retry: l10n.t('Retry'),
  setKey: l10n.t('Set API key'),
  switchModel: l10n.t('Switch model'),
  openSettings: l10n.t('Open settings'),
  openLog: l10n.t('Show log'),
};

const FINISH_NOTES: Record<string, string> = {
  maxTokens: l10n.t('The answer stopped at the output token limit.'),
  safety: l10n.t('The answer was blocked by the safety filters.'),
  recitation: l10n.t('The answer was stopped because it recited a source too closely.'),
  malformedFunctionCall: l10n.t('The model produced an invalid tool call.'),
  blocked: l10n.t('The request was blocked.'),
  empty: l10n.t('The model returned an empty answer.'),
  toolRoundsExceeded: l10n.t('The answer stopped after the maximum number of tool rounds.'),
  other: l10n.t('The answer ended unexpectedly.'),
};

export function renderUserTurn(turn: UserTurnView): HTMLElement {
  const chips = turn.attachments.length
    ? h('ul', { class: 'chips', 'aria-label': l10n.t('Attached context') }, ...turn.attachments.map((a) => h('li', { class: 'chip', title: a.detail ?? a.label }, icon(chipIcon(a.kind)), a.label)))
    : null;
  return h('article', { class: 'turn user-turn', 'data-turn-id': turn.id, 'aria-label': l10n.t('Your message') },
    h('div', { class: 'turn-header' }, h('span', { class: 'turn-author' }, l10n.t('You')),
      iconButton('edit', l10n.t('Edit and resend this message'), { 'data-turn-action': 'edit' })),
    chips,
    h('div', { class: 'user-text' }, turn.text));
}

/**
 * A turn whose rendering threw (a damaged stored turn, or markup nothing else caught): its raw
 * text as plain text, with a note, so one turn can never hide the rest of the chat.
 */
export function renderUnrenderableTurn(turn: UserTurnView | ModelTurnView): HTMLElement {
  const raw = turn.role === 'user' ? [turn.text]
    : (Array.isArray(turn.segments) ? turn.segments : []).map((s) => (s?.kind === 'text' ? s.text : undefined));
  const text = raw.filter((t): t is string => typeof t === 'string').join('\n\n');
  const user = turn.role === 'user';
  return h('article', { class: `turn ${user ? 'user-turn' : 'model-turn'}`, 'data-turn-id': turn.id, 'aria-label': user ? l10n.t('Your message') : l10n.t('Gemini answer') },
    h('div', { class: 'turn-header' }, h('span', { class: 'turn-author' }, user ? l10n.t('You') : 'Gemini')),
    h('div', { class: 'note render-failed', role: 'status' }, icon('warning'), ' ' + l10n.t('This message could not be displayed formatted; its raw text is shown below.')),
    h('div', { class: 'md-plain-text' }, text));
}

const CHIP_ICONS: Record<string, string> = { image: 'file-media', selection: 'selection', editor: 'files', pdf: 'file-pdf', document: 'file-text' };

export function chipIcon(kind: string): string {
  return CHIP_ICONS[kind] ?? 'file';
}

export class ModelTurnElement {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;
  private readonly status: HTMLElement;
  private readonly footer: HTMLElement;
  private readonly changes: HTMLElement;
  private readonly segments: { element: HTMLElement; markdown?: StreamingMarkdown }[] = [];
  private countdown: ReturnType<typeof setInterval> | undefined;
  /** The grounding whose citation markers are in the text (redrawn when a newer one arrives). */
  private citedGrounding: ModelTurnView['grounding'];

  constructor(private readonly turn: ModelTurnView) {
    this.body = h('div', { class: 'turn-body' });
    this.status = h('div', { class: 'turn-status' });
    this.footer = h('div', { class: 'turn-footer' });
    this.changes = h('div', { class: 'turn-changes' });
    this.element = h('article', { class: 'turn model-turn', 'data-turn-id': turn.id, 'aria-label': l10n.t('Gemini answer') },
      h('div', { class: 'turn-header' }, h('span', { class: 'turn-author' }, 'Gemini')),
      this.body, this.status, this.changes, this.footer);
    turn.segments.forEach((_, index) => this.addSegment(index));
    this.renderMeta();
    this.renderChanges();
  }

  /** Puts citation markers into the answer text once grounding metadata is known. */
  private syncCitations(): void {
    const grounding = this.turn.grounding;
    if (grounding === this.citedGrounding) return;
    this.citedGrounding = grounding;
    if (!grounding) return;
    for (const [index, source] of citedSources(this.turn.segments, grounding)) {
      const markdown = this.segments[index]?.markdown;
      if (!markdown) continue;
      markdown.reset(source);
      decorateCitations(markdown.element, grounding);
    }
  }

  get view(): ModelTurnView { return this.turn; }

  /** Applies what applyTurnEvent reported as changed. */
  update(change: TurnChange): void {
    if (change.kind === 'segment') {
      if (change.created) this.addSegment(change.index);
      else this.updateSegment(change.index, change.appended);
    }
    this.renderMeta();
  }

  /** Re-renders status, banners and footer (cheap; not per text chunk content). */
  renderMeta(): void {
    const turn = this.turn;
    this.element.classList.toggle('streaming', turn.status === 'streaming');
    this.element.setAttribute('aria-busy', String(turn.status === 'streaming'));
    this.status.replaceChildren(...this.statusNodes());
    this.footer.replaceChildren(...this.footerNodes());
    this.syncCountdown();
    this.syncCitations();
  }

  /** Redraws the Changes card (Agent mode) from turn.changes. */
  renderChanges(): void {
    this.changes.replaceChildren(...(this.turn.changes ? [renderChangesCard(this.turn.changes)] : []));
  }

  dispose(): void {
    if (this.countdown) clearInterval(this.countdown);
  }

  private addSegment(index: number): void {
    const segment = this.turn.segments[index];
    const rendered = renderSegment(segment);
    this.segments[index] = rendered;
    this.body.append(rendered.element);
  }

  private updateSegment(index: number, appended: string | undefined): void {
    const segment = this.turn.segments[index];
    const rendered = this.segments[index];
    if (!rendered) return this.addSegment(index);
    if ((segment.kind === 'text' || segment.kind === 'thought') && rendered.markdown) {
      // The reducer reports `appended` only when it grew this very segment: no need to compare texts.
      if (appended !== undefined) rendered.markdown.append(appended);
      else if (rendered.markdown.text !== segment.text) rendered.markdown.reset(segment.text);
      return;
    }
    const fresh = renderSegment(segment);
    rendered.element.replaceWith(fresh.element);
    this.segments[index] = fresh;
  }

  private statusNodes(): Node[] {
    const turn = this.turn;
    const nodes: Node[] = [];
    if (turn.rules?.files.length) nodes.push(renderRules(turn.rules));
    if (turn.status === 'streaming' && !turn.segments.length && !turn.retry) {
      nodes.push(h('div', { class: 'working', role: 'status' }, icon('loading', 'codicon-modifier-spin'), ' ' + l10n.t('Thinking…')));
    }
    if (turn.retry) {
      const retry = turn.retry;
      nodes.push(h('div', { class: 'banner warning retry-banner', role: 'status' }, icon('watch'),
        h('span', {}, `${retry.failure.message} ${l10n.t('Retrying in')} `, h('span', { class: 'retry-seconds' }, String(secondsLeft(retry.until))),
          ` ${l10n.t('s (attempt {0} of {1}).', retry.attempt, retry.maxAttempts)}`)));
    }
    if (turn.error) {
      const action = turn.error.action;
      nodes.push(h('div', { class: 'banner error error-banner', role: 'alert' }, icon('error'), h('span', { class: 'banner-text' }, turn.error.message),
        action ? h('button', { type: 'button', class: 'button', 'data-failure-action': action },
          action === 'switchModel' && turn.error.replacement ? l10n.t('Switch to {0}', turn.error.replacement) : ACTION_LABELS[action]) : null));
    } else if (turn.finish && turn.finish.reason !== 'stop' && turn.finish.reason !== 'cancelled') {
      nodes.push(h('div', { class: 'banner warning finish-banner', role: 'status' }, icon('warning'),
        h('span', {}, turn.finish.message || FINISH_NOTES[turn.finish.reason] || FINISH_NOTES.other)));
    }
    if (turn.status === 'stopped') nodes.push(h('div', { class: 'note' }, icon('debug-stop'), ' ' + l10n.t('Stopped.')));
    if (turn.status === 'interrupted') nodes.push(h('div', { class: 'note interrupted' }, icon('debug-disconnect'), ' ' + l10n.t('Interrupted: the window was reloaded while this answer was streaming.')));
    if (turn.grounding && (turn.grounding.sources.length || turn.grounding.queries.length || turn.grounding.urls?.length)) nodes.push(renderGrounding(turn.grounding));
    return nodes;
  }

  private footerNodes(): Node[] {
    const turn = this.turn;
    if (turn.status === 'streaming') return [];
    const parts: Node[] = [];
    if (turn.model) parts.push(h('span', { class: 'model-name', title: l10n.t('Model') }, turn.model));
    if (turn.usage) {
      const u = turn.usage;
      const cached = u.cachedTokens ? l10n.t(', {0} cached', formatNumber(u.cachedTokens)) : '';
      const label = l10n.t('{0} tokens in, {1} out', formatNumber(u.promptTokens), formatNumber(u.outputTokens)) + (u.thoughtsTokens ? l10n.t(', {0} thinking', formatNumber(u.thoughtsTokens)) : '') + cached;
      parts.push(h('span', { class: 'usage', title: label, 'aria-label': label },
        l10n.t('{0} in · {1} out', formatTokens(u.promptTokens), formatTokens(u.outputTokens)) + (u.thoughtsTokens ? ' · ' + l10n.t('{0} thinking', formatTokens(u.thoughtsTokens)) : '')));
      if (u.cachedTokens) parts.push(h('span', { class: 'usage-cached', title: l10n.t('Input tokens served from the context cache, billed at the cached rate') }, l10n.t('{0} cached', formatTokens(u.cachedTokens))));
    }
    if (turn.costUsd !== undefined) {
      const cost = formatUsd(turn.costUsd);
      parts.push(h('span', { class: 'usage-cost', title: l10n.t('Estimated cost of this answer: {0} (from the price table; gemini.pricing overrides it)', cost) }, `≈ ${cost}`));
    }
    parts.push(h('span', { class: 'spacer' }));
    parts.push(iconButton('copy', l10n.t('Copy answer'), { 'data-turn-action': 'copy' }));
    parts.push(iconButton('refresh', l10n.t('Regenerate answer'), { 'data-turn-action': 'regenerate' }));
    return parts;
  }

  private syncCountdown(): void {
    if (this.turn.retry && !this.countdown) {
      this.countdown = setInterval(() => {
        const seconds = this.element.querySelector('.retry-seconds');
        if (seconds && this.turn.retry) seconds.textContent = String(secondsLeft(this.turn.retry.until));
      }, 250);
    } else if (!this.turn.retry && this.countdown) {
      clearInterval(this.countdown);
      this.countdown = undefined;
    }
  }
}

function secondsLeft(until: number): number {
  return Math.max(0, Math.ceil((until - Date.now()) / 1000));
}

function renderSegment(segment: ModelSegment): { element: HTMLElement; markdown?: StreamingMarkdown } {
  switch (segment.kind) {
    case 'text': {
      const markdown = new StreamingMarkdown('markdown answer-text');
      markdown.reset(segment.text);
      return { element: markdown.element, markdown };
    }
    case 'thought': {
      const markdown = new StreamingMarkdown('markdown thought-text');
      markdown.reset(segment.text);
      const details = h('details', { class: 'thinking' }, h('summary', {}, icon('lightbulb'), ' ' + l10n.t('Thinking')), markdown.element);
      return { element: details, markdown };
    }
    case 'tool':
      return { element: renderToolCard(segment) };
    case 'codeExecution':
      return { element: renderCodeExecution(segment.execution) };
  }
}

function renderToolCard(segment: Extract<ModelSegment, { kind: 'tool' }>): HTMLElement {
  const { call, result } = segment;
  const args = JSON.stringify(call.args);
  const state = !result ? 'running' : result.ok ? 'ok' : 'failed';
  const stateIcon = state === 'running' ? icon('loading', 'codicon-modifier-spin') : icon(state === 'ok' ? 'check' : 'error');
  const label = l10n.t('Tool {0}: {1}', call.name, state === 'running' ? l10n.t('running') : state === 'ok' ? l10n.t('done') : l10n.t('failed'));
  return h('details', { class: `tool-card ${state}`, 'data-tool-id': call.id },
    h('summary', { 'aria-label': label }, icon('tools'), ' ', h('span', { class: 'tool-name' }, call.name), ' ',
      h('span', { class: 'tool-args' }, args.length > 80 ? `${args.slice(0, 79)}…` : args), h('span', { class: 'spacer' }), stateIcon),
    result ? h('div', { class: 'tool-result' }, h('span', {}, result.summary),
      h('span', { class: 'tool-meta' }, ` · ${formatBytes(result.bytes)} · ${l10n.t('{0} ms', formatNumber(result.durationMs))}`)) : null,
    h('pre', { class: 'tool-args-full' }, JSON.stringify(call.args, null, 2)));
}
