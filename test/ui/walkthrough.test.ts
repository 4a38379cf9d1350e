// The first-run walkthrough in a VS Code that has no key yet (its own server: the shared UI
// session has one): the "Set your API key" step is open, its button runs Gemini: Set API Key, the
// key is checked against the emulator and stored, and the step turns complete.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { GeminiEmulator } from '../emulator';
import { runCommand, screenshot } from '../harness/ui';
import { OwnSession, startSession } from '../harness/uiSession';

const KEY = 'walkthrough-key-123';

describe('walkthrough: Get started with Gemini', function () {
  this.timeout(180_000);
  let session: OwnSession;
  let emulator: GeminiEmulator;
  let page: Page;

  before(async () => {
    // An empty GEMINI_API_KEY: this VS Code starts with no key anywhere.
    session = await startSession({ apiKey: KEY, envKey: '', name: 'walkthrough' });
    ({ emulator, page } = session);
  });

  after(async () => {
    await session?.dispose();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(page, `walkthrough-failed-${this.currentTest.title.slice(0, 20).replace(/\W+/g, '-')}`);
  });

  function step(title: string) {
    return page.locator('.getting-started-step', { has: page.locator('.step-title', { hasText: title }) });
  }

  it('opens from Welcome: Open Walkthrough… with every step, the key step not done', async () => {
    await runCommand(page, 'Welcome: Open Walkthrough...');
    // The picker's rows show a hover (the extension's name) that swallows clicks: pick by keyboard.
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.fill('Get started with Gemini');
    await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: 'Get started with Gemini' }).waitFor({ state: 'visible' });
    await page.keyboard.press('Enter');
    for (const title of ['Set your API key', 'Pick a model', 'Ask about the open file', 'Explain a selection', 'Turn on inline completions (optional)', 'Where settings live']) {
      await step(title).waitFor({ state: 'attached', timeout: 30_000 });
    }
    // VS Code marks a done step with aria-checked="true" (and a `complete` check icon).
    assert.equal(await step('Set your API key').getAttribute('aria-checked'), 'false');
    await screenshot(page, 'walkthrough-start');
  });

  it('the key step\'s button asks for the key, stores it, and the step completes', async () => {
    await step('Set your API key').getByRole('button', { name: 'Set API Key' }).click();
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible' });
    assert.equal(await input.getAttribute('type'), 'password');
    await input.fill(KEY);
    await page.keyboard.press('Enter');
    await page.locator('.getting-started-step[aria-checked="true"]', { has: page.locator('.step-title', { hasText: 'Set your API key' }) })
      .waitFor({ state: 'attached', timeout: 30_000 });
    assert.equal(await step('Pick a model').getAttribute('aria-checked'), 'false', 'only the key step completed');
    const listed = emulator.requests.filter((request) => request.path.endsWith('/models'));
    assert.ok(listed.length > 0, 'the key was checked with models.list');
    assert.equal(listed.at(-1)!.headers['x-goog-api-key'], KEY);
    await screenshot(page, 'walkthrough-key-done');
  });
});
