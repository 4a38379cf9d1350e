// The tour without a key (`npm start -- --emulator`), in the real workbench: with the emulator's
// demo script a question gets a Thinking section, a read_file card for the workspace's README.md,
// and a streamed Markdown answer whose code block can be copied.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { openChat, runCommand, sendMessage, waitUntil } from '../harness/ui';
import { uiSession } from '../harness/uiSession';

describe('the emulator demo tour', function () {
  this.timeout(120_000);

  after(async () => {
    const { page, emulator } = uiSession();
    emulator.reset(); // back to the echo
    await runCommand(page, 'Gemini: New Chat').catch(() => undefined);
  });

  it('thinks, reads README.md through a tool card, and streams Markdown with a working code block', async () => {
    const { page, emulator, workspace } = uiSession();
    emulator.reset();
    emulator.script = 'demo';
    writeFileSync(path.join(workspace, 'README.md'), '# Tour Project\n\nA project for the tour.\n');
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    const web = await openChat(page);
    await runCommand(page, 'Gemini: New Chat');
    await sendMessage(web, 'What is this project?');

    const answer = web.locator('.model-turn').last();
    await answer.locator('.answer-text', { hasText: 'I read README.md: it is titled Tour Project' }).waitFor({ state: 'visible', timeout: 60_000 });
    await answer.locator('.tool-card.ok', { hasText: 'read_file' }).waitFor({ state: 'visible', timeout: 10_000 });
    assert.ok((await answer.locator('details.thinking').count()) >= 1, 'a Thinking section');
    const block = answer.locator('.code-block').first();
    await block.locator('[data-code-action="copy"]').click();
    await waitUntil(async () => /export function greet/.test((await page.evaluate('navigator.clipboard.readText()').catch(() => '')) as string), 'the clipboard does not hold the code');
  });
});
