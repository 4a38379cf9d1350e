// Per-chat options (model, Google Search, code execution, thinking) from the webview's message to
// the wire: the router validates and applies them, the controller stores them with the chat, and
// the real engine sends them through the SDK to the emulator. Closing a chat releases its cache.
import * as assert from 'node:assert/strict';
import { ChatController } from '../../../src/chat/controller';
import type { ChatSession } from '../../../src/chat/session';
import { MemoryChatStore } from '../../../src/chat/store';

import { emulatorChat } from './emulatorChat';
import { MessageSink, RecordingLogger } from './helpers';
import { TEST_KEY, useEmulator } from '../../harness/useEmulator';

describe('chat: per-chat options', () => {
  const emu = useEmulator();

  function setup(store = new MemoryChatStore()) {
    const closed: string[] = [];
    const chat = emulatorChat(emu, {
      model: 'gemini-2.5-flash', // a 2.5 model, for its budget control
      settings: { 'thinking.level': 'high' }, store, onChatClosed: (id) => closed.push(id),
      port: { listModels: async () => ['gemini-2.5-flash', 'gemini-3-pro-preview'] },
    });
    return { ...chat, closed };
  }
  const lastBody = () => emu.requests.at(-1)!.body;

  it('toggles Search and code execution and picks a thinking budget: the next request carries them', async () => {
    const { controller, router, sink } = setup();
    await router.handle({ type: 'setChatOptions', googleSearch: true, codeExecution: true, thinking: 'budget:0' });
    assert.deepEqual(sink.of('chatOptions').at(-1)?.options, { googleSearch: true, codeExecution: true, thinking: 'budget:0' });
    await controller.send('What is new in TypeScript 6?');
    await controller.idle;
    assert.match(emu.requests.at(-1)!.path, /models\/gemini-2\.5-flash:streamGenerateContent/);
    assert.deepEqual(lastBody().tools, [{ googleSearch: {} }, { codeExecution: {} }]);
    assert.deepEqual(lastBody().generationConfig.thinkingConfig, { includeThoughts: true, thinkingBudget: 0 });

    await router.handle({ type: 'setChatOptions', googleSearch: false, thinking: 'default' });
    await controller.send('And now?');
    await controller.idle;
    assert.deepEqual(lastBody().tools, [{ codeExecution: {} }]);
    assert.deepEqual(lastBody().generationConfig.thinkingConfig, { includeThoughts: true });
  });

  it('switches this chat\'s model; a budget that does not fit the new model falls back to the settings', async () => {
    const { controller, router, sink } = setup();
    await router.handle({ type: 'setChatOptions', thinking: 'budget:4096' });
    await router.handle({ type: 'setChatOptions', model: 'gemini-3-pro-preview' });
    assert.deepEqual(controller.current().options, { model: 'gemini-3-pro-preview' }, 'the 2.5 budget was dropped');
    assert.equal(sink.of('modelState').at(-1)?.infos?.find((m) => m.id === 'gemini-3-pro-preview')?.thinking.kind, 'level');
    await router.handle({ type: 'setChatOptions', thinking: 'level:low' });
    await controller.send('hi');
    await controller.idle;
    assert.match(emu.requests.at(-1)!.path, /models\/gemini-3-pro-preview:/);
    assert.deepEqual(lastBody().generationConfig.thinkingConfig, { includeThoughts: true, thinkingLevel: 'LOW' });
    assert.equal((controller.current().turns[1] as { model?: string }).model, 'gemini-emulator', 'the answering model is shown');

    await router.handle({ type: 'setChatOptions', model: 'gemini-2.5-flash' });
    assert.deepEqual(controller.current().options, {}, 'back on the default model: no override is kept');
  });

  it('stores the options with the chat and brings them back when it is opened again', async () => {
    const store = new MemoryChatStore();
    const { controller, router, sink } = setup(store);
    await router.handle({ type: 'setChatOptions', model: 'gemini-3-pro-preview', googleSearch: true });
    await controller.send('hello');
    await controller.idle;
    const id = controller.chatId;
    const saved = (await store.load(id)) as ChatSession;
    assert.deepEqual(saved.options, { model: 'gemini-3-pro-preview', googleSearch: true });

    await router.handle({ type: 'setChatOptions', model: 'my-tuned-model' });
    await controller.send('and here?');
    await controller.idle;
    await controller.newChat();
    assert.equal(controller.model(), 'gemini-2.5-flash', 'a new chat starts on the configured model');
    sink.clear();
    await router.handle({ type: 'openChat', id });
    assert.deepEqual(sink.of('chat').at(-1)?.chat.options, { model: 'my-tuned-model', googleSearch: true });
    assert.equal(controller.model(), 'my-tuned-model');
    assert.ok(sink.of('modelState').at(-1)?.infos?.some((m) => m.id === 'my-tuned-model'), 'the opened chat\'s own model is described too');
  });

  it('refuses malformed options at the door', async () => {
    const { router, controller } = setup();
    for (const bad of [{ thinking: 'budget:lots' }, { thinking: 'level:' }, { googleSearch: 'yes' }, { model: 'x y' }, { temperature: 2 }]) {
      await router.handle({ type: 'setChatOptions', ...bad });
    }
    assert.equal(controller.current().options, undefined);
  });

  it('tells the context cache when a chat is closed: new chat, another chat opened, deleted, window closing', async () => {
    const store = new MemoryChatStore();
    const { controller, closed } = setup(store);
    await controller.send('first');
    await controller.idle;
    const first = controller.chatId;
    await controller.newChat();
    await controller.send('second');
    await controller.idle;
    const second = controller.chatId;
    await controller.openChat(first);
    await controller.deleteChat(second);
    await controller.dispose();
    assert.deepEqual(closed, [first, second, second, first]);
  });

  it('every request of a chat carries its id as the cache key', async () => {
    const seen: (string | undefined)[] = [];
    const sink = new MessageSink();
    const controller = new ChatController({
      runner: { async *runTurn(request) { seen.push(request.cacheKey); return { contents: [request.message], status: 'done' }; } },
      store: new MemoryChatStore(), log: new RecordingLogger(), post: sink.post, getModel: () => 'gemini-2.5-flash',
    });
    await controller.send('a');
    await controller.idle;
    assert.deepEqual(seen, [controller.chatId]);
  });
});
