// Hostile inputs to our workspace tools through VS Code's own tool API (vscode.lm.invokeTool, what
// any chat participant or a prompt-injected model can call), in a real extension host: paths that
// escape the workspace by every spelling, links that lead out, wrong types, and regular
// expressions built to freeze the host. A canary file next to the workspace must never be read,
// listed or found. Also: the API key never appears in an error message, even when the service
// echoes it back.
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import * as vscode from 'vscode';
import { lmToolName } from '../../src/lm/tools';
import { errors, TEST_KEY } from '../emulator';
import { REPO_ROOT } from '../harness/paths';
import { EmulatorRemote } from '../harness/emulatorRemote';
import { hostScenario, runTurn, testApi } from './faultsSupport';

interface LmApi {
  lm: { invokeTool(name: string, options: { input: object; toolInvocationToken: undefined }, token?: vscode.CancellationToken): Thenable<{ content: unknown[] }> };
  LanguageModelTextPart: new (value: string) => { value: string };
}
const api = vscode as unknown as LmApi;
const CANARY = `gemini-canary-${Date.now().toString(36)}`;

/** What a tool said, minus the echo of its own arguments (a refusal quotes the path it refused). */
function withoutEcho(text: string, input: object): string {
  return Object.values(input).filter((v): v is string => typeof v === 'string').reduce((rest, value) => rest.split(value).join('<input>'), text);
}

/** The tool's text, or its refusal message; never throws. */
async function invoke(tool: string, input: object): Promise<{ ok: boolean; text: string }> {
  const token = new vscode.CancellationTokenSource().token;
  try {
    const result = await api.lm.invokeTool(lmToolName(tool), { input, toolInvocationToken: undefined }, token);
    return { ok: true, text: result.content.map((part) => (part instanceof api.LanguageModelTextPart ? part.value : '')).join('') };
  } catch (error) {
    return { ok: false, text: (error as Error).message };
  }
}

describe('security: hostile tool inputs and key hygiene in the extension host', function () {
  this.timeout(60_000);
  const emulator = EmulatorRemote.fromEnv();
  let workspace: string;
  let outsideDir: string;
  let outsideFile: string;

  before(async () => {
    await testApi();
    workspace = vscode.workspace.workspaceFolders![0].uri.fsPath;
    // Next to the workspace, where '..' would lead: a file whose content must never come back.
    outsideDir = path.join(path.dirname(workspace), `gemini-outside-${path.basename(workspace)}`);
    outsideFile = path.join(outsideDir, 'canary.txt');
    mkdirSync(outsideDir, { recursive: true });
    writeFileSync(outsideFile, `${CANARY}\n`);
    symlinkSync(outsideFile, path.join(workspace, 'link-to-outside.txt'));
    symlinkSync(outsideDir, path.join(workspace, 'link-to-outside-dir'));
  });
  beforeEach(() => emulator.reset());
  after(() => {
    rmSync(path.join(workspace, 'link-to-outside.txt'), { force: true });
    rmSync(path.join(workspace, 'link-to-outside-dir'), { force: true });
    rmSync(outsideDir, { recursive: true, force: true });
  });

  const hostile = (): [string, string][] => [
    ['an absolute path outside', outsideFile],
    ['.. traversal', `../${path.basename(outsideDir)}/canary.txt`],
    ['.. through a real folder', `src/../../${path.basename(outsideDir)}/canary.txt`],
    ['backslash traversal', `..\\${path.basename(outsideDir)}\\canary.txt`],
    ['percent-encoded traversal', `..%2F${path.basename(outsideDir)}%2Fcanary.txt`],
    ['a file:// URI', `file://${outsideFile}`],
    ['the home directory', '~/.bashrc'],
    ['a NUL byte', 'src/greet.ts\u0000../../canary.txt'],
    ['a UNC path', '//server/share/canary.txt'],
    ['a 5000-character path', `${'a/'.repeat(2500)}canary.txt`],
    ['a symbolic link to a file outside', 'link-to-outside.txt'],
    ['a path through a symbolic link to a folder outside', 'link-to-outside-dir/canary.txt'],
  ];

  hostScenario('security', 'read_file with 12 hostile paths (absolute, .., backslashes, %2F, file://, ~, NUL, UNC, 5000 chars, links leading out)', 'every one refused with a reason; the canary file beside the workspace is never read', async () => {
    for (const [what, hostilePath] of hostile()) {
      const result = await invoke('read_file', { path: hostilePath });
      assert.equal(result.ok, false, `${what}: should be refused, got ${result.text.slice(0, 200)}`);
      assert.match(result.text, /refused|not allowed|outside|not found|does not exist|longer than/i, `${what}: ${result.text}`);
      assert.ok(!result.text.includes(CANARY), `${what}: leaked the canary`);
    }
  });

  hostScenario('security', 'list_directory, find_files and search_text aimed outside the workspace or through links that lead out', 'nothing outside is listed, found or searched', async () => {
    for (const input of [{ path: '..' }, { path: outsideDir }, { path: 'link-to-outside-dir' }]) {
      const listed = await invoke('list_directory', input);
      assert.ok(!/canary\.txt/.test(withoutEcho(listed.text, input)), `list_directory ${JSON.stringify(input)}: ${listed.text}`);
    }
    for (const input of [{ glob: '../**' }, { glob: '**/canary.txt' }, { glob: '**/*', path: '..' }, { glob: `${outsideDir}/**` }]) {
      const found = await invoke('find_files', input);
      assert.ok(!/canary\.txt/.test(withoutEcho(found.text, input)), `find_files ${JSON.stringify(input)}: ${found.text}`);
    }
    for (const input of [{ query: CANARY }, { query: CANARY, path: '..' }, { query: CANARY, path: 'link-to-outside-dir' }, { query: CANARY, include: '../**' }]) {
      const searched = await invoke('search_text', input);
      const said = withoutEcho(searched.text, input);
      assert.ok(!said.includes(CANARY) && !/canary\.txt/.test(said), `search_text ${JSON.stringify(input)}: ${searched.text}`);
    }
  });

  hostScenario('security', 'search_text for the secret in the sensitive .env', 'the .env file is skipped: its value never comes back', async () => {
    const searched = await invoke('search_text', { query: 'fake-secret-do-not-send' });
    assert.ok(!searched.text.includes('fake-secret-do-not-send-0000'), searched.text);
  });

  hostScenario('security', 'tool arguments of the wrong type or out of range (path: 123, startLine: -5, maxResults: 10^9, a 10,000-character glob, depth 999)', 'refused with a message saying what is wrong; the host keeps working', async () => {
    const cases: [string, object][] = [
      ['read_file', { path: 123 }],
      ['read_file', { path: 'src/greet.ts', startLine: -5 }],
      ['search_text', { query: 'x', maxResults: 1_000_000_000 }],
      ['find_files', { glob: '*'.repeat(10_000) }],
      ['list_directory', { path: 'src', depth: 999 }],
    ];
    for (const [tool, input] of cases) {
      const result = await invoke(tool, input);
      assert.equal(result.ok, false, `${tool} ${JSON.stringify(input).slice(0, 80)} should be refused: ${result.text.slice(0, 200)}`);
      assert.ok(result.text.length > 10, 'the refusal says why');
    }
    assert.equal((await invoke('read_file', { path: 'src/greet.ts' })).ok, true, 'a normal call still works');
  });

  hostScenario('security', 'search_text with regular expressions that backtrack catastrophically ((a|aa)+$, \\s*\\s*\\s*\\s*x, a*a*a*a*a*a*b) on a long line', 'each is refused or finishes within 3 s: a model cannot freeze the extension host', async function () {
    this.timeout(60_000);
    // Run where a hang cannot take the host down: a worker thread with the same tool code.
    const results = await Promise.all([
      ['(a|aa)+$', `${'a'.repeat(48)}!`],
      ['\\s*\\s*\\s*\\s*x', `${' '.repeat(5000)}!`],
      ['a*a*a*a*a*a*b', `${'a'.repeat(5000)}!`],
    ].map(([query, line]) => searchInWorker(query, line, 3000)));
    assert.deepEqual(results.filter((r) => r.outcome === 'timeout').map((r) => r.query), [], 'these regexes freeze the host thread');
  });

  hostScenario('security', 'the service echoes the API key in an error message', 'the message the user sees says [redacted], never the key', async () => {
    const api = await testApi();
    const key = process.env.GEMINI_API_KEY ?? TEST_KEY;
    await emulator.enqueue({ ...errors.badRequest(`API key ${key} is not valid for project 123; key=${key}`) });
    const result = await runTurn(api, 'echo my key');
    const [error] = result.of('error');
    assert.ok(error, `events: ${JSON.stringify(result.events)}`);
    assert.ok(!error.failure.message.includes(key), error.failure.message);
    assert.match(error.failure.message, /\[redacted\]/);
  });
});

