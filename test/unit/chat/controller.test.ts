// The chat controller with a scripted TurnRunner: what it tells the webview, what it sends the
// engine as history, what it saves, and how stop, regenerate, edit and failures behave.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { imageAttachment, textAttachment } from '../../../src/chat/attachments';
import { ChatController } from '../../../src/chat/controller';
import { ChatRejection } from '../../../src/chat/rejection';
import type { StoredModelTurn, StoredUserTurn } from '../../../src/chat/session';
import { FileChatStore, MemoryChatStore, type ChatStore } from '../../../src/chat/store';
import { MessageSink, RecordingLogger, ScriptedRunner, STOP, text, type ScriptedTurn } from './helpers';

function setup(script: ScriptedTurn[], store: ChatStore = new MemoryChatStore(), extra: { saveIntervalMs?: number; stopGraceMs?: number } = {}) {
  const runner = new ScriptedRunner(script);
  const sink = new MessageSink();
  const log = new RecordingLogger();
  const controller = new ChatController({ runner, store, log, post: sink.post, getModel: () => 'gemini-2.5-flash', ...extra });
  return { runner, sink, log, controller, store };
}

function lastAnswer(controller: ChatController): StoredModelTurn {
  return controller.current().turns.at(-1) as StoredModelTurn;
}

