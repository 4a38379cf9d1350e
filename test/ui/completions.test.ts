// Inline completions as a person uses them: turn them on from the status bar, type, the ghost text
// appears, Tab accepts it, one undo takes it out again. The ghost text is exactly Gemini's cleaned
// answer, and that same text is what lands in the file.
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { chunks } from '../emulator';
import { openFile, runCommand, screenshot, waitUntil } from '../harness/ui';
import { uiSession } from '../harness/uiSession';

/** The text of the editor line that holds `needle`, as rendered without its ghost text (spaces normalised). */
async function lineText(page: Page, needle: string): Promise<string> {
  const lines = await page.locator('.editor-instance .monaco-editor .view-lines .view-line').evaluateAll((nodes) => nodes.map((node) => {
    const copy = node.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.ghost-text-decoration, .ghost-text-decoration-preview, .ghost-text').forEach((ghost) => ghost.remove());
    return copy.textContent ?? '';
  }));
  return (lines.find((line) => line.replace(/\u00a0/g, ' ').includes(needle)) ?? '').replace(/\u00a0/g, ' ');
}

describe('inline completions in the workbench', () => {
  it('type, the ghost text appears, Tab accepts it, one undo removes it; Ctrl+Right accepts one word (screenshot completions-ghost-text.png)', async function () {
    this.timeout(120_000);
    const { page, emulator, workspace } = uiSession();
    mkdirSync(path.join(workspace, 'ui-completions'), { recursive: true });
    writeFileSync(path.join(workspace, 'ui-completions', 'ghost_sample.py'), 'def mean(values):\n    \n');
    emulator.reset();
    // A fenced answer that re-types the line: cleaning leaves exactly `sum(values) / len(values)`.
    emulator.enqueue({ kind: 'stream', chunks: [chunks.text('```python\n    total = sum(values) / len(values)\n```'), chunks.finish('STOP')] });

    await runCommand(page, 'Gemini: Show Log');
    const toggle = page.locator('.statusbar-item', { hasText: 'Completions' });
    await toggle.waitFor({ state: 'visible' });
    if ((await toggle.getAttribute('aria-label'))?.includes('are off')) await toggle.click();
    await waitUntil(async () => ((await toggle.getAttribute('aria-label')) ?? '').includes('are on'), 'the status item never showed completions on');

    await openFile(page, 'ghost_sample.py');
    await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    await page.keyboard.type('total = ');

    const ghost = page.locator('.editor-instance .monaco-editor .ghost-text-decoration, .editor-instance .monaco-editor .ghost-text');
    await ghost.first().waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal((await ghost.allTextContents()).join('').replace(/\u00a0/g, ' '), 'sum(values) / len(values)');
    await screenshot(page, 'completions-ghost-text');
    assert.equal(emulator.requests.length, 1);
    assert.match(emulator.requests[0].path, /gemini-3\.5-flash-lite:generateContent$/);

    await page.keyboard.press('Tab');
    await waitUntil(async () => (await lineText(page, 'total = ')).trim() === 'total = sum(values) / len(values)', 'Tab did not insert the suggestion');
    await page.keyboard.press('Control+Z');
    await waitUntil(async () => (await lineText(page, 'total = ')).trim() === 'total =', 'one undo did not remove exactly the suggestion');

    // Partial accept through VS Code's own command (Ctrl+Right: accept the next word).
    emulator.enqueue({ kind: 'stream', chunks: [chunks.text('scale(total, factor)'), chunks.finish('STOP')] });
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('scaled = ');
    await ghost.first().waitFor({ state: 'visible', timeout: 30_000 });
    await page.keyboard.press('Control+ArrowRight');
    await waitUntil(async () => (await lineText(page, 'scaled = ')).trim() === 'scaled = scale', 'Ctrl+Right did not accept exactly the next word')
      .catch(async (error) => { throw new Error(`${(error as Error).message}: the line reads '${await lineText(page, 'scaled = ')}'`); });
    await page.keyboard.press('Escape');

    // Leave the workbench as found: the file saved, completions off.
    await page.keyboard.press('Control+S');
    await toggle.click();
    await waitUntil(async () => ((await toggle.getAttribute('aria-label')) ?? '').includes('are off'), 'completions did not turn off');
    await runCommand(page, 'View: Close All Editors');
  });
});
