// The inline diff in a real extension host: Quick Fix on a diagnostic streams into the editor as
// an inline diff (gemini.editor.previewStyle inline), Accept writes exactly the proposal as one
// undo step, and an edit the user makes inside the block withdraws the proposal but keeps the edit.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { chunks } from '../emulator';
import { EmulatorRemote } from '../harness/emulatorRemote';

const SOURCE = ['def total(items):', '    result = 0', '    for i in range(len(items)):', '        result = result + items[i]', '    return result', ''].join('\n');
const FIXED = '        result += items[i]';

function answer(code: string, chunkDelayMs?: number): any {
  const json = JSON.stringify({ rationale: 'Uses +=.', code });
  const parts = [json.slice(0, 30), json.slice(30, 50), json.slice(50)].filter(Boolean).map((text) => chunks.text(text));
  return { kind: 'stream', chunkDelayMs, chunks: [...parts, chunks.finish('STOP', { promptTokenCount: 200, candidatesTokenCount: 30 })] };
}

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('inline diff (Quick Fix)', function () {
  this.timeout(60_000);
  const emulator = EmulatorRemote.fromEnv();
  const diagnostics = vscode.languages.createDiagnosticCollection('inline-test');
  let folder: vscode.Uri;
  let counter = 0;

  before(async () => {
    await vscode.extensions.getExtension('gemini-vscode-oss.gemini-for-vscode')?.activate();
    folder = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'inline-diff');
    await vscode.workspace.fs.createDirectory(folder);
    await vscode.workspace.getConfiguration('gemini').update('editor.previewStyle', 'inline', vscode.ConfigurationTarget.Global);
  });
  beforeEach(async () => {
    await emulator.reset();
  });
  after(async () => {
    diagnostics.dispose();
    await vscode.workspace.getConfiguration('gemini').update('editor.previewStyle', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(folder, { recursive: true, useTrash: false });
  });

  async function openWithProblem(): Promise<{ editor: vscode.TextEditor; problem: vscode.Diagnostic }> {
    const uri = vscode.Uri.joinPath(folder, `fix${++counter}.py`);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(SOURCE));
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
    const problem = new vscode.Diagnostic(new vscode.Range(3, 8, 3, 34), 'Prefer += for accumulation', vscode.DiagnosticSeverity.Warning);
    diagnostics.set(uri, [problem]);
    return { editor, problem };
  }

  it('the quick fix shows both versions in the editor; Accept leaves exactly the fix, one Undo the original', async () => {
    const { editor, problem } = await openWithProblem();
    await emulator.enqueue(answer(FIXED));
    const result = await vscode.commands.executeCommand<{ status: string; proposedText?: string }>('gemini.fixDiagnostic', editor.document.uri, problem.range, problem);
    assert.equal(result.status, 'previewed');
    assert.equal(result.proposedText, FIXED);
    // No diff tab: the old line and the fix are both in the document, the old one first.
    assert.equal(editor.document.getText(), SOURCE.replace('        result = result + items[i]', `        result = result + items[i]\n${FIXED}`));
    assert.equal(vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputTextDiff).length, 0);

    assert.equal(await vscode.commands.executeCommand('gemini.acceptInlineEdit'), true);
    assert.equal(editor.document.getText(), SOURCE.replace('        result = result + items[i]', FIXED));
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), SOURCE);
  });

  it('an edit inside the block while it streams withdraws the proposal and keeps the edit', async () => {
    const { editor, problem } = await openWithProblem();
    await emulator.enqueue(answer(`${FIXED}\n        # more\n`, 400));
    const pending = vscode.commands.executeCommand<{ status: string }>('gemini.fixDiagnostic', editor.document.uri, problem.range, problem);
    await until(() => editor.document.getText().includes(FIXED), 'the first proposed line');
    // The user types into the original line (still in the block).
    const line = editor.document.getText().split('\n').indexOf('        result = result + items[i]');
    assert.ok(line > 0);
    await editor.edit((b) => b.insert(new vscode.Position(line, 8), 'total_'));
    const result = await pending;
    assert.equal(result.status, 'stale');
    await until(() => !editor.document.getText().includes(FIXED), 'the proposal to be withdrawn');
    assert.equal(editor.document.getText(), SOURCE.replace('        result = result', '        total_result = result'));
  });
});
