// VS Code in Spanish (its own server, started with `--locale es` and a test-only language pack, see
// test/harness/languagePack.ts): the command palette lists Gemini's commands from
// package.nls.es.json, the chat webview draws from l10n/bundle.l10n.es.json, a rejected key shows
// its error banner in Spanish, and the lightbulb offers "Explicar con Gemini".
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { errors, GeminiEmulator } from '../emulator';
import { chatWebview, openFile, runCommand, screenshot, selectLines, waitUntil } from '../harness/ui';
import { OwnSession, startSession } from '../harness/uiSession';

const KEY = 'l10n-test-key';

describe('Spanish display language', function () {
  this.timeout(180_000);
  let session: OwnSession;
  let emulator: GeminiEmulator;
  let page: Page;

  before(async () => {
    session = await startSession({
      apiKey: KEY,
      name: 'l10n',
      displayLanguage: 'es',
      prepare: (workspace) => {
        mkdirSync(path.join(workspace, 'l10n'), { recursive: true });
        writeFileSync(path.join(workspace, 'l10n', 'muestra.py'), 'def doble(x):\n    return x + x\n');
      },
    });
    ({ emulator, page } = session);
  });

  after(async () => {
    await session?.dispose();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(page, `l10n-failed-${this.currentTest.title.slice(0, 20).replace(/\W+/g, '-')}`);
  });

  it('the chat opens from "Gemini: Abrir chat" and its composer and buttons are in Spanish', async () => {
    await runCommand(page, 'Gemini: Abrir chat');
    const web = chatWebview(page);
    const input = web.locator('.composer-input');
    await input.waitFor({ state: 'visible', timeout: 60_000 });
    assert.equal(await input.getAttribute('placeholder'), 'Pregunta a Gemini sobre tu código…');
    await web.locator('.send-button[aria-label="Enviar mensaje"]').waitFor({ state: 'visible' });
    await web.locator('html[lang="es"]').waitFor({ state: 'attached' });
    await screenshot(page, 'l10n-chat-es');
  });

  it('a rejected key shows the error banner in Spanish, with its action', async () => {
    emulator.reset();
    emulator.enqueue(errors.invalidKey());
    const web = chatWebview(page);
    const input = web.locator('.composer-input');
    await input.click();
    await input.fill('hola');
    await input.press('Enter');
    const banner = web.locator('.error-banner');
    await banner.waitFor({ state: 'visible', timeout: 60_000 });
    assert.match(await banner.locator('.banner-text').innerText(), /^Tu clave de API de Gemini se rechazó/);
    assert.equal((await banner.locator('button').innerText()).trim(), 'Establecer clave de API');
    await screenshot(page, 'l10n-error-banner-es');
  });

  it('the lightbulb on a selection offers the code actions in Spanish', async () => {
    await openFile(page, 'muestra.py');
    await selectLines(page, 1, 2);
    const lightbulb = page.locator('.editor-instance .monaco-editor .lightBulbWidget, .editor-instance .monaco-editor .lightbulb-glyph').first();
    await lightbulb.waitFor({ state: 'visible', timeout: 30_000 });
    await lightbulb.click();
    await page.locator('.action-widget .monaco-list-row', { hasText: 'Explicar con Gemini' }).waitFor({ state: 'visible', timeout: 20_000 });
    await page.locator('.action-widget .monaco-list-row', { hasText: 'Refactorizar con Gemini…' }).waitFor({ state: 'visible' });
    await screenshot(page, 'l10n-code-actions-es');
    await page.keyboard.press('Escape');
  });

  it('the walkthrough shows its Spanish title, steps and Markdown page (apiKey.nls.es.md)', async () => {
    await runCommand(page, 'Welcome: Open Walkthrough...');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.fill('Primeros pasos con Gemini');
    await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: 'Primeros pasos con Gemini' }).waitFor({ state: 'visible', timeout: 30_000 });
    await page.keyboard.press('Enter');
    const step = page.locator('.getting-started-step', { has: page.locator('.step-title', { hasText: 'Configura tu clave de API' }) });
    await step.waitFor({ state: 'attached', timeout: 30_000 });
    // The step's Markdown page renders in a webview frame of its own.
    await waitUntil(async () => {
      for (const frame of page.frames()) {
        const text = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '');
        if (text.includes('Configura tu clave de API de Gemini')) return true;
      }
      return false;
    }, 'the Spanish walkthrough page was not shown', 30_000);
    await screenshot(page, 'l10n-walkthrough-es');
  });
});
