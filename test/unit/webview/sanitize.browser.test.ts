// Proof in a real browser (Chromium via playwright-core) that no XSS payload in model output
// executes once rendered by the webview's markdown pipeline, with no CSP to help. The control run
// inserts the same payloads unsanitised and shows the detector does catch execution.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { bundle, MARKDOWN_ENTRY } from './bundle';
import { XSS_PAYLOADS } from './xssPayloads';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Renders each payload (whole and streamed), exercises every element, returns the ids that ran. */
async function executedIds(page: Page, sanitised: boolean): Promise<number[]> {
  await page.setContent('<!DOCTYPE html><html><body><div id="root"></div></body></html>');
  await page.evaluate(() => {
    (window as unknown as { __hits: number[] }).__hits = [];
    (window as unknown as { __xss: (id: number) => void }).__xss = (id: number) => (window as unknown as { __hits: number[] }).__hits.push(id);
  });
  await page.addScriptTag({ content: bundle(MARKDOWN_ENTRY + "\nexport { Lexer, Parser, marked } from 'marked';", '__module') });
  await page.evaluate(({ payloads, sanitised }) => {
    type Md = { element: HTMLElement; append(d: string): void; reset(t: string): void };
    const m = (window as unknown as { __module: { StreamingMarkdown: new () => Md; marked: { parse(s: string): string } } }).__module;
    const root = document.getElementById('root')!;
    for (const payload of payloads) {
      if (sanitised) {
        const whole = new m.StreamingMarkdown();
        whole.reset(payload.markdown);
        const streamed = new m.StreamingMarkdown();
        for (let i = 0; i < payload.markdown.length; i += 3) streamed.append(payload.markdown.slice(i, i + 3));
        root.append(whole.element, streamed.element);
      } else {
        const div = document.createElement('div');
        div.innerHTML = m.marked.parse(payload.markdown);
        root.append(div);
      }
    }
  }, { payloads: XSS_PAYLOADS, sanitised });
  // Give loads, errors, autofocus and toggles their chance, then poke every element a user could.
  await page.waitForTimeout(300);
  await page.evaluate(() => {
    for (const element of Array.from(document.querySelectorAll('#root *'))) {
      for (const type of ['mouseover', 'mouseenter', 'focus', 'click']) {
        if (type === 'click' && element instanceof HTMLAnchorElement && /^https?:/i.test(element.href)) continue; // would navigate away
        element.dispatchEvent(new Event(type, { bubbles: true }));
      }
      if (element instanceof HTMLAnchorElement && !/^https?:/i.test(element.href) && element.getAttribute('href')) element.click();
      if (element instanceof HTMLDetailsElement) element.open = !element.open;
    }
  });
  await page.waitForTimeout(300);
  return page.evaluate(() => [...new Set((window as unknown as { __hits: number[] }).__hits)].sort((a, b) => a - b));
}

describe('webview: sanitiser (Chromium, execution)', function () {
  this.timeout(60_000);
  let browser: Browser | undefined;

  before(async function () {
    if (!existsSync(CHROMIUM)) this.skip();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  });
  after(() => browser?.close());

  it('the detector works: unsanitised, many payloads execute', async () => {
    const page = await browser!.newPage();
    const hits = await executedIds(page, false);
    await page.close();
    assert.ok(hits.length >= 8, `only ${hits.length} payloads ran unsanitised: ${hits.join(', ')}`);
  });

  it(`none of the ${XSS_PAYLOADS.length} payloads executes after the webview's markdown pipeline`, async () => {
    const page = await browser!.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const hits = await executedIds(page, true);
    const rendered = await page.evaluate(() => document.getElementById('root')!.textContent?.length ?? 0);
    await page.close();
    assert.deepEqual(hits, []);
    assert.ok(rendered > 0, 'the payloads were rendered (as text), not dropped wholesale');
    assert.deepEqual(errors, []);
  });
});
