// The composer's token meter on the host: what it counts (history + pending attachments + draft)
// through the real SDK's countTokens against the emulator, the model's input limit from the real
// models.list, the warning verdicts, and a count superseded by a newer draft being cancelled.
import * as assert from 'node:assert/strict';
import { textAttachment } from '../../../src/chat/attachments';
import { TokenMeter, verdictFor, type TokenCounter } from '../../../src/chat/tokenMeter';
import { createGenAI } from '../../../src/gemini/client';
import { ModelCatalog } from '../../../src/gemini/models';
import { GeminiEmulator } from '../../emulator';
import { TEST_KEY } from '../gemini/helpers';
import { emulatorChat } from './emulatorChat';
import { MessageSink, RecordingLogger } from './helpers';

describe('chat: token meter', () => {
  let emu: GeminiEmulator;
  before(async () => { emu = await GeminiEmulator.start({ apiKey: TEST_KEY }); });
  afterEach(() => emu.reset());
  after(() => emu.close());

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

  it('counts history, pending attachments and the draft, against the model\'s real input limit', async () => {
    const { controller, router, sink } = setup();
    await controller.send('Earlier question');
    await controller.idle;
    controller.addAttachments([textAttachment({ kind: 'file', path: 'src/a.ts', languageId: 'typescript', text: 'export const a = 1;' })]);
    await router.handle({ type: 'countTokens', text: 'What does a.ts export?', seq: 1 });

    const body = countRequests().at(-1)!.body;
    assert.match(countRequests().at(-1)!.path, /models\/gemini-3\.8-flash:countTokens/);
    const texts = body.contents.flatMap((c: { parts: { text?: string }[] }) => c.parts.map((p) => p.text));
    assert.deepEqual(texts.slice(0, 2), ['Earlier question', 'You said: Earlier question'], 'the history');
    assert.match(texts[2], /^File src\/a\.ts:/, 'the pending attachment');
    assert.equal(texts[3], 'What does a.ts export?', 'the draft');
    const count = sink.of('tokenCount').at(-1)!;
    assert.equal(count.seq, 1);
    assert.ok(count.tokens! > 10);
    assert.equal(count.limit, 1048576, 'gemini-3.8-flash in the emulator\'s models.list');
    assert.equal(count.verdict, 'ok');
  });

  it('warns near the limit and flags a request over it', async () => {
    const { router, sink } = setup();
    emu.setTokenCount(900_000);
    await router.handle({ type: 'countTokens', text: 'x', seq: 1 });
    assert.equal(sink.of('tokenCount').at(-1)!.verdict, 'near');
    emu.setTokenCount(1_100_000);
    await router.handle({ type: 'countTokens', text: 'x', seq: 2 });
    assert.deepEqual(sink.of('tokenCount').at(-1), { type: 'tokenCount', seq: 2, tokens: 1_100_000, limit: 1048576, verdict: 'over' });
    assert.equal(verdictFor(10, undefined), 'ok', 'no limit known: no warning');
  });

  it('an empty composer in a new chat costs no request', async () => {
    const { router, sink } = setup();
    await router.handle({ type: 'countTokens', text: '   ', seq: 4 });
    assert.equal(countRequests().length, 0);
    assert.equal(sink.of('tokenCount').at(-1)!.tokens, 0);
  });

  it('a newer draft cancels the count still in flight; only the newer answer is posted', async () => {
    const { counter } = setup();
    const sink = new MessageSink();
    const meter = new TokenMeter(counter, sink.post, new RecordingLogger());
    emu.enqueue({ kind: 'stall', route: 'countTokens' });
    const contents = [{ role: 'user', parts: [{ text: 'draft one' }] }];
    const first = meter.measure(1, 'gemini-3.8-flash', contents);
    await emu.waitForRequests(1);
    await meter.measure(2, 'gemini-3.8-flash', [{ role: 'user', parts: [{ text: 'draft two, longer' }] }]);
    await first; // settles although the service never answered: it was aborted
    assert.deepEqual(sink.of('tokenCount').map((m) => m.seq), [2]);
    await meter.measure(1, 'gemini-3.8-flash', contents);
    assert.deepEqual(sink.of('tokenCount').map((m) => m.seq), [2], 'an out-of-order older request is ignored');
  });

  it('a failed count says so instead of showing a stale number', async () => {
    const { router, sink } = setup();
    emu.enqueue({ kind: 'error', status: 500, body: { error: { code: 500, message: 'boom', status: 'INTERNAL' } }, route: 'countTokens' });
    await router.handle({ type: 'countTokens', text: 'x', seq: 9 });
    assert.deepEqual(sink.of('tokenCount').at(-1), { type: 'tokenCount', seq: 9, error: 'Could not count tokens.' });
  });

  it('without a token counter (no model catalog wired), the webview is told to hide the meter', async () => {
    const { router, sink } = emulatorChat(emu);
    await router.handle({ type: 'countTokens', text: 'x', seq: 3 });
    assert.deepEqual(sink.of('tokenCount'), [{ type: 'tokenCount', seq: 3, unavailable: true }]);
    assert.equal(countRequests().length, 0);
  });
});
