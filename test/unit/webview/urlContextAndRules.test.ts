// URL context and rules chips end to end: the chat's URLs toggle puts Gemini's url_context tool in
// the request (and, before Gemini 3, wins over the workspace tools, which the service would refuse
// beside it); the pages it read (urlContextMetadata) come back through the real SDK and are listed
// like grounding sources; the rules files a turn applied show as chips that ask the host to open them.
import * as assert from 'node:assert/strict';
import { ChatController } from '../../../src/chat/controller';
import { ChatMessageRouter, type ChatHostPort } from '../../../src/chat/router';
import { MemoryChatStore } from '../../../src/chat/store';
import type { GroundingInfo } from '../../../src/gemini/events';
import { buildRequestConfig } from '../../../src/gemini/requestConfig';
import type { ChatOptions } from '../../../src/protocol/view';
import { validateWebviewMessage } from '../../../src/protocol/validate';
import { joinRules } from '../../../src/rules/rulesFiles';
import { withRules } from '../../../src/rules/rulesRunner';
import { chunks, GeminiEmulator, TEST_KEY } from '../../emulator';
import { toolCombinationError } from '../../emulator/toolRules';
import { settingValues } from '../../../src/config/settingValues';
import { engineFor, FakeTools } from '../gemini/helpers';
import { MessageSink, RecordingLogger } from '../chat/helpers';
import { startChatApp } from './bundle';

const startApp = startChatApp;

describe('URL context', () => {
  const declarations = [{ name: 'read_file', description: 'reads' }];
  const tools = (model: string) => buildRequestConfig({ model, settings: settingValues({}), features: { urlContext: true }, functionDeclarations: declarations }).tools;

  it('is a built-in tool: beside the workspace tools on Gemini 3, instead of them before', () => {
    assert.deepEqual(tools('gemini-3-flash-preview'), [{ functionDeclarations: declarations }, { urlContext: {} }]);
    assert.deepEqual(tools('gemini-2.5-flash'), [{ urlContext: {} }]);
    const both = buildRequestConfig({ model: 'gemini-2.5-pro', settings: settingValues({}), features: { urlContext: true, googleSearch: true } }).tools;
    assert.deepEqual(both, [{ googleSearch: {} }, { urlContext: {} }], 'search and URL context combine on every model');
  });

  it('the emulator refuses built-in tools with function declarations before Gemini 3, as the service does', () => {
    const body = { tools: [{ functionDeclarations: declarations }, { urlContext: {} }] };
    assert.match(JSON.stringify(toolCombinationError('gemini-2.5-flash', body)), /urlContext.*cannot be combined/);
    assert.equal(toolCombinationError('gemini-3-pro-preview', body), undefined);
    assert.equal(toolCombinationError('gemini-2.5-flash', { tools: [{ functionDeclarations: declarations }] }), undefined);
  });

  describe('in the chat', () => {
    let emu: GeminiEmulator;
    before(async () => { emu = await GeminiEmulator.start({ apiKey: TEST_KEY }); });
    afterEach(() => emu.reset());
    after(() => emu.close());

    async function ask(model: string, options: ChatOptions) {
      const { engine } = engineFor(emu, { settings: { model }, tools: new FakeTools({ read_file: () => 'x' }) });
      const sink = new MessageSink();
      const controller = new ChatController({ runner: engine, store: new MemoryChatStore(), log: new RecordingLogger(), post: sink.post, getModel: () => model, deltaIntervalMs: 0 });
      controller.setOptions(options);
      const ui = startApp();
      ui.app.handle({ type: 'snapshot', snapshot: controller.snapshot({ hasApiKey: true, model, models: [model], history: [] }) });
      sink.clear();
      await controller.send('Summarise https://example.com/a and https://example.com/paid');
      await controller.idle;
      for (const message of sink.messages) ui.app.handle(message);
      return { ui, chatId: controller.chatId, turn: controller.current().turns[1] as { grounding?: GroundingInfo; status: string } };
    }

    it('sends url_context and lists the pages read, with the ones that could not be read marked', async () => {
      emu.enqueue({ kind: 'stream', chunks: [
        chunks.text('Page A says hello.'),
        chunks.urlContext([{ url: 'https://example.com/a' }, { url: 'https://example.com/paid', status: 'URL_RETRIEVAL_STATUS_PAYWALL' }]),
        chunks.finish('STOP'),
      ] });
      const { ui, turn } = await ask('gemini-2.5-flash', { urlContext: true });
      assert.equal(turn.status, 'done');
      assert.deepEqual(emu.requests[0].body.tools, [{ urlContext: {} }], 'before Gemini 3 the toggle wins over the workspace tools');
      assert.deepEqual(turn.grounding?.urls, [{ uri: 'https://example.com/a', status: 'ok' }, { uri: 'https://example.com/paid', status: 'paywall' }]);
      const pages = ui.$$('.grounding ul.url-sources li');
      assert.deepEqual(pages.map((li) => li.textContent), ['https://example.com/a', 'https://example.com/paid (behind a paywall: not read)']);
      ui.click(pages[0].querySelector('a'));
      assert.deepEqual(ui.posted.at(-1), { type: 'openLink', href: 'https://example.com/a' });
    });

    it('on Gemini 3 the workspace tools stay beside it', async () => {
      emu.enqueue({ kind: 'stream', chunks: [chunks.text('ok'), chunks.finish('STOP')] });
      await ask('gemini-3-flash-preview', { urlContext: true });
      const sent = emu.requests[0].body.tools as Record<string, unknown>[];
      assert.deepEqual(sent.map((t) => Object.keys(t)[0]), ['functionDeclarations', 'urlContext']);
    });

    it('the URLs toggle posts the change and shows the confirmed state', async () => {
      emu.enqueue({ kind: 'stream', chunks: [chunks.text('ok'), chunks.finish('STOP')] });
      const { ui, chatId } = await ask('gemini-2.5-flash', {});
      const toggle = ui.$('[data-chat-option="urlContext"]')!;
      assert.equal(toggle.getAttribute('aria-pressed'), 'false');
      ui.click(toggle);
      assert.deepEqual(ui.posted.at(-1), { type: 'setChatOptions', urlContext: true });
      ui.app.handle({ type: 'chatOptions', chatId, options: { urlContext: true } });
      assert.equal(toggle.getAttribute('aria-pressed'), 'true');
    });
  });
});

