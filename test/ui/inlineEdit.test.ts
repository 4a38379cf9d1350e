// Edit with Gemini (Ctrl+I) in the real workbench, from the keyboard: the proposal streams into
// the editor as an inline diff (new lines highlighted, old ones struck through, CodeLens on top);
// Tab accepts it as ONE undo step, Esc rejects it, Ctrl+Shift+I refines it; a CRLF file keeps its
// line breaks; typing above the block while it streams moves it instead of breaking it.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { chunks, type QueuedResponse } from '../emulator';
import { openFile, runCommand, screenshot, selectLines, setColorTheme, waitUntil } from '../harness/ui';
import { lastGenerateContents, uiSession } from '../harness/uiSession';

const SOURCE = ['def total(items):', '    result = 0', '    for i in range(len(items)):', '        result = result + items[i]', '    return result', ''].join('\n');
const LOOP = '    for i in range(len(items)):\n        result = result + items[i]';
const PROPOSED = '    for item in items:\n        result += item';

/** A structured answer streamed in `pieces` chunks, `delayMs` apart. */
function answer(code: string, rationale: string, pieces = 4, delayMs = 0): QueuedResponse {
  const json = JSON.stringify({ rationale, code });
  const size = Math.ceil(json.length / pieces);
  const parts = Array.from({ length: pieces }, (_, i) => chunks.text(json.slice(i * size, (i + 1) * size))).filter((_, i) => i * size < json.length);
  return { kind: 'stream', chunkDelayMs: delayMs, chunks: [...parts, chunks.finish('STOP', { promptTokenCount: 150, candidatesTokenCount: 20 })] };
}

const CRLF_SOURCE = SOURCE.replace(/\n/g, '\r\n');
const SAMPLES: Record<string, string> = {
  'accept_sample.py': SOURCE, 'reject_sample.py': SOURCE, 'followup_sample.py': SOURCE, 'crlf_sample.py': CRLF_SOURCE, 'typing_sample.py': SOURCE, 'theme_sample.py': SOURCE,
};

/** Every sample is written before the first Quick Open: its file list is cached for a while. */
function writeSamples(): void {
  const { workspace } = uiSession();
  mkdirSync(path.join(workspace, 'ui-inline'), { recursive: true });
  for (const [name, text] of Object.entries(SAMPLES)) writeFileSync(path.join(workspace, 'ui-inline', name), text);
}

function sample(name: string): string {
  return path.join(uiSession().workspace, 'ui-inline', name);
}

const editor = (page: Page) => page.locator('.editor-instance .monaco-editor').first();
const lens = (page: Page, text: string) => editor(page).locator('.codelens-decoration', { hasText: text }).first();

/** Opens `name`, selects lines `from`–`to` (1-based) with the keyboard and presses Ctrl+I with `instruction`. */
async function editLines(page: Page, name: string, from: number, to: number, instruction: string): Promise<void> {
  await openFile(page, name);
  await selectLines(page, from, to);
  await page.keyboard.press('Control+I');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible' });
  await input.fill(instruction);
  await page.keyboard.press('Enter');
}

/** Saves the active editor and waits until the file on disk reads `expected`. */
async function saveAndExpect(page: Page, file: string, expected: string): Promise<void> {
  await page.keyboard.press('Control+S');
  await waitUntil(async () => readFileSync(file, 'utf8') === expected, `${path.basename(file)} never became ${JSON.stringify(expected)}; it is ${JSON.stringify(readFileSync(file, 'utf8'))}`, 20_000);
}

