// The test bed itself, seen from inside the extension host: the runner's environment reached the
// host, the user settings point the extension at the emulator, and the emulator can be scripted
// remotely. Other integration specs rely on all three.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { chunks, TEST_KEY } from '../emulator';
import { EmulatorRemote } from '../harness/emulatorRemote';

describe('test bed', () => {
  const emulator = EmulatorRemote.fromEnv();

  beforeEach(() => emulator.reset());

  it('passes the test API key and the emulator endpoint to the extension host', () => {
    assert.equal(process.env.GEMINI_API_KEY, TEST_KEY);
    assert.equal(vscode.workspace.getConfiguration('gemini').get('endpoint'), emulator.baseUrl);
  });

  it('opens the fixture workspace', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'no workspace folder is open');
    const files = (await vscode.workspace.findFiles('src/**/*.ts')).map((uri) => vscode.workspace.asRelativePath(uri)).sort();
    assert.deepEqual(files, ['src/greet.ts', 'src/util/strings.ts']);
  });

  it('scripts the emulator from inside the host and records what it was sent', async () => {
    await emulator.enqueue({ kind: 'stream', chunks: [chunks.text('scripted from the host'), chunks.finish('STOP')] });
    const response = await fetch(`${emulator.baseUrl}/v1beta/models/gemini-2.5-flash:generateContent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-goog-api-key': TEST_KEY },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'ping' }] }] }),
    });
    const answer = (await response.json()) as { candidates: { content: { parts: { text: string }[] } }[] };
    assert.equal(answer.candidates[0].content.parts.map((p) => p.text).join(''), 'scripted from the host');
    // The extension may list models in the background (the chat view's model picker): find ours.
    const request = (await emulator.requests()).find((r) => r.path.endsWith(':generateContent'))!;
    assert.equal(request.path, '/v1beta/models/gemini-2.5-flash:generateContent');
    assert.equal(request.body.contents[0].parts[0].text, 'ping');
    assert.equal(await emulator.pending(), 0);
  });
});
