// The chat as a person uses it, in the real VS Code workbench in Chromium, with Gemini played by
// the emulator: send and watch the answer stream, thoughts, a tool card, code block copy and
// insert, stop, regenerate, an error banner whose button works, and the chat restored after a
// window reload. Screenshots in light and dark themes land in test-output/screenshots/.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { chunks, errors } from '../emulator';
import { newChat, openChat, openFile, runCommand, screenshot, sendMessage, setColorTheme, waitUntil } from '../harness/ui';
import { uiSession } from '../harness/uiSession';

const CODE = 'export const answer = 42;';
const USAGE = { promptTokenCount: 321, candidatesTokenCount: 45, thoughtsTokenCount: 12 };

describe('chat flows', function () {
  this.timeout(120_000);

  before(async () => {
    // Start in a chat of our own: the spec counts this chat's turns after a reload.
    await newChat(uiSession().page);
  });

  after(async () => {
    // Leave an empty chat behind: later specs look for the empty state.
    const { page } = uiSession();
    await runCommand(page, 'Gemini: New Chat').catch(() => undefined);
  });

  it('sends a message and shows the answer streaming, with a collapsed Thinking section and usage', async () => {
    const { page, emulator } = uiSession();
    emulator.reset();
    emulator.enqueue({
      kind: 'stream', chunkDelayMs: 250, chunks: [
        chunks.text('The user wants a constant. ', { thought: true }),
        chunks.text('I will export one.', { thought: true }),
        chunks.text('Here is **the constant**:\n\n'),
        chunks.text('```ts\n' + CODE + '\n```\n\n'),
        chunks.text('Use it anywhere.'),
        chunks.finish('STOP', USAGE),
      ],
    });
    const web = await openChat(page);
    await sendMessage(web, 'Give me a TypeScript constant');

    // Mid-stream: part of the answer is on screen while the turn is still streaming.
    await web.locator('.model-turn.streaming .answer-text', { hasText: 'the constant' }).waitFor({ state: 'visible', timeout: 20_000 });
    await web.locator('.model-turn:not(.streaming) .answer-text', { hasText: 'Use it anywhere.' }).waitFor({ state: 'visible', timeout: 20_000 });
    const answer = web.locator('.model-turn').last();
    assert.equal(await answer.locator('.answer-text strong').textContent(), 'the constant');
    assert.equal((await answer.locator('.code-block code').textContent())?.trim(), CODE);
    assert.match((await answer.locator('.usage').getAttribute('aria-label')) ?? '', /321 tokens in, 45 out, 12 thinking/);

    const thinking = answer.locator('details.thinking');
    assert.equal(await thinking.getAttribute('open'), null, 'thoughts start collapsed');
    await thinking.locator('summary').click();
    await thinking.locator('.markdown', { hasText: 'I will export one.' }).waitFor({ state: 'visible' });

    const body = emulator.requests.at(-1)?.body as { contents: { parts: { text?: string }[] }[] };
    assert.equal(body.contents.at(-1)?.parts.at(-1)?.text, 'Give me a TypeScript constant');
    await screenshot(page, 'chat-answer-dark');
  });

  it('copies a code block and inserts it at the cursor of the active editor', async () => {
    const { page, workspace } = uiSession();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await openFile(page, 'greet.ts');
    await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');

    const web = await openChat(page);
    const block = web.locator('.model-turn').last().locator('.code-block');
    await block.locator('[data-code-action="copy"]').click();
    await waitUntil(async () => ((await page.evaluate('navigator.clipboard.readText()').catch(() => '')) as string).trim() === CODE, 'the clipboard does not hold the code');

    await block.locator('[data-code-action="insert"]').click();
    await page.locator('.editor-instance .monaco-editor .view-lines', { hasText: CODE }).first().waitFor({ state: 'visible', timeout: 20_000 });
    await page.keyboard.press('Control+S');
    const file = path.join(workspace, 'src', 'greet.ts');
    await waitUntil(async () => readFileSync(file, 'utf8').includes(CODE), 'the inserted code was not saved into greet.ts');
    assert.match(readFileSync(file, 'utf8'), /\}\n\nexport const answer = 42;/);
  });

  it('stops an answer mid-stream and keeps the partial text', async () => {
    const { page, emulator } = uiSession();
    emulator.reset();
    emulator.enqueue({ kind: 'stream', chunkDelayMs: 400, chunks: [...Array.from({ length: 30 }, (_, i) => chunks.text(`word${i} `)), chunks.finish('STOP')] });
    const web = await openChat(page);
    await sendMessage(web, 'Count slowly');
    const answer = web.locator('.model-turn').last();
    await answer.locator('.answer-text', { hasText: 'word1 ' }).waitFor({ state: 'visible', timeout: 20_000 });
    const stop = web.locator('.send-button[aria-label="Stop the answer"]');
    await stop.click();
    await answer.locator('.note', { hasText: 'Stopped.' }).waitFor({ state: 'visible', timeout: 20_000 });
    const text = (await answer.locator('.answer-text').textContent()) ?? '';
    assert.match(text, /word0 word1/);
    assert.doesNotMatch(text, /word29/);
    await web.locator('.send-button[aria-label="Send message"]').waitFor({ state: 'visible' });
  });

  it('regenerates the last answer', async () => {
    const { page, emulator } = uiSession();
    emulator.reset();
    emulator.enqueue({ kind: 'stream', chunks: [chunks.text('A fresh answer.'), chunks.finish('STOP')] });
    const web = await openChat(page);
    const answer = web.locator('.model-turn').last();
    await answer.hover();
    await answer.locator('[data-turn-action="regenerate"]').click();
    await web.locator('.model-turn').last().locator('.answer-text', { hasText: 'A fresh answer.' }).waitFor({ state: 'visible', timeout: 20_000 });
    assert.equal(await web.locator('.model-turn .answer-text', { hasText: 'word0' }).count(), 0, 'the stopped answer was replaced');
    const contents = (emulator.requests.at(-1)?.body as { contents: { parts: { text?: string }[] }[] }).contents;
    assert.equal(contents.at(-1)?.parts.at(-1)?.text, 'Count slowly', 'the same question is asked again');
  });

  it('shows a workspace tool call as a card', async () => {
    const { page, emulator } = uiSession();
    emulator.reset();
    emulator.enqueue(
      { kind: 'stream', chunks: [chunks.functionCall('list_directory', { path: 'src' }), chunks.finish('STOP')] },
      { kind: 'stream', chunks: [chunks.text('The src folder holds greet.ts and util/.'), chunks.finish('STOP')] },
    );
    const web = await openChat(page);
    await sendMessage(web, 'What is in src?');
    const card = web.locator('.model-turn').last().locator('.tool-card');
    await card.and(web.locator('.tool-card.ok')).waitFor({ state: 'visible', timeout: 30_000 });
    assert.match((await card.locator('.tool-name').textContent()) ?? '', /list_directory/);
    assert.match((await card.locator('.tool-result').textContent()) ?? '', /listed src/);
    await web.locator('.model-turn').last().locator('.answer-text', { hasText: 'greet.ts and util/' }).waitFor({ state: 'visible', timeout: 20_000 });
    await screenshot(page, 'chat-tool-card-dark');
  });

  it('shows an error banner whose button runs the recovery (Set API key opens the key prompt)', async () => {
    const { page, emulator } = uiSession();
    emulator.reset();
    emulator.enqueue({ kind: 'error', status: 400, body: errors.invalidKey() });
    const web = await openChat(page);
    await sendMessage(web, 'Hello?');
    const banner = web.locator('.model-turn').last().locator('.error-banner');
    await banner.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match((await banner.textContent()) ?? '', /key/i);
    await screenshot(page, 'chat-error-banner-dark');
    await banner.locator('button', { hasText: 'Set API key' }).click();
    const prompt = page.locator('.quick-input-widget .quick-input-box input');
    await prompt.waitFor({ state: 'visible', timeout: 20_000 });
    assert.equal(await prompt.getAttribute('type'), 'password', 'the key prompt hides what is typed');
    await page.keyboard.press('Escape');
  });

  it('restores the chat after a window reload', async () => {
    const session = uiSession();
    await session.reload();
    const web = await openChat(session.page);
    await web.locator('.user-turn .user-text', { hasText: 'Give me a TypeScript constant' }).waitFor({ state: 'visible', timeout: 30_000 });
    await web.locator('.model-turn .answer-text', { hasText: 'A fresh answer.' }).waitFor({ state: 'visible' });
    await web.locator('.tool-card.ok').first().waitFor({ state: 'visible' });
    assert.equal(await web.locator('.model-turn').count(), 4);
  });

  for (const kind of ['light', 'dark'] as const) {
    it(`renders the conversation in the ${kind} theme (screenshot chat-conversation-${kind}.png)`, async () => {
      const { page } = uiSession();
      await setColorTheme(page, kind);
      const web = await openChat(page);
      await web.locator(`body.vscode-${kind}`).waitFor({ timeout: 20_000 });
      await web.locator('.model-turn').first().waitFor({ state: 'visible' });
      await screenshot(page, `chat-conversation-${kind}`);
    });
  }
});
