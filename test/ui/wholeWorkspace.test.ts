// "Whole workspace" in the real workbench, after the toggle: before the first send the Manifest
// control is disabled with its reason and the token meter says the workspace is packed at send;
// the send asks in VS Code's modal (Send); afterwards the meter counts the pack ("of which
// workspace") and Manifest opens the pack's manifest in an editor, as the modal's "Show manifest" does.
import * as assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import { chatWebview, newChat, openGeminiView, runCommand, sendMessage } from '../harness/ui';
import { uiSession } from '../harness/uiSession';

async function turnOn(web: FrameLocator): Promise<void> {
  const toggle = web.locator('[data-chat-option="wholeWorkspace"]');
  if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
  await web.locator('[data-chat-option="wholeWorkspace"][aria-pressed="true"]').waitFor({ timeout: 20_000 });
}

describe('whole workspace: the meter and the manifest after the first send', function () {
  this.timeout(180_000);

  before(async () => {
    // Run alone (--grep), this spec meets the chat webview's first load in a fresh workbench,
    // which can take longer than newChat's wait on a loaded machine.
    const { page } = uiSession();
    await openGeminiView(page);
    await chatWebview(page).locator('.composer-input').waitFor({ state: 'visible', timeout: 90_000 });
  });

  after(async () => {
    const { page } = uiSession();
    await runCommand(page, 'Gemini: New Chat').catch(() => undefined);
  });

  it('meter "at send" and a disabled Manifest before the first pack; the pack counted and its manifest reopened after it', async () => {
    const { page, emulator } = uiSession();
    emulator.reset();
    const web = await newChat(page);
    const manifest = web.locator('[data-pack-manifest]');
    await turnOn(web);
    await manifest.waitFor({ state: 'visible', timeout: 20_000 });
    assert.equal(await manifest.getAttribute('aria-disabled'), 'true');
    assert.match((await manifest.getAttribute('title')) ?? '', /^No manifest yet/);

    const input = web.locator('.composer-input');
    await input.click();
    await input.fill('Where is the greeting built?');
    const part = web.locator('.token-meter-workspace');
    await part.filter({ hasText: 'at send' }).waitFor({ state: 'visible', timeout: 20_000 });
    assert.match((await web.locator('.token-meter').getAttribute('title')) ?? '', /not packed yet; it is packed when you send, adding up to 524,288 tokens/);
    assert.equal(emulator.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/cachedContents')).length, 0, 'the meter packed nothing');
    await input.fill('');

    await sendMessage(web, 'Where is the greeting built?');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match((await dialog.innerText()) ?? '', /Send the whole workspace to Gemini\?/);
    await dialog.getByRole('button', { name: 'Send', exact: true }).click();
    await web.locator('.model-turn:not(.streaming) .answer-text', { hasText: 'You said:' }).waitFor({ timeout: 30_000 });
    // Inline when it is smaller than the cache minimum, else in a context cache the question names.
    const carriers = emulator.requests.filter((r) => r.path.includes(':streamGenerateContent') || (r.method === 'POST' && r.path.endsWith('/cachedContents')));
    assert.ok(carriers.some((r) => JSON.stringify(r.body).includes('Workspace manifest')), 'the pack went with the question');

    await web.locator('[data-pack-manifest][aria-disabled="false"]').waitFor({ timeout: 20_000 });
    const size = (await manifest.locator('.pack-size').textContent()) ?? '';
    assert.match(size, /^\d/, 'the pack\'s tokens on the button');
    assert.match((await manifest.getAttribute('title')) ?? '', /^Show the manifest of this chat's workspace pack: \d+ files, [\d,]+ tokens; \d+ left out/);

    await input.click();
    await input.fill('And where is it called?');
    await part.filter({ hasText: size }).waitFor({ state: 'visible', timeout: 20_000 });
    assert.match((await web.locator('.token-meter').getAttribute('title')) ?? '', /counting history, attachments, your draft and the workspace pack\. Of which workspace: [\d,]+ tokens\./);
    await input.fill('');

    await manifest.click();
    // The editor renders spaces as no-break spaces: \s matches both.
    const editor = page.locator('.part.editor .view-lines', { hasText: /Workspace\s+manifest/ });
    await editor.first().waitFor({ state: 'visible', timeout: 20_000 });
    assert.match((await editor.first().textContent()) ?? '', /Sensitive/, 'it lists what was left out, per reason');
    await runCommand(page, 'View: Revert and Close Editor');
  });
});
