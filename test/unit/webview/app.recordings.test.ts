// The power features as the chat webview shows them, end to end: real recordings (01 thoughts,
// 03 Google Search grounding, 04 code execution) replayed by the emulator, read by the real engine
// through the SDK, folded by the host's controller into messages, and rendered by the webview app
// under jsdom: citation markers linked to sources, sources and queries, code execution cards,
// thinking and usage with cost. Then the composer's options, model info, token meter and drops.
import * as assert from 'node:assert/strict';
import { ChatController } from '../../../src/chat/controller';
import { summarizeModels, toModelSummary } from '../../../src/chat/modelSummaries';
import { MemoryChatStore } from '../../../src/chat/store';
import type { GroundingInfo } from '../../../src/gemini/events';
import type { ChatOptions } from '../../../src/protocol/view';

import { engineFor } from '../gemini/helpers';
import { MessageSink, RecordingLogger } from '../chat/helpers';
import { startChatApp } from './bundle';
import { TEST_KEY, useEmulator } from '../../harness/useEmulator';

const startApp = startChatApp;

const MODELS = ['gemini-2.5-flash', 'gemini-2.5-pro', 'gemini-3-flash-preview'];
const INFOS = [
  toModelSummary({ id: 'gemini-2.5-flash', displayName: 'Gemini 2.5 Flash', inputTokenLimit: 1048576, outputTokenLimit: 65536, thinking: true }),
  toModelSummary({ id: 'gemini-2.5-pro', inputTokenLimit: 1048576, outputTokenLimit: 65536, thinking: true }),
];

