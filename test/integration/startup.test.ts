// Activation registers what must exist from the start and nothing more: the core bundle (engine,
// chat, tools) loads on first use. index.ts runs this file first, while nothing has used Gemini.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GeminiTestApi } from '../../src/extension';

const EXTENSION_ID = 'gemini-vscode-oss.gemini-for-vscode';

describe('startup', () => {
  let api: GeminiTestApi;

  before(async () => {
    const extension = vscode.extensions.getExtension<GeminiTestApi>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded`);
    api = await extension.activate();
    assert.ok(api, 'the extension exports its test API outside production mode');
  });

  it('activates without loading the core', () => {
    assert.equal(api.coreLoaded(), false, 'dist/core.js was loaded during startup: something used it at activation');
  });

  it('a command loads the core on first use, and the core then registers every command itself', async () => {
    const contributed: string[] = (vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command);
    // Nothing is running, so cancelling is a no-op: it only proves the call reached the core.
    await vscode.commands.executeCommand('gemini.cancelEditorAction');
    assert.equal(api.coreLoaded(), true);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributed.filter((id) => !registered.has(id)), [], 'the core registers every command its placeholder stood for');
  });
});
