// Text deltas are merged on their way to the webview, without delaying the first one or
// reordering anything.
import * as assert from 'node:assert/strict';
import { DeltaBatcher } from '../../../src/chat/deltaBatcher';
import type { HostMessage } from '../../../src/protocol/messages';
import { ChatController } from '../../../src/chat/controller';
import { MemoryChatStore } from '../../../src/chat/store';
import { MessageSink, RecordingLogger, ScriptedRunner, STOP, text } from './helpers';

function delta(kind: 'text' | 'thought', value: string, turnId = 't1'): HostMessage {
  return { type: 'turnEvent', chatId: 'c1', turnId, event: { type: kind, text: value }, at: 0 };
}

describe('chat: DeltaBatcher', () => {
  it('sends the first delta at once and merges the ones that follow within the interval', async () => {
    const sent: HostMessage[] = [];
    const batcher = new DeltaBatcher((m) => sent.push(m), 20);
    batcher.post(delta('text', 'a'));
    assert.equal(sent.length, 1, 'no added latency for the first token');
    for (const piece of ['b', 'c', 'd']) batcher.post(delta('text', piece));
    assert.equal(sent.length, 1);
    await new Promise((r) => setTimeout(r, 30));
    assert.deepEqual(sent.map((m) => (m as { event: { text: string } }).event.text), ['a', 'bcd']);
    batcher.dispose();
  });

  it('keeps order: a different kind, turn, or any other message flushes what is pending first', () => {
    const sent: HostMessage[] = [];
    const batcher = new DeltaBatcher((m) => sent.push(m), 1000);
    batcher.post(delta('thought', 'think '));
    batcher.post(delta('thought', 'more'));
    batcher.post(delta('text', 'Answer '));
    batcher.post(delta('text', 'text.'));
    batcher.post({ type: 'turnSettled', chatId: 'c1', turnId: 't1', status: 'done', at: 1 });
    batcher.post(delta('text', 'x', 't2'));
    batcher.flush();
    assert.deepEqual(sent.map((m) => (m.type === 'turnEvent' ? `${m.turnId}:${m.event.type}:${(m.event as { text: string }).text}` : m.type)),
      ['t1:thought:think ', 't1:thought:more', 't1:text:Answer text.', 'turnSettled', 't2:text:x']);
    batcher.dispose();
  });

  it('a fast stream reaches the webview in far fewer messages with the same text', async () => {
    const events = Array.from({ length: 300 }, (_, i) => text(`w${i} `));
    const sink = new MessageSink();
    const controller = new ChatController({ runner: new ScriptedRunner([{ events: [...events, STOP] }]), store: new MemoryChatStore(), log: new RecordingLogger(), post: sink.post, getModel: () => 'm', deltaIntervalMs: 16 });
    await controller.send('go');
    await controller.idle;
    const deltas = sink.of('turnEvent').filter((m) => m.event.type === 'text');
    assert.ok(deltas.length < 30, `${deltas.length} messages for 300 deltas`);
    assert.equal(deltas.map((m) => (m.event as { text: string }).text).join(''), events.map((e) => (e as { text: string }).text).join(''));
    assert.equal(sink.messages.at(-2)?.type, 'turnSettled', 'the last delta is flushed before the turn settles');
  });
});
