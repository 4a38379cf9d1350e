// Issue 15 in a real extension host: credential files below any folder, the deny-list gaps, a
// private key under an innocent name and hard links to secrets are never searched out through
// VS Code's own tool API; and no part of a key survives in an error message, wherever the
// service's text is cut and however the key is encoded.
import * as assert from 'node:assert/strict';
import { linkSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { lmToolName } from '../../src/lm/tools';
import { errors } from '../emulator';
import { EmulatorRemote } from '../harness/emulatorRemote';
import { hostScenario, runTurn, testApi } from './faultsSupport';

interface LmApi {
  lm: { invokeTool(name: string, options: { input: object; toolInvocationToken: undefined }, token?: vscode.CancellationToken): Thenable<{ content: unknown[] }> };
  LanguageModelTextPart: new (value: string) => { value: string };
}
const api = vscode as unknown as LmApi;
const CANARY = `gemini-secret-canary-${Date.now().toString(36)}`;
/** Shaped like a Google API key, never registered anywhere. */
const UNREGISTERED_KEY = 'AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW';

async function searchText(input: object): Promise<string> {
  try {
    const result = await api.lm.invokeTool(lmToolName('search_text'), { input, toolInvocationToken: undefined }, new vscode.CancellationTokenSource().token);
    return result.content.map((part) => (part instanceof api.LanguageModelTextPart ? part.value : '')).join('');
  } catch (error) {
    return (error as Error).message;
  }
}

describe('security hardening (issue 15) in the extension host', function () {
  this.timeout(60_000);
  const emulator = EmulatorRemote.fromEnv();
  let workspace: string;
  let outsideDir: string;
  const created: string[] = [];
  const FILES: Record<string, string> = {
    'home/.aws/config': `[default]\naws_secret_access_key = ${CANARY}\n`,
    'x/.kube/config': `token: ${CANARY}\n`,
    'y/.docker/config.json': `{"auths": "${CANARY}"}\n`,
    'ops/prod.kubeconfig': `token: ${CANARY}\n`,
    'kubeconfig': `token: ${CANARY}\n`,
    '.envrc': `export TOKEN=${CANARY}\n`,
    'home/.ssh/deploy_key': `-----BEGIN OPENSSH PRIVATE KEY-----\n${CANARY}\n-----END OPENSSH PRIVATE KEY-----\n`,
    'vendor/.hg/hgrc': `[auth]\nx.password = ${CANARY}\n`,
    '.env.pub': `TOKEN=${CANARY}\n`,
    'notes/backup.txt': `-----BEGIN RSA PRIVATE KEY-----\n${CANARY}\n-----END RSA PRIVATE KEY-----\n`,
  };

  before(async () => {
    await testApi();
    workspace = vscode.workspace.workspaceFolders![0].uri.fsPath;
    outsideDir = path.join(path.dirname(workspace), `gemini-hardlink-${path.basename(workspace)}`);
    mkdirSync(outsideDir, { recursive: true });
    for (const [name, content] of Object.entries(FILES)) {
      mkdirSync(path.dirname(path.join(workspace, name)), { recursive: true });
      writeFileSync(path.join(workspace, name), content);
      created.push(name);
    }
    writeFileSync(path.join(outsideDir, 'secret.txt'), `outside ${CANARY}\n`);
    linkSync(path.join(outsideDir, 'secret.txt'), path.join(workspace, 'hard-link-out.txt'));
    linkSync(path.join(workspace, '.env'), path.join(workspace, 'hard-link-env.txt'));
    created.push('hard-link-out.txt', 'hard-link-env.txt');
  });
  beforeEach(() => emulator.reset());
  after(() => {
    for (const name of created) rmSync(path.join(workspace, name), { force: true });
    for (const dir of ['home', 'x', 'y', 'ops', 'vendor', 'notes']) rmSync(path.join(workspace, dir), { recursive: true, force: true });
    rmSync(outsideDir, { recursive: true, force: true });
  });

  hostScenario('security', 'search_text over credential files below other folders (home/.aws/config, x/.kube/config, y/.docker/config.json), kubeconfig, *.kubeconfig, .envrc, .ssh/deploy_key, .hg/hgrc, .env.pub, a PEM private key named backup.txt, and hard links to a file outside and to .env', 'none of their lines comes back; the result says sensitive files were skipped', async () => {
    // The query is a part of the canary: a refusal or a "no matches" line echoes it, never the whole.
    const said = await searchText({ query: 'secret-canary-' });
    assert.ok(!said.includes(CANARY), said);
    assert.match(said, /sensitive files? skipped/, said);
    const envValue = await searchText({ query: 'fake-secret-do-not' });
    assert.ok(!envValue.includes('fake-secret-do-not-send-0000'), `the hard link to .env: ${envValue}`);
    for (const file of ['notes/backup.txt', 'hard-link-out.txt', 'home/.aws/config']) {
      const scoped = await searchText({ query: 'secret-canary-', path: file });
      assert.ok(!scoped.includes(CANARY), `${file}: ${scoped}`);
    }
  });

  hostScenario('security', 'the service error quotes a never-registered AIza key at the 300-character cut point, and percent-encoded', 'the message the user sees keeps no part of either', async () => {
    const api = await testApi();
    const encoded = Array.from(UNREGISTERED_KEY, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).join('');
    for (const text of [`${'x'.repeat(292)}${UNREGISTERED_KEY}`, `bad request for ?key=${encoded}&alt=sse`]) {
      await emulator.reset();
      await emulator.enqueue({ ...errors.badRequest(text) });
      const result = await runTurn(api, 'show me the key');
      const [error] = result.of('error');
      assert.ok(error, `events: ${JSON.stringify(result.events)}`);
      assert.ok(!error.failure.message.includes(UNREGISTERED_KEY.slice(0, 8)), error.failure.message.slice(-120));
      assert.ok(!error.failure.message.includes(encoded.slice(0, 24)), error.failure.message.slice(-120));
    }
  });
});
