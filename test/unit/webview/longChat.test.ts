// A long chat in the webview under jsdom: only its last turns are rendered, older batches come in
// above them (button or scrolling near the top) in order and without moving what is on screen,
// and everything aimed at the last turns (streaming, regenerate, edit) keeps working.
import * as assert from 'node:assert/strict';
import type { HostMessage } from '../../../src/protocol/messages';
import type { ChatView, TurnView } from '../../../src/protocol/view';
import { loadInDom } from './bundle';

interface AppModule {
  ChatApp: new (root: HTMLElement, host: unknown) => { handle(message: HostMessage): void };
  HostConnection: new (api: unknown) => unknown;
  TURN_BATCH: number;
  batchStart(turns: readonly { role: string }[], end: number, size?: number): number;
  restoreStart(turns: readonly { role: string }[], savedFirst: number | undefined): number;
}

const ENTRY = "export { ChatApp } from './app'; export { HostConnection } from './api'; export * from './turnWindow';";
/** Every turn is this tall in the fake layout below; the transcript shows 400 px. */
const TURN_PX = 100;
const VIEW_PX = 400;

function longChat(turnCount: number, id = 'long'): ChatView {
  const turns: TurnView[] = [];
  for (let i = 0; i < turnCount / 2; i++) {
    turns.push({ role: 'user', id: `u${i}`, text: `Question ${i}`, attachments: [], createdAt: i });
    turns.push({ role: 'model', id: `m${i}`, status: 'done', segments: [{ kind: 'text', text: `Answer **${i}**` }], createdAt: i });
  }
  return { id, title: 'Long chat', turns, createdAt: 1, updatedAt: 1 };
}

/** The app with a fake IntersectionObserver and, with `layout`, a fake layout of fixed-height turns. */
function start(options: { state?: unknown; layout?: boolean } = {}) {
  const { module, window } = loadInDom<AppModule>(ENTRY);
  const observers: { callback: IntersectionObserverCallback; targets: Set<Element> }[] = [];
  (window as unknown as { IntersectionObserver: unknown }).IntersectionObserver = class {
    private readonly entry: { callback: IntersectionObserverCallback; targets: Set<Element> };
    constructor(callback: IntersectionObserverCallback) {
      this.entry = { callback, targets: new Set() };
      observers.push(this.entry);
    }
    observe(target: Element) { this.entry.targets.add(target); }
    unobserve(target: Element) { this.entry.targets.delete(target); }
    disconnect() { this.entry.targets.clear(); }
  };
  let saved: unknown = options.state;
  const posted: Record<string, unknown>[] = [];
  const api = { postMessage: (m: Record<string, unknown>) => posted.push(JSON.parse(JSON.stringify(m))), getState: () => saved, setState: (s: unknown) => { saved = s; } };
  const root = window.document.getElementById('app')!;
  const app = new module.ChatApp(root, new module.HostConnection(api));
  const transcript = root.querySelector('.transcript') as HTMLElement;
  let scrollTop = 0;
  if (options.layout) {
    const turnsIn = () => transcript.querySelectorAll('.turn').length;
    const max = () => Math.max(0, turnsIn() * TURN_PX - VIEW_PX);
    Object.defineProperty(transcript, 'clientHeight', { get: () => VIEW_PX });
    Object.defineProperty(transcript, 'scrollHeight', { get: () => turnsIn() * TURN_PX });
    Object.defineProperty(transcript, 'scrollTop', { get: () => scrollTop, set: (v: number) => { scrollTop = Math.max(0, Math.min(max(), v)); } });
    const original = window.Element.prototype.getBoundingClientRect;
    window.Element.prototype.getBoundingClientRect = function (this: Element) {
      if (!this.classList.contains('turn') || this.parentElement !== transcript) return original.call(this);
      const index = Array.from(transcript.querySelectorAll('.turn')).indexOf(this);
      return { top: index * TURN_PX - scrollTop } as DOMRect;
    };
  }
  const $$ = (selector: string) => Array.from(root.querySelectorAll(selector));
  const ids = () => $$('.turn').map((t) => t.getAttribute('data-turn-id'));
  const click = (target: Element | null) => {
    assert.ok(target, 'element to click exists');
    target.dispatchEvent(new window.MouseEvent('click', { bubbles: true, cancelable: true }));
  };
  const snapshot = (chat: ChatView, busy = false) =>
    app.handle({ type: 'snapshot', snapshot: { chat, busy, hasApiKey: true, model: 'gemini-2.5-flash', models: ['gemini-2.5-flash'], attachments: [], history: [] } });
  /** What the observer would report for the "earlier messages" row: it came within reach of the viewport. */
  const rowInReach = () => {
    const row = root.querySelector('.earlier-turns')!;
    const observer = observers.find((o) => o.targets.has(row));
    assert.ok(observer, 'the row is observed while turns are hidden');
    observer.callback([{ isIntersecting: true, target: row } as unknown as IntersectionObserverEntry], {} as IntersectionObserver);
  };
  const button = () => root.querySelector<HTMLButtonElement>('.show-earlier')!;
  const row = () => root.querySelector<HTMLElement>('.earlier-turns')!;
  return { module, app, window, root, transcript, posted, $$, ids, click, snapshot, rowInReach, button, row, state: () => saved as Record<string, unknown>, scrollTop: () => scrollTop };
}

