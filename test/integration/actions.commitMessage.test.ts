// "Generate Commit Message" in a real VS Code with the built-in Git extension: the staged diff goes
// to Gemini (the emulator), the cleaned answer lands in the repository's Source Control input box.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import { chunks } from '../emulator';
import { EmulatorRemote } from '../harness/emulatorRemote';

const EXTENSION_ID = 'gemini-vscode-oss.gemini-for-vscode';

interface GitRepository {
  inputBox: { value: string };
}
interface GitApi {
  openRepository(root: vscode.Uri): Promise<GitRepository | null>;
}

async function enabledGitApi(): Promise<GitApi> {
  // The test bed turns Git off for quiet workbenches; this spec needs it.
  await vscode.workspace.getConfiguration('git').update('enabled', true, vscode.ConfigurationTarget.Global);
  const extension = vscode.extensions.getExtension<{ enabled: boolean; getAPI(v: 1): GitApi }>('vscode.git');
  assert.ok(extension, 'the built-in Git extension is missing');
  const exports = await extension.activate();
  for (let i = 0; i < 100 && !exports.enabled; i++) await new Promise((resolve) => setTimeout(resolve, 100));
  assert.ok(exports.enabled, 'the Git extension did not enable');
  return exports.getAPI(1);
}

describe('editor actions: commit message', function () {
  this.timeout(60_000);
  const emulator = EmulatorRemote.fromEnv();
  let folder: vscode.Uri;

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    folder = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'editor-actions-git');
    await vscode.workspace.fs.createDirectory(folder);
    const git = (...args: string[]): string => execFileSync('git', args, { cwd: folder.fsPath, encoding: 'utf8' });
    git('init', '-q');
    git('config', 'user.email', 'test@example.com');
    git('config', 'user.name', 'Test');
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, 'greet.py'), new TextEncoder().encode('def greet():\n    return "hello"\n'));
    git('add', 'greet.py');
    git('commit', '-q', '-m', 'Add greet');
  });
  beforeEach(() => emulator.reset());
  after(async () => {
    await vscode.workspace.getConfiguration('git').update('enabled', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.fs.delete(folder, { recursive: true, useTrash: false });
  });

  it('says so when nothing is staged, without asking Gemini', async () => {
    const api = await enabledGitApi();
    const repository = await api.openRepository(folder);
    assert.ok(repository);
    const result = await vscode.commands.executeCommand<{ status: string; message?: string }>('gemini.generateCommitMessage', { rootUri: folder });
    assert.equal(result.status, 'failed');
    assert.match(result.message!, /Nothing is staged/);
    assert.equal((await emulator.requests()).length, 0);
  });

  it('writes the message for the staged diff into the Source Control input box', async () => {
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, 'greet.py'), new TextEncoder().encode('def greet(name):\n    return f"hello {name}"\n'));
    execFileSync('git', ['add', 'greet.py'], { cwd: folder.fsPath });
    const api = await enabledGitApi();
    const repository = await api.openRepository(folder);
    assert.ok(repository);
    await emulator.enqueue({ kind: 'stream', chunks: [chunks.text('```\nGreet by name\n\nTakes the name to greet.\n```'), chunks.finish('STOP')] });

    const result = await vscode.commands.executeCommand<{ status: string; message?: string }>('gemini.generateCommitMessage', { rootUri: folder });
    assert.equal(result.status, 'written');
    assert.equal(repository.inputBox.value, 'Greet by name\n\nTakes the name to greet.');

    const [request] = await emulator.requests();
    const sent = JSON.stringify(request.body.contents);
    assert.match(sent, /\+def greet\(name\):/);
    assert.match(sent, /- Add greet/, 'recent commit subjects are given for style');
    assert.equal(request.body.tools, undefined);
  });
});
