// Editor actions end to end in a real VS Code, the emulator scripting the model: code actions are
// offered for a selection and a diagnostic, the proposal shows as a diff, Accept applies exactly
// the proposed text as one undo step, Reject / Cancel / a concurrent edit leave the file alone.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { chunks, errors, TEST_KEY } from '../emulator';
import { EmulatorRemote } from '../harness/emulatorRemote';

type Result = { status: string; message?: string; proposedText?: string; rationale?: string };
type Outcome = { outcome: string; message?: string };

// Python: no language server in the test bed, so code-action requests answer at once.
const SOURCE = [
  'def total(items):',
  '    result = 0',
  '    for i in range(len(items)):',
  '        result = result + items[i]',
  '    return result',
  '',
].join('\n');
const LOOP = new vscode.Range(2, 0, 3, 34); // the for loop, lines 3–4
const REDUCED = '    for item in items:\n        result += item';
const WHOLE = new vscode.Range(0, 0, 4, 17);

function answer(code: string, rationale = 'Simpler loop.', chunkDelayMs?: number): any {
  const json = JSON.stringify({ rationale, code });
  return { kind: 'stream', chunkDelayMs, chunks: [chunks.text(json.slice(0, 25)), chunks.text(json.slice(25)), chunks.finish('STOP', { promptTokenCount: 200, candidatesTokenCount: 30 })] };
}

function proposalTabs(): vscode.TabInputTextDiff[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs.map((tab) => tab.input))
    .filter((input): input is vscode.TabInputTextDiff => input instanceof vscode.TabInputTextDiff && input.modified.scheme === 'gemini-proposal');
}

