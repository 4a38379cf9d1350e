// run_command in a real extension host: the VS Code TerminalPort runs commands in the Gemini
// terminal through shell integration (or as a process where the terminal has none; both paths are
// run here). A command that prints 1 MB and never ends is stopped by the timeout and by Stop, its
// output kept within the cap, and the process is really gone. Then a failing test command whose
// output Gemini (the emulator) reads through the tool runner, built here with Agent mode on.
// The terminals get an empty home folder (terminal.integrated.env.linux), as on a fresh CI machine:
// with no .bashrc a quick command's output comes in one piece with its start mark, which a reader
// begun in onDidStartTerminalShellExecution misses (src/agent/terminalHistory.ts).
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CommandResult, CommandRun } from '../../src/agent/terminalPort';
import { silentLogger } from '../../src/common/logger';
import { createGenAI } from '../../src/gemini/client';
import { settingValues } from '../../src/config/settingValues';
import { GeminiEngine } from '../../src/gemini/turnEngine';
import { ToolRegistry } from '../../src/tools/registry';
import { CHAT_TOOLS } from '../../src/tools/table';
import { runAsProcess, VsCodeTerminalPort } from '../../src/vscode/agent/terminalPort';
import { VsCodeWorkspacePort } from '../../src/vscode/workspace/workspacePort';
import { chunks } from '../emulator';
import { EmulatorRemote } from '../harness/emulatorRemote';

const MEGABYTE_FOREVER = (pidFile: string) =>
  `node -e "require('fs').writeFileSync('${pidFile}', String(process.pid)); const s = 'x'.repeat(1023) + '\\n'; for (let i = 0; i < 1024; i++) process.stdout.write(s); setInterval(() => {}, 1000)"`;

function alive(pidFile: string): boolean {
  if (!existsSync(pidFile)) return false;
  try {
    process.kill(Number(readFileSync(pidFile, 'utf8')), 0);
    return true;
  } catch {
    return false;
  }
}

async function until(condition: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) if (condition()) return true;
  return condition();
}