describe('webview: power features rendered from real recordings', () => {
  const emu = useEmulator();

  /** Runs one question through the real engine and host controller; returns the webview with everything posted. */
  async function render(recording: string, model: string, options: ChatOptions, question: string) {
    emu.enqueueRecording(recording);
    const { engine } = engineFor(emu, { settings: { model } });
    const sink = new MessageSink();
    const controller = new ChatController({ runner: engine, store: new MemoryChatStore(), log: new RecordingLogger(), post: sink.post, getModel: () => model, deltaIntervalMs: 0 });
    controller.setOptions(options);
    const ui = startApp();
    ui.app.handle({ type: 'snapshot', snapshot: controller.snapshot({ hasApiKey: true, model, models: MODELS, history: [], modelInfos: summarizeModels([...MODELS, model], INFOS) }) });
    sink.clear();
    await controller.send(question);
    await controller.idle;
    for (const message of sink.messages) ui.app.handle(message);
    const grounding = (controller.current().turns[1] as { grounding?: GroundingInfo }).grounding;
    return { ui, controller, grounding };
  }

  it('03: numbered citation markers after the supported sentences, linked to their sources; sources and queries listed', async () => {
    const { ui, grounding } = await render('03_pydantic-ai_sse_google_search_grounding_gemini-2.5-pro.yaml', 'gemini-2.5-pro', { googleSearch: true },
      'What is the weather in San Francisco today?');
    assert.ok(grounding && grounding.citations.length >= 5);
    const markers = ui.$$('.answer-text sup.citation');
    const cited = new Set(grounding.citations.filter((c) => c.sources.length).map((c) => c.end));
    assert.equal(markers.length, cited.size, 'one marker group per cited position');
    for (const marker of markers) {
      for (const link of Array.from(marker.querySelectorAll('a'))) {
        const number = Number(/^\[(\d+)\]$/.exec(link.textContent ?? '')?.[1]);
        assert.equal(link.getAttribute('href'), grounding.sources[number - 1].uri, 'marker [n] links to source n');
        assert.match(link.getAttribute('title') ?? '', new RegExp(`^Source ${number}: `));
      }
    }
    // The first marker sits right after the text of the first supported segment.
    const first = grounding.citations[0];
    const before = textBefore(ui.$('.answer-text')!, markers[0]);
    assert.ok(before.replace(/\s+/g, ' ').endsWith(first.text.replace(/[*#\n]/g, '').replace(/\s+/g, ' ').slice(-25)), `"${before.slice(-40)}" ends with the segment "${first.text.slice(-25)}"`);
    // Markers do not change the answer's words.
    const answer = (ui.$('.answer-text')!.textContent ?? '').replace(/\[\d+\]/g, '');
    assert.ok(answer.includes('San Francisco'));
    assert.doesNotMatch(ui.$('.answer-text')!.textContent ?? '', /[\uE000\uE001]/, 'no sentinel left behind');

    const sources = ui.$$('.grounding ol.sources li');
    assert.equal(sources.length, 5);
    assert.equal(sources[1].textContent, 'timeanddate.com');
    assert.equal(ui.$('.search-queries a')?.textContent, 'weather in San Francisco today');
    assert.equal(ui.$('.search-queries a')?.getAttribute('href'), 'https://www.google.com/search?q=weather%20in%20San%20Francisco%20today');

    ui.click(markers[0].querySelector('a'));
    assert.deepEqual(ui.posted.at(-1), { type: 'openLink', href: grounding.sources[Number(markers[0].querySelector('a')!.textContent!.slice(1, -1)) - 1].uri },
      'a click goes to the host, which opens only http(s) links');
    assert.match(ui.$('.usage')?.getAttribute('aria-label') ?? '', /thinking/);
  });

  it('04: the code execution becomes one card with its language, code, outcome and output', async () => {
    const { ui } = await render('04_pydantic-ai_sse_code_execution_gemini-3-flash.yaml', 'gemini-3-flash-preview', { codeExecution: true },
      'what is 65465-6544 * 65464-6+1.02255');
    const cards = ui.$$('.code-exec-card');
    assert.equal(cards.length, 1, 'the result completed the card of its code');
    const card = cards[0];
    assert.ok(card.classList.contains('ok'));
    assert.equal(card.querySelector('.code-exec-language')?.textContent, 'Python');
    assert.match(card.querySelector('.code-block code')?.textContent ?? '', /result = 65465 - 6544 \* 65464 - 6 \+ 1\.02255\nprint\(result\)/);
    assert.equal(card.querySelector('.code-block')?.getAttribute('data-language'), 'python');
    assert.match(card.querySelector('.code-exec-outcome')?.textContent ?? '', /Succeeded/);
    assert.equal(card.querySelector('.code-exec-output pre')?.textContent, '-428330955.97745\n');
    assert.match(ui.$('.answer-text')?.textContent ?? '', /-428,330,955\.97745/);
    ui.click(card.querySelector('[data-code-action="copy"]'));
    assert.equal(ui.posted.at(-1)?.type, 'copy');
    assert.match(String(ui.posted.at(-1)?.text), /^result = 65465/);
  });

  it('01: thoughts in the Thinking section; thinking tokens and the estimated cost in the usage line', async () => {
    const { ui, controller } = await render('01_pydantic-ai_sse_thoughts_gemini-2.5-pro.yaml', 'gemini-2.5-pro', { thinking: 'budget:8192' }, 'How do I cross the street?');
    assert.equal(emu.requests[0].body.generationConfig.thinkingConfig.thinkingBudget, 8192);
    assert.ok((ui.$('details.thinking .markdown')?.textContent ?? '').length > 50);
    const usage = (controller.current().turns[1] as { usage: { thoughtsTokens: number } }).usage;
    assert.match(ui.$('.usage')?.textContent ?? '', new RegExp(`${usage.thoughtsTokens} thinking`));
    assert.match(ui.$('.usage-cost')?.textContent ?? '', /^≈ \$0\.\d+$/);
    assert.match(ui.$('.usage-cost')?.getAttribute('title') ?? '', /Estimated cost/);
    assert.equal((ui.$<HTMLSelectElement>('.thinking-select'))?.value, 'budget:8192', 'the chat\'s thinking choice is shown');
  });
});

describe('webview: composer power controls', () => {
  function ready(options?: ChatOptions, model = 'gemini-2.5-flash') {
    const ui = startApp();
    ui.app.handle({ type: 'snapshot', snapshot: {
      chat: { id: 'c1', title: 'New chat', turns: [], createdAt: 1, updatedAt: 1, ...(options ? { options } : {}) },
      busy: false, hasApiKey: true, model, models: MODELS, attachments: [], history: [], modelInfos: summarizeModels(MODELS, INFOS),
    } });
    return ui;
  }
  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('shows the model\'s limits and a thinking picker that fits it; switching model is per chat', () => {
    const ui = ready();
    assert.equal(ui.$('.model-info')?.textContent, '1M in · 64K out · thinking budget');
    const thinking = Array.from(ui.$<HTMLSelectElement>('.thinking-select')!.options).map((o) => o.value);
    assert.deepEqual(thinking.slice(0, 3), ['default', 'budget:-1', 'budget:0']);
    const picker = ui.$<HTMLSelectElement>('.model-picker')!;
    picker.value = 'gemini-3-flash-preview';
    picker.dispatchEvent(new ui.window.Event('change'));
    assert.deepEqual(ui.posted.at(-1), { type: 'setChatOptions', model: 'gemini-3-flash-preview' });
    ui.app.handle({ type: 'chatOptions', chatId: 'c1', options: { model: 'gemini-3-flash-preview' } });
    assert.equal(picker.value, 'gemini-3-flash-preview');
    const levels = Array.from(ui.$<HTMLSelectElement>('.thinking-select')!.options).map((o) => o.value);
    assert.deepEqual(levels, ['default', 'level:minimal', 'level:low', 'level:medium', 'level:high']);
    assert.equal(ui.$('.model-info')?.textContent, 'thinking levels', 'not in the catalog: what its id tells');
  });

  it('Search and Code toggles post the change and show the host\'s confirmed state', () => {
    const ui = ready();
    const search = ui.$('[data-chat-option="googleSearch"]')!;
    assert.equal(search.getAttribute('aria-pressed'), 'false');
    ui.click(search);
    assert.deepEqual(ui.posted.at(-1), { type: 'setChatOptions', googleSearch: true });
    assert.equal(search.getAttribute('aria-pressed'), 'false', 'nothing changes until the host confirms');
    ui.app.handle({ type: 'chatOptions', chatId: 'c1', options: { googleSearch: true } });
    assert.equal(search.getAttribute('aria-pressed'), 'true');
    ui.click(ui.$('[data-chat-option="codeExecution"]'));
    assert.deepEqual(ui.posted.at(-1), { type: 'setChatOptions', codeExecution: true });
    const select = ui.$<HTMLSelectElement>('.thinking-select')!;
    select.value = 'budget:0';
    select.dispatchEvent(new ui.window.Event('change'));
    assert.deepEqual(ui.posted.at(-1), { type: 'setChatOptions', thinking: 'budget:0' });
    ui.app.handle({ type: 'chatOptions', chatId: 'other', options: { codeExecution: true } });
    assert.equal(ui.$('[data-chat-option="codeExecution"]')!.getAttribute('aria-pressed'), 'false', 'another chat\'s options are ignored');
  });

  it('the token meter asks once the user pauses, ignores stale answers and warns near and over the limit', async () => {
    const ui = ready();
    const input = ui.$<HTMLTextAreaElement>('.composer-input')!;
    await wait(450);
    const counts = () => ui.posted.filter((m) => m.type === 'countTokens');
    const initial = counts().length;
    assert.equal(initial, 0, 'nothing to send yet: no request');
    assert.ok(ui.$('.token-meter')!.classList.contains('idle'));
    for (const text of ['W', 'Wh', 'Why']) {
      input.value = text;
      input.dispatchEvent(new ui.window.Event('input', { bubbles: true }));
      await wait(50);
    }
    assert.equal(counts().length, initial, 'debounced while typing');
    await wait(450);
    assert.equal(counts().length, initial + 1);
    const last = counts().at(-1)!;
    assert.equal(last.text, 'Why');
    const requestId = last.requestId as number;
    ui.app.handle({ type: 'reply', requestId: requestId - 1, ok: true, result: { tokens: 1, limit: 100, verdict: 'ok' } });
    await wait(0);
    assert.ok(ui.$('.token-meter')!.classList.contains('pending'), 'an answer to another request is ignored');
    ui.app.handle({ type: 'reply', requestId, ok: true, result: { tokens: 900_000, limit: 1048576, verdict: 'near' } });
    await wait(0);
    const meter = ui.$('.token-meter')!;
    assert.ok(meter.classList.contains('near'));
    assert.equal(meter.querySelector('.token-meter-text')?.textContent, '900K / 1M tokens');
    assert.match(meter.getAttribute('aria-label') ?? '', /86%\)\. Close to the limit/);
    input.value = 'Why not';
    input.dispatchEvent(new ui.window.Event('input', { bubbles: true }));
    await wait(450);
    ui.app.handle({ type: 'reply', requestId: counts().at(-1)!.requestId as number, ok: true, result: { tokens: 1_200_000, limit: 1048576, verdict: 'over' } });
    await wait(0);
    assert.ok(meter.classList.contains('over') && !meter.classList.contains('near'));
    assert.match(meter.title, /will not fit/);
    assert.match((meter.querySelector('.token-meter-fill') as HTMLElement).style.width, /^100(\.0)?%$/, 'the bar is full');

    ui.app.handle({ type: 'chatOptions', chatId: 'c1', options: { model: 'gemini-2.5-pro' } });
    await wait(450);
    assert.equal(counts().length, initial + 3, 'another model, another limit: counted again');
    ui.app.handle({ type: 'reply', requestId: counts().at(-1)!.requestId as number, ok: true, result: { unavailable: true } });
    await wait(0);
    assert.equal(meter.hidden, true, 'a host that cannot count hides the meter');
  });

  it('sending cancels a count not yet asked, and the cleared composer asks for none', async () => {
    const ui = ready();
    const input = ui.$<HTMLTextAreaElement>('.composer-input')!;
    input.value = 'Quick question';
    input.dispatchEvent(new ui.window.Event('input', { bubbles: true }));
    input.dispatchEvent(new ui.window.KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    const send = ui.posted.find((m) => m.type === 'send')!;
    ui.app.handle({ type: 'reply', requestId: send.requestId as number, ok: true });
    ui.app.handle({ type: 'attachments', items: [] });
    await wait(500);
    assert.equal(ui.posted.filter((m) => m.type === 'countTokens').length, 0, 'no count request around a send');
  });

  it('drops of PDFs and text files go to the host as data; unsupported and too large files are refused, the draft kept', async () => {
    const ui = ready();
    const input = ui.$<HTMLTextAreaElement>('.composer-input')!;
    input.value = 'my draft';
    const File = ui.window.File;
    const drop = (files: File[]) => {
      const event = new ui.window.Event('drop', { bubbles: true, cancelable: true });
      Object.defineProperty(event, 'dataTransfer', { value: { files, items: files.map(() => ({ kind: 'file' })) } });
      ui.$('.composer')!.dispatchEvent(event);
    };
    const huge = new File(['x'], 'huge.pdf', { type: 'application/pdf' });
    Object.defineProperty(huge, 'size', { value: 21 * 1024 * 1024 });
    drop([new File(['%PDF-1.4'], 'spec.pdf', { type: 'application/pdf' }), new File(['# hi'], 'notes.md', { type: '' }), new File(['PK'], 'a.zip', { type: 'application/zip' }), huge]);
    await wait(20);
    const sent = ui.posted.filter((m) => m.type === 'attachData');
    assert.deepEqual(sent.map((m) => [m.name, m.mimeType]), [['spec.pdf', 'application/pdf']], 'one at a time: the next waits for the reply');
    ui.app.handle({ type: 'reply', requestId: sent[0].requestId as number, ok: true });
    await wait(20);
    const next = ui.posted.filter((m) => m.type === 'attachData')[1];
    assert.deepEqual([next.name, next.mimeType, next.base64], ['notes.md', 'text/plain', Buffer.from('# hi').toString('base64')]);
    ui.app.handle({ type: 'reply', requestId: next.requestId as number, ok: true });
    await wait(20);
    assert.equal(ui.posted.filter((m) => m.type === 'attachData').length, 2, 'the zip and the 21 MB file never leave the webview');
    const notice = ui.$('.composer-notice')!;
    assert.match(notice.textContent ?? '', /a\.zip cannot be attached: only images \(PNG, JPEG, WebP\), PDFs and text files/);
    assert.match(notice.textContent ?? '', /huge\.pdf is 21\.0 MB; pasted or dropped files can be up to 20\.0 MB/);
    assert.equal(input.value, 'my draft');
  });
});

/** The text of `root` that comes before `marker` in document order. */
function textBefore(root: HTMLElement, marker: Element): string {
  const range = root.ownerDocument.createRange();
  range.setStart(root, 0);
  range.setEndBefore(marker);
  return range.toString();
}
