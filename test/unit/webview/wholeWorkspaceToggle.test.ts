// The "Whole workspace" toggle from the webview to the turn: the button posts the change, the
// router validates it, the controller stores it with the chat, and the next turn's request asks
// for the workspace pack (src/context/packRunner.ts turns that into the cached prefix).
import * as assert from 'node:assert/strict';
import { ChatController } from '../../../src/chat/controller';
import { ChatMessageRouter, type ChatHostPort } from '../../../src/chat/router';
import { MemoryChatStore } from '../../../src/chat/store';
import type { TurnRequest, TurnRunner } from '../../../src/gemini/turnContract';
import { validateWebviewMessage } from '../../../src/protocol/validate';
import { MessageSink, RecordingLogger } from '../chat/helpers';
import { startChatApp } from './bundle';

describe('whole workspace: the chat toggle', () => {
  it('posts the change, shows the confirmed state, and the next turn asks for the pack', async () => {
    const requests: TurnRequest[] = [];
    const runner: TurnRunner = {
      async *runTurn(request) {
        requests.push(request);
        yield { type: 'finish', reason: 'stop' };
        return { contents: [request.message, { role: 'model', parts: [{ text: 'ok' }] }], status: 'done' };
      },
    };
    const sink = new MessageSink();
    const controller = new ChatController({ runner, store: new MemoryChatStore(), log: new RecordingLogger(), post: sink.post, getModel: () => 'gemini-2.5-flash', deltaIntervalMs: 0 });
    const router = new ChatMessageRouter(controller, {} as ChatHostPort, new RecordingLogger(), sink.post);
    const ui = startChatApp();
    ui.app.handle({ type: 'snapshot', snapshot: controller.snapshot({ hasApiKey: true, model: 'gemini-2.5-flash', models: ['gemini-2.5-flash'], history: [] }) });

    const toggle = ui.$('[data-chat-option="wholeWorkspace"]')!;
    assert.equal(toggle.textContent, 'Whole workspace');
    assert.equal(toggle.getAttribute('aria-pressed'), 'false');
    ui.click(toggle);
    const posted = ui.posted.at(-1);
    assert.deepEqual(posted, { type: 'setChatOptions', wholeWorkspace: true });
    assert.equal(validateWebviewMessage({ type: 'setChatOptions', wholeWorkspace: 'yes' }).ok, false, 'malformed values are refused');

    await router.handle(posted);
    const confirmed = sink.of('chatOptions').at(-1)!;
    assert.deepEqual(confirmed.options, { wholeWorkspace: true });
    ui.app.handle(confirmed);
    assert.equal(toggle.getAttribute('aria-pressed'), 'true');

    await controller.send('Where is the parser?');
    await controller.idle;
    assert.equal(requests[0].wholeWorkspace, true);

    await router.handle({ type: 'setChatOptions', wholeWorkspace: false });
    await controller.send('And now?');
    await controller.idle;
    assert.equal(requests[1].wholeWorkspace, undefined, 'off again: a plain turn');
  });
});
