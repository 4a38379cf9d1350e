// Inline completions inside a real VS Code extension host, through the real SDK to the emulator:
// the toggle registers the provider, a cancelled completion closes its HTTP connection, the cache
// serves a typed-through suggestion without a request, ignored and sensitive files send nothing,
// and a 429 pauses completions quietly with a status-bar hint.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GeminiTestApi } from '../../src/extension';
import { chunks, errors } from '../emulator';
import { EmulatorRemote } from '../harness/emulatorRemote';
import { testApi } from './faultsSupport';

const EXTENSION_ID = 'gemini-vscode-oss.gemini-for-vscode';
const answer = (text: string) => ({ kind: 'stream' as const, chunks: [chunks.text(text), chunks.finish('STOP')] });
const automatic = { triggerKind: vscode.InlineCompletionTriggerKind.Automatic, selectedCompletionInfo: undefined } as vscode.InlineCompletionContext;

async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assert.fail(what);
}

describe('inline completions in VS Code', () => {
  const emulator = EmulatorRemote.fromEnv();
  const settings = () => vscode.workspace.getConfiguration('gemini');
  let api: GeminiTestApi;

  before(async () => {
    api = await testApi();
    await settings().update('completions.debounceMs', 50, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await settings().update('completions.debounceMs', undefined, vscode.ConfigurationTarget.Global);
    await settings().update('completions.enabled', undefined, vscode.ConfigurationTarget.Global);
  });
  beforeEach(() => emulator.reset());

  async function complete(document: vscode.TextDocument, token = new vscode.CancellationTokenSource().token): Promise<string | undefined> {
    const end = document.lineAt(document.lineCount - 1).range.end;
    const items = await api.inlineCompletions().provideInlineCompletionItems(document, end, automatic, token);
    return items?.[0]?.insertText as string | undefined;
  }

  async function typeAtEnd(document: vscode.TextDocument, text: string): Promise<void> {
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, document.lineAt(document.lineCount - 1).range.end, text);
    assert.ok(await vscode.workspace.applyEdit(edit));
  }

  it('off by default; the toggle command turns completions on and the status bar says so', async () => {
    assert.equal(settings().get('completions.enabled'), false, 'off until the user turns them on');
    assert.equal(api.completionsStatusText(), '$(circle-slash) Completions');
    await vscode.commands.executeCommand('gemini.toggleCompletions');
    await until(async () => api.completionsStatusText() === '$(sparkle) Completions', 'the status item never showed completions on');
    assert.equal(settings().get('completions.enabled'), true);
  });

  it('the per-language toggle switches the active editor\'s language, and the status bar follows', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'python', content: 'x = ' });
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('gemini.toggleCompletionsForLanguage');
    await until(async () => api.completionsStatusText() === '$(circle-slash) Completions', 'the status item never showed python off');
    assert.deepEqual(settings().get('completions.languages'), { python: false });
    assert.equal(await complete(document), undefined, 'no completion in a language switched off');
    await vscode.commands.executeCommand('gemini.toggleCompletionsForLanguage');
    await until(async () => api.completionsStatusText() === '$(sparkle) Completions', 'the status item never showed python on again');
    await settings().update('completions.languages', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    assert.equal((await emulator.requests()).length, 0);
  });

  it('cancelling a completion aborts its HTTP request: the emulator sees the connection closed', async () => {
    await emulator.enqueue({ kind: 'stall' });
    const document = await vscode.workspace.openTextDocument({ language: 'typescript', content: 'const total = ' });
    const source = new vscode.CancellationTokenSource();
    const pending = complete(document, source.token);
    await emulator.waitForRequests(1, 30_000);
    source.cancel();
    assert.equal(await pending, undefined);
    await until(async () => (await emulator.requests())[0]?.closedEarly === true, 'the request in flight was not closed by the client');
  });

  it('the next keystroke aborts the request in flight and asks once for the new spot', async () => {
    await emulator.enqueue({ kind: 'stall' }, answer('items.length;'));
    const document = await vscode.workspace.openTextDocument({ language: 'typescript', content: 'const count = ' });
    const first = complete(document);
    await emulator.waitForRequests(1, 30_000);
    await typeAtEnd(document, ' ');
    const second = complete(document);
    assert.equal(await first, undefined);
    assert.equal(await second, 'items.length;');
    const requests = await emulator.requests();
    assert.deepEqual(requests.map((r) => r.closedEarly ?? false), [true, false]);
  });

  it('typing through a suggestion is served from the cache without a request', async () => {
    await emulator.enqueue(answer('capitalize(name);'));
    const document = await vscode.workspace.openTextDocument({ language: 'typescript', content: 'const greeting = ' });
    assert.equal(await complete(document), 'capitalize(name);');
    await typeAtEnd(document, 'capi');
    assert.equal(await complete(document), 'talize(name);');
    await typeAtEnd(document, 'talize(');
    assert.equal(await complete(document), 'name);');
    assert.equal((await emulator.requests()).length, 1);
  });

  it('sends nothing for an ignored file, a sensitive file or a settings file', async () => {
    await emulator.enqueue(answer('never'));
    const root = vscode.workspace.workspaceFolders![0].uri;
    for (const file of ['build/output.txt', '.env']) {
      const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(root, file));
      assert.equal(await complete(document), undefined, file);
    }
    const settingsFile = vscode.Uri.joinPath(root, '.vscode', 'settings.json');
    await vscode.workspace.fs.writeFile(settingsFile, new TextEncoder().encode('{\n  "some.token": "'));
    assert.equal(await complete(await vscode.workspace.openTextDocument(settingsFile)), undefined, '.vscode/settings.json');
    await vscode.workspace.fs.delete(settingsFile);
    assert.equal((await emulator.requests()).length, 0);
    assert.equal(await emulator.pending(), 1, 'the answer is still queued');
  });

  it('a 429 pauses completions quietly: no further request, and a status-bar hint', async () => {
    await emulator.enqueue(errors.quota({ retryDelay: '60s' }), answer('never'));
    const document = await vscode.workspace.openTextDocument({ language: 'typescript', content: 'const limited = ' });
    assert.equal(await complete(document), undefined);
    await until(async () => api.completionsStatusText() === '$(watch) Completions', 'no paused hint in the status bar');
    await typeAtEnd(document, 'x');
    assert.equal(await complete(document), undefined);
    assert.equal((await emulator.requests()).length, 1, 'no request while paused');
  });
});
