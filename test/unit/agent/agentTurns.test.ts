// Agent mode through a whole chat: the real controller and engine against the emulator (real SDK),
// the real tool registry on a sandbox folder, and AgentTurns with a host that records what the
// editor would do (its apply writes the accepted files with node:fs, as the one WorkspaceEdit
// would). Proves: proposals reach the Changes card and never the disk before a decision; every
// outcome reaches the model; thought signatures survive every round; stopped turns and reloads
// drop what they cannot keep; auto-apply never covers renames or deletions.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync, unlinkSync, existsSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { AgentHost, AgentSettings, AgentTurns, DROPPED_RELOAD, DROPPED_STOPPED, TurnRef } from '../../../src/agent/agentTurns';
import type { ChangeSet, FileChange } from '../../../src/agent/changeSet';
import type { PendingData } from '../../../src/agent/persist';
import { encodeText } from '../../../src/agent/textFormat';
import { ChatController } from '../../../src/chat/controller';
import { MemoryChatStore } from '../../../src/chat/store';
import type { ChangesView } from '../../../src/protocol/changes';
import { GeminiEmulator, TEST_KEY, chunks } from '../../emulator';
import { MessageSink, RecordingLogger } from '../chat/helpers';
import { engineFor } from '../gemini/helpers';
import { Sandbox, harness } from '../tools/fixture';
import { diskState, makeAgentSandbox } from './fixture';

class RecordingHost implements AgentHost {
  readonly views: { turn: TurnRef; view: ChangesView }[] = [];
  readonly reports: string[] = [];
  readonly pending = new Map<string, PendingData>();
  applied: FileChange[][] = [];
  settingsValue: AgentSettings = { autoApply: false, maxEditBytes: 1024 * 1024, maxToolRounds: 10 };
  onFollowUp: (report: string) => Promise<void> = async () => undefined;
  constructor(private readonly root: string) {}
  async show(turn: TurnRef, view: ChangesView) { this.views.push({ turn, view: JSON.parse(JSON.stringify(view)) }); }
  async apply(_turn: TurnRef, set: ChangeSet, files: FileChange[]) {
    this.applied.push(files);
    for (const file of files) {
      const at = (loc: FileChange['location']) => path.join(this.root, loc.path);
      if (file.kind === 'delete') unlinkSync(at(file.location));
      else {
        const target = at(file.newLocation ?? file.location);
        mkdirSync(path.dirname(target), { recursive: true });
        writeFileSync(target, encodeText(set.finalText(file), file.bom));
        if (file.kind === 'rename') unlinkSync(at(file.location));
      }
      file.outcome = 'applied';
    }
    return true;
  }
  async diagnostics(files: FileChange[]) { return files.map((f) => `${f.display}:1:1 warning: checked`); }
  async followUp(_turn: TurnRef, report: string) { this.reports.push(report); await this.onFollowUp(report); }
  async persist(turn: TurnRef, data: PendingData | undefined) { if (data) this.pending.set(turn.turnId, data); else this.pending.delete(turn.turnId); }
  async openDiff() { /* not used */ }
  async restore() { return false; }
  settings() { return this.settingsValue; }
  unavailable() { return undefined; }
  now() { return 1; }
  last(): ChangesView { return this.views[this.views.length - 1].view; }
}

