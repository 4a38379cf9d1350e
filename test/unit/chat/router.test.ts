// The router between the webview and the host: validation with a logged warning, replies to
// requests, the API-key gate that keeps the draft, links, recovery actions and editor effects.
import * as assert from 'node:assert/strict';
import { textAttachment } from '../../../src/chat/attachments';
import { ChatController } from '../../../src/chat/controller';
import { ChatRejection } from '../../../src/chat/rejection';
import { ChatMessageRouter, type ChatHostPort, type CodeBlock } from '../../../src/chat/router';
import type { StoredModelTurn } from '../../../src/chat/session';
import type { RequestResult } from '../../../src/protocol/messages';
import { MemoryChatStore } from '../../../src/chat/store';
import { MessageSink, RecordingLogger, ScriptedRunner, STOP, text } from './helpers';

class FakePort implements ChatHostPort {
  hasKey = true;
  model = 'gemini-2.5-flash';
  readonly calls: string[] = [];
  async hasApiKey(): Promise<boolean> { return this.hasKey; }
  getModel(): string { return this.model; }
  async listModels(): Promise<string[]> { return ['gemini-2.5-flash', 'gemini-2.5-pro']; }
  async setModel(model: string): Promise<void> { this.model = model; this.calls.push(`setModel ${model}`); }
  async copy(value: string): Promise<void> { this.calls.push(`copy ${value}`); }
  async insertCode(block: CodeBlock): Promise<void> { this.calls.push(`insert ${block.language}:${block.code}`); }
  async applyCode(block: CodeBlock): Promise<void> { this.calls.push(`apply ${block.code}`); }
  async saveCodeAsFile(block: CodeBlock): Promise<void> { this.calls.push(`save ${block.code}`); }
  async openExternal(href: string): Promise<void> { this.calls.push(`open ${href}`); }
  async runFailureAction(action: string): Promise<void> { this.calls.push(`action ${action}`); }
  async collectContext(source: string) {
    if (source === 'selection') throw new ChatRejection('Select some code in an editor first.');
    return [textAttachment({ kind: 'file', path: 'src/x.ts', languageId: 'typescript', text: 'x' })];
  }
  async saveExport(title: string, markdown: string): Promise<void> { this.calls.push(`export ${title} ${markdown.length}`); }
}

function setup(script = [{ events: [text('Hi!'), STOP] }]) {
  const sink = new MessageSink();
  const log = new RecordingLogger();
  const runner = new ScriptedRunner(script);
  const controller = new ChatController({ runner, store: new MemoryChatStore(), log, post: sink.post, getModel: () => 'gemini-2.5-flash' });
  const port = new FakePort();
  const router = new ChatMessageRouter(controller, port, log, sink.post);
  return { sink, log, runner, controller, port, router };
}

