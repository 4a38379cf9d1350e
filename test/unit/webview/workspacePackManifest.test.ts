// The whole-workspace pack in the webview: the "Manifest" control beside the toggle (absent with
// the toggle off, disabled with its reason before the first pack, opening the manifest once the
// host has a pack, per chat) and the token meter's workspace part (the pack's tokens, or "at send"
// with the budget). The host side is the real router with a kept pack, so the messages the app
// folds are the ones the host posts.
import * as assert from 'node:assert/strict';
import { ChatController } from '../../../src/chat/controller';
import { ChatMessageRouter } from '../../../src/chat/router';
import { MemoryChatStore } from '../../../src/chat/store';
import type { WorkspacePackStatus } from '../../../src/context/packStatus';
import type { TurnRunner } from '../../../src/gemini/turnContract';
import { validateWebviewMessage } from '../../../src/protocol/validate';
import type { WorkspacePackInfo, WorkspacePacks } from '../../../src/protocol/workspacePack';
import { hostPort } from '../chat/emulatorChat';
import { MessageSink, RecordingLogger } from '../chat/helpers';
import { startChatApp } from './bundle';

const PACK: WorkspacePackInfo = { tokens: 41_200, budgetTokens: 524_288, files: 37, omitted: 1_204, model: 'gemini-2.5-flash', stale: false };
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function setup() {
  const runner: TurnRunner = {
    async *runTurn(request) {
      yield { type: 'finish', reason: 'stop' };
      return { contents: [request.message, { role: 'model', parts: [{ text: 'ok' }] }], status: 'done' };
    },
  };
  const packs: WorkspacePacks = {};
  const opened: string[] = [];
  const status: WorkspacePackStatus = {
    info: (chatId) => packs[chatId], all: () => ({ ...packs }), openManifest: async (chatId) => { opened.push(chatId); },
  };
  const sink = new MessageSink();
  const controller = new ChatController({ runner, store: new MemoryChatStore(), log: new RecordingLogger(), post: sink.post, getModel: () => 'gemini-2.5-flash', deltaIntervalMs: 0 });
  const router = new ChatMessageRouter(controller, hostPort({ getModel: () => 'gemini-2.5-flash', workspacePacks: status }), new RecordingLogger(), sink.post);
  const ui = startChatApp();
  /** Hands what the host posted since the last call to the webview. */
  const deliver = () => {
    for (const message of sink.messages) ui.app.handle(message);
    sink.clear();
  };
  return { controller, router, sink, ui, packs, opened, deliver };
}

