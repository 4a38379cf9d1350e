// The ToolRegistry as the engine sees it: declarations, approval modes, session approvals,
// editor-state tools, logging without file contents, and failures that leak no paths.
import * as assert from 'node:assert/strict';
import { Type } from '@google/genai';
import { NodeWorkspacePort } from '../../../src/tools/nodeWorkspacePort';
import { ToolRegistry } from '../../../src/tools/registry';
import { TOOL_NAMES } from '../../../src/tools/table';
import { WorkspaceLocation } from '../../../src/tools/workspacePort';
import { DEFAULT_TEST_SETTINGS, MemoryLogger, SECRET_VALUE, Sandbox, ScriptedApprover, errorOf, harness, makeSandbox, outputOf } from './fixture';

describe('ToolRegistry', () => {
  let sandbox: Sandbox;
  before(() => { sandbox = makeSandbox(); });
  after(() => sandbox.cleanup());

  it('declares the seven tools with schemas Gemini accepts, and none when tools are off', () => {
    const h = harness(sandbox);
    const declarations = h.registry.declarations();
    assert.deepEqual(declarations.map((d) => d.name), ['read_file', 'list_directory', 'find_files', 'search_text', 'get_diagnostics', 'get_open_editors', 'get_selection']);
    assert.deepEqual(TOOL_NAMES, declarations.map((d) => d.name));
    const read = declarations[0];
    assert.equal(read.parameters?.type, Type.OBJECT);
    assert.deepEqual(read.parameters?.required, ['path']);
    assert.deepEqual(read.parameters?.properties?.startLine, { type: Type.INTEGER, description: 'First line to return, 1-based. Default 1.', minimum: 1, maximum: 100_000_000 });
    for (const d of declarations) {
      assert.match(d.name!, /^[a-z_]{1,64}$/);
      assert.ok(d.description && d.description.length > 20);
    }
    h.settings.enabled = false;
    assert.deepEqual(h.registry.declarations(), []);
  });

  it('refuses every call when tools are turned off', async () => {
    const h = harness(sandbox, { settings: { enabled: false } });
    assert.match(errorOf(await h.call('read_file', { path: 'README.md' })), /turned off in the settings \(gemini\.tools\.enabled\)/);
    assert.deepEqual(h.port.contentReads(), []);
  });

  it("with approval 'ask' asks before every call, listing exactly what the model wants", async () => {
    const h = harness(sandbox, { settings: { approval: 'ask' }, answer: 'deny' });
    const result = await h.call('search_text', { query: 'needle', include: '*.ts' });
    assert.match(errorOf(result), /The user did not allow this search_text call\. Do not retry it/);
    assert.deepEqual(h.port.contentReads(), [], 'nothing read before the answer');
    const [request] = h.approver.requests;
    assert.equal(request.title, 'Gemini wants to run search_text');
    assert.deepEqual(request.reasons, ['approvalModeAsk']);
    assert.equal(request.detail, "Tool: search_text\nAction: search for text 'needle' (files matching *.ts)\nArguments written by the model (quoted, one line each, clipped):\n  query: \"needle\"\n  include: \"*.ts\"");
  });

  it("'Allow' runs once; 'Always allow this session' stops asking for that tool until reset", async () => {
    const h = harness(sandbox, { settings: { approval: 'ask' }, answer: 'allow' });
    assert.match(outputOf(await h.call('read_file', { path: 'README.md' })), /# Demo/);
    await h.call('read_file', { path: 'README.md' });
    assert.equal(h.approver.requests.length, 2);
    h.approver.answer = 'allowSession';
    await h.call('read_file', { path: 'README.md' });
    h.approver.answer = 'deny';
    assert.match(outputOf(await h.call('read_file', { path: 'README.md' })), /# Demo/, 'remembered for the session');
    assert.equal(h.approver.requests.length, 3);
    assert.ok(errorOf(await h.call('list_directory', {})), 'other tools still ask');
    h.registry.resetSessionApprovals();
    assert.ok(errorOf(await h.call('read_file', { path: 'README.md' })));
  });

  it('"always allow" for a sensitive file covers that file only', async () => {
    const h = harness(sandbox, { answer: 'allowSession' });
    assert.match(outputOf(await h.call('read_file', { path: '.env' })), new RegExp(SECRET_VALUE));
    h.approver.answer = 'deny';
    assert.match(outputOf(await h.call('read_file', { path: '.env', startLine: 1 })), new RegExp(SECRET_VALUE));
    assert.equal(h.approver.requests.length, 1);
    assert.match(errorOf(await h.call('read_file', { path: 'id_rsa' })), /did not allow reading 'id_rsa'/);
    assert.equal(h.approver.requests.length, 2);
  });

  it('treats an approver that fails as a no', async () => {
    const h = harness(sandbox);
    h.approver.approve = async () => { throw new Error('dialog closed'); };
    assert.match(errorOf(await h.call('read_file', { path: '.env' })), /did not allow/);
  });

  it('logs tool, arguments, result size and duration, never file contents', async () => {
    const h = harness(sandbox, { answer: 'allow' });
    await h.call('read_file', { path: '.env' });
    await h.call('search_text', { query: 'needle' });
    await h.call('read_file', { path: '../outside/secret.txt' });
    assert.equal(h.logger.lines.length, 3);
    assert.match(h.logger.lines[0], /^info tool read_file \{"path":"\.env"\} → ok, \d+ B in \d+ ms: read \.env lines 1-1 \(\d+ B\)$/);
    assert.match(h.logger.lines[1], /^info tool search_text \{"query":"needle"\} → ok, [\d.]+ K?B in \d+ ms: searched \d+ files for text 'needle': 2 matches$/);
    assert.match(h.logger.lines[2], /^info tool read_file \{"path":"\.\.\/outside\/secret\.txt"\} → refused, \d+ B in \d+ ms: Path '\.\.\/outside\/secret\.txt' refused/);
    for (const line of h.logger.lines) {
      assert.ok(!line.includes(SECRET_VALUE), 'no file contents in the log');
      assert.ok(!line.includes('the entry point'), 'no search hits in the log');
    }
  });

  it('turns an unexpected file-system error into a message without paths, logging the detail', async () => {
    class FailingPort extends NodeWorkspacePort {
      override async readFile(location: WorkspaceLocation): Promise<Uint8Array> {
        throw Object.assign(new Error(`EACCES: permission denied, open '${this.absolute(location)}'`), { code: 'EACCES' });
      }
    }
    const logger = new MemoryLogger();
    const registry = new ToolRegistry({ port: new FailingPort([{ path: sandbox.ws }]), settings: () => DEFAULT_TEST_SETTINGS, approver: new ScriptedApprover(), logger });
    const result = await registry.execute({ id: '1', name: 'read_file', args: { path: 'README.md' } }, new AbortController().signal);
    assert.equal(result.response.error, 'read_file failed (EACCES); the file system reported an error.');
    assert.ok(logger.lines.some((l) => l.startsWith('warn ') && l.includes(sandbox.ws)));
  });

  it('reports no folder open', async () => {
    const h = harness(sandbox, { folders: [] });
    assert.match(errorOf(await h.call('list_directory', {})), /No folder is open in VS Code/);
  });
});

describe('editor-state tools', () => {
  let sandbox: Sandbox;
  before(() => { sandbox = makeSandbox(); });
  after(() => sandbox.cleanup());

  const at = (h: ReturnType<typeof harness>, path: string): WorkspaceLocation => ({ folder: h.port.folders()[0], path });
  const diag = (line: number, severity: 'error' | 'warning' | 'info' | 'hint', message: string) => ({ severity, message, source: 'ts', code: '2322', line, column: 5, endLine: line, endColumn: 9 });

  it('get_diagnostics: workspace files only, filtered by severity and scope', async () => {
    const h = harness(sandbox);
    h.port.extras.diagnostics = [
      { location: at(h, 'src/index.ts'), uri: 'file:///ws/src/index.ts', diagnostics: [diag(3, 'error', "Type 'x' is not\nassignable"), diag(1, 'hint', 'unused')] },
      { location: at(h, 'src/util/math.ts'), uri: 'file:///ws/src/util/math.ts', diagnostics: [diag(2, 'warning', 'Prefer const')] },
      { location: at(h, 'dist/bundle.js'), uri: 'file:///ws/dist/bundle.js', diagnostics: [diag(1, 'error', 'in an ignored file')] },
      { location: at(h, '.env'), uri: 'file:///ws/.env', diagnostics: [diag(1, 'error', `bad value ${SECRET_VALUE}`)] },
      { uri: 'file:///elsewhere/x.ts', diagnostics: [diag(1, 'error', 'outside')] },
    ];
    const all = outputOf(await h.call('get_diagnostics', {}));
    assert.equal(all, "src/index.ts:3:5 error Type 'x' is not assignable [ts 2322]\nsrc/util/math.ts:2:5 warning Prefer const [ts 2322]\n(3 diagnostics in ignored, sensitive or out-of-workspace files not shown)");
    assert.equal(outputOf(await h.call('get_diagnostics', { path: 'src/util', minSeverity: 'warning' })), 'src/util/math.ts:2:5 warning Prefer const [ts 2322]');
    assert.equal(outputOf(await h.call('get_diagnostics', { path: 'src/index.ts', minSeverity: 'hint' })).split('\n').length, 2);
    assert.equal(outputOf(await h.call('get_diagnostics', { path: 'README.md' })), 'No problems reported in README.md.');
  });

  it('get_open_editors: workspace tabs, untitled buffers; outside and ignored tabs only counted', async () => {
    const h = harness(sandbox);
    const tab = (location: WorkspaceLocation | undefined, uri: string, extra = {}) => ({ location, uri, label: uri.split('/').pop()!, kind: 'text' as const, languageId: 'typescript', isActive: false, isDirty: false, isVisible: false, group: 1, ...extra });
    h.port.extras.openEditors = [
      tab(at(h, 'src/index.ts'), 'file:///ws/src/index.ts', { isActive: true, isVisible: true, isDirty: true }),
      tab(undefined, 'untitled:Untitled-1', { label: 'Untitled-1', group: 2 }),
      tab(at(h, 'dist/bundle.js'), 'file:///ws/dist/bundle.js'),
      tab(undefined, 'file:///etc/hosts'),
    ];
    assert.equal(outputOf(await h.call('get_open_editors')),
      '* src/index.ts  (group 1, typescript, unsaved changes, active, visible)\n  Untitled-1  (group 2, typescript)\n(2 tabs outside the workspace or ignored not shown)');
  });

  it('get_selection: returns the selection; refuses outside and ignored files; asks for sensitive ones', async () => {
    const h = harness(sandbox);
    const selection = (location: WorkspaceLocation | undefined, uri: string, text: string) => ({ location, uri, untitled: uri.startsWith('untitled:'), languageId: 'typescript', lineCount: 4, selections: [{ startLine: 2, startColumn: 1, endLine: 2, endColumn: 27, text }] });
    h.port.extras.selection = selection(at(h, 'src/index.ts'), 'file:///ws/src/index.ts', '// needle: the entry point');
    assert.equal(outputOf(await h.call('get_selection')), 'src/index.ts (typescript, 4 lines)\nselection 2:1-2:27\n// needle: the entry point');
    h.port.extras.selection = selection(undefined, 'file:///etc/passwd', 'root:x:0:0');
    assert.match(errorOf(await h.call('get_selection')), /outside the workspace/);
    h.port.extras.selection = selection(at(h, 'dist/bundle.js'), 'file:///ws/dist/bundle.js', 'var needle');
    assert.match(errorOf(await h.call('get_selection')), /excluded by \.gitignore/);
    h.port.extras.selection = selection(at(h, '.env'), 'file:///ws/.env', SECRET_VALUE);
    const refused = errorOf(await h.call('get_selection'));
    assert.match(refused, /did not allow reading '\.env'/);
    assert.ok(!refused.includes(SECRET_VALUE));
    h.port.extras.selection = undefined;
    assert.equal(outputOf(await h.call('get_selection')), 'No text editor is active.');
  });
});
