// run_command's pure parts: which command lines may skip the question (whole-word prefixes, never
// with shell operators), the question's text (exact command and folder, the model's words quoted
// and clipped), output capture (escapes stripped, bounded, start and end kept), and the tool in the
// registry: offered only in Agent mode, always asking unless trusted, refusals and results.
import * as assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { allowedPrefixFor, commandProblem } from '../../../src/agent/commandPolicy';
import { commandQuestion } from '../../../src/agent/commandApproval';
import { OutputCapture, stripTerminalEscapes } from '../../../src/agent/outputCapture';
import type { CommandRun, TerminalPort } from '../../../src/agent/terminalPort';
import { silentLogger } from '../../../src/common/logger';
import type { ApprovalRequest } from '../../../src/tools/approval';
import { NodeWorkspacePort } from '../../../src/tools/nodeWorkspacePort';
import { ToolRegistry } from '../../../src/tools/registry';
import { CHAT_TOOLS } from '../../../src/tools/table';

describe('run_command: allowed command prefixes', () => {
  const allowed = ['npm test', 'npx tsc --noEmit', 'git status'];
  it('matches whole words at the start', () => {
    assert.equal(allowedPrefixFor('npm test', allowed), 'npm test');
    assert.equal(allowedPrefixFor('npm test -- src/a.test.ts', allowed), 'npm test');
    assert.equal(allowedPrefixFor('  npm   test  ', allowed), 'npm test');
    assert.equal(allowedPrefixFor('npx tsc --noEmit -p .', allowed), 'npx tsc --noEmit');
    assert.equal(allowedPrefixFor('npm testing', allowed), undefined);
    assert.equal(allowedPrefixFor('npm', allowed), undefined);
    assert.equal(allowedPrefixFor('npx tsc', allowed), undefined);
    assert.equal(allowedPrefixFor('sudo npm test', allowed), undefined);
  });

  it('never allows chaining, redirection, substitution, expansion or quoting tricks', () => {
    for (const command of [
      'npm test; rm -rf /', 'npm test && rm -rf /', 'npm test || curl x', 'npm test | sh', 'npm test & rm x', 'npm test > /etc/x',
      'npm test < /etc/passwd', 'npm test $(rm -rf /)', 'npm test `rm -rf /`', 'npm test ${HOME}', 'npm test $HOME', 'npm test \\; rm',
      "npm test ';rm'", 'npm test "a"', 'npm test *', 'npm test ~/x', 'npm test # x', 'npm test !!', 'npm test {a,b}', 'npm test (x)',
      'npm test %PATH%', 'npm test ^& del', 'FOO=1 npm test', 'npm test --x=1', 'npm test\nrm -rf /', 'npm test\rrm', 'npm test\u2028rm',
    ]) assert.equal(allowedPrefixFor(command, allowed), undefined, command);
  });

  it('ignores allowed prefixes that themselves hold shell operators', () => {
    assert.equal(allowedPrefixFor('npm test', ['npm test; true']), undefined);
    assert.equal(allowedPrefixFor('ls', ['']), undefined);
  });

  it('refuses empty, multi-line, overlong and invisible-character commands outright', () => {
    assert.match(commandProblem('  ')!, /empty/);
    assert.match(commandProblem('a\nb')!, /line break/);
    assert.match(commandProblem('echo \u202eexe.txt')!, /invisible/);
    assert.match(commandProblem('x'.repeat(2001))!, /longer than 2000/);
    assert.equal(commandProblem('npm test -- --grep "a b"'), undefined, 'any one plain line may run once the user said yes');
  });
});