describe('whole workspace: the manifest control and the meter in the webview', () => {
  it('no control with the toggle off; disabled with its reason before the first pack; opens the manifest once there is one', async () => {
    const { controller, router, ui, packs, opened, deliver } = setup();
    await router.handle({ type: 'ready' });
    deliver();
    const manifest = ui.$<HTMLButtonElement>('[data-pack-manifest]')!;
    assert.equal(manifest.hidden, true, 'toggle off, no pack: absent');

    ui.click(ui.$('[data-chat-option="wholeWorkspace"]'));
    await router.handle(ui.posted.at(-1));
    deliver();
    assert.equal(manifest.hidden, false);
    assert.equal(manifest.getAttribute('aria-disabled'), 'true');
    assert.match(manifest.title, /^No manifest yet: the workspace is packed when you send your next message/);
    assert.equal(manifest.getAttribute('aria-label'), manifest.title, 'the reason reaches a screen reader too');
    const before = ui.posted.length;
    ui.click(manifest);
    assert.equal(ui.posted.length, before, 'disabled: a click asks nothing');

    // The first send built and kept a pack: the host says so.
    packs[controller.chatId] = PACK;
    router.postWorkspacePack(controller.chatId);
    deliver();
    assert.equal(manifest.getAttribute('aria-disabled'), 'false');
    assert.equal(manifest.querySelector('.pack-size')?.textContent, '41.2K');
    assert.equal(manifest.title, "Show the manifest of this chat's workspace pack: 37 files, 41,200 tokens; 1,204 left out, with the reasons.");
    ui.click(manifest);
    const asked = ui.posted.at(-1)!;
    assert.deepEqual(asked, { type: 'openPackManifest' });
    assert.equal(validateWebviewMessage(asked).ok, true);
    await router.handle(asked);
    assert.deepEqual(opened, [controller.chatId], 'the host opens the open chat\'s manifest');

    packs[controller.chatId] = { ...PACK, stale: true };
    router.postWorkspacePack(controller.chatId);
    deliver();
    assert.ok(manifest.classList.contains('stale'));
    assert.match(manifest.title, /Files changed since: the next question packs the workspace again\.$/);

    await router.handle({ type: 'setChatOptions', wholeWorkspace: false });
    deliver();
    assert.equal(manifest.hidden, false, 'toggled off with a pack kept: what was sent can still be looked at');
    delete packs[controller.chatId];
    router.postWorkspacePack(controller.chatId);
    deliver();
    assert.equal(manifest.hidden, true, 'no pack and the toggle off: absent again');
  });

  it('shows each chat\'s own pack: from the snapshot, and after switching chats', async () => {
    const { controller, router, ui, packs, deliver } = setup();
    controller.setOptions({ wholeWorkspace: true });
    await controller.send('first chat');
    await controller.idle;
    const first = controller.chatId;
    packs[first] = PACK;
    await router.handle({ type: 'ready' });
    deliver();
    const manifest = ui.$<HTMLButtonElement>('[data-pack-manifest]')!;
    assert.equal(manifest.getAttribute('aria-disabled'), 'false', 'the snapshot carries the kept packs');

    await router.handle({ type: 'newChat' });
    await router.handle({ type: 'setChatOptions', wholeWorkspace: true });
    deliver();
    assert.equal(manifest.getAttribute('aria-disabled'), 'true', 'a new chat has no pack of its own');
    packs.other = { ...PACK, tokens: 9 };
    router.postWorkspacePack('other');
    deliver();
    assert.equal(manifest.getAttribute('aria-disabled'), 'true', 'another chat\'s pack is not this one\'s');

    await router.handle({ type: 'openChat', id: first });
    deliver();
    assert.equal(manifest.getAttribute('aria-disabled'), 'false');
    assert.equal(manifest.querySelector('.pack-size')?.textContent, '41.2K');
  });

  it('the meter shows the workspace part, or that it is packed at send, and counts again when the pack or the toggle changes', async () => {
    const { controller, router, ui, packs, deliver } = setup();
    await router.handle({ type: 'ready' });
    deliver();
    const input = ui.$<HTMLTextAreaElement>('.composer-input')!;
    input.value = 'Where is the parser?';
    input.dispatchEvent(new ui.window.Event('input', { bubbles: true }));
    await wait(450);
    const counts = () => ui.posted.filter((m) => m.type === 'countTokens');
    assert.equal(counts().length, 1);
    const meter = ui.$('.token-meter')!;
    const part = meter.querySelector<HTMLElement>('.token-meter-workspace')!;
    const answer = (result: object) => ui.app.handle({ type: 'reply', requestId: counts().at(-1)!.requestId as number, ok: true, result });

    answer({ tokens: 3_000, limit: 1_048_576, verdict: 'ok' });
    await wait(0);
    assert.equal(part.hidden, true, 'toggle off: no workspace part');
    assert.doesNotMatch(meter.title, /workspace/);

    await router.handle({ type: 'setChatOptions', wholeWorkspace: true });
    deliver();
    await wait(450);
    assert.equal(counts().length, 2, 'the toggle changes what is sent: counted again');
    answer({ tokens: 3_000, limit: 1_048_576, verdict: 'ok', workspace: { budgetTokens: 524_288 } });
    await wait(0);
    assert.equal(part.hidden, false);
    assert.equal(part.textContent, 'at send');
    assert.match(meter.title, /Whole workspace: not packed yet; it is packed when you send, adding up to 524,288 tokens \(half the model's input limit\)\./);
    assert.match(meter.getAttribute('aria-label') ?? '', /not packed yet/);
    assert.doesNotMatch(meter.title, /leaves the pack out/, 'no advice while it fits');

    packs[controller.chatId] = PACK;
    router.postWorkspacePack(controller.chatId);
    deliver();
    await wait(450);
    assert.equal(counts().length, 3, 'a new pack: counted again');
    answer({ tokens: 44_200, limit: 1_048_576, verdict: 'ok', workspace: { tokens: 41_200, budgetTokens: 524_288 } });
    await wait(0);
    assert.equal(meter.querySelector('.token-meter-text')?.textContent, '44.2K / 1M tokens', 'the total includes the pack');
    assert.equal(part.textContent, '41.2K');
    assert.match(meter.title, /^Next message: 44,200 of the model's 1,048,576-token input limit \(4%\), counting history, attachments, your draft and the workspace pack\. Of which workspace: 41,200 tokens\.$/);
    assert.match(meter.getAttribute('aria-label') ?? '', /Of which workspace: 41,200 tokens\./);

    input.value = 'Where is the parser now?';
    input.dispatchEvent(new ui.window.Event('input', { bubbles: true }));
    await wait(450);
    answer({ tokens: 44_200, limit: 1_048_576, verdict: 'ok', workspace: { tokens: 41_200, budgetTokens: 524_288, renew: true } });
    await wait(0);
    assert.match(meter.title, /Files changed since it was packed: it is packed again at send\.$/);

    input.value = 'Where is the parser, again?';
    input.dispatchEvent(new ui.window.Event('input', { bubbles: true }));
    await wait(450);
    answer({ tokens: 900_000, limit: 1_048_576, verdict: 'near', workspace: { tokens: 880_000, budgetTokens: 524_288 } });
    await wait(0);
    assert.match(meter.title, /Close to the limit: consider a new chat\. Turning "Whole workspace" off leaves the pack out\.$/);
  });
});
