// The whole webview app under jsdom, driven by host messages and user input: snapshot, streaming
// deltas, thoughts, tool cards, errors with actions, the composer's keys and the draft it keeps.
import * as assert from 'node:assert/strict';
import type { HostMessage } from '../../../src/protocol/messages';
import type { ChatView } from '../../../src/protocol/view';
import { loadInDom } from './bundle';

interface AppModule {
  ChatApp: new (root: HTMLElement, host: unknown) => { handle(message: HostMessage): void };
  HostConnection: new (api: unknown) => unknown;
}

const USAGE = { promptTokens: 12, outputTokens: 34, thoughtsTokens: 5, cachedTokens: 0, toolUsePromptTokens: 0, totalTokens: 51 };

function emptyChat(id = 'c1'): ChatView {
  return { id, title: 'New chat', turns: [], createdAt: 1, updatedAt: 1 };
}

function start(state: unknown = undefined) {
  const { module, window } = loadInDom<AppModule>("export { ChatApp } from './app'; export { HostConnection } from './api';");
  const posted: Record<string, unknown>[] = [];
  let saved: unknown = state;
  const api = { postMessage: (m: Record<string, unknown>) => posted.push(JSON.parse(JSON.stringify(m))), getState: () => saved, setState: (s: unknown) => { saved = s; } };
  const root = window.document.getElementById('app')!;
  const app = new module.ChatApp(root, new module.HostConnection(api));
  const $ = <T extends Element = HTMLElement>(selector: string) => root.querySelector(selector) as T | null;
  const $$ = (selector: string) => Array.from(root.querySelectorAll(selector));
  const key = (target: Element, init: KeyboardEventInit) => target.dispatchEvent(new window.KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init }));
  const click = (target: Element | null) => {
    assert.ok(target, 'element to click exists');
    target.dispatchEvent(new window.MouseEvent('click', { bubbles: true, cancelable: true }));
  };
  const type = (text: string) => {
    const input = $<HTMLTextAreaElement>('.composer-input')!;
    input.value = text;
    input.dispatchEvent(new window.Event('input', { bubbles: true }));
    return input;
  };
  const snapshot = (chat: ChatView, extra: Partial<Extract<HostMessage, { type: 'snapshot' }>['snapshot']> = {}) =>
    app.handle({ type: 'snapshot', snapshot: { chat, busy: false, hasApiKey: true, model: 'gemini-2.5-flash', models: ['gemini-2.5-flash', 'gemini-2.5-pro'], attachments: [], history: [], ...extra } });
  const tick = () => new Promise((r) => setTimeout(r, 0));
  return { app, window, root, posted, $, $$, key, click, type, snapshot, tick, state: () => saved };
}

