// "Close the loop" in a real extension host, one Agent-mode session end to end: Gemini (the
// emulator's script) runs a failing test with run_command, reads its output, reads the file and
// proposes the fix with edit_file; the user accepts the proposal (the ChangeSet's accept path and
// the guarded apply the chat uses); in the next turn Gemini runs the test again and it passes.
// The command runs in the Gemini terminal (or as a process where the terminal has no shell
// integration), after the approver said yes, exactly as proposed.
import * as assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ChangeSet } from '../../src/agent/changeSet';
import { silentLogger } from '../../src/common/logger';
import { settingValues } from '../../src/config/settingValues';
import { createGenAI } from '../../src/gemini/client';
import type { ToolResultInfo } from '../../src/gemini/events';
import { GeminiEngine } from '../../src/gemini/turnEngine';
import { ToolRegistry } from '../../src/tools/registry';
import { CHAT_TOOLS } from '../../src/tools/table';
import { applyAccepted } from '../../src/vscode/agent/applyChanges';
import { VsCodeTerminalPort } from '../../src/vscode/agent/terminalPort';
import { VsCodeWorkspacePort } from '../../src/vscode/workspace/workspacePort';
import { chunks } from '../emulator';
import { EmulatorRemote } from '../harness/emulatorRemote';

const DIR = 'loop-it';
const FAILING = "const add = (a, b) => a - b;\nconst got = add(1, 2);\nif (got !== 3) { console.error(`FAIL add(1, 2): expected 3, got ${got}`); process.exit(1); }\nconsole.log('PASS add(1, 2) = 3');\n";

describe('close the loop: a failing test, its output read, the fix accepted, the test passing', function () {
  this.timeout(120_000);
  const emulator = EmulatorRemote.fromEnv();
  const root = () => vscode.workspace.workspaceFolders![0].uri;
  let terminal: VsCodeTerminalPort;
  const asked: string[] = [];

  before(async () => {
    terminal = new VsCodeTerminalPort(silentLogger, { shellIntegrationWaitMs: 20_000 });
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(root(), DIR, 'math-test.js'), new TextEncoder().encode(FAILING));
  });
  after(() => {
    terminal.dispose();
    rmSync(path.join(root().fsPath, DIR), { recursive: true, force: true });
  });
  beforeEach(() => emulator.reset());

  /** One Agent-mode turn: the executor run_command and the write tools are offered in. */
  async function agentTurn(changes: ChangeSet, message: string): Promise<ToolResultInfo[]> {
    const registry = new ToolRegistry({
      port: new VsCodeWorkspacePort(), tools: CHAT_TOOLS, terminal, logger: silentLogger,
      settings: () => ({ enabled: true, approval: 'auto', maxFileBytes: 262_144, maxResultBytes: 65_536, allowedCommands: [], commandTimeoutSeconds: 60 }),
      approver: { approve: async (question) => { asked.push(question.detail); return 'allow'; } },
    });
    const client = createGenAI({ apiKey: 'test-key', endpoint: process.env.GEMINI_TEST_EMULATOR_URL });
    const engine = new GeminiEngine({ genai: () => client, settings: () => settingValues({ model: 'gemini-2.5-flash' }), tools: registry.forTurn({ mode: 'agent', changes }) });
    const turn = engine.runTurn({ history: [], message: { role: 'user', parts: [{ text: message }] }, signal: new AbortController().signal });
    const results: ToolResultInfo[] = [];
    let step = await turn.next();
    for (; !step.done; step = await turn.next()) if (step.value.type === 'toolResult') results.push(step.value.result);
    assert.equal(step.value.status, 'done');
    return results;
  }

  const functionResponses = async () => (await emulator.requests()).filter((r) => r.path.includes('GenerateContent'))
    .map((r) => r.body.contents.at(-1).parts.map((p: any) => p.functionResponse).filter(Boolean)).filter((parts: unknown[]) => parts.length);

  it('runs the test, reads the failure, proposes edit_file, the accepted fix is applied, and the rerun passes', async () => {
    const run = { command: 'node math-test.js', cwd: DIR, reason: 'Run the failing test.' };
    const file = `${DIR}/math-test.js`;
    await emulator.enqueue(
      { kind: 'stream', chunks: [chunks.functionCall('run_command', run), chunks.finish('STOP')] },
      { kind: 'stream', chunks: [chunks.functionCall('read_file', { path: file }), chunks.finish('STOP')] },
      { kind: 'stream', chunks: [chunks.functionCall('edit_file', { path: file, search: 'const add = (a, b) => a - b;', replace: 'const add = (a, b) => a + b;' }), chunks.finish('STOP')] },
      { kind: 'stream', chunks: [chunks.text('`add` subtracted; I proposed `a + b`. Accept it and I will run the test again.'), chunks.finish('STOP')] },
    );
    const changes = new ChangeSet();
    const first = await agentTurn(changes, 'The tests fail. Fix them.');
    assert.deepEqual(first.map((r) => [r.name, r.ok]), [['run_command', true], ['read_file', true], ['edit_file', true]]);
    assert.match(first[0].summary, /^exit code 1; ran /);
    const [ranOutput] = (await functionResponses())[0];
    assert.match(ranOutput.response.output, /^\$ node math-test\.js\nExit code: 1\nOutput:\n[\s\S]*FAIL add\(1, 2\): expected 3, got -1/, 'the model read the failure');
    assert.equal(readFileSync(path.join(root().fsPath, file), 'utf8'), FAILING, 'nothing is written before the user accepts');
    assert.equal(changes.pending.length, 1);

    // The user accepts the proposed change: the chat's accept path (decide, then the guarded apply).
    changes.decideAll('accepted');
    assert.equal(await applyAccepted(changes, changes.toApply(), async () => true), true);
    assert.equal(readFileSync(path.join(root().fsPath, file), 'utf8'), FAILING.replace('a - b', 'a + b'));

    await emulator.reset();
    await emulator.enqueue(
      { kind: 'stream', chunks: [chunks.functionCall('run_command', run), chunks.finish('STOP')] },
      { kind: 'stream', chunks: [chunks.text('The test passes now.'), chunks.finish('STOP')] },
    );
    const second = await agentTurn(new ChangeSet(), 'Applied. Check again.');
    assert.deepEqual(second.map((r) => [r.name, r.ok]), [['run_command', true]]);
    assert.match(second[0].summary, /^exit code 0; ran /);
    const [rerun] = (await functionResponses())[0];
    assert.match(rerun.response.output, /^\$ node math-test\.js\nExit code: 0\nOutput:\n[\s\S]*PASS add\(1, 2\) = 3/);
    assert.equal(asked.length, 2, 'each run asked first');
    for (const question of asked) assert.match(question, /node math-test\.js\nIn folder: .*loop-it\n/);
  });
});
