// The extension as VS Code sees it: it activates, its commands run, and every command the manifest
// contributes is actually registered (a contributed command without a handler is a dead menu item).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXPECTED_VSCODE_VERSION_ENV } from '../harness/integrationProtocol';

const EXTENSION_ID = 'gemini-vscode-oss.gemini-for-vscode';

function ourExtension(): vscode.Extension<unknown> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not loaded in this extension host`);
  return extension;
}

describe('extension', () => {
  before(async () => {
    await ourExtension().activate();
  });

  it('activates', () => {
    assert.equal(ourExtension().isActive, true);
  });

  it('runs in the VS Code version the runner installed', () => {
    const expected = process.env[EXPECTED_VSCODE_VERSION_ENV];
    assert.ok(expected, `${EXPECTED_VSCODE_VERSION_ENV} is not set: run through run.ts or runElectron.ts`);
    assert.equal(vscode.version, expected);
  });

  it('registers every command contributed in package.json', async () => {
    const contributed: string[] = (ourExtension().packageJSON.contributes?.commands ?? []).map((c: { command: string }) => c.command);
    assert.ok(contributed.length > 0, 'package.json contributes no commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `contributed but never registered: ${missing.join(', ')}`);
  });

  it('executes gemini.showLog', async () => {
    await vscode.commands.executeCommand('gemini.showLog');
  });

  // That the view really appears is checked in Chromium by test/ui/chatView.test.ts.
  it('executes gemini.openChat', async () => {
    await vscode.commands.executeCommand('gemini.openChat');
  });
});