describe('Agent mode turns (controller + engine + emulator + tools)', () => {
  let emu: GeminiEmulator;
  let sandbox: Sandbox;
  before(async () => { emu = await GeminiEmulator.start({ apiKey: TEST_KEY }); });
  after(async () => { await emu.close(); });
  beforeEach(() => { sandbox = makeAgentSandbox(); });
  afterEach(() => { emu.reset(); sandbox.cleanup(); });

  function setup() {
    const tools = harness(sandbox);
    const host = new RecordingHost(sandbox.ws);
    const agent = new AgentTurns(tools.registry, host);
    const { engine } = engineFor(emu, { tools: tools.registry });
    const sink = new MessageSink();
    const controller = new ChatController({
      runner: engine, store: new MemoryChatStore(), log: new RecordingLogger(), post: sink.post, getModel: () => 'gemini-3-pro-preview',
      turnTools: (session, turnId) => agent.toolsFor(session, turnId),
      onTurnSettled: (chatId, turnId, status) => void agent.settled({ chatId, turnId }, status),
    });
    host.onFollowUp = async (report) => { await controller.send(report); };
    return { tools, host, agent, controller, sink };
  }

  const streamBodies = () => emu.requests.filter((r) => r.path.includes(':streamGenerateContent')).map((r) => r.body);
  const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

  it('proposes in Agent mode, writes nothing before the review, applies on accept, and keeps every thought signature', async () => {
    const { host, agent, controller, sink } = setup();
    const before = diskState(sandbox.root);
    emu.enqueue(
      { kind: 'stream', chunks: [chunks.functionCall('edit_file', { path: 'src/util/math.ts', search: '  return a + b;', replace: '  return a + b; // sum' }, { thoughtSignature: 'sig-round-1' }), chunks.finish('STOP')] },
      { kind: 'stream', chunks: [chunks.functionCall('create_file', { path: 'src/util/sub.ts', content: 'export const sub = (a: number, b: number) => a - b;\n' }, { thoughtSignature: 'sig-round-2' }), chunks.finish('STOP')] },
      { kind: 'stream', chunks: [chunks.text('I proposed two changes.', { thoughtSignature: 'sig-round-3' }), chunks.finish('STOP')] },
      { kind: 'stream', chunks: [chunks.text('Both are in.'), chunks.finish('STOP')] },
    );
    controller.setOptions({ mode: 'agent' });
    await controller.send('Document add and add sub');
    await controller.idle;
    await settle();

    const bodies = streamBodies();
    const declared = bodies[0].tools.flatMap((t: { functionDeclarations?: { name: string }[] }) => t.functionDeclarations ?? []).map((d: { name: string }) => d.name);
    assert.ok(declared.includes('edit_file') && declared.includes('create_file'));
    assert.equal(bodies[1].contents[1].parts[0].thoughtSignature, 'sig-round-1');
    assert.equal(bodies[2].contents[3].parts[0].thoughtSignature, 'sig-round-2');
    assert.deepEqual(diskState(sandbox.root), before, 'nothing written before the review');
    const card = host.last();
    assert.equal(card.status, 'review');
    assert.deepEqual(card.files.map((f) => [f.kind, f.path, f.added, f.removed, f.decision]), [['edit', 'src/util/math.ts', 1, 1, 'pending'], ['create', 'src/util/sub.ts', 1, 0, 'pending']]);
    assert.ok(sink.of('turnChanges').length === 0, 'the recording host stands in for the controller here');

    const turnId = controller.current().turns[1].id;
    await agent.review({ turnId, action: 'acceptAll' });
    await controller.idle;
    assert.equal(readFileSync(path.join(sandbox.ws, 'src/util/math.ts'), 'utf8'), 'export function add(a: number, b: number): number {\n  return a + b; // sum\n}\n');
    assert.ok(existsSync(path.join(sandbox.ws, 'src/util/sub.ts')));
    assert.equal(host.last().status, 'applied');
    assert.match(host.reports[0], /applied \(edited\): src\/util\/math\.ts \(\+1 −1\)\n- applied \(created\): src\/util\/sub\.ts \(\+1 −0\)/);
    assert.match(host.reports[0], /src\/util\/math\.ts:1:1 warning: checked/);
    const followUp = streamBodies()[3];
    const signatures = followUp.contents.flatMap((c: { parts: { thoughtSignature?: string }[] }) => c.parts.map((p) => p.thoughtSignature).filter(Boolean));
    assert.deepEqual(signatures, ['sig-round-1', 'sig-round-2', 'sig-round-3'], 'the follow-up sends every signature back verbatim');
    assert.match(followUp.contents.at(-1).parts[0].text, /^\[Review of your proposed changes\]/);
  });

  it('Ask mode offers no write tools and refuses a hallucinated call', async () => {
    const { controller, host } = setup();
    emu.enqueue(
      { kind: 'stream', chunks: [chunks.functionCall('edit_file', { path: 'README.md', search: '# Demo', replace: '# X' }), chunks.finish('STOP')] },
      { kind: 'stream', chunks: [chunks.text('ok'), chunks.finish('STOP')] },
    );
    const before = diskState(sandbox.root);
    await controller.send('Change the title');
    await controller.idle;
    const [first, second] = streamBodies();
    const declared = first.tools.flatMap((t: { functionDeclarations?: { name: string }[] }) => t.functionDeclarations ?? []).map((d: { name: string }) => d.name);
    assert.ok(!declared.includes('edit_file'));
    assert.match(second.contents[2].parts[0].functionResponse.response.error, /only available in Agent mode/);
    assert.equal(host.views.length, 0);
    assert.deepEqual(diskState(sandbox.root), before);
  });

  it('a rejection with a reason and a partial accept reach the model; rejected hunks stay unwritten', async () => {
    const { host, agent } = setup();
    const tools = agent.toolsFor({ id: 'c1', options: { mode: 'agent' } }, 't1')!;
    const signal = new AbortController().signal;
    await tools.execute({ id: '1', name: 'edit_file', args: { path: 'twice.ts', search: 'export function a() {\n  return 1;', replace: 'export function a() {\n  return 10;' } }, signal);
    await tools.execute({ id: '2', name: 'edit_file', args: { path: 'twice.ts', search: 'export function b() {\n  return 1;', replace: 'export function b() {\n  return 20;' } }, signal);
    await tools.execute({ id: '3', name: 'edit_file', args: { path: 'README.md', search: '# Demo', replace: '# Demo!' } }, signal);
    await agent.settled({ chatId: 'c1', turnId: 't1' }, 'done');
    const [twice, readme] = host.last().files;
    assert.equal(twice.hunks.length, 2);
    await agent.review({ turnId: 't1', action: 'toggleHunk', fileId: twice.id, hunkId: twice.hunks[1].id });
    await agent.review({ turnId: 't1', action: 'accept', fileId: twice.id });
    assert.equal(host.applied.length, 0, 'nothing applied while a file is undecided');
    await agent.review({ turnId: 't1', action: 'reject', fileId: readme.id, reason: 'keep the title' });
    assert.equal(readFileSync(path.join(sandbox.ws, 'twice.ts'), 'utf8'), 'export function a() {\n  return 10;\n}\n\nexport function b() {\n  return 1;\n}\n');
    assert.equal(readFileSync(path.join(sandbox.ws, 'README.md'), 'utf8'), '# Demo\nA demo workspace.\n');
    assert.match(host.reports[0], /applied in part: twice\.ts \(1 of 2 hunks; the user rejected the hunk at line 5\)/);
    assert.match(host.reports[0], /rejected: README\.md; the user's reason: "keep the title"/);
    await assert.rejects(agent.review({ turnId: 't1', action: 'acceptAll' }), /no longer waiting for review/);
  });

  it('a stopped turn drops its proposals; nothing is written', async () => {
    const { host, agent } = setup();
    const before = diskState(sandbox.root);
    const tools = agent.toolsFor({ id: 'c1', options: { mode: 'agent' } }, 't1')!;
    await tools.execute({ id: '1', name: 'create_file', args: { path: 'half.txt', content: 'x' } }, new AbortController().signal);
    assert.equal(host.last().status, 'proposing');
    await agent.settled({ chatId: 'c1', turnId: 't1' }, 'stopped');
    assert.equal(host.last().status, 'dropped');
    assert.equal(host.last().note, DROPPED_STOPPED);
    assert.equal(host.pending.size, 0);
    assert.equal(host.applied.length, 0);
    assert.deepEqual(diskState(sandbox.root), before);
  });

  it('auto-apply applies edits and new files but leaves a deletion waiting', async () => {
    const { host, agent } = setup();
    host.settingsValue = { ...host.settingsValue, autoApply: true };
    const tools = agent.toolsFor({ id: 'c1', options: { mode: 'agent' } }, 't1')!;
    const signal = new AbortController().signal;
    await tools.execute({ id: '1', name: 'create_file', args: { path: 'new.txt', content: 'x\n' } }, signal);
    await tools.execute({ id: '2', name: 'delete_file', args: { path: 'empty.txt' } }, signal);
    await agent.settled({ chatId: 'c1', turnId: 't1' }, 'done');
    assert.equal(host.applied.length, 0);
    assert.deepEqual(host.last().files.map((f) => f.decision), ['accepted', 'pending']);
    assert.ok(existsSync(path.join(sandbox.ws, 'empty.txt')));
    await agent.review({ turnId: 't1', action: 'reject', fileId: host.last().files[1].id });
    assert.deepEqual(host.applied[0].map((f) => f.display), ['new.txt']);
    assert.ok(existsSync(path.join(sandbox.ws, 'empty.txt')));
  });

  it('pending proposals come back after a reload; a card whose proposals are gone is dropped, never applied', async () => {
    const first = setup();
    const tools = first.agent.toolsFor({ id: 'c1', options: { mode: 'agent' } }, 't1')!;
    await tools.execute({ id: '1', name: 'edit_file', args: { path: 'README.md', search: '# Demo', replace: '# Demo!' } }, new AbortController().signal);
    await first.agent.settled({ chatId: 'c1', turnId: 't1' }, 'done');
    const saved = JSON.parse(JSON.stringify(first.host.pending.get('t1'))) as PendingData;

    const second = setup(); // the window after the reload
    assert.equal(await second.agent.revive(saved, second.tools.port.folders()), true);
    await second.agent.review({ turnId: 't1', action: 'acceptAll' });
    assert.equal(readFileSync(path.join(sandbox.ws, 'README.md'), 'utf8'), '# Demo!\nA demo workspace.\n');

    const third = setup();
    assert.equal(await third.agent.revive({ ...saved, turnId: 't2' }, []), false);
    assert.match(third.host.last().note!, /could not be kept across the window reload/);
    const session = { version: 1 as const, id: 'c9', title: 't', createdAt: 1, updatedAt: 1, turns: [
      { role: 'model' as const, id: 't7', status: 'done' as const, segments: [], createdAt: 1, changes: { status: 'review' as const, files: [] } },
    ] };
    await third.agent.chatLoaded(session);
    assert.deepEqual(third.host.last(), { status: 'dropped', files: [], note: DROPPED_RELOAD });
    assert.equal(third.host.applied.length, 0);
  });
});
