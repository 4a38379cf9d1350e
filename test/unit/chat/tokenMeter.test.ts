// The composer's token meter on the host: what it counts (history + pending attachments + draft)
// through the real SDK's countTokens against the emulator, the model's input limit from the real
// models.list, the warning verdicts, and a count superseded by a newer draft being cancelled.
import * as assert from 'node:assert/strict';
import { textAttachment } from '../../../src/chat/attachments';
import { TokenMeter, verdictFor, type TokenCounter } from '../../../src/chat/tokenMeter';
import type { TokenCount } from '../../../src/protocol/messages';
import { createGenAI } from '../../../src/gemini/client';
import { ModelCatalog } from '../../../src/gemini/models';
import { emulatorChat } from './emulatorChat';
import { MessageSink, RecordingLogger } from './helpers';
import { TEST_KEY, useEmulator } from '../../harness/useEmulator';

describe('chat: token meter', () => {
  const emu = useEmulator();

  function setup() {
    const client = createGenAI({ apiKey: TEST_KEY, endpoint: emu.baseUrl });
    const catalog = new ModelCatalog({ genai: () => client });
    const counter: TokenCounter = {
      count: (model, contents, signal) => catalog.countTokens(model, contents, signal),
      inputLimit: async (model) => (await catalog.list(), catalog.get(model)?.inputTokenLimit),
    };
    const { controller, router, sink } = emulatorChat(emu, { port: { tokenCounter: counter } });
    return { controller, router, sink, counter };
  }
  const countRequests = () => emu.requests.filter((r) => r.path.endsWith(':countTokens'));
  /** The reply to the countTokens request with this id: the host answers every request once, by id. */
  const countReply = (sink: MessageSink, requestId: number) => {
    const replies = sink.of('reply').filter((reply) => reply.requestId === requestId);
    assert.equal(replies.length, 1, `one reply to request ${requestId}`);
    return { ok: replies[0].ok, ...replies[0].result };
  };

  it('counts history, pending attachments and the draft, against the model\'s real input limit', async () => {
    const { controller, router, sink } = setup();
    await controller.send('Earlier question');
    await controller.idle;
    controller.addAttachments([textAttachment({ kind: 'file', path: 'src/a.ts', languageId: 'typescript', text: 'export const a = 1;' })]);
    await router.handle({ type: 'countTokens', text: 'What does a.ts export?', requestId: 1 });

    const body = countRequests().at(-1)!.body;
    assert.match(countRequests().at(-1)!.path, /models\/gemini-3\.8-flash:countTokens/);
    const texts = body.contents.flatMap((c: { parts: { text?: string }[] }) => c.parts.map((p) => p.text));
    assert.deepEqual(texts.slice(0, 2), ['Earlier question', 'You said: Earlier question'], 'the history');
    assert.match(texts[2], /^File src\/a\.ts:/, 'the pending attachment');
    assert.equal(texts[3], 'What does a.ts export?', 'the draft');
    const count = countReply(sink, 1) as TokenCount;
    assert.ok(count.tokens! > 10);
    assert.equal(count.limit, 1048576, 'gemini-3.8-flash in the emulator\'s models.list');
    assert.equal(count.verdict, 'ok');
  });

  it('warns near the limit and flags a request over it', async () => {
    const { router, sink } = setup();
    emu.setTokenCount(900_000);
    await router.handle({ type: 'countTokens', text: 'x', requestId: 1 });
    assert.equal((countReply(sink, 1) as TokenCount).verdict, 'near');
    emu.setTokenCount(1_100_000);
    await router.handle({ type: 'countTokens', text: 'x', requestId: 2 });
    assert.deepEqual(countReply(sink, 2), { ok: true, tokens: 1_100_000, limit: 1048576, verdict: 'over' });
    assert.equal(verdictFor(10, undefined), 'ok', 'no limit known: no warning');
  });

  it('an empty composer in a new chat costs no request', async () => {
    const { router, sink } = setup();
    await router.handle({ type: 'countTokens', text: '   ', requestId: 4 });
    assert.equal(countRequests().length, 0);
    assert.equal((countReply(sink, 4) as TokenCount).tokens, 0);
  });

  it('a newer draft cancels the count still in flight; only the newer request gets a count', async () => {
    const { counter } = setup();
    const meter = new TokenMeter(counter, new RecordingLogger());
    emu.enqueue({ kind: 'stall', route: 'countTokens' });
    const contents = [{ role: 'user', parts: [{ text: 'draft one' }] }];
    const first = meter.measure(1, 'gemini-3.8-flash', contents);
    await emu.waitForRequests(1);
    const second = await meter.measure(2, 'gemini-3.8-flash', [{ role: 'user', parts: [{ text: 'draft two, longer' }] }]);
    assert.deepEqual(await first, { superseded: true }, 'settles although the service never answered: it was aborted');
    assert.ok(second.tokens! > 0);
    assert.deepEqual(await meter.measure(1, 'gemini-3.8-flash', contents), { superseded: true }, 'an out-of-order older request is not counted');
    assert.equal(countRequests().length, 2);
  });

  it('a failed count says so instead of showing a stale number', async () => {
    const { router, sink } = setup();
    emu.enqueue({ kind: 'error', status: 500, body: { error: { code: 500, message: 'boom', status: 'INTERNAL' } }, route: 'countTokens' });
    await router.handle({ type: 'countTokens', text: 'x', requestId: 9 });
    assert.deepEqual(countReply(sink, 9), { ok: true, error: 'Could not count tokens.' });
  });

  it('without a token counter (no model catalog wired), the webview is told to hide the meter', async () => {
    const { router, sink } = emulatorChat(emu);
    await router.handle({ type: 'countTokens', text: 'x', requestId: 3 });
    assert.deepEqual(countReply(sink, 3), { ok: true, unavailable: true });
    assert.equal(countRequests().length, 0);
  });
});