describe('chat: ChatController', () => {
  it('streams an answer: appends both turns, forwards every event, settles, and saves', async () => {
    const { controller, sink, store } = setup([{ events: [text('Hello'), text(', world'), STOP] }]);
    await controller.send('Hi there');
    assert.equal(controller.busy, true);
    await controller.idle;

    assert.deepEqual(sink.messages.map((m) => m.type), ['attachments', 'turnAppended', 'turnAppended', 'busy', 'turnEvent', 'turnEvent', 'turnEvent', 'turnSettled', 'busy']);
    const [user, model] = sink.of('turnAppended').map((m) => m.turn);
    assert.equal(user.role, 'user');
    assert.equal(model.role, 'model');
    assert.equal(sink.of('turnSettled')[0].status, 'done');
    const answer = lastAnswer(controller);
    assert.equal(answer.status, 'done');
    assert.deepEqual(answer.segments, [{ kind: 'text', text: 'Hello, world' }]);
    assert.equal(controller.current().title, 'Hi there');

    const saved = await store.load(controller.chatId);
    assert.deepEqual(saved?.turns.map((t) => t.role), ['user', 'model']);
    assert.equal((saved?.turns[1] as StoredModelTurn).status, 'done');
    assert.equal(await store.lastOpened(), controller.chatId);
  });

  it('sends the previous exchanges back as history, verbatim (thought signatures included)', async () => {
    const signed = { role: 'model', parts: [{ text: 'thinking', thought: true }, { text: 'Four.', thoughtSignature: 'c2lnbmF0dXJl' }] };
    const { controller, runner } = setup([
      { events: [text('Four.'), STOP], contents: (request) => [request.message, signed] },
      { events: [text('Five.'), STOP] },
    ]);
    await controller.send('2+2?');
    await controller.idle;
    await controller.send('and +1?');
    await controller.idle;
    assert.deepEqual(runner.requests[1].history, [{ role: 'user', parts: [{ text: '2+2?' }] }, signed]);
    assert.deepEqual(runner.requests[1].message, { role: 'user', parts: [{ text: 'and +1?' }] });
  });

  it('stops mid-stream: the partial answer is kept and marked stopped', async () => {
    const { controller, sink } = setup([{ events: [text('one '), text('two '), text('three '), text('four'), STOP], delayMs: 20 }]);
    await controller.send('count');
    while (!sink.of('turnEvent').length) await new Promise((r) => setTimeout(r, 5));
    controller.stop();
    await controller.idle;
    const answer = lastAnswer(controller);
    assert.equal(answer.status, 'stopped');
    assert.match((answer.segments[0] as { text: string }).text, /^one /);
    assert.doesNotMatch((answer.segments[0] as { text: string }).text, /four/);
    assert.equal(sink.of('turnSettled')[0].status, 'stopped');
    assert.equal(controller.busy, false);
  });

  it('settles a stopped turn even when the engine does not wind down', async () => {
    const { controller } = setup([{ events: [text('partial')], ignoreAbort: true }], undefined, { stopGraceMs: 30 });
    await controller.send('hang');
    await new Promise((r) => setTimeout(r, 20));
    controller.stop();
    await controller.idle;
    assert.equal(lastAnswer(controller).status, 'stopped');
    assert.equal(controller.busy, false);
  });

  it('marks a streaming answer interrupted (not stopped) when the window goes away', async () => {
    const store = new MemoryChatStore();
    const { controller } = setup([{ events: [text('part '), text('more'), STOP], delayMs: 20 }], store);
    await controller.send('question');
    await new Promise((r) => setTimeout(r, 30));
    await controller.dispose();
    const saved = await store.load(controller.chatId);
    assert.equal((saved!.turns[1] as StoredModelTurn).status, 'interrupted');
    assert.match(((saved!.turns[1] as StoredModelTurn).segments[0] as { text: string }).text, /^part /);
  });

  it('refuses a second message while answering, and an empty message', async () => {
    const { controller } = setup([{ events: [text('slow'), STOP], delayMs: 30 }]);
    await assert.rejects(controller.send('   '), ChatRejection);
    await controller.send('first');
    await assert.rejects(controller.send('second'), (e: Error) => e instanceof ChatRejection && /still answering/.test(e.message));
    await assert.rejects(controller.regenerate(), ChatRejection);
    await controller.idle;
    assert.equal(controller.current().turns.length, 2);
  });

  it('regenerates the last answer from the same question, dropping the old answer from history', async () => {
    const { controller, runner, sink } = setup([{ events: [text('A1'), STOP] }, { events: [text('B1'), STOP] }, { events: [text('B2'), STOP] }]);
    await controller.send('Q1');
    await controller.idle;
    await controller.send('Q2');
    await controller.idle;
    sink.clear();
    await controller.regenerate();
    await controller.idle;
    assert.deepEqual(sink.of('chat')[0].chat.turns.map((t) => t.role), ['user', 'model', 'user'], 'the old answer is removed first');
    assert.deepEqual(runner.requests[2].message, { role: 'user', parts: [{ text: 'Q2' }] });
    assert.equal(runner.requests[2].history.length, 2, 'only the Q1 exchange');
    assert.deepEqual(controller.current().turns.map((t) => (t.role === 'user' ? t.text : (t.segments[0] as { text: string }).text)), ['Q1', 'A1', 'Q2', 'B2']);
  });

  it('edits a previous message and resends from there, keeping its attachments', async () => {
    const { controller, runner } = setup([{ events: [text('A1'), STOP] }, { events: [text('A2'), STOP] }, { events: [text('A1 again'), STOP] }]);
    controller.addAttachments([textAttachment({ kind: 'selection', path: 'src/a.ts', languageId: 'typescript', text: 'let x = 1;', lines: { start: 3, end: 3 } })]);
    await controller.send('Explain', controller.attachments.map((a) => a.id));
    await controller.idle;
    await controller.send('Q2');
    await controller.idle;
    const firstUser = controller.current().turns[0] as StoredUserTurn;
    await controller.editAndResend(firstUser.id, 'Explain briefly');
    await controller.idle;
    const turns = controller.current().turns;
    assert.equal(turns.length, 2);
    assert.equal((turns[0] as StoredUserTurn).text, 'Explain briefly');
    assert.equal(controller.current().title, 'Explain briefly');
    const parts = runner.requests[2].message.parts!;
    assert.match(parts[0].text!, /^Selected code from src\/a\.ts lines 3-3:\n```typescript\nlet x = 1;\n```$/);
    assert.equal(parts[1].text, 'Explain briefly');
    assert.deepEqual(runner.requests[2].history, []);
    await assert.rejects(controller.editAndResend('nope', 'x'), ChatRejection);
  });

  it('sends attachments before the text, clears the used chips, and keeps images as inlineData', async () => {
    const { controller, runner, sink } = setup([{ events: [text('A picture.'), STOP] }]);
    controller.addAttachments([imageAttachment('image/png', 'iVBORw0KGgo=', 'shot.png')]);
    const unused = textAttachment({ kind: 'file', path: 'b.ts', languageId: 'typescript', text: 'b' });
    controller.addAttachments([unused]);
    const image = controller.attachments[0];
    assert.equal(image.kind, 'image');
    await controller.send('What is this?', [image.id]);
    await controller.idle;
    assert.deepEqual(runner.requests[0].message.parts, [{ inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } }, { text: 'What is this?' }]);
    assert.deepEqual(controller.attachments.map((a) => a.id), [unused.chip.id], 'only the sent chip is removed');
    assert.deepEqual(sink.of('attachments').at(-1)?.items.map((a) => a.label), ['b.ts']);
    const sentUser = sink.of('turnAppended')[0].turn;
    assert.equal(JSON.stringify(sentUser).includes('iVBORw0KGgo'), false, 'the webview gets chips, never the image data');
  });

  it('shows an engine error on the turn and leaves the failed exchange out of the next history', async () => {
    const failure = { code: 'quotaPerDay', message: 'Daily quota used up.', action: 'switchModel' as const, status: 429, retryable: false };
    const { controller, runner } = setup([
      { events: [{ type: 'error', failure }], status: 'error', contents: (r) => [r.message] },
      { events: [text('ok'), STOP] },
    ]);
    await controller.send('first');
    await controller.idle;
    const failed = lastAnswer(controller);
    assert.equal(failed.status, 'error');
    assert.deepEqual(failed.error, failure);
    await controller.send('second');
    await controller.idle;
    assert.deepEqual(runner.requests[1].history, [], 'no user message without an answer in the history');
  });

  it('turns a runner that throws into an error turn with a retry action (the message stays in the chat)', async () => {
    const { controller, log } = setup([{ events: [], throws: new Error('socket hang up') }]);
    await controller.send('hello');
    await controller.idle;
    const answer = lastAnswer(controller);
    assert.equal(answer.status, 'error');
    assert.equal(answer.error?.action, 'retry');
    assert.equal((controller.current().turns[0] as StoredUserTurn).text, 'hello');
    assert.ok(log.lines.some((l) => l.startsWith('error') && l.includes('socket hang up')));
  });

  it('saves a streaming answer periodically, and a reload finds it interrupted with its partial text', async () => {
    const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'gemini-ctl-'));
    try {
      const store = new FileChatStore(folder, new RecordingLogger());
      const events = Array.from({ length: 40 }, (_, i) => text(`w${i} `));
      const { controller } = setup([{ events, delayMs: 5, ignoreAbort: true }], store, { saveIntervalMs: 40, stopGraceMs: 20 });
      await controller.send('long answer please');
      await new Promise((r) => setTimeout(r, 150));
      // The "window" goes away here without settling the turn: read what is on disk.
      const reloaded = setup([], new FileChatStore(folder, new RecordingLogger())).controller;
      await reloaded.restore();
      const answer = lastAnswer(reloaded);
      assert.equal(reloaded.chatId, controller.chatId, 'the last chat is reopened');
      assert.equal(answer.status, 'interrupted');
      assert.match((answer.segments[0] as { text: string }).text, /^w0 w1 /);
      controller.stop();
    } finally {
      await fs.rm(folder, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 }); // the stopped turn may still be saving
    }
  });

  it('opens, lists, searches, deletes and exports chats', async () => {
    const { controller, sink } = setup([{ events: [text('Use `yaml`.'), STOP] }, { events: [text('Try `esbuild`.'), STOP] }]);
    await controller.send('Parse YAML?');
    await controller.idle;
    const first = controller.chatId;
    await controller.newChat();
    assert.notEqual(controller.chatId, first);
    await controller.send('Bundle TS?');
    await controller.idle;
    assert.deepEqual((await controller.searchHistory('yaml')).map((s) => s.id), [first]);
    assert.equal((await controller.searchHistory('')).length, 2);
    await controller.openChat(first);
    assert.equal(sink.of('chat').at(-1)?.chat.id, first);
    const exported = await controller.exportChat();
    assert.equal(exported.title, 'Parse YAML?');
    assert.match(exported.markdown, /^# Parse YAML\?\n/);
    assert.match(exported.markdown, /## You\n\nParse YAML\?/);
    assert.match(exported.markdown, /## Gemini \(gemini-2\.5-flash\)\n\nUse `yaml`\./);
    await controller.deleteChat(first);
    assert.notEqual(controller.chatId, first, 'deleting the open chat opens a new one');
    assert.deepEqual(sink.of('historyList').at(-1)?.items.map((s) => s.title), ['Bundle TS?']);
    await assert.rejects(controller.openChat(first), ChatRejection);
    await assert.rejects(controller.exportChat(), /empty/);
  });
});
