// Agent-mode turns in a real extension host, Gemini played by the emulator through the real SDK:
// the real chat controller and engine, the tool registry on the VS Code workspace port, and
// AgentTurns whose apply is the real guarded WorkspaceEdit. Proves two hostile cases end to end:
// a turn stopped halfway (after two proposals, while the answer still streams) writes nothing and
// its card is dropped; and a hunk that matches twice writes nothing while the model gets the
// error naming the match count.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { AgentHost, AgentTurns, DROPPED_STOPPED } from '../../src/agent/agentTurns';
import type { FileChange } from '../../src/agent/changeSet';
import { ChatController } from '../../src/chat/controller';
import { MemoryChatStore } from '../../src/chat/store';
import { silentLogger } from '../../src/common/logger';
import { settingValues } from '../../src/config/settingValues';
import { createGenAI } from '../../src/gemini/client';
import { GeminiEngine } from '../../src/gemini/turnEngine';
import type { ChangesView } from '../../src/protocol/changes';
import { ToolRegistry } from '../../src/tools/registry';
import { applyAccepted } from '../../src/vscode/agent/applyChanges';
import { CheckpointStore } from '../../src/vscode/agent/checkpointStore';
import { VsCodeWorkspacePort } from '../../src/vscode/workspace/workspacePort';
import { chunks } from '../emulator';
import { EmulatorRemote } from '../harness/emulatorRemote';

const DIR = 'agent-turns-it';
const TWICE = 'export function a() {\n  return 1;\n}\n\nexport function b() {\n  return 1;\n}\n';

describe('Agent-mode turns in the extension host (controller + engine + emulator + guarded apply)', function () {
  this.timeout(120_000);
  const emulator = EmulatorRemote.fromEnv();
  let root: string;
  let storage: string;
  const file = (name: string) => path.join(root, DIR, name);
  const put = (name: string, content: string) => { mkdirSync(path.dirname(file(name)), { recursive: true }); writeFileSync(file(name), content); };

  before(() => {
    root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    storage = mkdtempSync(path.join(os.tmpdir(), 'gemini-agent-turns-'));
  });
  beforeEach(async () => {
    await emulator.reset();
    rmSync(path.join(root, DIR), { recursive: true, force: true });
    put('a.ts', 'export const a = 1;\n');
    put('twice.ts', TWICE);
  });
  after(() => {
    rmSync(path.join(root, DIR), { recursive: true, force: true });
    rmSync(storage, { recursive: true, force: true });
  });

  function setup() {
    const settings = settingValues({ model: 'gemini-3.8-flash', endpoint: emulator.baseUrl });
    const registry = new ToolRegistry({
      port: new VsCodeWorkspacePort(),
      settings: () => ({ enabled: true, approval: 'auto', maxFileBytes: 256 * 1024, maxResultBytes: 64 * 1024 }),
      approver: { approve: async () => 'deny' },
      logger: silentLogger,
    });
    const store = new CheckpointStore(vscode.Uri.file(storage), silentLogger, () => 30);
    const views: ChangesView[] = [];
    const applied: FileChange[][] = [];
    const host: AgentHost = {
      show: async (_turn, view) => { views.push(JSON.parse(JSON.stringify(view))); },
      apply: async (turn, set, files) => { applied.push(files); return applyAccepted(set, files, (snapshot) => store.save(turn.chatId, turn.turnId, snapshot)); },
      diagnostics: async () => [],
      followUp: async () => undefined,
      persist: async () => undefined,
      openDiff: async () => undefined,
      restore: async () => false,
      settings: () => ({ autoApply: true, maxEditBytes: 1024 * 1024, maxToolRounds: 10 }),
      unavailable: () => undefined,
      now: () => Date.now(),
    };
    const agent = new AgentTurns(registry, host);
    const key = process.env.GEMINI_API_KEY!;
    const client = createGenAI({ apiKey: key, endpoint: emulator.baseUrl, apiVersion: settings.apiVersion });
    const engine = new GeminiEngine({ genai: () => client, settings: () => settings, tools: registry, secrets: () => [key] });
    const settled: string[] = [];
    const controller = new ChatController({
      runner: engine, store: new MemoryChatStore(), log: silentLogger, post: () => undefined, getModel: () => settings.model,
      turnTools: (session, turnId) => agent.toolsFor(session, turnId),
      onTurnSettled: (chatId, turnId, status) => { settled.push(status); void agent.settled({ chatId, turnId }, status); },
    });
    controller.setOptions({ mode: 'agent' });
    return { controller, views, applied, settled };
  }

  async function until(condition: () => boolean, what: string): Promise<void> {
    for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.ok(condition(), what);
  }

  it('a turn stopped halfway writes nothing, even with auto-apply on: its proposals are dropped', async () => {
    await emulator.enqueue(
      { kind: 'stream', chunks: [chunks.functionCall('edit_file', { path: `${DIR}/a.ts`, search: 'export const a = 1;', replace: 'export const a = 2;' }), chunks.finish('STOP')] },
      { kind: 'stream', chunks: [chunks.functionCall('create_file', { path: `${DIR}/half.ts`, content: 'export const half = true;\n' }), chunks.finish('STOP')] },
      { kind: 'stream', chunkDelayMs: 400, chunks: [chunks.text('I am '), chunks.text('still '), chunks.text('explaining '), chunks.text('the change '), chunks.text('at length.'), chunks.finish('STOP')] },
    );
    const { controller, views, applied, settled } = setup();
    const sent = controller.send('Change a and add half');
    await emulator.waitForRequests(3, 20_000);
    await until(() => views.at(-1)?.files.length === 2, 'both proposals are on the card before the stop');
    controller.stop();
    await sent.catch(() => undefined);
    await controller.idle;
    await until(() => views.at(-1)?.status === 'dropped', `the card is dropped after the stop (settled: ${settled.join(', ')})`);
    assert.equal(views.at(-1)!.note, DROPPED_STOPPED);
    assert.equal(applied.length, 0, 'nothing reached the apply');
    assert.equal(readFileSync(file('a.ts'), 'utf8'), 'export const a = 1;\n');
    assert.ok(!existsSync(file('half.ts')), 'the proposed new file was not created');
  });

  it('a hunk that matches twice writes nothing, and the model is told how many matches and where', async () => {
    await emulator.enqueue(
      { kind: 'stream', chunks: [chunks.functionCall('edit_file', { path: `${DIR}/twice.ts`, search: '  return 1;', replace: '  return 2;' }), chunks.finish('STOP')] },
      { kind: 'stream', chunks: [chunks.text('That matched twice; I will add context.'), chunks.finish('STOP')] },
    );
    const { controller, views, applied } = setup();
    await controller.send('Return 2 from a');
    await controller.idle;
    const requests = (await emulator.requests()).filter((r) => r.path.includes('GenerateContent'));
    assert.equal(requests.length, 2);
    const response = (requests[1].body as { contents: { parts: { functionResponse?: { name: string; response: { error?: string } } }[] }[] }).contents.at(-1)!.parts[0].functionResponse!;
    assert.equal(response.name, 'edit_file');
    assert.match(response.response.error ?? '', /matches 2 times in '.*twice\.ts' \(at lines 2, 6\)\. Nothing was changed\./);
    assert.ok(views.every((view) => view.files.length === 0), 'no proposal on any card');
    assert.equal(applied.length, 0);
    assert.equal(readFileSync(file('twice.ts'), 'utf8'), TWICE);
  });
});
