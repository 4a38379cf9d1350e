// The token meter with "Whole workspace" on, through the router as the webview asks it: the chat's
// kept pack adds its own countTokens figure to the total and the verdict (without being sent to
// countTokens again), a chat with no pack yet is told the workspace is packed at send up to its
// budget, and the toggle off leaves the meter as it was. Then the pack's manifest reopened after
// the first send, the packs in the snapshot and the `workspacePack` message. Real SDK, emulator.
import * as assert from 'node:assert/strict';
import { ChatRejection } from '../../../src/chat/rejection';
import type { TokenCounter } from '../../../src/chat/tokenMeter';
import type { WorkspacePackStatus } from '../../../src/context/packStatus';
import { createGenAI } from '../../../src/gemini/client';
import { ModelCatalog } from '../../../src/gemini/models';
import type { TokenCount } from '../../../src/protocol/messages';
import type { WorkspacePackInfo, WorkspacePacks } from '../../../src/protocol/workspacePack';
import { CHAT_MODEL, emulatorChat } from './emulatorChat';
import type { MessageSink } from './helpers';
import { TEST_KEY, useEmulator } from '../../harness/useEmulator';

/** gemini-3.8-flash in the emulator's models.list. */
const LIMIT = 1_048_576;
const BUDGET = LIMIT / 2;

/** The glue's kept packs, as the router sees them; never builds one. */
class KeptPacks implements WorkspacePackStatus {
  packs: WorkspacePacks = {};
  readonly opened: string[] = [];
  info(chatId: string): WorkspacePackInfo | undefined { return this.packs[chatId]; }
  all(): WorkspacePacks { return { ...this.packs }; }
  async openManifest(chatId: string): Promise<void> {
    if (!this.packs[chatId]) throw new ChatRejection('This chat has no workspace pack yet.');
    this.opened.push(chatId);
  }
}

function pack(overrides: Partial<WorkspacePackInfo> = {}): WorkspacePackInfo {
  return { tokens: 600_000, budgetTokens: BUDGET, files: 120, omitted: 7, model: CHAT_MODEL, stale: false, ...overrides };
}

