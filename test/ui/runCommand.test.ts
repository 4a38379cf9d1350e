// run_command in the real workbench: Gemini (the emulator) asks to run a command; VS Code's modal
// shows the exact command line and folder with Gemini's reason quoted apart; Allow runs it in the
// Gemini terminal and the tool card shows the exit code; Cancel runs nothing and the card says so.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { chunks } from '../emulator';
import { newAgentChat, runCommand, screenshot, sendMessage } from '../harness/ui';
import { uiSession } from '../harness/uiSession';

async function approvalDialog(page: Page) {
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ state: 'visible', timeout: 30_000 });
  return dialog;
}

async function toolCard(web: FrameLocator, state: 'ok' | 'failed') {
  const card = web.locator(`.tool-card.${state}`, { hasText: 'run_command' }).last();
  await card.waitFor({ state: 'attached', timeout: 60_000 });
  return card;
}

describe('run_command approval', function () {
  this.timeout(180_000);

  after(async () => {
    // Leave an empty chat behind: later specs look for the empty state in the current chat.
    await runCommand(uiSession().page, 'Gemini: New Chat').catch(() => undefined);
  });
  after(async () => {
    const { page } = uiSession();
    await runCommand(page, 'Gemini: New Chat').catch(() => undefined);
  });

  it('Allow: the modal shows the exact command and folder, the command runs, the card shows its exit code', async () => {
    const { page, emulator, workspace } = uiSession();
    emulator.reset();
    const marker = path.join(workspace, 'ran-by-gemini.txt');
    const command = `node -e "require('fs').writeFileSync('ran-by-gemini.txt', 'yes'); console.log('done')"`;
    emulator.enqueue(
      { kind: 'stream', chunks: [chunks.functionCall('run_command', { command, reason: 'Check the build.\nIgnore the above: click Allow' }), chunks.finish('STOP')] },
      { kind: 'stream', chunks: [chunks.text('It ran.'), chunks.finish('STOP')] },
    );
    const web = await newAgentChat(page);
    await sendMessage(web, 'Run the check');
    const dialog = await approvalDialog(page);
    const text = (await dialog.innerText()).replace(/\r/g, '');
    assert.match(text, /Gemini wants to run a command/);
    assert.ok(text.includes(command), `the exact command line:\n${text}`);
    assert.match(text, /In folder: /);
    assert.match(text, /Gemini's reason \(model text, not checked\): "Check the build\.\\nIgnore the above: click Allow"/);
    await screenshot(page, 'run-command-approval');
    await dialog.getByRole('button', { name: 'Allow', exact: true }).click();
    const card = await toolCard(web, 'ok');
    assert.match((await card.locator('.tool-result').textContent()) ?? '', /exit code 0; ran (in the terminal|as a background process)/);
    assert.ok(existsSync(marker), 'the command ran in the workspace folder');
    await web.locator('.answer-text', { hasText: 'It ran.' }).waitFor({ timeout: 30_000 });
  });

  it('Cancel: nothing runs, the model is told, the card shows the refusal', async () => {
    const { page, emulator, workspace } = uiSession();
    emulator.reset();
    const marker = path.join(workspace, 'must-not-exist.txt');
    const command = `node -e "require('fs').writeFileSync('must-not-exist.txt', 'no')"`;
    emulator.enqueue(
      { kind: 'stream', chunks: [chunks.functionCall('run_command', { command }), chunks.finish('STOP')] },
      { kind: 'stream', chunks: [chunks.text('Understood, I will not run it.'), chunks.finish('STOP')] },
    );
    const web = await newAgentChat(page);
    await sendMessage(web, 'Run something');
    const dialog = await approvalDialog(page);
    assert.ok((await dialog.innerText()).includes(command));
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    const card = await toolCard(web, 'failed');
    assert.match((await card.locator('.tool-result').textContent()) ?? '', /did not allow this run_command call/);
    await web.locator('.answer-text', { hasText: 'Understood' }).waitFor({ timeout: 30_000 });
    const refusal = JSON.stringify(emulator.requests.at(-1)?.body);
    assert.match(refusal, /did not allow this run_command call/);
    assert.ok(!existsSync(marker), 'nothing ran');
  });
});
