// Explain inline in the real workbench: Ctrl+Alt+E on a selection opens a comment thread at those
// lines and the answer streams into it; a follow-up asked in the thread's reply box is answered in
// place with the earlier turn as history; "Continue in Chat" moves the thread to the sidebar chat.
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { chunks } from '../emulator';
import { openChat, openFile, runCommand, screenshot, selectLines, waitUntil } from '../harness/ui';
import { lastGenerateContents, uiSession } from '../harness/uiSession';

const SOURCE = ['def total(items):', '    result = 0', '    for item in items:', '        result += item', '    return result', ''].join('\n');

function streamed(text: string, pieces: number, delayMs: number): any {
  const size = Math.ceil(text.length / pieces);
  const parts = Array.from({ length: pieces }, (_, i) => chunks.text(text.slice(i * size, (i + 1) * size)));
  return { kind: 'stream', chunkDelayMs: delayMs, chunks: [...parts, chunks.finish('STOP', { promptTokenCount: 120, candidatesTokenCount: 40 })] };
}

describe('explain inline in the workbench', function () {
  this.timeout(120_000);

  it('streams the explanation into a comment thread, answers a follow-up there and continues in the chat (screenshot explain-inline-thread)', async () => {
    const { page, emulator, workspace } = uiSession();
    mkdirSync(path.join(workspace, 'ui-explain'), { recursive: true });
    writeFileSync(path.join(workspace, 'ui-explain', 'explain_sample.py'), SOURCE);
    emulator.reset();
    emulator.enqueue(streamed('The loop **adds every item** to `result`, so the function returns the sum of the items.', 6, 150));
    emulator.enqueue(streamed('Yes: `sum(items)` does the same in one call.', 2, 50));
    emulator.enqueue(streamed('We covered how the loop sums the items.', 1, 0));

    await runCommand(page, 'Gemini: Show Log');
    await openFile(page, 'explain_sample.py');
    await selectLines(page, 3, 4);
    await page.keyboard.press('Control+Alt+E');

    const thread = page.locator('.review-widget').first();
    await thread.waitFor({ state: 'visible', timeout: 30_000 });
    await thread.locator('.comment-body', { hasText: 'returns the sum of the items' }).waitFor({ state: 'visible', timeout: 30_000 });
    // Markdown is rendered (bold), the code went to Gemini with its lines.
    await thread.locator('.comment-body strong', { hasText: 'adds every item' }).waitFor({ state: 'visible' });
    const first = JSON.stringify(lastGenerateContents());
    assert.match(first, /explain_sample\.py \(lines 3–4\)/);
    assert.match(first, /for item in items:/);

    // The follow-up, asked in the thread's reply box.
    const replyButton = thread.locator('.review-thread-reply-button');
    if (await replyButton.isVisible()) await replyButton.click();
    const replyBox = thread.locator('.comment-form .monaco-editor, .comment-form textarea').first();
    await replyBox.waitFor({ state: 'visible' });
    await replyBox.click();
    await page.keyboard.type('Could I use sum instead?');
    // Ctrl+Enter submits the reply box (its Ask button does the same).
    await thread.getByRole('button', { name: 'Ask' }).waitFor({ state: 'visible' });
    await page.keyboard.press('Control+Enter');
    await thread.locator('.comment-body', { hasText: 'does the same in one call' }).waitFor({ state: 'visible', timeout: 30_000 });
    await thread.locator('.comment-body', { hasText: 'Could I use sum instead?' }).waitFor({ state: 'visible' });
    const followUp = lastGenerateContents() as { role: string; parts: { text: string }[] }[];
    assert.deepEqual(followUp.map((content) => content.role), ['user', 'model', 'user']);
    assert.match(followUp[1].parts[0].text, /adds every item/);
    assert.equal(followUp[2].parts[0].text, 'Could I use sum instead?');
    await screenshot(page, 'explain-inline-thread');

    await thread.locator('.head .action-label[aria-label="Continue in Chat"]').click();
    await thread.waitFor({ state: 'hidden', timeout: 20_000 });
    const web = await openChat(page);
    await web.locator('.user-turn .user-text', { hasText: 'in an inline thread' }).last().waitFor({ state: 'visible', timeout: 30_000 });
    await waitUntil(async () => /in an inline thread/.test(JSON.stringify(lastGenerateContents())), 'the chat never sent the moved thread to Gemini');
    const moved = JSON.stringify(lastGenerateContents());
    assert.match(moved, /Could I use sum instead\?/);
    assert.match(moved, /does the same in one call/);
    assert.match(moved, /for item in items:/);
  });
});
