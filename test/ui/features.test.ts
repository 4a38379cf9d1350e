// Gemini's power features in the real workbench: a Google Search answer (recording 03) with
// numbered citations linked to its sources, a code execution answer (recording 04) as a card, the
// composer's per-chat switches and thinking picker, and the token meter warning near the model's
// input limit. Screenshots of the chat view for docs/FEATURES.md land in test-output/screenshots/.
import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { SCREENSHOTS } from '../harness/paths';
import { chunks } from '../emulator';
import { newChat, runCommand, sendMessage, setColorTheme, waitUntil } from '../harness/ui';
import { uiSession } from '../harness/uiSession';

const SEARCH_RECORDING = '03_pydantic-ai_sse_google_search_grounding_gemini-2.5-pro.yaml';
const CODE_RECORDING = '04_pydantic-ai_sse_code_execution_gemini-3-flash.yaml';

/** Switches a composer toggle to `on` and waits until the host confirmed it. */
async function setToggle(web: FrameLocator, option: 'googleSearch' | 'codeExecution', on: boolean): Promise<void> {
  const toggle = web.locator(`[data-chat-option="${option}"]`);
  if ((await toggle.getAttribute('aria-pressed')) !== String(on)) await toggle.click();
  await web.locator(`[data-chat-option="${option}"][aria-pressed="${on}"]`).waitFor({ timeout: 20_000 });
}

/** The Gemini side bar only, at a readable size, for the docs. */
async function sidebarShot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.locator('.part.sidebar').screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

function lastGenerate(emulator: ReturnType<typeof uiSession>['emulator']) {
  return [...emulator.requests].reverse().find((r) => r.path.includes(':streamGenerateContent'));
}

/** Drops files built in the webview (a PDF of `bytes` bytes each) onto the composer, as a person would. */
async function dropPdfs(web: FrameLocator, files: { name: string; bytes: number }[]): Promise<void> {
  // A string body: this file is compiled without the DOM lib.
  const drop = new Function('composer', 'files', `
    const transfer = new DataTransfer();
    for (const f of files) {
      const body = new Uint8Array(f.bytes);
      body.set(new TextEncoder().encode('%PDF-1.7\\n'));
      transfer.items.add(new File([body], f.name, { type: 'application/pdf' }));
    }
    composer.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  `);
  await web.locator('.composer').evaluate(drop as never, files);
}

