// Faults as a person sees them in the chat webview of the real workbench, Gemini played by the
// emulator: each scenario sends a question and checks what the answer shows (the text that made it,
// the banner that says what happened and what to do). Then the window reloads and every answer
// must come back exactly as it was, the next question must carry them all as history, and the
// extension host must not have logged an unhandled promise rejection.
// The same faults at the engine level, in the host: test/integration/faults.test.ts.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { chunks, errors, type QueuedResponse } from '../emulator';
import { newChat, openChat, openFile, runCommand, sendMessage, waitUntil } from '../harness/ui';
import { answerTo, HostRejectionWatch, logFiles, releaseFocus, serverRoot, settled, uiScenario, visible } from './faultsSupport';
import { uiSession } from '../harness/uiSession';

const PARTIAL = 'Here is the first part of the answer. ';
const stream = (list: object[], extra: Partial<Extract<QueuedResponse, { kind: 'stream' }>> = {}): QueuedResponse => ({ kind: 'stream', chunks: list, ...extra });

/** What each question's answer showed before the reload, to compare after it. */
const shown = new Map<string, { text: string; banner: string; note: string }>();
let questionsBeforeReload = 0;

describe('faults in the chat webview', function () {
  this.timeout(120_000);
  let web: FrameLocator;
  let watch: HostRejectionWatch;

  before(async () => {
    const { page } = uiSession();
    watch = new HostRejectionWatch(page, serverRoot());
    watch.start();
    web = await newChat(page);
  });
  after(async () => {
    watch.stop();
    await runCommand(uiSession().page, 'Gemini: New Chat').catch(() => undefined);
    await releaseFocus(uiSession().page);
  });

  /** Sends `question` with `responses` queued; returns what its answer shows once settled. */
  async function ask(question: string, ...responses: QueuedResponse[]) {
    const { emulator } = uiSession();
    emulator.reset();
    emulator.enqueue(...responses);
    await sendMessage(web, question);
    const result = await settled(answerTo(web, question));
    shown.set(question, result);
    return result;
  }

  uiScenario('fault', 'HTTP 429 with RetryInfo 2s, then an answer', 'a "Too many requests … Retrying in N s (attempt 1 of 3)" countdown, then the answer replaces it', async () => {
    const { emulator } = uiSession();
    emulator.reset();
    emulator.enqueue(errors.quota({ retryDelay: '2s' }), stream([chunks.text('Answered after the rate limit.'), chunks.finish('STOP')]));
    await sendMessage(web, 'Q1 rate limited');
    const answer = answerTo(web, 'Q1 rate limited');
    const banner = answer.locator('.retry-banner');
    await banner.waitFor({ state: 'visible', timeout: 20_000 });
    assert.match((await banner.textContent()) ?? '', /Too many requests to gemini-3\.8-flash this minute.*Retrying in [12] s \(attempt 1 of 3\)/);
    const result = await settled(answer);
    shown.set('Q1 rate limited', result);
    assert.equal(result.text, 'Answered after the rate limit.');
    assert.equal(result.banner, '', 'the countdown is gone once the answer arrives');
  });

  uiScenario('fault', 'HTTP 503 on all 4 attempts, then the user clicks Retry', '"… is overloaded right now. Retry in a moment, or switch to another model." with a Retry button that asks again', async () => {
    const overloaded = await ask('Q2 overloaded', errors.overloaded(), errors.overloaded(), errors.overloaded(), errors.overloaded());
    assert.match(overloaded.banner, /Gemini-3\.8-flash is overloaded right now\. Retry in a moment, or switch to another model\./);
    const { emulator } = uiSession();
    emulator.reset();
    emulator.enqueue(stream([chunks.text('Answered on retry.'), chunks.finish('STOP')]));
    await answerTo(web, 'Q2 overloaded').locator('.error-banner button', { hasText: 'Retry' }).click();
    await waitUntil(async () => (await visible(answerTo(web, 'Q2 overloaded'))).text === 'Answered on retry.', 'Retry did not bring the answer');
    shown.set('Q2 overloaded', await settled(answerTo(web, 'Q2 overloaded')));
    assert.equal(shown.get('Q2 overloaded')!.banner, '');
  });

  uiScenario('fault', 'HTTP 500 once, then an answer', 'a retry countdown, then the answer', async () => {
    const result = await ask('Q3 internal error', errors.internal(), stream([chunks.text('Recovered from HTTP 500.'), chunks.finish('STOP')]));
    assert.equal(result.text, 'Recovered from HTTP 500.');
    assert.equal(result.banner, '');
  });

  uiScenario('fault', 'the connection drops in the middle of the answer', 'the partial answer stays on screen under "The connection dropped in the middle of the answer. What arrived so far is kept" with Retry', async () => {
    const result = await ask('Q4 disconnect', stream([chunks.text(PARTIAL), chunks.text('Cut here')], { then: 'disconnect' }));
    assert.equal(result.text, `${PARTIAL}Cut here`);
    assert.match(result.banner, /connection dropped in the middle of the answer\. What arrived so far is kept/);
    assert.equal(await answerTo(web, 'Q4 disconnect').locator('.error-banner button', { hasText: 'Retry' }).count(), 1);
  });

  uiScenario('fault', 'a malformed SSE chunk after part of the answer', 'the part before it stays, with "The answer stream from the service was malformed"', async () => {
    const result = await ask('Q5 malformed', stream([chunks.text(PARTIAL), chunks.text('lost'), chunks.finish('STOP')], { malformedAt: 1 }));
    assert.equal(result.text, PARTIAL.trim());
    assert.match(result.banner, /malformed/);
  });

  uiScenario('fault', 'the service stalls mid-answer and the user presses Stop', 'the partial answer stays, marked "Stopped."; the composer is usable again', async () => {
    const { emulator } = uiSession();
    emulator.reset();
    emulator.enqueue(stream([chunks.text(PARTIAL)], { then: 'stall' }));
    await sendMessage(web, 'Q6 stall');
    const answer = answerTo(web, 'Q6 stall');
    await answer.locator('.answer-text', { hasText: 'first part' }).waitFor({ state: 'visible', timeout: 20_000 });
    await web.locator('.send-button[aria-label="Stop the answer"]').click();
    const result = await settled(answer);
    shown.set('Q6 stall', result);
    assert.equal(result.text, PARTIAL.trim());
    assert.match(result.note, /Stopped\./);
    await web.locator('.send-button[aria-label="Send message"]').waitFor({ state: 'visible' });
  });

  uiScenario('fault', 'an empty candidate', '"Gemini returned an empty answer. Retry, or rephrase the request."', async () => {
    const result = await ask('Q7 empty', stream([chunks.finish('STOP')]));
    assert.match(result.banner, /empty answer/);
  });

  uiScenario('fault', 'finish reason MAX_TOKENS after part of the answer', 'the text so far, then "reached the output token limit … raise gemini.maxOutputTokens"', async () => {
    const result = await ask('Q8 max tokens', stream([chunks.text(PARTIAL), chunks.finish('MAX_TOKENS')]));
    assert.equal(result.text, PARTIAL.trim());
    assert.match(result.banner, /output token limit/);
  });

  uiScenario('fault', 'finish reason SAFETY', '"Gemini stopped the answer because it triggered a safety filter"', async () => {
    const result = await ask('Q9 safety', stream([chunks.text(PARTIAL), chunks.finish('SAFETY')]));
    assert.match(result.banner, /safety filter/);
  });

  uiScenario('fault', 'a chat answer and an editor action (Refactor Selection…) at the same time', 'both complete: the chat answer streams in full while the refactor proposal shows inline', async () => {
    const { page, emulator, workspace } = uiSession();
    writeFileSync(path.join(workspace, 'src', 'concurrent_sample.py'), 'def double(x):\n    return x + x\n');
    emulator.reset();
    // Long enough (30 × 400 ms) that the refactor surely lands mid-answer, even on a loaded machine.
    const words = Array.from({ length: 30 }, (_, i) => `part${i} `);
    emulator.enqueue(stream([...words.map((w) => chunks.text(w)), chunks.finish('STOP')], { chunkDelayMs: 400 }));
    await sendMessage(web, 'Q10 concurrent');
    const chatAnswer = answerTo(web, 'Q10 concurrent');
    await chatAnswer.locator('.answer-text', { hasText: 'part1' }).waitFor({ state: 'visible', timeout: 20_000 });

    // While the chat streams: select the function body in an editor and ask for a refactor.
    emulator.enqueue(stream([chunks.text(JSON.stringify({ rationale: 'Multiplication reads better.', code: '    return 2 * x' })), chunks.finish('STOP')]));
    await openFile(page, 'concurrent_sample.py');
    await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Home');
    await page.keyboard.press('Shift+End');
    // Its keybinding, as a person would: the palette's Escape would clear the editor selection.
    await page.keyboard.press('Control+Alt+R');
    const instruction = page.locator('.quick-input-widget .quick-input-box input');
    await instruction.waitFor({ state: 'visible' });
    await instruction.fill('use multiplication');
    await page.keyboard.press('Enter');
    // The proposal shows as an inline diff (gemini.editor.previewStyle's default) with its CodeLens.
    const acceptLens = page.locator('.editor-instance .monaco-editor .codelens-decoration', { hasText: 'Accept (Tab)' }).first();
    await acceptLens.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match((await chatAnswer.getAttribute('class')) ?? '', /\bstreaming\b/, 'the chat was still answering while the refactor arrived');

    const result = await settled(chatAnswer);
    shown.set('Q10 concurrent', result);
    assert.equal(result.text, words.join('').trim());
    // Esc in the editor rejects the inline proposal.
    await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
    await page.keyboard.press('Escape');
    await acceptLens.waitFor({ state: 'hidden', timeout: 20_000 });
    await runCommand(page, 'View: Close All Editors');
  });

  uiScenario('fault', 'a burst of 50 questions, one after another', 'all 50 answers appear, each answering its own question', async function () {
    this.timeout(300_000);
    const { emulator } = uiSession();
    emulator.reset(); // nothing queued: the emulator answers "You said: <question>"
    for (let i = 0; i < 50; i++) {
      const question = `Burst ${String(i).padStart(2, '0')}`;
      await sendMessage(web, question);
      const result = await settled(answerTo(web, question));
      assert.equal(result.text, `You said: ${question}`);
    }
    assert.equal(emulator.requests.length, 50);
  });

  uiScenario('fault', 'the window reloads while an answer is streaming', 'after the reload the part that arrived is shown, marked "Interrupted: the window was reloaded while this answer was streaming."', async () => {
    const { emulator } = uiSession();
    emulator.reset();
    emulator.enqueue(stream([chunks.text(PARTIAL), ...Array.from({ length: 40 }, () => chunks.text('more ')), chunks.finish('STOP')], { chunkDelayMs: 500 }));
    await sendMessage(web, 'Q11 reload mid-answer');
    await answerTo(web, 'Q11 reload mid-answer').locator('.answer-text', { hasText: 'first part' }).waitFor({ state: 'visible', timeout: 20_000 });
    // Give the host's throttled save (1 s) a chance to write the text that arrived.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    questionsBeforeReload = await web.locator('.user-turn').count();
    await uiSession().reload();
    web = await openChat(uiSession().page);
    const after = answerTo(web, 'Q11 reload mid-answer');
    await after.waitFor({ state: 'visible', timeout: 30_000 });
    const restored = await visible(after);
    assert.match(restored.text, /^Here is the first part of the answer\./);
    assert.match(restored.note, /Interrupted: the window was reloaded while this answer was streaming\./);
  });

  uiScenario('fault', 'after a window reload', 'every answer above is back exactly as it was shown: text, warning and error banners, "Stopped."', async () => {
    await web.locator('.user-turn .user-text', { hasText: 'Burst 49' }).waitFor({ state: 'visible', timeout: 30_000 });
    // A restored long chat renders its recent turns; the older ones come with "Show earlier messages".
    const earlier = web.locator('.earlier-turns:not([hidden]) .show-earlier');
    // (Scrolling near the top may reveal a batch first, so a click may find the row gone.)
    for (let batch = 0; batch < 20 && (await earlier.count()) > 0; batch++) await earlier.click({ timeout: 5_000 }).catch(() => undefined);
    assert.equal(await earlier.count(), 0, 'every earlier turn is shown after pressing "Show earlier messages"');
    const differences: string[] = [];
    for (const [question, before] of shown) {
      const after = await visible(answerTo(web, question));
      // A retry countdown is transient: it is never part of a settled answer.
      if (JSON.stringify(after) !== JSON.stringify(before)) differences.push(`${question}: before ${JSON.stringify(before)}, after ${JSON.stringify(after)}`);
    }
    assert.deepEqual(differences, []);
    assert.equal(await web.locator('.user-turn').count(), questionsBeforeReload);
  });

  uiScenario('fault', 'the next question after the reload', 'carries the whole conversation as history: partial answers included, roles alternating, no dangling call', async () => {
    const { emulator } = uiSession();
    emulator.reset();
    await sendMessage(web, 'Q12 after reload');
    const result = await settled(answerTo(web, 'Q12 after reload'));
    assert.equal(result.text, 'You said: Q12 after reload');
    const contents = emulator.requests.at(-1)!.body.contents as { role: string; parts: { text?: string; functionCall?: unknown }[] }[];
    const texts = contents.map((c) => `${c.role}: ${c.parts.map((p) => p.text ?? '').join('')}`);
    // An exchange without any answer (the empty candidate) is left out, so two user messages never follow each other.
    const answered = [...shown].filter(([, seen]) => seen.text).map(([question]) => question);
    for (const question of [...answered, 'Burst 00', 'Burst 49', 'Q11 reload mid-answer', 'Q12 after reload']) {
      assert.ok(texts.some((t) => t.startsWith('user: ') && t.includes(question)), `${question} is missing from the history`);
    }
    assert.ok(texts.includes(`model: ${PARTIAL}Cut here`), 'the answer cut by the dropped connection is in the history');
    assert.ok(texts.filter((t) => t.startsWith(`model: ${PARTIAL}`)).length >= 2, 'the interrupted answer is in the history (beside the cut one)');
    for (let i = 1; i < contents.length; i++) assert.notEqual(contents[i].role, contents[i - 1].role, `two ${contents[i].role} contents in a row at ${i}`);
    assert.equal(contents[0].role, 'user');
    assert.ok(contents.every((c) => c.parts.every((p) => !p.functionCall)), 'no function call without its response');
  });

  uiScenario('fault', 'every fault above, including the reload', 'no unhandled promise rejection in the extension host (workbench console and server logs)', async () => {
    assert.ok(logFiles(serverRoot()).some((file) => /exthost/i.test(file)), 'the extension host log was found (so this check looks somewhere)');
    assert.deepEqual(await watch.found(), []);
  });
});
