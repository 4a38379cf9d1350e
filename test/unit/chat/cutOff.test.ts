// An answer cut off after its thinking (the stream ended cleanly with thoughts, no answer text and
// no finish reason): the chat keeps the thoughts, says it was cut off, and Retry asks again.
import * as assert from 'node:assert/strict';
import { chunks, GeminiEmulator } from '../../emulator';
import {  } from '../gemini/helpers';
import { TEST_KEY } from '../../emulator';
import { emulatorChat } from './emulatorChat';

describe('chat: an answer cut off after thinking', () => {
  let emu: GeminiEmulator;
  before(async () => { emu = await GeminiEmulator.start({ apiKey: TEST_KEY }); });
  afterEach(() => emu.reset());
  after(() => emu.close());

  it('keeps the thoughts, says it was cut off (not empty), and Retry gets the answer', async () => {
    const { controller, router } = emulatorChat(emu);
    emu.enqueue(
      { kind: 'stream', chunks: [chunks.text('Working out the steps.', { thought: true })] },
      { kind: 'stream', chunks: [chunks.text('Here is the answer.'), chunks.finish('STOP')] },
    );
    await controller.send('Explain it');
    await controller.idle;
    const cut = controller.current().turns.at(-1)!;
    assert.ok(cut.role === 'model');
    if (cut.role !== 'model') return;
    assert.deepEqual(cut.segments, [{ kind: 'thought', text: 'Working out the steps.' }], 'the thoughts are kept');
    assert.equal(cut.error?.code, 'cutOff');
    assert.equal(cut.error?.action, 'retry');
    assert.match(cut.error!.message, /cut off/);
    assert.doesNotMatch(cut.error!.message, /empty/);
    assert.equal(cut.finish, undefined, 'not an "empty answer" finish');

    await router.handle({ type: 'runAction', action: 'retry', turnId: cut.id });
    await controller.idle;
    const answer = controller.current().turns.at(-1)!;
    assert.ok(answer.role === 'model' && answer.segments.some((s) => s.kind === 'text' && s.text === 'Here is the answer.'));
  });
});