describe('chat: token meter with the whole workspace', () => {
  const emu = useEmulator();

  function setup(options: { packs?: KeptPacks | null } = {}) {
    const client = createGenAI({ apiKey: TEST_KEY, endpoint: emu.baseUrl });
    const catalog = new ModelCatalog({ genai: () => client });
    const counter: TokenCounter = {
      count: (model, contents, signal) => catalog.countTokens(model, contents, signal),
      inputLimit: async (model) => (await catalog.list(), catalog.get(model)?.inputTokenLimit),
    };
    const packs = options.packs === null ? undefined : options.packs ?? new KeptPacks();
    const chat = emulatorChat(emu, { port: { tokenCounter: counter, ...(packs ? { workspacePacks: packs } : {}) } });
    return { ...chat, packs: packs! };
  }
  const countRequests = () => emu.requests.filter((r) => r.path.endsWith(':countTokens'));
  const replyTo = (sink: MessageSink, requestId: number) => {
    const replies = sink.of('reply').filter((reply) => reply.requestId === requestId);
    assert.equal(replies.length, 1, `one reply to request ${requestId}`);
    return { ok: replies[0].ok, ...(replies[0].error ? { error: replies[0].error } : {}), ...replies[0].result };
  };

  it('adds the kept pack\'s tokens to the total and the verdict, without counting the pack again', async () => {
    const { controller, router, sink, packs } = setup();
    controller.setOptions({ wholeWorkspace: true });
    packs.packs[controller.chatId] = pack();
    emu.setTokenCount(300_000);
    await router.handle({ type: 'countTokens', text: 'Where is the parser?', requestId: 1 });
    assert.deepEqual(replyTo(sink, 1), { ok: true, tokens: 900_000, limit: LIMIT, verdict: 'near', workspace: { tokens: 600_000, budgetTokens: BUDGET } },
      '300,000 alone would be "ok": with the pack the next request is near the limit');
    const texts = countRequests().at(-1)!.body.contents.flatMap((c: { parts: { text?: string }[] }) => c.parts.map((p) => p.text));
    assert.deepEqual(texts, ['Where is the parser?'], 'only the draft goes to countTokens: the pack has its own count');

    packs.packs[controller.chatId] = pack({ tokens: 800_000 });
    await router.handle({ type: 'countTokens', text: 'x', requestId: 2 });
    assert.equal((replyTo(sink, 2) as TokenCount).verdict, 'over');
  });

  it('with no pack yet, says the workspace is packed at send (up to half the input limit) and warns when that may not fit', async () => {
    const { controller, router, sink } = setup();
    controller.setOptions({ wholeWorkspace: true });
    emu.setTokenCount(600_000);
    await router.handle({ type: 'countTokens', text: 'x', requestId: 1 });
    assert.deepEqual(replyTo(sink, 1), { ok: true, tokens: 600_000, limit: LIMIT, verdict: 'near', workspace: { budgetTokens: BUDGET } },
      'the count is not inflated by a pack that does not exist, but 600,000 + a full pack would not fit');
    emu.setTokenCount(1_000);
    await router.handle({ type: 'countTokens', text: 'x', requestId: 2 });
    assert.equal((replyTo(sink, 2) as TokenCount).verdict, 'ok');
    assert.equal(countRequests().length, 2, 'no packing, no extra request: one count per question');
  });

  it('a stale pack is counted and flagged for renewal; a pack for another model is not counted', async () => {
    const { controller, router, sink, packs } = setup();
    controller.setOptions({ wholeWorkspace: true });
    emu.setTokenCount(1_000);
    packs.packs[controller.chatId] = pack({ tokens: 50_000, stale: true });
    await router.handle({ type: 'countTokens', text: 'x', requestId: 1 });
    assert.deepEqual((replyTo(sink, 1) as TokenCount).workspace, { tokens: 50_000, budgetTokens: BUDGET, renew: true });
    assert.equal((replyTo(sink, 1) as TokenCount).tokens, 51_000);
    packs.packs[controller.chatId] = pack({ model: 'gemini-2.5-pro', budgetTokens: 100 });
    await router.handle({ type: 'countTokens', text: 'x', requestId: 2 });
    assert.deepEqual((replyTo(sink, 2) as TokenCount).workspace, { budgetTokens: BUDGET }, 'packed again at send, with this model\'s budget');
    assert.equal((replyTo(sink, 2) as TokenCount).tokens, 1_000);
  });

  it('with only the pack to count (no history, no draft) makes no countTokens request', async () => {
    const { controller, router, sink, packs } = setup();
    controller.setOptions({ wholeWorkspace: true });
    packs.packs[controller.chatId] = pack({ tokens: 42_000 });
    await router.handle({ type: 'countTokens', text: '  ', requestId: 5 });
    assert.deepEqual(replyTo(sink, 5), { ok: true, tokens: 42_000, limit: LIMIT, verdict: 'ok', workspace: { tokens: 42_000, budgetTokens: BUDGET } });
    assert.equal(countRequests().length, 0);
  });

  it('toggle off: unchanged, even with a pack kept for the chat', async () => {
    const { controller, router, sink, packs } = setup();
    packs.packs[controller.chatId] = pack();
    emu.setTokenCount(300_000);
    await router.handle({ type: 'countTokens', text: 'x', requestId: 1 });
    assert.deepEqual(replyTo(sink, 1), { ok: true, tokens: 300_000, limit: LIMIT, verdict: 'ok' });
    controller.setOptions({ wholeWorkspace: true });
    controller.setOptions({ wholeWorkspace: false });
    await router.handle({ type: 'countTokens', text: 'x', requestId: 2 });
    assert.equal((replyTo(sink, 2) as TokenCount).workspace, undefined);
  });

  it('reopens the manifest of the open chat\'s pack, and says why when there is none', async () => {
    const { controller, router, sink, packs } = setup();
    await router.handle({ type: 'openPackManifest', requestId: 1 });
    assert.deepEqual(replyTo(sink, 1), { ok: false, error: 'This chat has no workspace pack yet.' });
    packs.packs[controller.chatId] = pack();
    await router.handle({ type: 'openPackManifest', requestId: 2 });
    assert.deepEqual(replyTo(sink, 2), { ok: true });
    assert.deepEqual(packs.opened, [controller.chatId]);
    await router.handle({ type: 'openPackManifest' });
    assert.equal(packs.opened.length, 2, 'posted without a request id it opens too');
    await router.handle({ type: 'openPackManifest', chatId: 'other' });
    assert.equal(packs.opened.length, 2, 'a message naming another chat is refused by validation: only the open chat\'s manifest opens');

    const { router: bare, sink: bareSink } = setup({ packs: null });
    await bare.handle({ type: 'openPackManifest', requestId: 3 });
    assert.deepEqual(replyTo(bareSink, 3), { ok: false, error: 'The whole workspace cannot be packed here.' });
  });

  it('puts the kept packs in the snapshot and posts one chat\'s change', async () => {
    const { controller, router, sink, packs } = setup();
    packs.packs[controller.chatId] = pack({ stale: true });
    await router.handle({ type: 'ready' });
    assert.deepEqual(sink.of('snapshot')[0].snapshot.workspacePacks, { [controller.chatId]: pack({ stale: true }) });
    router.postWorkspacePack(controller.chatId);
    assert.deepEqual(sink.of('workspacePack').at(-1), { type: 'workspacePack', chatId: controller.chatId, pack: pack({ stale: true }) });
    delete packs.packs[controller.chatId];
    router.postWorkspacePack(controller.chatId);
    assert.deepEqual(sink.of('workspacePack').at(-1), { type: 'workspacePack', chatId: controller.chatId }, 'dropped: no pack');

    const { router: bare, sink: bareSink } = setup({ packs: null });
    await bare.handle({ type: 'ready' });
    assert.equal(bareSink.of('snapshot')[0].snapshot.workspacePacks, undefined, 'no packing here: nothing in the snapshot');
  });
});
