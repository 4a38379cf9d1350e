// The terminal bookkeeping behind get_terminal_output, driven with a fake that reproduces what VS
// Code 1.139's extension host does: execution.read() registers its listener a microtask late, and a
// quick command's start event and data are delivered in one synchronous pass. Also the scrubbing of
// command output, and how run_command / get_terminal_output word output the terminal never passed on.
import * as assert from 'node:assert/strict';
import { scrubCommandOutput } from '../../../src/agent/scrubOutput';
import { OutputCapture } from '../../../src/agent/outputCapture';
import { TerminalHistory, type TerminalCommand } from '../../../src/agent/terminalHistory';
import type { TerminalPort } from '../../../src/agent/terminalPort';
import { silentLogger } from '../../../src/common/logger';
import { NodeWorkspacePort } from '../../../src/tools/nodeWorkspacePort';
import { ToolRegistry } from '../../../src/tools/registry';
import { CHAT_TOOLS } from '../../../src/tools/table';

/** Like VS Code's shell execution: each read() is an iterable whose emitter is registered in a microtask. */
class FakeExecution {
  private readonly emitters: Array<(data: string) => void> = [];
  private readonly ends: Array<() => void> = [];
  read(): AsyncIterable<string> {
    const queue: string[] = [];
    let done = false;
    let wake: () => void = () => undefined;
    queueMicrotask(() => {
      this.emitters.push((data) => { queue.push(data); wake(); });
      this.ends.push(() => { done = true; wake(); });
    });
    return {
      async *[Symbol.asyncIterator]() {
        for (;;) {
          if (queue.length) { yield queue.shift()!; continue; }
          if (done) return;
          await new Promise<void>((resolve) => { wake = resolve; });
        }
      },
    };
  }
  emit(data: string): void { for (const emit of this.emitters) emit(data); }
  end(): void { for (const end of this.ends) end(); }
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('terminal history (get_terminal_output)', () => {
  it("Gemini's own run keeps the output its early reader got, though a reader begun at the start event misses it", async () => {
    const history = new TerminalHistory<string, FakeExecution>();
    const execution = new FakeExecution();
    // The port: executeCommand, adopt, start reading at once (as runInTerminal does).
    const entry: TerminalCommand = { terminal: 'Gemini', command: 'echo hi', capture: new OutputCapture(1000), chunks: 0, ended: false };
    history.adopt(execution, entry);
    void (async () => { for await (const data of execution.read()) { entry.chunks++; entry.capture.push(data); } })();
    await tick();
    // The extension host, in one pass: the start event, then the quick command's data.
    history.started('term-1', 'Gemini', execution, 'echo hi', () => execution.read());
    execution.emit('\u001b]633;C\u0007hi\r\n');
    execution.end();
    history.ended('term-1', 0);
    await tick();
    assert.deepEqual(history.lastOutput('term-1', 1000), { terminal: 'Gemini', command: 'echo hi', output: 'hi', exitCode: 0 });

    // What the port did before: a second reader begun in the start handler gets nothing.
    const late = new FakeExecution();
    let lateData = '';
    void (async () => { for await (const data of late.read()) lateData += data; })();
    late.emit('\u001b]633;C\u0007hi\r\n');
    late.end();
    await tick();
    assert.equal(lateData, '', 'the fake reproduces the lost data');
  });

  it('a command the user typed: read from its start event; data that never came is reported as lost, not as empty', async () => {
    const history = new TerminalHistory<string, FakeExecution>();
    const slow = new FakeExecution();
    history.started('bash', 'bash', slow, 'npm test', () => slow.read());
    await tick();
    slow.emit('\u001b]633;C\u0007FAIL a.test.ts\r\n');
    slow.end();
    history.ended('bash', 1);
    await tick();
    assert.deepEqual(history.lastOutput('bash', 1000), { terminal: 'bash', command: 'npm test', output: 'FAIL a.test.ts', exitCode: 1 });

    const quick = new FakeExecution();
    history.started('bash', 'bash', quick, 'echo hi', () => quick.read());
    quick.emit('\u001b]633;C\u0007hi\r\n');
    quick.end();
    history.ended('bash', 0);
    await tick();
    assert.deepEqual(history.lastOutput('bash', 1000), { terminal: 'bash', command: 'echo hi', output: '', exitCode: 0, outputLost: true });
  });

  it("falls back to Gemini's last run when the active terminal ran nothing; a closed terminal is forgotten", () => {
    const history = new TerminalHistory<string, FakeExecution>();
    assert.equal(history.lastOutput(undefined, 100), undefined);
    const capture = new OutputCapture(100);
    capture.push('built');
    history.ran({ terminal: 'Gemini (background process)', command: 'make', capture, exitCode: 0, chunks: 1, ended: true });
    assert.equal(history.lastOutput('other', 100)?.output, 'built');
    const long = new OutputCapture(1000);
    long.push('x'.repeat(50));
    history.ran({ terminal: 'Gemini', capture: long, chunks: 1, ended: true });
    assert.equal(history.lastOutput(undefined, 10)?.output, `[… 40 characters left out …]\n${'x'.repeat(10)}`);
  });
});

describe('command output scrubbing', () => {
  it('removes the registered key, key-shaped tokens and secret-named assignments; leaves ordinary output', () => {
    const text = [
      'GEMINI_API_KEY=my-registered-key-123', 'key in a url: https://x?key=my-registered-key-123', 'token ghp_abcdefghijklmnopqrstuvwxyz0123456789',
      'export DB_PASSWORD="hunter2hunter2"', 'aws_secret_access_key: wJalrXUtnFEMI/K7MDENG', 'google AIzaSyA1234567890abcdefghijklmnopq',
      'ok 12 tests passed', 'MAX_TOKENS=4', 'tokens: 1200 used',
    ].join('\n');
    const scrubbed = scrubCommandOutput(text, ['my-registered-key-123']);
    assert.equal(scrubbed, [
      'GEMINI_API_KEY=[redacted]', 'key in a url: https://x?key=[redacted]', 'token [redacted]',
      'export DB_PASSWORD="[redacted]"', 'aws_secret_access_key: [redacted]', 'google [redacted]',
      'ok 12 tests passed', 'MAX_TOKENS=4', 'tokens: 1200 used',
    ].join('\n'));
  });
});

describe('output the terminal never passed on', () => {
  const registry = (port: Partial<TerminalPort>) => new ToolRegistry({
    port: new NodeWorkspacePort([{ path: process.cwd() }]), tools: CHAT_TOOLS, logger: silentLogger,
    terminal: { refusal: () => undefined, mode: async () => 'terminal', run: async () => { throw new Error('unused'); }, lastOutput: async () => undefined, ...port },
    settings: () => ({ enabled: true, approval: 'auto', maxFileBytes: 100_000, maxResultBytes: 10_000, allowedCommands: ['make'], commandTimeoutSeconds: 60 }),
    approver: { approve: async () => 'allow' },
  });
  const signal = new AbortController().signal;

  it('run_command says the output is unknown (and not to rerun unasked), never "(no output)"', async () => {
    const tools = registry({ run: async () => ({ exitCode: 0, output: '', timedOut: false, stopped: false, via: 'terminal', outputLost: true }) }).forTurn({ mode: 'agent' });
    const result = await tools.execute({ id: '1', name: 'run_command', args: { command: 'make' } }, signal);
    assert.match(String(result.response.output), /^\$ make\nExit code: 0\nOutput:\n\(unknown: the command ran, but VS Code's terminal passed on none of its output\. Ask the user before running it again/);
    assert.equal(result.summary, 'exit code 0; ran in the terminal; its output could not be read');
  });

  it('get_terminal_output says so too', async () => {
    const result = await registry({ lastOutput: async () => ({ terminal: 'bash', command: 'echo hi', output: '', exitCode: 0, outputLost: true }) })
      .execute({ id: '2', name: 'get_terminal_output', args: {} }, signal);
    assert.match(String(result.response.output), /Output:\n\(unknown: VS Code's terminal passed on none of this command's output/);
  });
});