async function until(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const EXTENSION_ID = 'gemini-vscode-oss.gemini-for-vscode';

describe('editor actions', function () {
  this.timeout(60_000);
  const emulator = EmulatorRemote.fromEnv();
  let folder: vscode.Uri;
  let counter = 0;

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    folder = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'editor-actions');
    await vscode.workspace.fs.createDirectory(folder);
    // These specs cover the diff-tab preview; the inline one has its own UI specs.
    await vscode.workspace.getConfiguration('gemini').update('editor.previewStyle', 'diffTab', vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await vscode.workspace.getConfiguration('gemini').update('editor.previewStyle', undefined, vscode.ConfigurationTarget.Global);
  });
  beforeEach(async () => {
    await emulator.reset();
    await vscode.commands.executeCommand('gemini.rejectProposal').then(undefined, () => undefined);
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(folder, { recursive: true, useTrash: false });
  });

  /** A fresh saved file in the workspace, open in an editor. */
  async function openSource(text = SOURCE, extension = 'py'): Promise<vscode.TextEditor> {
    const uri = vscode.Uri.joinPath(folder, `sample${++counter}.${extension}`);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    const document = await vscode.workspace.openTextDocument(uri);
    return vscode.window.showTextDocument(document, { preview: false });
  }

  async function lastRequestText(): Promise<string> {
    const requests = await emulator.requests();
    const body = requests[requests.length - 1].body;
    return body.contents.flatMap((c: any) => c.parts.map((p: any) => p.text ?? '')).join('\n');
  }

  it('offers Explain, Refactor…, Add documentation and Write tests on a non-empty selection, as refactor.rewrite', async () => {
    const editor = await openSource();
    const offered = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, LOOP);
    const ours = offered.filter((a) => a.title.includes('Gemini'));
    assert.deepEqual(ours.map((a) => a.title), ['Explain with Gemini', 'Refactor with Gemini…', 'Add Documentation with Gemini', 'Write Tests with Gemini']);
    for (const action of ours) assert.match(action.kind!.value, /^refactor\.rewrite\.gemini\./);

    const refactorMenu = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, LOOP, 'refactor');
    assert.equal(refactorMenu.filter((a) => a.title.includes('Gemini')).length, 4, 'they belong in the Refactor menu');
    const empty = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, new vscode.Range(1, 2, 1, 2));
    assert.equal(empty.filter((a) => a.title.includes('Gemini')).length, 0, 'nothing for an empty selection');
  });

  it('offers "Fix with Gemini" as a quickfix on a diagnostic, never as a source action (codeActionsOnSave)', async () => {
    const editor = await openSource();
    const diagnostics = vscode.languages.createDiagnosticCollection('gemini-test');
    try {
      const problem = new vscode.Diagnostic(new vscode.Range(3, 8, 3, 34), 'Prefer += for accumulation', vscode.DiagnosticSeverity.Warning);
      diagnostics.set(editor.document.uri, [problem]);
      const offered = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, new vscode.Range(3, 10, 3, 10));
      const fix = offered.find((a) => a.title === 'Fix with Gemini');
      assert.ok(fix, `offered: ${offered.map((a) => a.title).join(', ')}`);
      assert.equal(fix.kind?.value, 'quickfix');
      assert.equal((fix.command?.arguments?.[2] as vscode.Diagnostic).message, 'Prefer += for accumulation', 'the fix carries its diagnostic');

      const onSave = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, LOOP, 'source');
      assert.equal(onSave.filter((a) => a.title.includes('Gemini')).length, 0);

      // Running the quickfix sends the diagnostic and the code around it, then previews the fix.
      await emulator.enqueue(answer('        result += items[i]', 'Uses +=.'));
      const result = await vscode.commands.executeCommand<Result>(fix.command!.command, ...fix.command!.arguments!);
      assert.equal(result.status, 'previewed');
      const sent = await lastRequestText();
      assert.match(sent, /Prefer \+= for accumulation/);
      assert.match(sent, /warning at line 4, column 9/);
      assert.match(sent, /\(Python\)/);
      assert.match(sent, /return result/, 'the code after the target is included');
      const accepted = await vscode.commands.executeCommand<Outcome>('gemini.acceptProposal');
      assert.equal(accepted.outcome, 'applied');
      assert.equal(editor.document.getText(), SOURCE.replace('        result = result + items[i]', '        result += items[i]'));
    } finally {
      diagnostics.dispose();
    }
  });

  it('refactor shows the proposal as a diff; Accept applies exactly the proposed text as one undo step', async () => {
    const editor = await openSource();
    await emulator.enqueue(answer(REDUCED));
    const result = await vscode.commands.executeCommand<Result>('gemini.refactorSelection', editor.document.uri, LOOP, 'iterate directly');
    assert.equal(result.status, 'previewed');
    assert.equal(result.proposedText, REDUCED);

    const expected = SOURCE.replace(editor.document.getText(LOOP), REDUCED);
    const [diff] = proposalTabs();
    assert.ok(diff, 'a diff editor shows the proposal');
    assert.equal(diff.original.toString(), editor.document.uri.toString(), 'left: the document itself');
    assert.equal((await vscode.workspace.openTextDocument(diff.modified)).getText(), expected, 'right: the document with the proposal');

    const requests = await emulator.requests();
    assert.equal(requests.length, 1);
    assert.deepEqual(requests[0].body.generationConfig.responseJsonSchema.required, ['rationale', 'code']);
    assert.equal(requests[0].body.tools, undefined);
    assert.match(await lastRequestText(), /The user's request: iterate directly/);

    const before = editor.document.version;
    const accepted = await vscode.commands.executeCommand<Outcome>('gemini.acceptProposal');
    assert.equal(accepted.outcome, 'applied');
    assert.equal(editor.document.getText(), expected);
    assert.equal(editor.document.version, before + 1, 'one edit');
    await until(() => proposalTabs().length === 0, 'the diff to close');

    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), SOURCE, 'a single undo restores the original');
  });

  it('Reject closes the preview and changes nothing', async () => {
    const editor = await openSource();
    await emulator.enqueue(answer(REDUCED));
    const version = editor.document.version;
    assert.equal((await vscode.commands.executeCommand<Result>('gemini.refactorSelection', editor.document.uri, LOOP, '')).status, 'previewed');
    assert.equal(proposalTabs().length, 1);
    const rejected = await vscode.commands.executeCommand<Outcome>('gemini.rejectProposal');
    assert.equal(rejected.outcome, 'rejected');
    await until(() => proposalTabs().length === 0, 'the diff to close');
    assert.equal(editor.document.getText(), SOURCE);
    assert.equal(editor.document.version, version);
    assert.equal((await vscode.commands.executeCommand<Outcome>('gemini.acceptProposal')).outcome, 'none', 'nothing left to accept');
  });

  it('a document edited during the request is not clobbered', async () => {
    const editor = await openSource();
    await emulator.enqueue(answer(REDUCED, 'Simpler loop.', 400));
    const running = vscode.commands.executeCommand<Result>('gemini.refactorSelection', editor.document.uri, LOOP, '');
    await emulator.waitForRequests(1);
    assert.ok(await editor.edit((b) => b.insert(new vscode.Position(0, 0), '// edited meanwhile\n')));
    const result = await running;
    assert.equal(result.status, 'stale');
    assert.match(result.message!, /changed while Gemini was working/);
    assert.equal(editor.document.getText(), `// edited meanwhile\n${SOURCE}`);
    assert.equal(proposalTabs().length, 0, 'no preview of a stale proposal');
  });

  it('a document edited while the preview is open is not clobbered on Accept', async () => {
    const editor = await openSource();
    await emulator.enqueue(answer(REDUCED));
    assert.equal((await vscode.commands.executeCommand<Result>('gemini.refactorSelection', editor.document.uri, LOOP, '')).status, 'previewed');
    // The diff now covers the editor, so the user's edit arrives as a workspace edit.
    const mine = new vscode.WorkspaceEdit();
    mine.insert(editor.document.uri, new vscode.Position(3, 8), '# mine\n        ');
    assert.ok(await vscode.workspace.applyEdit(mine));
    const edited = editor.document.getText();
    const accepted = await vscode.commands.executeCommand<Outcome>('gemini.acceptProposal');
    assert.equal(accepted.outcome, 'stale');
    assert.equal(editor.document.getText(), edited);
  });

  it('Cancel stops the request and leaves the file untouched', async () => {
    const editor = await openSource();
    await emulator.enqueue({ kind: 'stall' });
    const version = editor.document.version;
    const running = vscode.commands.executeCommand<Result>('gemini.documentSelection', editor.document.uri, LOOP);
    await emulator.waitForRequests(1);
    assert.equal(await vscode.commands.executeCommand<number>('gemini.cancelEditorAction'), 1);
    const result = await running;
    assert.equal(result.status, 'cancelled');
    assert.equal(editor.document.getText(), SOURCE);
    assert.equal(editor.document.version, version);
    assert.equal(proposalTabs().length, 0);
  });

  it('Add documentation previews and applies a doc comment', async () => {
    const editor = await openSource();
    const lines = SOURCE.split('\n');
    const documented = [lines[0], '    """Adds up the numbers."""', ...lines.slice(1, 5)].join('\n');
    await emulator.enqueue(answer(documented, 'Adds a docstring.'));
    const result = await vscode.commands.executeCommand<Result>('gemini.documentSelection', editor.document.uri, WHOLE);
    assert.equal(result.status, 'previewed');
    assert.match(await lastRequestText(), /idiomatic style for Python/);
    assert.equal((await vscode.commands.executeCommand<Outcome>('gemini.acceptProposal')).outcome, 'applied');
    assert.equal(editor.document.getText(), `${documented}\n`);
  });

  it('a malformed answer or a service failure changes nothing and says why', async () => {
    const editor = await openSource();
    await emulator.enqueue({ kind: 'stream', chunks: [chunks.text('Here you go: for item in items: result += item'), chunks.finish('STOP')] });
    const malformed = await vscode.commands.executeCommand<Result>('gemini.refactorSelection', editor.document.uri, LOOP, '');
    assert.equal(malformed.status, 'failed');
    assert.match(malformed.message!, /not valid JSON/);

    await emulator.enqueue(errors.invalidKey());
    const failed = await vscode.commands.executeCommand<Result>('gemini.refactorSelection', editor.document.uri, LOOP, '');
    assert.equal(failed.status, 'failed');
    assert.ok(failed.message && !failed.message.includes(TEST_KEY));
    assert.equal(editor.document.getText(), SOURCE);
    assert.equal(proposalTabs().length, 0);
  });

  it('a retired model: the action fails with one line naming the model and its replacement; gemini.selectModel with it switches at once', async () => {
    const config = vscode.workspace.getConfiguration('gemini');
    await config.update('model', 'gemini-2.5-pro', vscode.ConfigurationTarget.Global);
    try {
      const editor = await openSource();
      await emulator.enqueue(errors.notFound('gemini-2.5-pro'));
      const failed = await vscode.commands.executeCommand<Result>('gemini.refactorSelection', editor.document.uri, LOOP, '');
      assert.equal(failed.status, 'failed');
      assert.equal(failed.message, 'The model "gemini-2.5-pro" is retired or not available to this key: switch to gemini-3.8-flash.');
      assert.equal(editor.document.getText(), SOURCE);
      await vscode.commands.executeCommand('gemini.selectModel', 'gemini-3.8-flash');
      assert.equal(vscode.workspace.getConfiguration('gemini').get('model'), 'gemini-3.8-flash');
    } finally {
      await config.update('model', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('Write tests previews a new test file next to the source, named by the project\'s conventions, and saves it on Accept', async () => {
    const editor = await openSource();
    const name = editor.document.uri.path.split('/').pop()!.replace(/\.py$/, '');
    const testText = `from ${name} import total\n\n\ndef test_total_adds():\n    assert total([1, 2, 3]) == 6`;
    await emulator.enqueue(answer(testText, 'Covers the sum.'));
    const result = await vscode.commands.executeCommand<Result>('gemini.writeTests', editor.document.uri, WHOLE);
    assert.equal(result.status, 'previewed');
    const sent = await lastRequestText();
    assert.match(sent, /Use pytest/);
    assert.match(sent, new RegExp(`The tests go in editor-actions/test_${name}\\.py`));
    assert.match(sent, new RegExp(`The source file is \\./${name}\\.py relative to the test file's folder`));

    const [diff] = proposalTabs();
    assert.equal(diff.original.scheme, 'gemini-proposal', 'a new file is compared with an empty document');
    const testUri = vscode.Uri.joinPath(folder, `test_${name}.py`);
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(testUri)), 'nothing is written before Accept');

    assert.equal((await vscode.commands.executeCommand<Outcome>('gemini.acceptProposal')).outcome, 'applied');
    const written = new TextDecoder().decode(await vscode.workspace.fs.readFile(testUri));
    assert.equal(written, `${testText}\n`);

    // A second run extends the same file: the prompt carries its current content.
    await emulator.enqueue(answer(`${testText}\n\n\ndef test_total_empty():\n    assert total([]) == 0`, 'Adds the empty case.'));
    assert.equal((await vscode.commands.executeCommand<Result>('gemini.writeTests', editor.document.uri, WHOLE)).status, 'previewed');
    assert.match(await lastRequestText(), /already exists\. Return the COMPLETE updated file[\s\S]*def test_total_adds/);
    assert.equal((await vscode.commands.executeCommand<Outcome>('gemini.acceptProposal')).outcome, 'applied');
    assert.match(new TextDecoder().decode(await vscode.workspace.fs.readFile(testUri)), /def test_total_adds[\s\S]*def test_total_empty/);
  });

  it('Explain opens the chat with the selection attached and asks there', async () => {
    const editor = await openSource();
    const result = await vscode.commands.executeCommand<Result>('gemini.explainSelection', editor.document.uri, LOOP);
    assert.equal(result.status, 'sent');
    const [request] = await emulator.waitForRequests(1, 10_000);
    const raw = JSON.stringify(request.body.contents);
    assert.match(raw, /Explain the attached Python code/);
    assert.match(raw, /result = result \+ items\[i\]/, 'the selected code goes with the question');
  });
});