describe('run_command: the question', () => {
  it('shows the exact command and folder; the model\'s reason is quoted, clipped and labelled', () => {
    const q = commandQuestion({ command: 'npm test -- --grep "x"', folder: 'app/pkg', reason: 'Run the tests.\n\nClick Allow: this is SAFE ”', via: 'terminal', timeoutSeconds: 300 });
    assert.equal(q.title, 'Gemini wants to run a command');
    assert.match(q.detail, /^Command \(runs exactly as shown\):\n {4}npm test -- --grep "x"\nIn folder: app\/pkg\n/);
    assert.match(q.detail, /Gemini's reason \(model text, not checked\): "Run the tests\.\\n\\nClick Allow: this is SAFE ”"$/);
    assert.equal(q.detail.split('\n').length, 6, 'the model cannot add lines');
    const long = commandQuestion({ command: 'ls', folder: '.', reason: 'x'.repeat(500), via: 'terminal', timeoutSeconds: 5 }).detail;
    assert.match(long, /"x{300}…" \(500 characters\)$/, 'clipped at 300 characters, the full length named');
    assert.match(commandQuestion({ command: 'ls', folder: '.', via: 'process', timeoutSeconds: 5 }).detail, /background process \(this terminal has no shell integration\)/);
  });
});

describe('run_command: output capture', () => {
  it('strips colours, cursor moves and shell-integration marks, even split across chunks', () => {
    assert.equal(stripTerminalEscapes('\u001b[31mred\u001b[0m\r\n\u001b]633;D;1\u0007done'), 'red\ndone');
    const capture = new OutputCapture(1000);
    capture.push('a\u001b[3');
    capture.push('1mb');
    assert.equal(capture.text(), 'ab');
  });

  it('keeps the start and the end of a megabyte within the cap and says how much was left out', () => {
    const capture = new OutputCapture(4000);
    for (let i = 0; i < 10_000; i++) capture.push(`line ${i} ${'x'.repeat(90)}\n`);
    const text = capture.text();
    assert.ok(text.length < 4100, `${text.length}`);
    assert.ok(text.startsWith('line 0 '));
    assert.ok(text.endsWith(`line 9999 ${'x'.repeat(90)}`));
    assert.match(text, /\[… \d+ characters left out …\]/);
    assert.ok(capture.droppedChars > 990_000);
  });
});

describe('run_command in the registry', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'gemini-run-'));
    mkdirSync(path.join(root, 'pkg'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  function setup(options: { agent?: boolean; allowed?: string[]; answer?: 'allow' | 'allowSession' | 'deny'; refusal?: string } = {}) {
    const runs: CommandRun[] = [];
    const asked: ApprovalRequest[] = [];
    const terminal: TerminalPort = {
      refusal: () => options.refusal,
      mode: async () => 'terminal',
      run: async (request) => { runs.push(request); return { exitCode: 1, output: 'FAIL a.test.ts', timedOut: false, stopped: false, via: 'terminal' }; },
      lastOutput: async () => ({ terminal: 'bash', command: 'make', output: 'done', exitCode: 0 }),
    };
    const tools = new ToolRegistry({
      port: new NodeWorkspacePort([{ path: root }]), tools: CHAT_TOOLS, terminal, logger: silentLogger,
      settings: () => ({ enabled: true, approval: 'auto', maxFileBytes: 100_000, maxResultBytes: 10_000, allowedCommands: options.allowed ?? [], commandTimeoutSeconds: 60 }),
      approver: { approve: async (request) => { asked.push(request); return options.answer ?? 'allow'; } },
    });
    // An Agent-mode turn's executor, as the chat builds it; otherwise the registry's Ask mode.
    const registry = options.agent ? tools.forTurn({ mode: 'agent' }) : tools;
    return { registry, runs, asked };
  }
  const signal = new AbortController().signal;
  const call = (args: Record<string, unknown>) => ({ id: '1', name: 'run_command', args });

  it('is not offered outside Agent mode (and refused if called anyway); get_terminal_output is', async () => {
    const { registry, runs } = setup();
    const names = registry.declarations().map((d) => d.name);
    assert.ok(!names.includes('run_command'));
    assert.ok(names.includes('get_terminal_output'));
    const result = await registry.execute(call({ command: 'npm test' }), signal);
    assert.equal(result.ok, false);
    assert.match(result.summary, /run_command is only available in Agent mode/);
    assert.equal(runs.length, 0);
    assert.ok(setup({ agent: true }).registry.declarations().some((d) => d.name === 'run_command'));
  });

  it('asks first, even in approval mode auto, with the exact command and folder; a no runs nothing', async () => {
    const { registry, runs, asked } = setup({ agent: true, answer: 'deny' });
    const result = await registry.execute(call({ command: 'npm test', cwd: 'pkg', reason: 'check' }), signal);
    assert.equal(result.ok, false);
    assert.match(result.summary, /did not allow/);
    assert.equal(runs.length, 0);
    assert.ok(asked[0].detail.includes(`npm test\nIn folder: ${path.join(root, 'pkg')}\n`), asked[0].detail);
  });

  it('runs after a yes in the folder asked about, and returns exit code and output', async () => {
    const { registry, runs } = setup({ agent: true });
    const result = await registry.execute(call({ command: 'npm test', cwd: 'pkg', timeoutSeconds: 999 }), signal);
    assert.equal(result.ok, true);
    assert.equal(runs[0].cwd, path.join(root, 'pkg'));
    assert.equal(runs[0].timeoutMs, 60_000, 'never beyond the setting');
    assert.equal(result.response.output, '$ npm test\nExit code: 1\nOutput:\nFAIL a.test.ts');
    assert.equal(result.summary, 'exit code 1; ran in the terminal');
  });

  it('a trusted prefix runs without asking; "this session" remembers only that exact command', async () => {
    const trusted = setup({ agent: true, allowed: ['npm test'] });
    await trusted.registry.execute(call({ command: 'npm test -- a' }), signal);
    assert.equal(trusted.asked.length, 0);
    await trusted.registry.execute(call({ command: 'npm test && rm -rf x' }), signal);
    assert.equal(trusted.asked.length, 1, 'chaining always asks');

    const session = setup({ agent: true, answer: 'allowSession' });
    await session.registry.execute(call({ command: 'make' }), signal);
    await session.registry.execute(call({ command: 'make' }), signal);
    await session.registry.execute(call({ command: 'make clean' }), signal);
    assert.equal(session.asked.length, 2);
  });

  it('refuses in Restricted Mode, outside the workspace, and multi-line commands, before asking', async () => {
    const restricted = setup({ agent: true, refusal: 'Commands do not run in Restricted Mode.' });
    assert.match((await restricted.registry.execute(call({ command: 'ls' }), signal)).summary, /Restricted Mode/);
    const { registry, asked } = setup({ agent: true });
    assert.equal((await registry.execute(call({ command: 'ls', cwd: '../..' }), signal)).ok, false);
    assert.match((await registry.execute(call({ command: 'ls\nrm -rf /' }), signal)).summary, /line break/);
    assert.equal(asked.length, 0);
  });

  it('get_terminal_output returns the last command\'s output', async () => {
    const { registry } = setup();
    const result = await registry.execute({ id: '2', name: 'get_terminal_output', args: {} }, signal);
    assert.equal(result.response.output, 'Terminal: bash\n$ make\nExit code: 0\nOutput:\ndone');
  });
});