/** search_text over one file holding `line`, in a worker thread that is killed after `timeoutMs`. */
async function searchInWorker(query: string, line: string, timeoutMs: number): Promise<{ query: string; outcome: 'refused' | 'finished' | 'timeout'; detail: string }> {
  const dir = path.join(REPO_ROOT, 'test-output', `redos-${Math.random().toString(36).slice(2)}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'long.txt'), `${line}\n`);
  const script = `
    const { parentPort, workerData } = require('node:worker_threads');
    const { ToolRegistry } = require(workerData.registry);
    const { NodeWorkspacePort } = require(workerData.port);
    const registry = new ToolRegistry({
      port: new NodeWorkspacePort([{ path: workerData.dir }]),
      settings: () => ({ enabled: true, approval: 'auto', maxFileBytes: 262144, maxResultBytes: 65536 }),
      approver: { approve: async () => 'deny' },
      logger: { debug() {}, info() {}, warn() {}, error() {} },
    });
    registry.execute({ id: 'r', name: 'search_text', args: { query: workerData.query, isRegex: true, caseSensitive: true } }, new AbortController().signal)
      .then((result) => parentPort.postMessage({ ok: result.ok, text: JSON.stringify(result.response).slice(0, 200) }));`;
  const out = path.join(REPO_ROOT, 'out', 'src', 'tools');
  const worker = new Worker(script, { eval: true, workerData: { dir, query, registry: path.join(out, 'registry.js'), port: path.join(out, 'nodeWorkspacePort.js') } });
  try {
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(() => resolve({ query, outcome: 'timeout', detail: `still matching after ${timeoutMs} ms` }), timeoutMs);
      worker.once('message', (message: { ok: boolean; text: string }) => {
        clearTimeout(timer);
        resolve({ query, outcome: message.ok ? 'finished' : 'refused', detail: message.text });
      });
      worker.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
  } finally {
    await worker.terminate();
    rmSync(dir, { recursive: true, force: true });
  }
}