describe('inline edit in the workbench', function () {
  this.timeout(120_000);

  before(async () => {
    writeSamples();
    // The extension may not be active yet in this window; any Gemini command activates it.
    await runCommand(uiSession().page, 'Gemini: Show Log');
  });

  it('Ctrl+I streams an inline diff; Tab accepts it and one Undo restores the original (screenshots inline-edit-*.png)', async () => {
    const { page, emulator } = uiSession();
    const file = sample('accept_sample.py');
    emulator.reset();
    emulator.enqueue(answer(PROPOSED, 'Iterates over the items directly.'));
    await editLines(page, 'accept_sample.py', 3, 4, 'iterate directly');

    await lens(page, 'Accept (Tab)').waitFor({ state: 'visible', timeout: 30_000 });
    // Both versions are in the editor: the old loop struck through, the new one highlighted.
    await editor(page).locator('.view-lines', { hasText: 'for item in items:' }).waitFor({ state: 'visible' });
    await editor(page).locator('.view-lines', { hasText: 'range(len(items))' }).waitFor({ state: 'visible' });
    assert.ok(await editor(page).locator('.view-overlays .cdr, .view-overlays [class*="ced-"]').count() > 0, 'no inline diff decorations painted');
    await screenshot(page, 'inline-edit-proposal');
    assert.match(JSON.stringify(lastGenerateContents()), /The user's request: iterate directly/);

    await page.keyboard.press('Tab');
    await lens(page, 'Accept (Tab)').waitFor({ state: 'hidden', timeout: 20_000 });
    const accepted = SOURCE.replace(LOOP, PROPOSED);
    await saveAndExpect(page, file, accepted);
    await screenshot(page, 'inline-edit-accepted');

    await page.keyboard.press('Control+Z');
    await saveAndExpect(page, file, SOURCE);
  });

  it('Esc rejects the proposal and leaves the file as it was', async () => {
    const { page, emulator } = uiSession();
    const file = sample('reject_sample.py');
    emulator.reset();
    emulator.enqueue(answer(PROPOSED, 'Iterates over the items directly.'));
    await editLines(page, 'reject_sample.py', 3, 4, 'iterate directly');
    await lens(page, 'Reject (Esc)').waitFor({ state: 'visible', timeout: 30_000 });
    await page.keyboard.press('Escape');
    await lens(page, 'Reject (Esc)').waitFor({ state: 'hidden', timeout: 20_000 });
    await saveAndExpect(page, file, SOURCE);
  });

  it('a follow-up (Ctrl+Shift+I) refines the proposal in place, sending the previous one back', async () => {
    const { page, emulator } = uiSession();
    const file = sample('followup_sample.py');
    emulator.reset();
    emulator.enqueue(answer(PROPOSED, 'Iterates over the items directly.'));
    emulator.enqueue(answer('    result = sum(items)', 'Uses the built-in sum.'));
    await editLines(page, 'followup_sample.py', 3, 4, 'iterate directly');
    await lens(page, 'Follow-up').waitFor({ state: 'visible', timeout: 30_000 });
    await page.keyboard.press('Control+Shift+I');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible' });
    await input.fill('use sum instead');
    await page.keyboard.press('Enter');
    await editor(page).locator('.view-lines', { hasText: 'result = sum(items)' }).waitFor({ state: 'visible', timeout: 30_000 });
    await lens(page, 'Accept (Tab)').waitFor({ state: 'visible', timeout: 30_000 });
    await screenshot(page, 'inline-edit-follow-up');
    const refined = JSON.stringify(lastGenerateContents());
    assert.match(refined, /Refine it: use sum instead/);
    assert.match(refined, /for item in items:/);
    await page.keyboard.press('Control+Enter');
    await lens(page, 'Accept (Tab)').waitFor({ state: 'hidden', timeout: 20_000 });
    await saveAndExpect(page, file, SOURCE.replace(LOOP, '    result = sum(items)'));
  });

  it('a CRLF file keeps CRLF line breaks through the inline diff and Accept', async () => {
    const { page, emulator } = uiSession();
    const file = sample('crlf_sample.py');
    emulator.reset();
    emulator.enqueue(answer(PROPOSED, 'Iterates over the items directly.'));
    await editLines(page, 'crlf_sample.py', 3, 4, 'iterate directly');
    await lens(page, 'Accept (Tab)').waitFor({ state: 'visible', timeout: 30_000 });
    await page.keyboard.press('Tab');
    await lens(page, 'Accept (Tab)').waitFor({ state: 'hidden', timeout: 20_000 });
    await saveAndExpect(page, file, SOURCE.replace(LOOP, PROPOSED).replace(/\n/g, '\r\n'));
  });

  it('typing above the block while the proposal streams moves the block and keeps the typing', async () => {
    const { page, emulator } = uiSession();
    const file = sample('typing_sample.py');
    emulator.reset();
    // Slow enough that the typing lands while the answer is still streaming.
    emulator.enqueue(answer(PROPOSED, 'Iterates over the items directly.', 8, 700));
    await editLines(page, 'typing_sample.py', 3, 4, 'iterate directly');
    await lens(page, 'Gemini is writing').waitFor({ state: 'visible', timeout: 30_000 });
    // A new first line, then the comment typed into it (no Enter after typing: a suggestion could take it).
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.type('# typed while Gemini streams');
    assert.ok(await lens(page, 'Gemini is writing').isVisible(), 'the answer finished before the typing; the spec proves nothing');
    await lens(page, 'Accept (Tab)').waitFor({ state: 'visible', timeout: 30_000 });
    // Ctrl+Enter: Tab could belong to a word suggestion the typing opened.
    await page.keyboard.press('Control+Enter');
    await lens(page, 'Accept (Tab)').waitFor({ state: 'hidden', timeout: 20_000 });
    await saveAndExpect(page, file, `# typed while Gemini streams\n${SOURCE.replace(LOOP, PROPOSED)}`);
  });

  it('the inline diff is marked by more than colour in the high-contrast themes (screenshots inline-edit-hc-*.png)', async () => {
    const { page, emulator } = uiSession();
    try {
      for (const kind of ['hc-black', 'hc-light'] as const) {
        // The theme first: its picker closes with Escape, which would reject a proposal on screen.
        await setColorTheme(page, kind);
        emulator.reset();
        emulator.enqueue(answer(PROPOSED, 'Iterates over the items directly.'));
        await editLines(page, 'theme_sample.py', 3, 4, 'iterate directly');
        await lens(page, 'Accept (Tab)').waitFor({ state: 'visible', timeout: 30_000 });
        await screenshot(page, `inline-edit-hc-${kind}`);
        // Added lines carry a solid left border, removed ones a dashed one and a line-through, in visible colours.
        const styles = await page.evaluate(`(() => {
          const root = document.querySelector('.editor-instance .monaco-editor');
          const borders = [...root.querySelectorAll('.view-overlays div')].map((e) => getComputedStyle(e))
            .filter((s) => s.borderLeftWidth === '3px' && s.borderLeftColor !== 'rgba(0, 0, 0, 0)');
          return {
            solid: borders.some((s) => s.borderLeftStyle === 'solid'),
            dashed: borders.some((s) => s.borderLeftStyle === 'dashed'),
            lineThrough: [...root.querySelectorAll('.view-lines span')].some((e) => getComputedStyle(e).textDecorationLine.includes('line-through')),
          };
        })()`) as { solid: boolean; dashed: boolean; lineThrough: boolean };
        assert.ok(styles.solid && styles.dashed && styles.lineThrough, `${kind}: ${JSON.stringify(styles)}`);
        await page.keyboard.press('Escape');
        await lens(page, 'Accept (Tab)').waitFor({ state: 'hidden', timeout: 20_000 });
      }
    } finally {
      await setColorTheme(page, 'light').catch(() => page.keyboard.press('Escape'));
    }
  });
});