const idsOf = (chat: ChatView, from: number, to = chat.turns.length) => chat.turns.slice(from, to).map((t) => t.id);

describe('webview: long chats render their last turns first', () => {
  it('a 1,000-turn snapshot renders only the last batch, with the rest behind a button', () => {
    const ui = start();
    const chat = longChat(1000);
    ui.snapshot(chat);
    const batch = ui.module.TURN_BATCH;
    assert.deepEqual(ui.ids(), idsOf(chat, 1000 - batch), 'the last batch, in order, starting with a question');
    assert.equal(ui.row().hidden, false);
    assert.equal(ui.row(), ui.transcript.firstElementChild, 'the row sits above the first rendered turn');
    assert.equal(ui.button().textContent, `Show earlier messages (${1000 - batch})`);
    assert.equal(ui.button().type, 'button', 'a real button: focusable and pressed with Enter or Space');
    const regenerate = ui.$$('[data-turn-action="regenerate"]') as HTMLButtonElement[];
    assert.deepEqual(regenerate.filter((b) => !b.hidden).map((b) => b.closest('[data-turn-id]')!.getAttribute('data-turn-id')), ['m499']);
  });

  it('"Show earlier messages" adds the previous batch above the rendered turns, in order, until none is left', () => {
    const ui = start();
    const chat = longChat(50);
    ui.snapshot(chat, true);
    assert.deepEqual(ui.ids(), idsOf(chat, 30));
    ui.click(ui.button());
    assert.deepEqual(ui.ids(), idsOf(chat, 10));
    assert.equal(ui.button().textContent, 'Show earlier messages (10)');
    assert.ok((ui.$$('[data-turn-action="edit"]') as HTMLButtonElement[]).every((b) => b.disabled), 'edit buttons of the revealed turns follow the busy state too');
    assert.equal(ui.state().firstTurn, 10, 'the saved scroll position says which turn it counts from');
    ui.click(ui.button());
    assert.deepEqual(ui.ids(), idsOf(chat, 0));
    assert.equal(ui.row().hidden, true);
    assert.equal(ui.row(), ui.transcript.firstElementChild);
    ui.click(ui.$$('[data-turn-id="u0"] [data-turn-action="edit"]')[0]);
    assert.equal(ui.root.querySelector<HTMLTextAreaElement>('.composer-input')!.value, '', 'no edit while an answer streams');
    ui.app.handle({ type: 'busy', busy: false });
    ui.click(ui.$$('[data-turn-id="u0"] [data-turn-action="edit"]')[0]);
    assert.equal(ui.root.querySelector<HTMLTextAreaElement>('.composer-input')!.value, 'Question 0', 'a revealed message can be edited');
  });

  it('scrolling near the top reveals the previous batch and keeps the turns on screen where they were', () => {
    const ui = start({ layout: true });
    const chat = longChat(100);
    ui.snapshot(chat);
    assert.equal(ui.scrollTop(), 20 * TURN_PX - VIEW_PX, 'opened at the bottom');
    ui.transcript.scrollTop = 50; // the reader scrolled up: u40 is 50 px above the top of the view
    ui.rowInReach();
    assert.deepEqual(ui.ids(), idsOf(chat, 60));
    assert.equal(ui.scrollTop(), 50 + 20 * TURN_PX, 'scrolled down by exactly the height added above');
    assert.equal(ui.root.querySelector('[data-turn-id="u40"]')!.getBoundingClientRect().top, -50);
  });

  it('streaming, regenerate and ↑ still target the last turns; an event for an unrendered turn is kept', () => {
    const ui = start();
    const chat = longChat(200);
    ui.snapshot(chat);
    ui.app.handle({ type: 'turnAppended', chatId: 'long', turn: { role: 'user', id: 'u100', text: 'One more', attachments: [], createdAt: 1 } });
    ui.app.handle({ type: 'turnAppended', chatId: 'long', turn: { role: 'model', id: 'm100', status: 'streaming', segments: [], createdAt: 1 } });
    ui.app.handle({ type: 'busy', busy: true });
    ui.app.handle({ type: 'turnEvent', chatId: 'long', turnId: 'm100', event: { type: 'text', text: 'Streamed **answer**' }, at: 2 });
    ui.app.handle({ type: 'turnSettled', chatId: 'long', turnId: 'm100', status: 'done', at: 3 });
    ui.app.handle({ type: 'busy', busy: false });
    assert.equal(ui.ids().at(-1), 'm100');
    assert.equal(ui.root.querySelector('[data-turn-id="m100"] .answer-text strong')?.textContent, 'answer');
    assert.equal(ui.button().textContent, 'Show earlier messages (180)', 'turns appended below do not change what is hidden above');
    const visible = (ui.$$('[data-turn-action="regenerate"]') as HTMLButtonElement[]).filter((b) => !b.hidden);
    assert.deepEqual(visible.map((b) => b.closest('[data-turn-id]')!.getAttribute('data-turn-id')), ['m100']);
    ui.click(visible[0]);
    assert.deepEqual(ui.posted.at(-1), { type: 'regenerate', turnId: 'm100' });
    const input = ui.root.querySelector<HTMLTextAreaElement>('.composer-input')!;
    input.dispatchEvent(new ui.window.KeyboardEvent('keydown', { key: 'ArrowUp', bubbles: true, cancelable: true }));
    assert.equal(input.value, 'One more');

    ui.app.handle({ type: 'turnEvent', chatId: 'long', turnId: 'm3', event: { type: 'text', text: ' and more' }, at: 4 });
    while (!ui.row().hidden) ui.click(ui.button());
    assert.equal(ui.root.querySelector('[data-turn-id="m3"] .answer-text')?.textContent?.trim(), 'Answer 3 and more');
  });

  it('a saved scroll position above the last batch is restored with the turns it counted from', () => {
    const chat = longChat(1000);
    const ui = start({ state: { draft: '', stickToBottom: false, scrollTop: 1500, firstTurn: 940 }, layout: true });
    ui.snapshot(chat);
    assert.deepEqual(ui.ids(), idsOf(chat, 940));
    assert.equal(ui.scrollTop(), 1500);
    assert.equal(ui.state().firstTurn, 940);
  });

  it('a saved scroll position without its first turn renders older batches until it is reachable', () => {
    const chat = longChat(1000);
    const ui = start({ state: { draft: '', stickToBottom: false, scrollTop: 3000 }, layout: true });
    ui.snapshot(chat);
    assert.deepEqual(ui.ids(), idsOf(chat, 960), '40 turns: 4,000 px, the first batch that lets 3,000 + 400 px fit');
    assert.equal(ui.scrollTop(), 3000);
  });

  it('another chat, or a new empty one, starts again from its own end', () => {
    const ui = start();
    ui.snapshot(longChat(100));
    ui.click(ui.button());
    const other = longChat(30, 'other');
    ui.app.handle({ type: 'chat', chat: other });
    assert.deepEqual(ui.ids(), idsOf(other, 10));
    assert.equal(ui.state().firstTurn, 10, 'the saved position is the new chat\'s');
    assert.equal(ui.button().textContent, 'Show earlier messages (10)');
    ui.app.handle({ type: 'chat', chat: { id: 'new', title: 'New chat', turns: [], createdAt: 1, updatedAt: 1 } });
    assert.ok(ui.root.querySelector('.empty-state'));
    assert.equal(ui.$$('.turn').length, 0);
    assert.equal(ui.root.querySelector('.earlier-turns'), null);
  });

  it('batches start at a question and never past the ends', () => {
    const { module } = start();
    const roles = (spec: string) => Array.from(spec, (c) => ({ role: c === 'u' ? 'user' : 'model' }));
    const turns = roles('umumumumum');
    assert.equal(module.batchStart(turns, 10, 4), 6);
    assert.equal(module.batchStart(turns, 10, 3), 6, 'moved back from an answer to its question');
    assert.equal(module.batchStart(turns, 4, 20), 0);
    assert.equal(module.batchStart(roles('mmum'), 4, 1), 2);
    assert.equal(module.batchStart(roles('mmmm'), 4, 1), 0, 'no question: from the start');
    assert.equal(module.restoreStart(turns, undefined), 0);
    const many = roles('um'.repeat(50));
    assert.equal(module.restoreStart(many, undefined), 80);
    assert.equal(module.restoreStart(many, 41), 40, 'a saved first turn that is an answer starts at its question');
    assert.equal(module.restoreStart(many, 90), 80, 'never fewer than the last batch');
    assert.equal(module.restoreStart(many, -3), 0);
  });
});
