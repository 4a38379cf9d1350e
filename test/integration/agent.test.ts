// Agent mode's editor side in a real extension host: write tools through the VS Code workspace
// port (hostile paths refused, nothing written), then the guarded apply (ONE WorkspaceEdit) with
// a checkpoint, conflicts when a file changed on disk, was deleted, became a link or is dirty in
// an editor, CRLF and BOM kept, 200 files in one turn, and restoring the checkpoint (which also
// removes the files the turn created), and one undo taking back a whole multi-file turn.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ChangeSet } from '../../src/agent/changeSet';
import { CheckpointFile } from '../../src/agent/checkpoints';
import { ApprovalRequest } from '../../src/tools/approval';
import { ToolRegistry } from '../../src/tools/registry';
import { silentLogger } from '../../src/common/logger';
import { applyAccepted } from '../../src/vscode/agent/applyChanges';
import { CheckpointStore } from '../../src/vscode/agent/checkpointStore';
import { VsCodeWorkspacePort } from '../../src/vscode/workspace/workspacePort';

const DIR = 'agent-it';

describe('Agent mode in the extension host: write tools, guarded apply, checkpoints', function () {
  this.timeout(120_000);
  let root: string;
  let outside: string;
  let storage: string;
  const asked: ApprovalRequest[] = [];

  const file = (name: string) => path.join(root, DIR, name);
  const put = (name: string, content: string | Buffer) => { mkdirSync(path.dirname(file(name)), { recursive: true }); writeFileSync(file(name), content); };
  const read = (name: string) => readFileSync(file(name), 'utf8');

  function turn(): { changes: ChangeSet; call(name: string, args: Record<string, unknown>): Promise<{ ok: boolean; text: string }> } {
    const changes = new ChangeSet();
    const registry = new ToolRegistry({
      port: new VsCodeWorkspacePort(),
      settings: () => ({ enabled: true, approval: 'auto', maxFileBytes: 256 * 1024, maxResultBytes: 64 * 1024 }),
      approver: { approve: async (request) => { asked.push(request); return 'deny'; } },
      logger: silentLogger,
    });
    const executor = registry.forTurn({ mode: 'agent', changes });
    let id = 0;
    return {
      changes,
      call: async (name, args) => {
        const result = await executor.execute({ id: String(id++), name, args }, new AbortController().signal);
        return { ok: result.ok, text: String(result.response.output ?? result.response.error) };
      },
    };
  }

  let store: CheckpointStore;
  const snapshots: CheckpointFile[][] = [];
  const checkpoint = (turnId: string) => async (snapshot: CheckpointFile[]) => {
    snapshots.push(snapshot);
    return store.save('chat', turnId, snapshot);
  };

  before(() => {
    root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    outside = mkdtempSync(path.join(os.tmpdir(), 'gemini-agent-outside-'));
    storage = mkdtempSync(path.join(os.tmpdir(), 'gemini-agent-storage-'));
    store = new CheckpointStore(vscode.Uri.file(storage), silentLogger, () => 30);
  });
  beforeEach(() => {
    rmSync(path.join(root, DIR), { recursive: true, force: true });
    put('a.ts', 'export const a = 1;\nexport const b = 2;\n');
    put('crlf.txt', 'one\r\ntwo\r\nthree\r\n');
    put('bom.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('alpha\nbeta\n')]));
    put('old.md', '# Old\n');
    put('gone.txt', 'to be deleted\n');
    writeFileSync(path.join(outside, 'target.txt'), 'outside\n');
    asked.length = 0;
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(path.join(root, DIR), { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
    rmSync(storage, { recursive: true, force: true });
  });

  it('refuses hostile paths through the VS Code port, and writes nothing', async () => {
    put('big.txt', Buffer.alloc(10 * 1024 * 1024, 'x'));
    put('image.bin', Buffer.from([1, 2, 0, 3]));
    symlinkSync(outside, file('link-out'));
    const { call, changes } = turn();
    const refused: [string, Record<string, unknown>, RegExp][] = [
      ['edit_file', { path: path.join(outside, 'target.txt'), search: 'outside', replace: 'x' }, /outside the workspace/],
      ['create_file', { path: `${DIR}/link-out/new.txt`, content: 'x' }, /symbolic link/],
      ['edit_file', { path: `${DIR}/link-out/target.txt`, search: 'outside', replace: 'x' }, /symbolic link|outside/],
      ['create_file', { path: '.git/config', content: 'x' }, /inside \.git are never written/],
      ['create_file', { path: 'build/out.js', content: 'x' }, /excluded by/],
      ['edit_file', { path: '.env', search: '=', replace: '==' }, /did not allow/],
      ['edit_file', { path: `${DIR}/big.txt`, search: 'x', replace: 'y' }, /10\.0 MB/],
      ['edit_file', { path: `${DIR}/image.bin`, search: 'x', replace: 'y' }, /binary/],
      ['edit_file', { path: `${DIR}/a.ts`, search: 'export const', replace: 'const' }, /matches 2 times/],
    ];
    for (const [tool, args, expected] of refused) {
      const result = await call(tool, args);
      assert.equal(result.ok, false, `${tool} ${JSON.stringify(args)}`);
      assert.match(result.text, expected);
    }
    assert.equal(changes.files.length, 0);
    assert.equal(asked.length, 1, 'only the sensitive .env asked');
    assert.equal(readFileSync(path.join(outside, 'target.txt'), 'utf8'), 'outside\n');
    assert.ok(!existsSync(path.join(root, '.git', 'config')) || !readFileSync(path.join(root, '.git', 'config'), 'utf8').includes('x'));
    assert.ok(!existsSync(path.join(root, 'build', 'out.js')));
  });

  it('applies a turn as one edit after a checkpoint, keeping CRLF and the BOM; restore brings everything back', async () => {
    const { call, changes } = turn();
    for (const [tool, args] of [
      ['edit_file', { path: `${DIR}/a.ts`, search: 'export const b = 2;', replace: 'export const b = 3;' }],
      ['edit_file', { path: `${DIR}/crlf.txt`, search: 'two\nthree', replace: 'two\n2.5\nthree' }],
      ['edit_file', { path: `${DIR}/bom.txt`, search: 'beta', replace: 'gamma' }],
      ['create_file', { path: `${DIR}/new/created.ts`, content: 'export {};\n' }],
      ['rename_file', { path: `${DIR}/old.md`, newPath: `${DIR}/renamed.md` }],
      ['edit_file', { path: `${DIR}/renamed.md`, search: '# Old', replace: '# Renamed' }],
      ['delete_file', { path: `${DIR}/gone.txt` }],
    ] as const) assert.ok((await call(tool, args)).ok, `${tool} ${JSON.stringify(args)}`);
    assert.equal(read('a.ts'), 'export const a = 1;\nexport const b = 2;\n', 'nothing written by the proposals');
    assert.ok(!existsSync(file('new/created.ts')));

    changes.decideAll('accepted');
    const t0 = Date.now();
    const kept = await applyAccepted(changes, changes.toApply(), checkpoint('t-apply'));
    assert.deepEqual(changes.files.map((f) => [f.display, f.outcome, f.detail]), changes.files.map((f) => [f.display, 'applied', undefined]));
    console.log(`    (apply of 7 files: ${Date.now() - t0} ms)`);
    assert.equal(kept, true);
    assert.equal(read('a.ts'), 'export const a = 1;\nexport const b = 3;\n');
    assert.equal(read('crlf.txt'), 'one\r\ntwo\r\n2.5\r\nthree\r\n');
    assert.deepEqual([...readFileSync(file('bom.txt')).subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.equal(read('bom.txt').slice(1), 'alpha\ngamma\n');
    assert.equal(read('new/created.ts'), 'export {};\n');
    assert.equal(read('renamed.md'), '# Renamed\n');
    assert.ok(!existsSync(file('old.md')) && !existsSync(file('gone.txt')));

    let preview = '';
    const restored = await store.restore('t-apply', async (summary) => { preview = summary; return true; });
    assert.equal(restored, true);
    assert.match(preview, /agent-it\/new\/created\.ts: delete \(created by the turn\)/);
    assert.match(preview, /agent-it\/gone\.txt: recreate/);
    assert.equal(read('a.ts'), 'export const a = 1;\nexport const b = 2;\n');
    assert.equal(read('crlf.txt'), 'one\r\ntwo\r\nthree\r\n');
    assert.equal(readFileSync(file('bom.txt')).toString('latin1'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('alpha\nbeta\n')]).toString('latin1'));
    assert.equal(read('old.md'), '# Old\n');
    assert.equal(read('gone.txt'), 'to be deleted\n');
    assert.ok(!existsSync(file('new/created.ts')) && !existsSync(file('renamed.md')));
  });

  it('one undo after accepting a multi-file turn takes back every file', async () => {
    put('b.ts', 'export const z = 1;\n');
    const { call, changes } = turn();
    assert.ok((await call('edit_file', { path: `${DIR}/a.ts`, search: 'export const b = 2;', replace: 'export const b = 3;' })).ok);
    assert.ok((await call('edit_file', { path: `${DIR}/b.ts`, search: 'export const z = 1;', replace: 'export const z = 2;' })).ok);
    changes.decideAll('accepted');
    await applyAccepted(changes, changes.toApply(), checkpoint('t-undo'));
    assert.equal(read('a.ts'), 'export const a = 1;\nexport const b = 3;\n');
    assert.equal(read('b.ts'), 'export const z = 2;\n');
    // The user looks at both files, then presses Undo in one of them.
    await vscode.window.showTextDocument(vscode.Uri.file(file('b.ts')), { preview: false });
    const a = await vscode.window.showTextDocument(vscode.Uri.file(file('a.ts')), { preview: false });
    await vscode.commands.executeCommand('undo');
    const b = await vscode.workspace.openTextDocument(vscode.Uri.file(file('b.ts')));
    assert.equal(a.document.getText(), 'export const a = 1;\nexport const b = 2;\n', 'a.ts is back');
    assert.equal(b.getText(), 'export const z = 1;\n', 'b.ts is back with the same undo');
    await vscode.commands.executeCommand('workbench.action.files.saveAll');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('reports conflicts instead of writing: changed on disk, deleted, unsaved in an editor, parent now a link', async () => {
    put('sub/inner.txt', 'inner\n');
    const { call, changes } = turn();
    for (const [name, search] of [['a.ts', 'export const a = 1;'], ['gone.txt', 'to be deleted'], ['crlf.txt', 'one'], ['old.md', '# Old'], ['sub/inner.txt', 'inner']] as const) {
      assert.ok((await call('edit_file', { path: `${DIR}/${name}`, search, replace: 'CHANGED' })).ok);
    }
    writeFileSync(file('a.ts'), 'export const a = 100; // the user\n');
    rmSync(file('gone.txt'));
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file('crlf.txt')));
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), 'typed '));
    renameSync(file('sub'), path.join(outside, 'sub'));
    symlinkSync(path.join(outside, 'sub'), file('sub'));

    changes.decideAll('accepted');
    await applyAccepted(changes, changes.toApply(), checkpoint('t-conflict'));
    const outcome = Object.fromEntries(changes.files.map((f) => [f.display.replace(`${DIR}/`, ''), [f.outcome, f.detail]]));
    assert.deepEqual(outcome['a.ts'], ['conflict', 'it changed on disk after the proposal']);
    assert.deepEqual(outcome['gone.txt'], ['conflict', 'it was deleted (or renamed) after the proposal']);
    assert.deepEqual(outcome['crlf.txt'], ['conflict', 'it has unsaved changes in an editor']);
    assert.equal(outcome['sub/inner.txt'][0], 'conflict');
    assert.deepEqual(outcome['old.md'], ['applied', undefined]);
    assert.equal(read('a.ts'), 'export const a = 100; // the user\n');
    assert.ok(!existsSync(file('gone.txt')));
    assert.equal(doc.getText(), 'typed one\r\ntwo\r\nthree\r\n');
    assert.equal(readFileSync(path.join(outside, 'sub', 'inner.txt'), 'utf8'), 'inner\n');
    assert.equal(read('old.md'), 'CHANGED\n');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('applies 200 new files in one turn', async () => {
    const { call, changes } = turn();
    for (let i = 0; i < 200; i++) assert.ok((await call('create_file', { path: `${DIR}/many/f${i}.txt`, content: `file ${i}\n` })).ok);
    changes.decideAll('accepted');
    const started = Date.now();
    await applyAccepted(changes, changes.toApply(), checkpoint('t-many'));
    console.log(`    (apply of 200 new files: ${Date.now() - started} ms)`);
    assert.equal(changes.files.filter((f) => f.outcome === 'applied').length, 200);
    assert.equal(read('many/f199.txt'), 'file 199\n');
  });
});
