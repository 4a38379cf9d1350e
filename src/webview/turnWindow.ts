// Long chats keep only their most recent turns in the DOM: rendering 1,000 turns of markdown on a
// restore took seconds and left tens of thousands of nodes. Older turns come in batches when the
// reader scrolls near the top (an IntersectionObserver on the "Show earlier messages" row) or
// presses that button, the fallback for keyboards, screen readers and Find.
import { h } from './dom';
import { l10n } from '../common/l10n';

/** Turns rendered at once: a chat's tail on open, then each older batch. */
export const TURN_BATCH = 20;

/**
 * Index of the first turn of a batch of about `size` turns ending before `end`, moved back to a
 * question so an answer is never shown without the message it answers.
 */
export function batchStart(turns: readonly { role: string }[], end: number, size = TURN_BATCH): number {
  let start = Math.max(0, Math.min(end, turns.length) - Math.max(1, size));
  while (start > 0 && turns[start].role !== 'user') start--;
  return start;
}

/** Where a restored chat's DOM starts: its last batch, or from `savedFirst` when the saved scroll position was measured with more turns above. */
export function restoreStart(turns: readonly { role: string }[], savedFirst: number | undefined): number {
  const tail = batchStart(turns, turns.length);
  if (savedFirst === undefined || !Number.isInteger(savedFirst) || savedFirst >= tail) return tail;
  return batchStart(turns, turns.length, turns.length - Math.max(0, savedFirst));
}

export type RevealCause = 'scroll' | 'button';

/** The row above the first rendered turn: the button, and the sentinel the observer watches. */
export class EarlierTurns {
  readonly element: HTMLElement;
  private readonly button: HTMLButtonElement;
  private readonly observer: IntersectionObserver | undefined;

  constructor(transcript: HTMLElement, reveal: (cause: RevealCause) => void) {
    this.button = h('button', { type: 'button', class: 'link-button show-earlier' });
    this.element = h('div', { class: 'earlier-turns', hidden: true }, this.button);
    this.button.addEventListener('click', () => reveal('button'));
    // Starts loading a screen or so before the top is reached, so scrolling up rarely waits.
    this.observer = typeof IntersectionObserver === 'function'
      ? new IntersectionObserver((entries) => { if (entries.some((entry) => entry.isIntersecting)) reveal('scroll'); }, { root: transcript, rootMargin: '800px 0px 0px 0px' })
      : undefined;
  }

  /** Shows how many turns are not rendered, and watches the row while there are some. */
  setHiddenCount(hidden: number): void {
    this.element.hidden = hidden === 0;
    this.button.textContent = l10n.t('Show earlier messages ({0})', hidden);
    // Observing anew reports the row's current state: a batch too short to push the row out of
    // reach asks for the next one, until the screen is filled or every turn is shown.
    this.observer?.unobserve(this.element);
    if (hidden) this.observer?.observe(this.element);
  }
}
