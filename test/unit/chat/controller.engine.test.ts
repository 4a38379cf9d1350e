// The chat controller driving the real GeminiEngine, through the real @google/genai SDK, against
// the loopback emulator: the display model and the stored history come from real wire data.
import * as assert from 'node:assert/strict';
import { ChatController } from '../../../src/chat/controller';
import type { StoredModelTurn } from '../../../src/chat/session';
import { MemoryChatStore } from '../../../src/chat/store';
import { chunks, errors } from '../../emulator';
import { engineFor } from '../gemini/helpers';
import { MessageSink, RecordingLogger } from './helpers';
import { TEST_KEY, useEmulator } from '../../harness/useEmulator';

describe('chat: ChatController with the real engine and the emulator', () => {
  const emu = useEmulator();

  function controllerFor() {
    const { engine } = engineFor(emu);
    const sink = new MessageSink();
    const controller = new ChatController({ runner: engine, store: new MemoryChatStore(), log: new RecordingLogger(), post: sink.post, getModel: () => 'gemini-2.5-flash' });
    return { controller, sink };
  }

  it('streams thoughts and text into the display model and sends the verbatim contents back next turn', async () => {
    emu.enqueue({ kind: 'stream', chunks: [
      chunks.text('Weighing the options.', { thought: true }),
      chunks.text('Use ', { thoughtSignature: 'c2lnLTE=' }),
      chunks.text('`Map`.'),
      chunks.finish('STOP', { promptTokenCount: 7, candidatesTokenCount: 3, thoughtsTokenCount: 5 }),
    ] });
    const { controller, sink } = controllerFor();
    await controller.send('Map or object?');
    await controller.idle;
    const answer = controller.current().turns[1] as StoredModelTurn;
    assert.equal(answer.status, 'done');
    assert.deepEqual(answer.segments, [{ kind: 'thought', text: 'Weighing the options.' }, { kind: 'text', text: 'Use `Map`.' }]);
    assert.equal(answer.usage?.thoughtsTokens, 5);
    assert.ok(sink.of('turnEvent').length >= 3);

    await controller.send('Why?');
    await controller.idle;
    const body = emu.requests.at(-1)!.body as { contents: { role: string; parts: Record<string, unknown>[] }[] };
    assert.deepEqual(body.contents.map((c) => c.role), ['user', 'model', 'user']);
    assert.ok(body.contents[1].parts.some((p) => p.thoughtSignature === 'c2lnLTE='), 'the thought signature goes back verbatim');
    assert.equal(body.contents[2].parts[0].text, 'Why?');
  });

  it('shows a service error with its recovery action', async () => {
    emu.enqueue({ kind: 'error', status: 400, body: errors.invalidKey() });
    const { controller } = controllerFor();
    await controller.send('hello');
    await controller.idle;
    const answer = controller.current().turns[1] as StoredModelTurn;
    assert.equal(answer.status, 'error');
    assert.equal(answer.error?.action, 'setKey');
    assert.doesNotMatch(JSON.stringify(controller.current()), new RegExp(TEST_KEY));
  });
});
