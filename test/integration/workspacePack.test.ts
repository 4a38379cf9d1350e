// "Ask the whole workspace" in a real extension host: with the chat's toggle on, the workspace's
// text files go into a context cache under the tools' policy (the ignored, sensitive, binary,
// oversize and outside-the-workspace files are left out and listed in the manifest), the user
// is asked once with the token count and cost, the next turn reuses the cache, and a saved file
// renews it. After the first send the chat can reopen the pack's manifest (through the webview's
// message, as the Manifest button sends it) and hears when the pack goes stale.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { GeminiTestApi } from '../../src/extension';
import { EmulatorRemote } from '../harness/emulatorRemote';
import { testApi } from './faultsSupport';

const SECRET = 'PACK-SECRET-VALUE-42';
const MARKER = 'PACK_MARKER_FUNCTION';

describe('whole workspace: packing, confirmation and context caching', function () {
  this.timeout(120_000);
  const emulator = EmulatorRemote.fromEnv();
  const root = () => vscode.workspace.workspaceFolders![0].uri;
  const file = (name: string) => vscode.Uri.joinPath(root(), name);
  let api: GeminiTestApi;
  let outsideDir: string;
  const written = ['packdemo', 'build/pack-ignored.ts'];

  before(async () => {
    api = await testApi();
    outsideDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pack-outside-'));
    fs.writeFileSync(path.join(outsideDir, 'outside.txt'), `outside ${SECRET}\n`);
    const encode = (text: string) => new TextEncoder().encode(text);
    const body = Array.from({ length: 120 }, (_, i) => `export function ${MARKER}${i}(value: number): number { return value * ${i}; }`).join('\n');
    await vscode.workspace.fs.writeFile(file('packdemo/main.ts'), encode(`${body}\n`));
    await vscode.workspace.fs.writeFile(file('packdemo/.env'), encode(`TOKEN=${SECRET}\n`));
    await vscode.workspace.fs.writeFile(file('packdemo/logo.png'), new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2, 3]));
    await vscode.workspace.fs.writeFile(file('packdemo/huge.txt'), encode(`${SECRET}\n${'x'.repeat(300 * 1024)}\n`));
    await vscode.workspace.fs.writeFile(file('build/pack-ignored.ts'), encode(`export const ignored = '${SECRET}';\n`));
    fs.symlinkSync(path.join(outsideDir, 'outside.txt'), path.join(root().fsPath, 'packdemo', 'link-out.txt'));
    await new Promise((resolve) => setTimeout(resolve, 2000)); // let the file watcher's events for these writes arrive
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const name of written) await vscode.workspace.fs.delete(file(name), { recursive: true, useTrash: false }).then(undefined, () => undefined);
    fs.rmSync(outsideDir, { recursive: true, force: true });
  });

  async function ask(text: string): Promise<void> {
    const { controller } = api.chatForTests();
    await controller.idle;
    await controller.send(text);
    await controller.idle;
  }
  const cacheCreates = async () => (await emulator.requests()).filter((r) => r.method === 'POST' && /\/cachedContents$/.test(r.path));
  const generates = async () => (await emulator.requests()).filter((r) => r.path.includes('GenerateContent'));

  it('packs under the policy, asks once, reuses the cache, and renews it after a save', async () => {
    await emulator.reset();
    const { controller, packs } = api.chatForTests();
    const asked: { summary: string; costText: string }[] = [];
    const original = packs.confirm;
    packs.confirm = async (pack, details) => {
      asked.push({ summary: `${pack.manifest.included.length} files`, costText: details.costText });
      return true;
    };
    try {
      await controller.idle;
      await controller.newChat();
      controller.setOptions({ wholeWorkspace: true });

      await ask('What does PACK_MARKER_FUNCTION do?');
      const [created] = await cacheCreates();
      assert.ok(created, 'the pack went into a context cache');
      const packed = JSON.stringify(created.body.contents);
      assert.ok(packed.includes(`${MARKER}7`), 'the workspace file is in the pack');
      assert.ok(!packed.includes(SECRET), 'no sensitive, ignored, oversize or outside file content is packed');
      for (const line of [
        /- packdemo\/\.env: /, /- packdemo\/logo\.png/, /- packdemo\/huge\.txt: over the 256\.0 KB limit/,
        /- packdemo\/link-out\.txt: it is a symbolic link .*outside the workspace/, /- build: .*build\//,
      ]) assert.match(packed, line, 'the manifest lists what was left out and why');
      assert.ok((await emulator.requests()).some((r) => r.path.includes(':countTokens')), 'the pack was measured with countTokens');
      assert.equal(asked.length, 1, 'the user was asked before the first send');
      assert.match(asked[0].costText, /The pack is about [\d.]+K? tokens for gemini-3\.8-flash\. Input cost: about \$/);
      const first = (await generates())[0].body;
      assert.match(first.cachedContent, /^cachedContents\//);
      assert.ok(!JSON.stringify(first.contents).includes(`${MARKER}7`), 'the request names the cache instead of resending the pack');
      const builds = packs.builds;

      await ask('And what calls it?');
      assert.equal((await cacheCreates()).length, 1, 'the second turn reuses the cache');
      assert.equal(packs.builds, builds, 'an unchanged workspace is not packed again');
      assert.equal((await generates())[1].body.cachedContent, first.cachedContent);
      assert.equal(asked.length, 1, 'asked only before the first send');

      const document = await vscode.workspace.openTextDocument(file('packdemo/main.ts'));
      const edit = new vscode.WorkspaceEdit();
      edit.insert(document.uri, new vscode.Position(0, 0), `// ${MARKER}_EDITED\n`);
      await vscode.workspace.applyEdit(edit);
      await document.save();
      await new Promise((resolve) => setTimeout(resolve, 500));

      await ask('Is it still there?');
      const creates = await cacheCreates();
      assert.equal(creates.length, 2, 'a saved file renews the cache');
      assert.ok(JSON.stringify(creates[1].body.contents).includes(`${MARKER}_EDITED`), 'the renewed pack has the saved text');
      assert.notEqual((await generates())[2].body.cachedContent, first.cachedContent);
      assert.ok((await emulator.requests()).some((r) => r.method === 'DELETE' && r.path.endsWith(first.cachedContent)), 'the old cache is deleted');
    } finally {
      packs.confirm = original;
      controller.setOptions({ wholeWorkspace: false });
      await controller.newChat();
    }
  });

  it('reopens the manifest after the first send, and tells the chat when the pack goes stale or is renewed', async () => {
    await emulator.reset();
    const { controller, router, packs } = api.chatForTests();
    const original = packs.confirm;
    packs.confirm = async () => true;
    const changed: string[] = [];
    const listener = packs.onDidChange((chatId) => changed.push(chatId));
    const waitFor = async (what: string, test: () => boolean) => {
      for (let i = 0; i < 100 && !test(); i++) await new Promise((resolve) => setTimeout(resolve, 100));
      assert.ok(test(), what);
    };
    try {
      await controller.idle;
      await controller.newChat();
      controller.setOptions({ wholeWorkspace: true });
      const chatId = controller.chatId;
      const builds = packs.builds;
      assert.equal(packs.info(chatId), undefined, 'no pack before the first send');
      await assert.rejects(packs.openManifest(chatId), /This chat has no workspace pack yet: it is built when you send a message with "Whole workspace" on\./);
      assert.equal(packs.builds, builds, 'asking about the pack builds none');

      await ask('What does PACK_MARKER_FUNCTION do?');
      assert.equal(packs.builds, builds + 1);
      const info = packs.info(chatId)!;
      assert.ok(info, 'the pack is kept for the chat');
      assert.ok(info.files >= 1 && info.omitted >= 4 && info.tokens > 0, JSON.stringify(info));
      assert.equal(info.model, 'gemini-3.8-flash');
      assert.equal(info.stale, false);
      assert.ok(changed.includes(chatId), 'the chat heard of its new pack');
      assert.deepEqual(packs.all()[chatId], info);

      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await router.handle({ type: 'openPackManifest' });
      const editor = vscode.window.activeTextEditor;
      assert.equal(editor?.document.languageId, 'markdown', 'the manifest opens as Markdown, as from the confirmation');
      assert.equal(editor.document.uri.scheme, 'untitled');
      const text = editor.document.getText();
      assert.match(text, /- packdemo\/\.env: /, 'it lists what was left out and why');
      assert.match(text, /- packdemo\/huge\.txt: over the 256\.0 KB limit/);
      assert.ok(!text.includes(SECRET), 'names and reasons only, no file content');
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');

      changed.length = 0;
      const document = await vscode.workspace.openTextDocument(file('packdemo/main.ts'));
      const edit = new vscode.WorkspaceEdit();
      edit.insert(document.uri, new vscode.Position(0, 0), '// stale now\n');
      await vscode.workspace.applyEdit(edit);
      await document.save();
      await waitFor('a saved file makes the kept pack stale, and the chat hears of it', () => changed.includes(chatId));
      assert.equal(packs.info(chatId)?.stale, true);
      await new Promise((resolve) => setTimeout(resolve, 1500)); // the file watcher's own events for the save arrive later

      await ask('And now?');
      assert.equal(packs.builds, builds + 2, 'the stale pack was packed again at send');
      assert.equal(packs.info(chatId)?.stale, false);
    } finally {
      listener.dispose();
      packs.confirm = original;
      controller.setOptions({ wholeWorkspace: false });
      await controller.newChat();
    }
  });

  it('sends nothing when the user declines the pack', async () => {
    await emulator.reset();
    const { controller, packs } = api.chatForTests();
    const original = packs.confirm;
    packs.confirm = async () => false;
    try {
      await controller.idle;
      await controller.newChat();
      controller.setOptions({ wholeWorkspace: true });
      await ask('Anything?');
      assert.equal((await generates()).length, 0);
      assert.equal((await cacheCreates()).length, 0);
      const last = controller.current().turns.at(-1);
      assert.equal(last?.role === 'model' ? last.status : undefined, 'stopped');
    } finally {
      packs.confirm = original;
      controller.setOptions({ wholeWorkspace: false });
      await controller.newChat();
    }
  });
});
