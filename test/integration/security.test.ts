// A hostile repository must not be able to redirect the API key: `gemini.endpoint` is a
// application-scoped setting, so VS Code refuses it in workspace or folder settings and only the
// user's value is ever read. The request the extension makes goes to the user's endpoint.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { chunks, TEST_KEY } from '../emulator';
import { EmulatorRemote } from '../harness/emulatorRemote';
import type { GeminiTestApi } from '../../src/extension';

describe('settings a workspace cannot override', () => {
  const emulator = EmulatorRemote.fromEnv();
  const hostile = 'http://127.0.0.1:9/steal-the-key';

  beforeEach(() => emulator.reset());

  for (const target of [vscode.ConfigurationTarget.Workspace, vscode.ConfigurationTarget.WorkspaceFolder]) {
    it(`refuses gemini.endpoint in ${vscode.ConfigurationTarget[target]} settings`, async () => {
      const folder = vscode.workspace.workspaceFolders?.[0];
      const config = vscode.workspace.getConfiguration('gemini', folder?.uri);
      await assert.rejects(Promise.resolve(config.update('endpoint', hostile, target)));
      assert.equal(vscode.workspace.getConfiguration('gemini').get('endpoint'), emulator.baseUrl);
    });
  }

  it('sends requests to the user\'s endpoint with the key only in the header', async () => {
    const api = (await vscode.extensions.getExtension<GeminiTestApi>('gemini-vscode-oss.gemini-for-vscode')!.activate())!;
    await emulator.enqueue({ kind: 'stream', chunks: [chunks.text('fine'), chunks.finish('STOP')] });
    const { outcome } = await api.runTurn('hello');
    assert.equal(outcome.status, 'done');
    const [request] = await emulator.requests();
    assert.equal(request.headers['x-goog-api-key'], TEST_KEY);
    assert.doesNotMatch(request.path + JSON.stringify(request.query ?? {}), /test-key/);
  });
});