describe('run_command', function () {
  this.timeout(90_000);
  const emulator = EmulatorRemote.fromEnv();
  const root = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
  let port: VsCodeTerminalPort;

  const terminalEnv = () => vscode.workspace.getConfiguration('terminal.integrated.env');
  before(async () => {
    if (process.platform === 'linux') await terminalEnv().update('linux', { HOME: mkdtempSync(path.join(os.tmpdir(), 'gemini-empty-home-')) }, vscode.ConfigurationTarget.Global);
    port = new VsCodeTerminalPort(silentLogger, { shellIntegrationWaitMs: 20_000, secrets: () => ['test-key-registered-secret'] });
  });
  after(async () => {
    port.dispose();
    if (process.platform === 'linux') await terminalEnv().update('linux', undefined, vscode.ConfigurationTarget.Global);
  });
  beforeEach(() => emulator.reset());

  const request = (command: string, extra: Partial<CommandRun> = {}): CommandRun => ({
    command, cwd: root(), timeoutMs: 60_000, maxOutputChars: 20_000, signal: new AbortController().signal, ...extra,
  });

  function assertStoppedMegabyte(result: CommandResult, pidFile: string): void {
    assert.ok(result.output.length <= 20_200, `output kept within the cap (${result.output.length})`);
    assert.match(result.output, /x{1000}/);
    assert.equal(result.exitCode, undefined);
  }

  for (const via of ['terminal', 'process'] as const) {
    it(`${via}: a command printing 1 MB and never ending stops at the timeout, and is gone`, async function () {
      if (via === 'terminal' && (await port.mode(root())) !== 'terminal') this.skip(); // no shell integration in this host's terminal
      const pidFile = path.join(root(), `forever-timeout-${via}.pid`);
      const run = request(MEGABYTE_FOREVER(pidFile), { timeoutMs: 4000 });
      const result = via === 'terminal' ? await port.run(run) : await runAsProcess(run);
      assert.equal(result.via, via);
      assert.equal(result.timedOut, true);
      assert.equal(result.stopped, false);
      assertStoppedMegabyte(result, pidFile);
      assert.ok(await until(() => !alive(pidFile), 5000), 'the command no longer runs');
    });

    it(`${via}: Stop interrupts the same command`, async function () {
      if (via === 'terminal' && (await port.mode(root())) !== 'terminal') this.skip();
      const pidFile = path.join(root(), `forever-stop-${via}.pid`);
      const stop = new AbortController();
      const run = request(MEGABYTE_FOREVER(pidFile), { signal: stop.signal });
      const pending = via === 'terminal' ? port.run(run) : runAsProcess(run);
      assert.ok(await until(() => alive(pidFile), 15_000), 'the command started');
      await new Promise((r) => setTimeout(r, 1000));
      stop.abort();
      const result = await pending;
      assert.equal(result.stopped, true);
      assert.equal(result.timedOut, false);
      assertStoppedMegabyte(result, pidFile);
      assert.ok(await until(() => !alive(pidFile), 5000), 'the command no longer runs');
    });
  }

  it('get_terminal_output / attach terminal output: the last command of the active terminal, read through shell integration', async function () {
    if ((await port.mode(root())) !== 'terminal') this.skip();
    const result = await port.run(request('echo hello-from-the-terminal'));
    assert.equal(result.exitCode, 0);
    assert.match(result.output, /hello-from-the-terminal/);
    await new Promise((r) => setTimeout(r, 300)); // the watcher reads the execution's stream too
    const last = await port.lastOutput(10_000);
    assert.equal(last?.command, 'echo hello-from-the-terminal');
    assert.match(last?.output ?? '', /hello-from-the-terminal/);
    assert.equal(last?.outputLost, undefined);
  });

  it('the API key and obvious secrets are scrubbed from what the model reads (run_command and get_terminal_output)', async () => {
    const result = await port.run(request('echo key=test-key-registered-secret GITHUB_TOKEN=abc123def456ghi google=AIzaSyA1234567890abcdefghijklmnopq done'));
    assert.match(result.output, /key=\[redacted\] GITHUB_TOKEN=\[redacted\] google=\[redacted\] done/);
    const last = await port.lastOutput(10_000);
    assert.match(last?.output ?? '', /GITHUB_TOKEN=\[redacted\]/);
    assert.doesNotMatch(`${last?.command} ${last?.output}`, /test-key-registered-secret|abc123def456ghi|AIzaSy/);
  });

  it('a failing test command: Gemini runs it, reads the failure, and answers with the fix', async () => {
    const test = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'math-test.js');
    await vscode.workspace.fs.writeFile(test, new TextEncoder().encode(
      "const add = (a, b) => a - b;\nconst got = add(1, 2);\nif (got !== 3) { console.error(`FAIL add(1, 2): expected 3, got ${got}`); process.exit(1); }\nconsole.log('PASS');\n"));
    const asked: string[] = [];
    const registry = new ToolRegistry({
      port: new VsCodeWorkspacePort(), tools: CHAT_TOOLS, terminal: port, logger: silentLogger,
      settings: () => ({ enabled: true, approval: 'auto', maxFileBytes: 262_144, maxResultBytes: 65_536, allowedCommands: [], commandTimeoutSeconds: 60 }),
      approver: { approve: async (question) => { asked.push(question.detail); return 'allow'; } },
    });
    // The executor of an Agent-mode turn, where run_command is offered.
    const tools = registry.forTurn({ mode: 'agent' });
    const client = createGenAI({ apiKey: 'test-key', endpoint: process.env.GEMINI_TEST_EMULATOR_URL });
    const engine = new GeminiEngine({ genai: () => client, settings: () => settingValues({ model: 'gemini-2.5-flash' }), tools });
    await emulator.enqueue(
      { kind: 'stream', chunks: [chunks.functionCall('run_command', { command: 'node math-test.js', reason: 'Run the test to see it fail.' }), chunks.finish('STOP')] },
      { kind: 'stream', chunks: [chunks.text('The test fails: `add` subtracts. Change `a - b` to `a + b`.'), chunks.finish('STOP')] },
    );
    const turn = engine.runTurn({ history: [], message: { role: 'user', parts: [{ text: 'Make the tests pass' }] }, signal: new AbortController().signal });
    let step = await turn.next();
    const results = [];
    while (!step.done) {
      if (step.value.type === 'toolResult') results.push(step.value.result);
      step = await turn.next();
    }
    assert.equal(step.value.status, 'done');
    assert.deepEqual(results.map((r) => [r.name, r.ok]), [['run_command', true]]);
    assert.match(results[0].summary, /^exit code 1; ran (in the terminal|as a background process)/);
    assert.match(asked[0], /node math-test\.js\nIn folder: /, 'the user was asked with the exact command');
    const bodies = (await emulator.requests()).filter((r) => r.path.includes('GenerateContent')).map((r) => r.body);
    assert.ok(bodies[0].tools[0].functionDeclarations.some((d: { name: string }) => d.name === 'run_command'), 'offered in Agent mode');
    const output: string = bodies[1].contents.at(-1).parts[0].functionResponse.response.output;
    assert.match(output, /^\$ node math-test\.js\nExit code: 1\nOutput:\n[\s\S]*FAIL add\(1, 2\): expected 3, got -1/);
  });
});
