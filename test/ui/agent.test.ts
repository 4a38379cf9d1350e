// Agent mode as a person uses it, in the real workbench with Gemini played by the emulator's
// scripted function calls: switch the chat to Agent, see the proposal in the Changes card with
// nothing on disk, accept, undo in the editor; reject with a reason (Gemini gets it); accept one
// file and reject another; and restore a turn's checkpoint after a window reload.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { chunks } from '../emulator';
import { newAgentChat, newChat, openChat, openFile, screenshot, sendMessage, waitUntil, runCommand } from '../harness/ui';
import { uiSession } from '../harness/uiSession';

const GREET = 'src/greet.ts';
const ORIGINAL = 'export function greet(name: string): string {\n  return `Hello, ${capitalize(name)}!`;\n}';

function lastUserText(requests: { path: string; body: unknown }[]): string {
  const bodies = requests.map((r) => r.body as { contents?: { role: string; parts: { text?: string }[] }[] }).filter((b) => b?.contents?.length);
  return bodies.at(-1)?.contents?.at(-1)?.parts.map((p) => p.text ?? '').join('') ?? '';
}

describe('agent mode', function () {
  this.timeout(180_000);

  after(async () => {
    // Leave an empty chat behind: later specs look for the empty state in the current chat.
    await runCommand(uiSession().page, 'Gemini: New Chat').catch(() => undefined);
  });

  it('proposes, shows the change for review with nothing written, applies on accept, and one undo takes it back', async () => {
    const { page, emulator, workspace } = uiSession();
    const file = path.join(workspace, GREET);
    const before = readFileSync(file, 'utf8');
    emulator.reset();
    emulator.enqueue(
      { kind: 'stream', chunks: [chunks.functionCall('edit_file', { path: GREET, search: 'return `Hello, ${capitalize(name)}!`;', replace: 'return `Hi, ${capitalize(name)}!`;' }, { thoughtSignature: 'sig-ui-1' }), chunks.finish('STOP')] },
      { kind: 'stream', chunks: [chunks.text('I changed the greeting to Hi.'), chunks.finish('STOP')] },
      { kind: 'stream', chunks: [chunks.text('Applied, no errors.'), chunks.finish('STOP')] },
    );
    const web = await newAgentChat(page);
    await sendMessage(web, 'Say Hi instead of Hello');
    const card = web.locator('.changes-card[data-changes-status="review"]');
    await card.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match((await card.locator('.change-file').first().textContent()) ?? '', /src\/greet\.ts\s*\+1 −1/);
    assert.equal(readFileSync(file, 'utf8'), before, 'nothing written before the review');
    await screenshot(page, 'agent-changes-card-dark');

    await card.locator('[data-review-action="acceptAll"]').click();
    const applied = web.locator('.changes-card[data-changes-status="applied"]');
    await applied.waitFor({ state: 'visible', timeout: 30_000 }).catch(async (error) => { await screenshot(page, 'agent-apply-timeout'); throw error; });
    const appliedText = (await applied.textContent()) ?? '';
    if (!/Applied/.test(appliedText)) await screenshot(page, 'agent-apply-failed');
    assert.match(appliedText, /Applied/, `the card says the file was applied: ${appliedText}`);
    await waitUntil(async () => readFileSync(file, 'utf8').includes('`Hi, '), 'the accepted change did not reach the disk');
    await web.locator('.model-turn .answer-text', { hasText: 'Applied, no errors.' }).waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(lastUserText(emulator.requests), /^\[Review of your proposed changes\]\n- applied \(edited\): src\/greet\.ts \(\+1 −1\)/);

    await openFile(page, 'greet.ts');
    await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+Z');
    await page.locator('.editor-instance .monaco-editor .view-lines', { hasText: 'Hello, ' }).first().waitFor({ state: 'visible', timeout: 20_000 });
    await page.keyboard.press('Control+S');
    await waitUntil(async () => readFileSync(file, 'utf8') === before, 'one undo did not take the turn back');
  });

  it('rejects with a reason: nothing is written and Gemini is told why', async () => {
    const { page, emulator, workspace } = uiSession();
    emulator.reset();
    emulator.enqueue(
      { kind: 'stream', chunks: [chunks.functionCall('create_file', { path: 'src/farewell.ts', content: 'export const bye = "bye";\n' }), chunks.finish('STOP')] },
      { kind: 'stream', chunks: [chunks.text('I added farewell.ts.'), chunks.finish('STOP')] },
      { kind: 'stream', chunks: [chunks.text('Understood, no new file.'), chunks.finish('STOP')] },
    );
    const web = await newAgentChat(page);
    await sendMessage(web, 'Add a farewell');
    const card = web.locator('.changes-card[data-changes-status="review"]');
    await card.waitFor({ state: 'visible', timeout: 30_000 });
    await card.locator('.changes-reason').fill('we keep everything in greet.ts');
    await card.locator('[data-review-action="rejectAll"]').click();
    await web.locator('.model-turn .answer-text', { hasText: 'Understood, no new file.' }).waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(lastUserText(emulator.requests), /rejected: src\/farewell\.ts; the user's reason: "we keep everything in greet\.ts"/);
    assert.ok(!existsSync(path.join(workspace, 'src', 'farewell.ts')));
  });

  it('partial accept: one file applied, the other rejected and untouched', async () => {
    const { page, emulator, workspace } = uiSession();
    const notes = path.join(workspace, 'docs', 'notes.md');
    const notesBefore = readFileSync(notes, 'utf8');
    const firstLine = notesBefore.split('\n')[0];
    emulator.reset();
    emulator.enqueue(
      { kind: 'stream', chunks: [
        chunks.functionCall('create_file', { path: 'src/partial.ts', content: 'export const partial = true;\n' }),
        chunks.functionCall('edit_file', { path: 'docs/notes.md', search: firstLine, replace: `${firstLine} (edited)` }),
        chunks.finish('STOP'),
      ] },
      { kind: 'stream', chunks: [chunks.text('Two changes.'), chunks.finish('STOP')] },
      { kind: 'stream', chunks: [chunks.text('Noted.'), chunks.finish('STOP')] },
    );
    const web = await newAgentChat(page);
    await sendMessage(web, 'Two changes please');
    const card = web.locator('.changes-card[data-changes-status="review"]');
    await card.waitFor({ state: 'visible', timeout: 30_000 });
    await card.locator('.change-file', { hasText: 'src/partial.ts' }).locator('[data-review-action="accept"]').click();
    await card.locator('.change-file.accepted', { hasText: 'src/partial.ts' }).waitFor({ state: 'visible', timeout: 20_000 });
    assert.ok(!existsSync(path.join(workspace, 'src', 'partial.ts')), 'nothing written while a file is undecided');
    await card.locator('.change-file', { hasText: 'docs/notes.md' }).locator('[data-review-action="reject"]').click();
    await web.locator('.changes-card[data-changes-status="applied"]').waitFor({ state: 'visible', timeout: 30_000 });
    await waitUntil(async () => existsSync(path.join(workspace, 'src', 'partial.ts')), 'the accepted file was not created');
    assert.equal(readFileSync(notes, 'utf8'), notesBefore);
    await web.locator('.model-turn .answer-text', { hasText: 'Noted.' }).waitFor({ state: 'visible', timeout: 30_000 });
  });

  it('restores a turn to before it after a window reload (the created file is removed)', async () => {
    const session = uiSession();
    await session.reload();
    const web = await openChat(session.page);
    const restore = web.locator('.changes-card [data-review-action="restore"]').last();
    await restore.waitFor({ state: 'visible', timeout: 30_000 });
    await restore.click();
    const dialog = session.page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: 20_000 });
    assert.match((await dialog.textContent()) ?? '', /src\/partial\.ts: delete \(created by the turn\)/);
    await dialog.locator('.monaco-button', { hasText: 'Restore' }).click();
    await waitUntil(async () => !existsSync(path.join(session.workspace, 'src', 'partial.ts')), 'the restore did not remove the file the turn created');
    await web.locator('.changes-card', { hasText: 'Restored to before this turn.' }).waitFor({ state: 'visible', timeout: 20_000 });
    assert.ok(readFileSync(path.join(session.workspace, GREET), 'utf8').includes(ORIGINAL.split('\n')[1].trim()));
  });

  it('keeps pending changes across a window reload, still unwritten, and applies them when accepted', async () => {
    const session = uiSession();
    const target = path.join(session.workspace, 'src', 'pending.ts');
    session.emulator.reset();
    session.emulator.enqueue(
      { kind: 'stream', chunks: [chunks.functionCall('create_file', { path: 'src/pending.ts', content: 'export const pending = 1;\n' }), chunks.finish('STOP')] },
      { kind: 'stream', chunks: [chunks.text('Proposed pending.ts.'), chunks.finish('STOP')] },
      { kind: 'stream', chunks: [chunks.text('Thanks.'), chunks.finish('STOP')] },
    );
    const web = await newAgentChat(session.page);
    await sendMessage(web, 'Propose a file and wait');
    await web.locator('.changes-card[data-changes-status="review"]').waitFor({ state: 'visible', timeout: 30_000 });
    await session.reload();
    const after = await openChat(session.page);
    const card = after.locator('.changes-card[data-changes-status="review"]').last();
    await card.waitFor({ state: 'visible', timeout: 30_000 });
    assert.ok(!existsSync(target), 'a reload never applies anything');
    await card.locator('[data-review-action="acceptAll"]').click();
    await waitUntil(async () => existsSync(target), 'the revived proposal was not applied on accept');
    assert.equal(readFileSync(target, 'utf8'), 'export const pending = 1;\n');
  });
});