describe('rules chips', () => {
  it('show the rules files a turn applied; a click asks the host to open that file, which the router passes on', async () => {
    const folder = { index: 0, name: 'ws', uri: 'file:///ws' };
    const rules = joinRules([
      { location: { folder, path: 'src/AGENTS.md' }, display: 'src/AGENTS.md', text: 'Tabs.', truncated: false },
      { location: { folder, path: 'GEMINI.md' }, display: 'GEMINI.md', text: 'Be brief.', truncated: false },
    ]);
    const runner = withRules({
      async *runTurn() {
        yield { type: 'text' as const, text: 'Done.' };
        yield { type: 'finish' as const, reason: 'stop' as const };
        return { contents: [], status: 'done' as const };
      },
    }, { load: async () => rules });
    const sink = new MessageSink();
    const controller = new ChatController({ runner, store: new MemoryChatStore(), log: new RecordingLogger(), post: sink.post, getModel: () => 'gemini-2.5-flash', deltaIntervalMs: 0 });
    const ui = startApp();
    ui.app.handle({ type: 'snapshot', snapshot: controller.snapshot({ hasApiKey: true, model: 'gemini-2.5-flash', models: [], history: [] }) });
    sink.clear();
    await controller.send('hi');
    await controller.idle;
    for (const message of sink.messages) ui.app.handle(message);
    const chips = ui.$$('.rules-applied .rules-chip');
    assert.deepEqual(chips.map((c) => c.textContent), ['src/AGENTS.md', 'GEMINI.md']);
    ui.click(chips[0]);
    const message = ui.posted.at(-1)!;
    assert.deepEqual(message, { type: 'openRulesFile', path: 'src/AGENTS.md' });

    const opened: string[] = [];
    const port = { openRulesFile: async (path: string) => { opened.push(path); } } as unknown as ChatHostPort;
    const replies = new MessageSink();
    await new ChatMessageRouter(controller, port, new RecordingLogger(), replies.post).handle({ ...message, requestId: 1 });
    assert.deepEqual(opened, ['src/AGENTS.md']);
    assert.deepEqual(replies.of('reply')[0], { type: 'reply', requestId: 1, ok: true });
  });
});

describe('attach terminal output and the tools picker', () => {
  it('the composer\'s terminal button asks the host for the last terminal output; the Tools button opens the picker', () => {
    const ui = startApp();
    ui.app.handle({ type: 'snapshot', snapshot: { chat: { id: 'c', title: '', turns: [], createdAt: 0, updatedAt: 0 }, busy: false, hasApiKey: true, model: 'gemini-2.5-flash', models: [], attachments: [], history: [] } });
    ui.click(ui.$('[data-attach="terminal"]'));
    const attach = ui.posted.find((m) => m.type === 'attach')!;
    assert.equal(attach.kind, 'terminal');
    assert.ok(validateWebviewMessage(attach).ok, 'the host accepts it');
    ui.click(ui.$('.tools-picker'));
    assert.deepEqual(ui.posted.at(-1), { type: 'pickTools' });
    assert.ok(validateWebviewMessage({ type: 'pickTools' }).ok);
    assert.equal(validateWebviewMessage({ type: 'attach', kind: 'shell' }).ok, false);
  });
});