describe('chat: ChatMessageRouter', () => {
  it('answers ready with a snapshot of the whole visible state (and never the key)', async () => {
    const { router, sink } = setup();
    await router.handle({ type: 'ready' });
    const [snapshot] = sink.of('snapshot');
    assert.equal(snapshot.snapshot.hasApiKey, true);
    assert.equal(snapshot.snapshot.model, 'gemini-2.5-flash');
    assert.deepEqual(snapshot.snapshot.models, ['gemini-2.5-flash', 'gemini-2.5-pro']);
    assert.deepEqual(snapshot.snapshot.chat.turns, []);
    assert.equal(snapshot.snapshot.busy, false);
  });

  it('rejects malformed messages with a logged warning and does nothing else', async () => {
    const { router, sink, log, runner } = setup();
    await router.handle({ type: 'send', text: 5, attachments: [], requestId: 1 });
    await router.handle({ type: 'exec', command: 'rm -rf /' });
    await router.handle('ready');
    assert.equal(sink.messages.length, 0, 'no reply, no effect');
    assert.equal(runner.requests.length, 0);
    const warnings = log.lines.filter((l) => l.startsWith('warn'));
    assert.equal(warnings.length, 3);
    assert.match(warnings[0], /rejected a message \(send\.text: expected a string/);
    assert.doesNotMatch(warnings[1], /rm -rf/, 'the payload is not echoed into the log');
  });

  it('replies ok to an accepted send, and refuses one without an API key so the draft stays', async () => {
    const { router, sink, port, controller, runner } = setup();
    port.hasKey = false;
    await router.handle({ type: 'send', text: 'hello', attachments: [], requestId: 7 });
    assert.deepEqual(sink.of('keyState'), [{ type: 'keyState', hasApiKey: false }]);
    const refused = sink.of('reply')[0];
    assert.equal(refused.requestId, 7);
    assert.equal(refused.ok, false);
    assert.match(refused.error ?? '', /API key/);
    assert.equal(runner.requests.length, 0);
    assert.equal(controller.current().turns.length, 0);

    port.hasKey = true;
    await router.handle({ type: 'send', text: 'hello', attachments: [], requestId: 8 });
    assert.deepEqual(sink.of('reply')[1], { type: 'reply', requestId: 8, ok: true });
    await controller.idle;
    assert.equal(runner.requests.length, 1);
  });

  it('opens only http(s) links', async () => {
    const { router, port, sink } = setup();
    await router.handle({ type: 'openLink', href: 'https://ai.google.dev/gemini-api/docs' });
    for (const href of ['javascript:alert(1)', 'command:workbench.action.terminal.new', 'file:///etc/passwd', 'vscode://settings', 'data:text/html,x', ' https://x']) {
      await router.handle({ type: 'openLink', href });
    }
    assert.deepEqual(port.calls, ['open https://ai.google.dev/gemini-api/docs']);
    assert.equal(sink.of('notice').length, 6, 'each refusal is shown to the user');
  });

  it('runs recovery actions: retry regenerates, the others run their command', async () => {
    const { router, port, runner, controller } = setup([
      { events: [{ type: 'error', failure: { code: 'internal', message: 'Server error.', action: 'retry', retryable: true } }] },
      { events: [text('Second try worked.'), STOP] },
    ] as never);
    await router.handle({ type: 'send', text: 'q', attachments: [] });
    await controller.idle;
    const failed = controller.current().turns[1];
    await router.handle({ type: 'runAction', action: 'retry', turnId: failed.id });
    await controller.idle;
    assert.equal(runner.requests.length, 2);
    assert.equal(controller.current().turns.length, 2);
    assert.equal((controller.current().turns[1] as StoredModelTurn).status, 'done');
    for (const action of ['setKey', 'switchModel', 'openSettings', 'openLog'] as const) await router.handle({ type: 'runAction', action });
    assert.deepEqual(port.calls, ['action setKey', 'action switchModel', 'action openSettings', 'action openLog']);
  });

  it('routes code block actions, copy, model changes, history search and export', async () => {
    const { router, port, sink, controller } = setup();
    await router.handle({ type: 'insertCode', code: 'let a = 1;', language: 'ts' });
    await router.handle({ type: 'applyCode', code: 'let b = 2;' });
    await router.handle({ type: 'saveCodeAsFile', code: 'print(1)', language: 'python' });
    await router.handle({ type: 'copy', text: 'copied' });
    await router.handle({ type: 'setModel', model: 'gemini-2.5-pro' });
    assert.deepEqual(port.calls, ['insert ts:let a = 1;', 'apply let b = 2;', 'save print(1)', 'copy copied', 'setModel gemini-2.5-pro']);
    assert.equal(sink.of('modelState')[0].model, 'gemini-2.5-pro');

    await router.handle({ type: 'send', text: 'Tell me about YAML', attachments: [] });
    await controller.idle;
    await router.handle({ type: 'searchHistory', query: 'yaml', requestId: 2 });
    const found = sink.of('reply').find((reply) => reply.requestId === 2)?.result as RequestResult<'searchHistory'>;
    assert.deepEqual(found.items.map((i) => i.title), ['Tell me about YAML']);
    await router.handle({ type: 'exportChat', requestId: 3 });
    assert.match(port.calls.at(-1) ?? '', /^export Tell me about YAML \d+$/);
  });

  it('attaches context through the port and reports a refusal in the reply', async () => {
    const { router, sink, controller } = setup();
    await router.handle({ type: 'attach', kind: 'file', requestId: 1 });
    assert.deepEqual(controller.attachments.map((a) => a.label), ['x.ts']);
    await router.handle({ type: 'attach', kind: 'selection', requestId: 2 });
    assert.deepEqual(sink.of('reply').map((r) => [r.requestId, r.ok, r.error]), [[1, true, undefined], [2, false, 'Select some code in an editor first.']]);
    await router.handle({ type: 'pasteImage', mimeType: 'image/png', base64: 'iVBORw0KGgo=', name: 'a.png' });
    assert.deepEqual(controller.attachments.map((a) => a.kind), ['file', 'image']);
    await router.handle({ type: 'removeAttachment', id: controller.attachments[0].id });
    assert.deepEqual(controller.attachments.map((a) => a.kind), ['image']);
  });

  it('hides unexpected failures behind a generic reply and logs them', async () => {
    const { router, sink, log, port } = setup();
    port.copy = async () => { throw new Error('clipboard exploded'); };
    await router.handle({ type: 'copy', text: 'x', requestId: 4 });
    assert.deepEqual(sink.of('reply')[0], { type: 'reply', requestId: 4, ok: false, error: 'Could not copy; the Gemini log has details.' });
    assert.ok(log.lines.some((l) => l.startsWith('error') && l.includes('clipboard exploded')));
  });
});