describe('webview: ChatApp', () => {
  it('shows the empty state until a snapshot arrives, then the chat and the model picker', () => {
    const ui = start();
    assert.equal(ui.$('.empty-state h2')?.textContent, 'Ask Gemini about your code');
    ui.snapshot({ ...emptyChat(), turns: [
      { role: 'user', id: 'u1', text: 'What is 2+2?', attachments: [{ id: 'a', kind: 'selection', label: 'a.ts:1-2', bytes: 10 }], createdAt: 1 },
      { role: 'model', id: 'm1', status: 'done', segments: [{ kind: 'text', text: '**4**' }], model: 'gemini-2.5-pro', usage: USAGE, createdAt: 1 },
    ] });
    assert.equal(ui.$('.empty-state'), null);
    assert.equal(ui.$('.user-text')?.textContent, 'What is 2+2?');
    assert.equal(ui.$('.user-turn .chip')?.textContent, 'a.ts:1-2');
    assert.equal(ui.$('.answer-text strong')?.textContent, '4');
    assert.equal(ui.$('.model-name')?.textContent, 'gemini-2.5-pro');
    assert.match(ui.$('.usage')?.getAttribute('aria-label') ?? '', /12 tokens in, 34 out, 5 thinking/);
    assert.equal(ui.$('.usage')?.textContent, '12 in · 34 out · 5 thinking');
    assert.deepEqual(ui.$$('.model-picker option').map((o) => o.textContent), ['gemini-2.5-flash', 'gemini-2.5-pro']);
    assert.equal(ui.$<HTMLElement>('.key-banner')!.hidden, true);
  });

  it('streams deltas into a turn: thoughts collapsed, tool card updated in place, text appended', () => {
    const ui = start();
    ui.snapshot(emptyChat());
    ui.app.handle({ type: 'turnAppended', chatId: 'c1', turn: { role: 'user', id: 'u1', text: 'Read a.ts', attachments: [], createdAt: 1 } });
    ui.app.handle({ type: 'turnAppended', chatId: 'c1', turn: { role: 'model', id: 'm1', status: 'streaming', segments: [], createdAt: 1 } });
    ui.app.handle({ type: 'busy', busy: true });
    assert.ok(ui.$('.working'), 'a working indicator before the first token');
    const event = (e: unknown) => ui.app.handle({ type: 'turnEvent', chatId: 'c1', turnId: 'm1', event: e as never, at: Date.now() });
    event({ type: 'thought', text: 'I should read ' });
    event({ type: 'thought', text: 'the file.' });
    const thinking = ui.$<HTMLDetailsElement>('details.thinking')!;
    assert.equal(thinking.open, false, 'thoughts are collapsed');
    assert.equal(thinking.querySelector('summary')?.textContent?.trim(), 'Thinking');
    assert.equal(thinking.querySelector('.markdown')?.textContent?.trim(), 'I should read the file.');
    event({ type: 'toolCall', call: { id: 't1', name: 'read_file', args: { path: 'a.ts' } } });
    const card = ui.$('.tool-card')!;
    assert.ok(card.classList.contains('running'));
    assert.match(card.querySelector('summary')?.getAttribute('aria-label') ?? '', /read_file: running/);
    event({ type: 'toolResult', result: { id: 't1', name: 'read_file', ok: true, summary: 'read a.ts (1.2 KB)', bytes: 1234, durationMs: 8 } });
    assert.equal(ui.$$('.tool-card').length, 1, 'the card is updated, not duplicated');
    assert.ok(ui.$('.tool-card')!.classList.contains('ok'));
    assert.match(ui.$('.tool-result')?.textContent ?? '', /read a\.ts \(1\.2 KB\) · 1\.2 KB · 8 ms/);
    event({ type: 'text', text: 'It exports ' });
    event({ type: 'text', text: '`x`.\n\nSecond' });
    const paragraph = ui.$('.answer-text p');
    event({ type: 'text', text: ' paragraph.' });
    assert.ok(paragraph?.isConnected, 'the finished first paragraph node survives later deltas');
    assert.equal(ui.$$('.answer-text p').length, 2);
    assert.equal(ui.$('.answer-text p code')?.textContent, 'x');
    assert.equal(ui.$('.turn-footer button'), null, 'no footer actions while streaming');
    event({ type: 'usage', usage: USAGE, model: 'gemini-2.5-flash-001' });
    event({ type: 'finish', reason: 'stop' });
    ui.app.handle({ type: 'turnSettled', chatId: 'c1', turnId: 'm1', status: 'done', at: Date.now() });
    ui.app.handle({ type: 'busy', busy: false });
    assert.equal(ui.$('.model-turn')?.getAttribute('aria-busy'), 'false');
    assert.equal(ui.$('.model-name')?.textContent, 'gemini-2.5-flash-001');
    assert.equal(ui.$<HTMLButtonElement>('[data-turn-action="regenerate"]')!.hidden, false);
    ui.click(ui.$('[data-turn-action="regenerate"]'));
    assert.deepEqual(ui.posted.at(-1), { type: 'regenerate', turnId: 'm1' });
  });

  it('ignores deltas for another chat or before the snapshot', () => {
    const ui = start();
    ui.app.handle({ type: 'turnAppended', chatId: 'c1', turn: { role: 'user', id: 'u0', text: 'early', attachments: [], createdAt: 1 } });
    ui.snapshot(emptyChat());
    ui.app.handle({ type: 'turnAppended', chatId: 'other', turn: { role: 'user', id: 'u1', text: 'elsewhere', attachments: [], createdAt: 1 } });
    assert.equal(ui.$$('.turn').length, 0);
  });

  it('Enter sends, Shift+Enter does not, and the draft clears only when the host accepts', async () => {
    const ui = start();
    ui.snapshot(emptyChat());
    const input = ui.type('Hello Gemini');
    ui.key(input, { key: 'Enter', shiftKey: true });
    assert.equal(ui.posted.filter((m) => m.type === 'send').length, 0);
    ui.key(input, { key: 'Enter' });
    const send = ui.posted.find((m) => m.type === 'send')!;
    assert.deepEqual({ ...send, requestId: 0 }, { type: 'send', text: 'Hello Gemini', attachments: [], requestId: 0 });
    ui.app.handle({ type: 'reply', requestId: send.requestId as number, ok: false, error: 'Set your Gemini API key first.' });
    await ui.tick();
    assert.equal(input.value, 'Hello Gemini', 'a refused message stays in the composer');
    assert.equal(ui.$('.composer-notice')?.textContent, 'Set your Gemini API key first.');
    ui.key(input, { key: 'Enter' });
    const second = ui.posted.filter((m) => m.type === 'send')[1];
    ui.app.handle({ type: 'reply', requestId: second.requestId as number, ok: true });
    await ui.tick();
    assert.equal(input.value, '');
    assert.equal(ui.$<HTMLElement>('.composer-notice')!.hidden, true);
    assert.equal((ui.state() as { draft: string }).draft, '');
  });

  it('keeps the draft in webview state and restores it after a reload', () => {
    const first = start();
    first.snapshot(emptyChat());
    first.type('half-written question');
    return new Promise<void>((resolve) => setTimeout(() => {
      const state = first.state();
      assert.equal((state as { draft: string }).draft, 'half-written question');
      const second = start(state);
      assert.equal(second.$<HTMLTextAreaElement>('.composer-input')!.value, 'half-written question');
      resolve();
    }, 250));
  });

  it('Up in an empty composer edits the last message; sending resends from there; Escape cancels', async () => {
    const ui = start();
    ui.snapshot({ ...emptyChat(), turns: [
      { role: 'user', id: 'u1', text: 'first', attachments: [], createdAt: 1 },
      { role: 'model', id: 'm1', status: 'done', segments: [{ kind: 'text', text: 'a' }], createdAt: 1 },
      { role: 'user', id: 'u2', text: 'second question', attachments: [], createdAt: 1 },
      { role: 'model', id: 'm2', status: 'done', segments: [{ kind: 'text', text: 'b' }], createdAt: 1 },
    ] });
    const input = ui.$<HTMLTextAreaElement>('.composer-input')!;
    ui.key(input, { key: 'ArrowUp' });
    assert.equal(input.value, 'second question');
    assert.equal(ui.$<HTMLElement>('.edit-bar')!.hidden, false);
    ui.key(input, { key: 'Escape' });
    assert.equal(input.value, '');
    assert.equal(ui.$<HTMLElement>('.edit-bar')!.hidden, true);
    ui.click(ui.$('[data-turn-id="u1"] [data-turn-action="edit"]'));
    assert.equal(input.value, 'first');
    input.value = 'first, edited';
    ui.key(input, { key: 'Enter' });
    const edit = ui.posted.at(-1)!;
    assert.equal(edit.type, 'editAndResend');
    assert.equal(edit.turnId, 'u1');
    assert.equal(edit.text, 'first, edited');
  });

  it('turns the send button into stop while busy', () => {
    const ui = start();
    ui.snapshot(emptyChat(), { busy: true });
    const button = ui.$('.send-button')!;
    assert.equal(button.getAttribute('aria-label'), 'Stop the answer');
    ui.click(button);
    assert.deepEqual(ui.posted.at(-1), { type: 'stop' });
    ui.app.handle({ type: 'busy', busy: false });
    assert.equal(button.getAttribute('aria-label'), 'Send message');
  });

  it('shows an error banner with its recovery action, and a retry countdown', () => {
    const ui = start();
    ui.snapshot({ ...emptyChat(), turns: [
      { role: 'user', id: 'u1', text: 'q', attachments: [], createdAt: 1 },
      { role: 'model', id: 'm1', status: 'streaming', segments: [], createdAt: 1,
        retry: { attempt: 1, maxAttempts: 3, until: Date.now() + 4000, failure: { code: 'quotaPerMinute', message: 'Rate limited.', retryable: true } } },
    ] });
    assert.match(ui.$('.retry-banner')?.textContent ?? '', /Rate limited\. Retrying in [34] s \(attempt 1 of 3\)\./);
    ui.app.handle({ type: 'turnEvent', chatId: 'c1', turnId: 'm1', at: Date.now(),
      event: { type: 'error', failure: { code: 'invalidKey', message: 'The API key was rejected.', action: 'setKey', status: 400, retryable: false } } });
    assert.equal(ui.$('.retry-banner'), null);
    const banner = ui.$('.error-banner')!;
    assert.equal(banner.getAttribute('role'), 'alert');
    assert.equal(banner.querySelector('.banner-text')?.textContent, 'The API key was rejected.');
    ui.click(banner.querySelector('button'));
    assert.deepEqual(ui.posted.at(-1), { type: 'runAction', action: 'setKey', turnId: 'm1' });
  });

  it('a retired model: the banner is one line and its button names the replacement', () => {
    const ui = start();
    const message = 'The model "gemini-2.5-flash" is retired or not available to this key: switch to gemini-3.5-flash-lite.';
    ui.snapshot({ ...emptyChat(), turns: [
      { role: 'user', id: 'u1', text: 'q', attachments: [], createdAt: 1 },
      { role: 'model', id: 'm1', status: 'error', segments: [], createdAt: 1,
        error: { code: 'modelNotFound', message, action: 'switchModel', replacement: 'gemini-3.5-flash-lite', status: 404, retryable: false } },
    ] });
    const banner = ui.$('.error-banner')!;
    assert.equal(banner.querySelector('.banner-text')?.textContent, message);
    assert.equal(banner.querySelector('button')?.textContent, 'Switch to gemini-3.5-flash-lite');
    ui.click(banner.querySelector('button'));
    assert.deepEqual(ui.posted.at(-1), { type: 'runAction', action: 'switchModel', turnId: 'm1' });
  });

  it('marks previews and moving aliases in the model picker', () => {
    const ui = start();
    ui.snapshot(emptyChat(), { model: 'gemini-3.8-flash', models: ['gemini-3.8-flash', 'gemini-3.1-pro-preview', 'gemini-flash-latest'], modelInfos: [
      { id: 'gemini-3.8-flash', stage: 'stable', thinking: { kind: 'level', options: [], hint: '' } },
      { id: 'gemini-3.1-pro-preview', stage: 'preview', thinking: { kind: 'level', options: [], hint: '' } },
      { id: 'gemini-flash-latest', stage: 'latest', thinking: { kind: 'level', options: [], hint: '' } },
    ] });
    const labels = ui.$$('.model-picker option').map((o) => o.textContent);
    assert.deepEqual(labels, ['gemini-3.8-flash', 'gemini-3.1-pro-preview (preview)', 'gemini-flash-latest (latest alias)']);
  });

  it('shows the API key banner when the host says there is none', () => {
    const ui = start();
    ui.snapshot(emptyChat(), { hasApiKey: false });
    const banner = ui.$<HTMLElement>('.key-banner')!;
    assert.equal(banner.hidden, false);
    ui.click(banner.querySelector('button'));
    assert.deepEqual(ui.posted.at(-1), { type: 'runAction', action: 'setKey' });
    ui.app.handle({ type: 'keyState', hasApiKey: true });
    assert.equal(banner.hidden, true);
  });

  it('routes code block buttons and links through the host', () => {
    const ui = start();
    ui.snapshot({ ...emptyChat(), turns: [
      { role: 'model', id: 'm1', status: 'done', createdAt: 1, segments: [{ kind: 'text', text: 'See [docs](https://example.com) or [bad](javascript:alert(1)).\n\n```ts\nconst a = 1;\n```' }] },
    ] });
    ui.click(ui.$('[data-code-action="copy"]'));
    assert.deepEqual(ui.posted.at(-1), { type: 'copy', text: 'const a = 1;\n' });
    ui.click(ui.$('[data-code-action="insert"]'));
    assert.deepEqual(ui.posted.at(-1), { type: 'insertCode', code: 'const a = 1;\n', language: 'ts' });
    ui.click(ui.$('[data-code-action="apply"]'));
    assert.equal(ui.posted.at(-1)?.type, 'applyCode');
    ui.click(ui.$('[data-code-action="save"]'));
    assert.equal(ui.posted.at(-1)?.type, 'saveCodeAsFile');
    const links = ui.$$('.answer-text a');
    const before = ui.posted.length;
    ui.click(links[0]);
    assert.deepEqual(ui.posted.at(-1), { type: 'openLink', href: 'https://example.com' });
    ui.click(links[1]);
    assert.equal(ui.posted.length, before + 1, 'a non-http link does nothing');
  });

  it('renders chips for pending attachments, removable with a labelled button', () => {
    const ui = start();
    ui.snapshot(emptyChat(), { attachments: [{ id: 'a1', kind: 'image', label: 'shot.png', bytes: 2048 }] });
    const remove = ui.$('.composer-chips .chip-remove')!;
    assert.equal(remove.getAttribute('aria-label'), 'Remove shot.png');
    ui.click(remove);
    assert.deepEqual(ui.posted.at(-1), { type: 'removeAttachment', id: 'a1' });
    ui.click(ui.$('[data-attach="selection"]'));
    assert.equal(ui.posted.at(-1)?.type, 'attach');
    assert.equal(ui.posted.at(-1)?.kind, 'selection');
  });

  it('history panel: search, open and delete chats', () => {
    const ui = start();
    ui.snapshot(emptyChat('c2'), { history: [{ id: 'c1', title: 'Older chat', updatedAt: 1, turnCount: 2 }, { id: 'c2', title: 'Current', updatedAt: 2, turnCount: 0 }] });
    ui.app.handle({ type: 'showHistory', visible: true });
    assert.equal(ui.$<HTMLElement>('.history')!.hidden, false);
    const search = ui.posted.at(-1)!;
    assert.deepEqual([search.type, search.query, typeof search.requestId], ['searchHistory', '', 'number'], 'asked as a request: its reply carries the matches');
    assert.equal(ui.$('.history-item.current .history-item-title')?.textContent, 'Current');
    ui.click(ui.$('[data-delete-chat="c1"]'));
    assert.deepEqual(ui.posted.at(-1), { type: 'deleteChat', id: 'c1' });
    ui.click(ui.$('[data-open-chat="c1"]'));
    assert.deepEqual(ui.posted.at(-2), { type: 'openChat', id: 'c1' });
    assert.deepEqual(ui.posted.at(-1), { type: 'uiState', historyOpen: false });
    assert.equal(ui.$<HTMLElement>('.history')!.hidden, true);
  });
});