describe('power features', function () {
  this.timeout(120_000);

  before(async () => {
    // The docs show the light theme; a failed switch only changes the screenshots' colours.
    const { page } = uiSession();
    await page.locator('.part.editor').click({ position: { x: 20, y: 20 } }).catch(() => undefined);
    await setColorTheme(page, 'light').catch(() => page.keyboard.press('Escape'));
  });

  after(async () => {
    const { page, emulator } = uiSession();
    emulator.setTokenCount(undefined);
    await runCommand(page, 'Gemini: New Chat').catch(() => undefined);
  });

  it('grounds an answer in Google Search: numbered citations linked to the sources, the sources and the search query', async () => {
    const { page, emulator } = uiSession();
    emulator.reset();
    const web = await newChat(page);
    await setToggle(web, 'googleSearch', true);
    emulator.enqueueRecording(SEARCH_RECORDING);
    await sendMessage(web, 'What is the weather in San Francisco today?');

    const answer = web.locator('.model-turn').last();
    await answer.locator('.grounding ol.sources li').first().waitFor({ state: 'visible', timeout: 30_000 });
    // Gemini 3 (the default gemini-3.8-flash) takes Search together with the workspace tools.
    assert.deepEqual(lastGenerate(emulator)?.body.tools?.filter((t: object) => !('functionDeclarations' in t)), [{ googleSearch: {} }], 'the toggle reached the request');
    assert.equal(await answer.locator('.grounding ol.sources li').count(), 5);
    assert.equal(await answer.locator('.grounding ol.sources li').nth(1).textContent(), 'timeanddate.com');
    const markers = answer.locator('.answer-text sup.citation a');
    assert.ok((await markers.count()) >= 5, 'citation markers in the text');
    const first = markers.first();
    const number = Number(((await first.textContent()) ?? '').replace(/\D/g, ''));
    const source = answer.locator('.grounding ol.sources li a').nth(number - 1);
    assert.equal(await first.getAttribute('href'), await source.getAttribute('href'), 'marker [n] links to source n');
    assert.equal(await answer.locator('.search-queries a').textContent(), 'weather in San Francisco today');
    await sidebarShot(page, 'power-citations');
  });

  it('shows code Gemini ran as a card with its language, outcome and output', async () => {
    const { page, emulator } = uiSession();
    emulator.reset();
    const web = await newChat(page);
    await setToggle(web, 'googleSearch', false);
    await setToggle(web, 'codeExecution', true);
    emulator.enqueueRecording(CODE_RECORDING);
    await sendMessage(web, 'what is 65465-6544 * 65464-6+1.02255');

    const card = web.locator('.model-turn').last().locator('.code-exec-card');
    await card.and(web.locator('.code-exec-card.ok')).waitFor({ state: 'visible', timeout: 30_000 });
    assert.deepEqual(lastGenerate(emulator)?.body.tools?.filter((t: object) => !('functionDeclarations' in t)), [{ codeExecution: {} }]);
    assert.equal(await card.count(), 1);
    assert.equal(await card.locator('.code-exec-language').textContent(), 'Python');
    assert.match((await card.locator('.code-block code').textContent()) ?? '', /result = 65465 - 6544 \* 65464/);
    assert.match((await card.locator('.code-exec-outcome').textContent()) ?? '', /Succeeded/);
    assert.equal((await card.locator('.code-exec-output pre').textContent())?.trim(), '-428330955.97745');
    await web.locator('.model-turn').last().locator('.answer-text', { hasText: '-428,330,955.97745' }).waitFor();
    await sidebarShot(page, 'power-code-execution');
  });

  it('the composer offers a thinking picker that fits the model, and the model\'s limits beside the picker', async () => {
    const { page, emulator } = uiSession();
    const web = await newChat(page);
    const info = web.locator('.model-info');
    await web.locator('.model-info', { hasText: 'in ·' }).waitFor({ timeout: 30_000 });
    assert.match((await info.textContent()) ?? '', /^1M in · 64K out · thinking levels$/, 'gemini-3.8-flash from the emulator\'s models.list');
    const thinking = web.locator('.thinking-select');
    const values = await thinking.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    assert.deepEqual(values, ['default', 'level:low', 'level:medium', 'level:high'], '3.8 Flash: levels, no minimal');
    await thinking.selectOption('level:low');
    emulator.reset();
    await sendMessage(web, 'Think a little');
    await web.locator('.model-turn:not(.streaming) .answer-text', { hasText: 'You said: Think a little' }).waitFor({ timeout: 30_000 });
    assert.deepEqual(lastGenerate(emulator)?.body.generationConfig.thinkingConfig, { includeThoughts: true, thinkingLevel: 'LOW' });
    assert.equal(await thinking.inputValue(), 'level:low', 'the choice stays with the chat');
  });

  it('the token meter counts the next message against the input limit and warns near and over it', async () => {
    const { page, emulator } = uiSession();
    const web = await newChat(page);
    const meter = web.locator('.token-meter');
    emulator.setTokenCount(920_000);
    const input = web.locator('.composer-input');
    await input.click();
    await input.fill('Review the attached design document against the code base.');
    await web.locator('.token-meter.near .token-meter-text', { hasText: '920K / 1M tokens' }).waitFor({ timeout: 20_000 });
    const countCall = [...emulator.requests].reverse().find((r) => r.path.endsWith(':countTokens'));
    assert.match(JSON.stringify(countCall?.body), /Review the attached design document/, 'the draft is counted');
    assert.match((await meter.getAttribute('aria-label')) ?? '', /Close to the limit/);
    await sidebarShot(page, 'power-token-meter');

    emulator.setTokenCount(1_300_000);
    await input.press('End');
    await input.pressSequentially(' Everything.');
    await web.locator('.token-meter.over .token-meter-text', { hasText: '1.3M / 1M tokens' }).waitFor({ timeout: 20_000 });
    assert.match((await meter.getAttribute('title')) ?? '', /will not fit/);
    emulator.setTokenCount(undefined);
    await input.fill('');
  });

  it('attaches dropped PDFs: a small one inline, a large one through the Files API; the request carries both', async () => {
    const { page, emulator } = uiSession();
    emulator.reset();
    const web = await newChat(page);
    await dropPdfs(web, [{ name: 'checklist.pdf', bytes: 40_000 }, { name: 'design-spec.pdf', bytes: 6 * 1024 * 1024 }]);
    await web.locator('.composer-chips .chip', { hasText: 'design-spec.pdf' }).waitFor({ timeout: 60_000 });
    assert.equal(await web.locator('.composer-chips .chip').count(), 2);
    assert.match((await web.locator('.composer-chips .chip', { hasText: 'design-spec.pdf' }).getAttribute('title')) ?? '', /uploaded to the Gemini Files API/);
    assert.equal(emulator.files.count, 1, 'only the large file was uploaded');
    await web.locator('.composer-input').fill('Does the design spec cover everything on the checklist?');
    await sidebarShot(page, 'power-attachments');
    await web.locator('.composer-input').press('Enter');
    await web.locator('.model-turn:not(.streaming) .answer-text', { hasText: 'You said:' }).waitFor({ timeout: 30_000 });
    const parts = lastGenerate(emulator)!.body.contents.at(-1).parts as Record<string, { mimeType?: string; fileUri?: string }>[];
    assert.equal(parts.filter((p) => p.inlineData?.mimeType === 'application/pdf').length, 1, 'the small PDF inline');
    assert.ok(parts.some((p) => p.fileData?.fileUri?.startsWith(emulator.baseUrl)), 'the large one by its Files API URI');
  });

  it('with context caching on, a long chat is cached once, later turns name the cache and show cached tokens; closing the chat deletes it', async () => {
    const session = uiSession();
    const { emulator } = session;
    session.server.updateUserSettings({ 'gemini.contextCache.enabled': true, 'gemini.contextCache.minTokens': 1024 });
    await session.reload();
    emulator.reset();
    const web = await newChat(session.page);
    const longQuestion = `Here is our style guide:\n${'Prefer small pure functions and explicit names. '.repeat(120)}\nSummarise it.`;
    await sendMessage(web, longQuestion);
    await web.locator('.model-turn:not(.streaming) .answer-text', { hasText: 'You said:' }).waitFor({ timeout: 30_000 });
    assert.equal(emulator.requests.filter((r) => r.path.endsWith('/cachedContents')).length, 0, 'nothing to cache before the first answer');

    emulator.enqueue({ kind: 'stream', chunks: [chunks.text('Small pure functions, explicit names.'), chunks.finish('STOP', { promptTokenCount: 3400, candidatesTokenCount: 8, cachedContentTokenCount: 3300 })] });
    await sendMessage(web, 'And in one line?');
    await web.locator('.model-turn:not(.streaming) .usage-cached', { hasText: '3.3K cached' }).waitFor({ timeout: 30_000 });
    const created = emulator.requests.find((r) => r.method === 'POST' && r.path.endsWith('/cachedContents'));
    assert.ok(created, 'the long history was cached');
    const sent = lastGenerate(emulator)!.body;
    assert.match(String(sent.cachedContent), /^cachedContents\//);
    assert.deepEqual(sent.contents.map((c: { parts: { text: string }[] }) => c.parts[0].text), ['And in one line?'], 'only the new message is sent');
    await sidebarShot(session.page, 'power-context-cache');

    await runCommand(session.page, 'Gemini: New Chat');
    await waitUntil(async () => emulator.requests.some((r) => r.method === 'DELETE' && r.path.includes('cachedContents/')), 'no cache was deleted after New Chat', 10_000);
    assert.ok(emulator.requests.some((r) => r.method === 'DELETE' && sent.cachedContent.endsWith(r.path.split('/').pop()!)), 'the cache is deleted with the chat');

    session.server.updateUserSettings({ 'gemini.contextCache.enabled': false, 'gemini.contextCache.minTokens': 8192 });
    await session.reload();
  });
});
