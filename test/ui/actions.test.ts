// The lightbulb as a person uses it: select code, click the lightbulb, pick "Refactor with
// Gemini…", type the request, see the proposal as an inline diff in the editor (the default
// gemini.editor.previewStyle), click its Accept CodeLens; the editor then holds exactly Gemini's
// code (saved and read back from disk). The diff-tab style is covered by test/integration/actions.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { chunks } from '../emulator';
import { openFile, runCommand, screenshot, selectLines } from '../harness/ui';
import { uiSession } from '../harness/uiSession';

const SOURCE = ['def total(items):', '    result = 0', '    for i in range(len(items)):', '        result = result + items[i]', '    return result', ''].join('\n');
const PROPOSED = '    for item in items:\n        result += item';

describe('editor actions in the workbench', () => {
  it('clicking the lightbulb entry "Refactor with Gemini…" shows an inline diff whose Accept CodeLens applies the proposal (screenshots refactor-*.png)', async function () {
    this.timeout(120_000);
    const { page, emulator, workspace } = uiSession();
    mkdirSync(path.join(workspace, 'ui-actions'), { recursive: true });
    const file = path.join(workspace, 'ui-actions', 'lightbulb_sample.py');
    writeFileSync(file, SOURCE);
    emulator.reset();
    emulator.enqueue({
      kind: 'stream',
      chunks: [chunks.text(JSON.stringify({ rationale: 'Iterates over the items directly.', code: PROPOSED })), chunks.finish('STOP', { promptTokenCount: 180, candidatesTokenCount: 20 })],
    });

    // The extension may not be active yet in this fresh window; any Gemini command activates it.
    await runCommand(page, 'Gemini: Show Log');
    await openFile(page, 'lightbulb_sample.py');
    // Select lines 3–4 (the loop) with the keyboard, as a person would.
    await selectLines(page, 3, 4);

    const lightbulb = page.locator('.editor-instance .monaco-editor .lightBulbWidget, .editor-instance .monaco-editor .lightbulb-glyph').first();
    await lightbulb.waitFor({ state: 'visible', timeout: 20_000 });
    await lightbulb.click();
    const entry = page.locator('.action-widget .monaco-list-row', { hasText: 'Refactor with Gemini…' });
    await entry.waitFor({ state: 'visible' });
    await screenshot(page, 'refactor-lightbulb-menu');
    await entry.click();

    const request = page.locator('.quick-input-widget .quick-input-box input');
    await request.waitFor({ state: 'visible' });
    await request.fill('iterate directly');
    await page.keyboard.press('Enter');

    const accept = page.locator('.editor-instance .monaco-editor .codelens-decoration a', { hasText: 'Accept (Tab)' }).first();
    await accept.waitFor({ state: 'visible', timeout: 30_000 });
    await screenshot(page, 'refactor-inline-diff');
    await accept.click();
    await accept.waitFor({ state: 'hidden', timeout: 20_000 });
    await page.locator('.editor-instance .monaco-editor .view-lines', { hasText: 'for item in items:' }).first().waitFor({ state: 'visible' });
    await screenshot(page, 'refactor-accepted');
    await page.keyboard.press('Control+S');
    const expected = SOURCE.replace('    for i in range(len(items)):\n        result = result + items[i]', PROPOSED);
    for (let i = 0; i < 100 && readFileSync(file, 'utf8') !== expected; i++) await page.waitForTimeout(100);
    assert.equal(readFileSync(file, 'utf8'), expected);

    const sent = JSON.stringify(emulator.requests.at(-1)?.body.contents);
    assert.match(sent, /The user's request: iterate directly/);
  });
});
