// Security as it shows in the real workbench: script smuggled into the chat webview (the model's
// answer, the user's own message, a tool card, an error banner) never runs and never survives in
// the DOM; every webview of ours carries a strict CSP; and a distinctive API key, once set, is
// nowhere to be found afterwards: not in the workbench or webview DOM, browser storage (webview
// state included), the output channel, the server's files (logs, chat history) or an exported chat.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { Frame, FrameLocator, Page } from 'playwright-core';
import { chunks, errors, TEST_KEY } from '../emulator';
import { EXTENSION_ID, REPO_ROOT } from '../harness/paths';
import { newChat, runCommand, sendMessage, waitUntil } from '../harness/ui';
import { XSS_PAYLOADS } from '../unit/webview/xssPayloads';
import { answerTo, releaseFocus, serverRoot, settled, uiScenario } from './faultsSupport';
import { uiSession } from '../harness/uiSession';

const SECRET = `gk-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-do-not-leak`;

/** The frames that hold our webview documents (inside VS Code's outer webview iframe). */
function ourWebviewDocuments(page: Page): Frame[] {
  return page.frames().filter((frame) => frame.parentFrame()?.url().includes(encodeURIComponent(EXTENSION_ID)));
}

async function chatFrame(page: Page): Promise<Frame> {
  let found: Frame | undefined;
  await waitUntil(async () => {
    for (const frame of ourWebviewDocuments(page)) {
      if (await frame.evaluate('!!document.querySelector(".composer-input")').catch(() => false)) found = frame;
    }
    return !!found;
  }, 'the chat webview document was not found');
  return found!;
}

describe('security in the workbench', function () {
  this.timeout(120_000);
  let web: FrameLocator;

  before(async () => {
    web = await newChat(uiSession().page);
  });
  after(async () => {
    const { page, emulator } = uiSession();
    await runCommand(page, 'Gemini: Clear API Key').catch(() => undefined);
    emulator.setApiKey(TEST_KEY);
    await runCommand(page, 'Gemini: New Chat').catch(() => undefined);
    await releaseFocus(page);
  });

  uiScenario('security', `${XSS_PAYLOADS.length} XSS vectors (OWASP, DOMPurify mXSS, markdown break-outs) in the model's answer, the user's message, a tool card and an error banner`, 'nothing runs (no __xss call, no dialog), and no script, frame, form, base, meta, event handler or javascript:/data: URL survives in the chat DOM', async () => {
    const { page, emulator } = uiSession();
    const frame = await chatFrame(page);
    await frame.evaluate(`(() => {
      window.__xssHits = [];
      window.__xss = (id) => window.__xssHits.push(id);
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
    })()`);
    const dialogs: string[] = [];
    const onDialog = (dialog: { message(): string; dismiss(): Promise<void> }) => { dialogs.push(dialog.message()); void dialog.dismiss(); };
    page.on('dialog', onDialog);
    try {
      const all = XSS_PAYLOADS.map((p) => `### ${p.id} ${p.name}\n\n${p.markdown}\n`).join('\n');
      emulator.reset();
      emulator.enqueue(
        { kind: 'stream', chunks: [chunks.text(all.slice(0, all.length / 2)), chunks.text(all.slice(all.length / 2)), chunks.finish('STOP')] },
      );
      const question = `XSS ${XSS_PAYLOADS.slice(0, 6).map((p) => p.markdown).join(' ')}`;
      await sendMessage(web, question);
      await settled(answerTo(web, question));
      emulator.enqueue(
        { kind: 'stream', chunks: [chunks.functionCall('list_directory', { path: '<img src=x onerror="__xss(101)">' }), chunks.finish('STOP')] },
        { kind: 'stream', chunks: [chunks.text('<svg onload="__xss(102)"></svg> done'), chunks.finish('STOP')] },
      );
      await sendMessage(web, 'XSS through a tool card');
      await settled(answerTo(web, 'XSS through a tool card'));
      emulator.enqueue(errors.badRequest('<img src=x onerror="__xss(103)"><script>__xss(103)</script>'));
      await sendMessage(web, 'XSS through an error banner');
      const banner = await settled(answerTo(web, 'XSS through an error banner'));
      assert.match(banner.banner, /<img src=x onerror/, 'the service message is shown as text');

      // Poke everything a surviving handler could listen to.
      await frame.evaluate(`(() => {
        for (const el of document.querySelectorAll('.turn *')) {
          for (const type of ['mouseover', 'focus', 'click', 'toggle', 'load', 'error']) {
            if (type === 'click' && el.closest('a, button, summary')) continue;
            el.dispatchEvent(new Event(type, { bubbles: false }));
          }
        }
      })()`);
      await page.waitForTimeout(500);
      const report = (await frame.evaluate(`(() => {
        const turns = [...document.querySelectorAll('.turn')];
        const bad = [];
        for (const turn of turns) {
          for (const el of turn.querySelectorAll('*')) {
            const tag = el.tagName.toLowerCase();
            if (['script', 'iframe', 'frame', 'object', 'embed', 'form', 'base', 'meta', 'style', 'link', 'template', 'noscript'].includes(tag)) bad.push('<' + tag + '>');
            for (const attr of el.attributes) {
              const value = attr.value.replace(/[\\s\\u0000-\\u001f]/g, '').toLowerCase();
              if (attr.name.toLowerCase().startsWith('on')) bad.push(tag + '[' + attr.name + ']');
              if (/^(javascript|vbscript|data:text\\/html)/.test(value) && /href|src|action|data/.test(attr.name)) bad.push(tag + '[' + attr.name + '=' + attr.value.slice(0, 40) + ']');
            }
          }
        }
        // VS Code injects its own bootstrap script into every webview; ours is the nonce'd bundle.
        const scripts = [...document.scripts].filter((s) => s.closest('#app') || (s.textContent || '').includes('__xss')).map((s) => s.outerHTML.slice(0, 80));
        return { hits: window.__xssHits, bad, csp: window.__cspViolations, scripts };
      })()`)) as { hits: number[]; bad: string[]; csp: string[]; scripts: string[] };
      assert.deepEqual(report.hits, [], 'a payload ran');
      assert.deepEqual(dialogs, [], 'a payload opened a dialog');
      assert.deepEqual(report.bad, [], 'dangerous markup survived sanitising');
      assert.deepEqual(report.scripts, [], 'a script element came from the chat content');
    } finally {
      page.off('dialog', onDialog);
    }
  });

  uiScenario('security', 'every webview the extension opens (today: the chat view)', "a Content-Security-Policy meta with default-src 'none', scripts only by per-load nonce (no unsafe-inline or unsafe-eval), no connect/frame/form targets; and the only webview HTML in the source is that shell", async () => {
    const { page } = uiSession();
    await chatFrame(page);
    const checked: string[] = [];
    for (const frame of ourWebviewDocuments(page)) {
      const info = (await frame.evaluate(`(() => ({
        app: !!document.getElementById('app'),
        csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '',
        scripts: [...document.scripts].map((s) => ({ nonce: s.nonce, inline: !s.src, vscode: !s.src && (s.textContent || '').includes('acquireVsCodeApi') })),
      }))()`).catch(() => undefined)) as { app: boolean; csp: string; scripts: { nonce: string; inline: boolean; vscode: boolean }[] } | undefined;
      if (!info?.app) continue; // VS Code's own host frames around our document
      checked.push(frame.url());
      const directives = new Map(info.csp.split(';').map((d) => d.trim()).filter(Boolean).map((d) => [d.split(/\s+/)[0], d] as [string, string]));
      assert.equal(directives.get('default-src'), "default-src 'none'");
      assert.match(directives.get('script-src') ?? '', /^script-src 'nonce-[A-Za-z0-9+/=]{16,}'$/);
      // (VS Code's own resource origin, https://*.vscode-cdn.net, is the only wildcard allowed.)
      assert.doesNotMatch(info.csp, /unsafe-inline|unsafe-eval|unsafe-hashes|(^|\s)\*(\s|;|$)/);
      assert.doesNotMatch(directives.get('script-src') ?? '', /data:|https?:|\*/);
      for (const directive of ['connect-src', 'frame-src', 'form-action', 'base-uri']) assert.equal(directives.get(directive), `${directive} 'none'`);
      // Besides VS Code's own injected bootstrap (acquireVsCodeApi), only our nonce'd bundle.
      const ours = info.scripts.filter((s) => !s.vscode);
      assert.ok(ours.length > 0 && ours.every((s) => s.nonce && !s.inline), `scripts: ${JSON.stringify(info.scripts)}`);
    }
    assert.ok(checked.length >= 1, 'no webview of ours was found to check');
    // Source: the chat view shell is the only HTML any webview of ours gets.
    const assignments = sourceFiles(path.join(REPO_ROOT, 'src')).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\.html\s*=\s*([^;\n]+)/g)].map((m) => `${path.relative(REPO_ROOT, file)}: ${m[1].trim()}`));
    assert.deepEqual(assignments.filter((a) => !/renderShell\(/.test(a)), [], 'a webview gets HTML that is not the CSP shell');
  });

  uiScenario('security', 'a distinctive API key set through "Gemini: Set API Key", used for answers, echoed back by the service in an error, then the chat exported and the log shown', 'the key appears nowhere: workbench and webview DOM, browser storage (webview state included), the Gemini output channel and log files, the chat history on disk, the exported Markdown', async () => {
    const { page, emulator, workspace } = uiSession();
    emulator.setApiKey(SECRET);
    await runCommand(page, 'Gemini: Set API Key');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible' });
    assert.equal(await input.getAttribute('type'), 'password');
    await input.fill(SECRET);
    await page.keyboard.press('Enter');
    await waitUntil(async () => emulator.requests.some((r) => r.headers['x-goog-api-key'] === SECRET), 'the new key was never checked against the service');
    web = await newChat(page);

    emulator.reset();
    emulator.enqueue({ kind: 'stream', chunks: [chunks.text('Answered with the new key.'), chunks.finish('STOP')] });
    await sendMessage(web, 'Key hygiene: a normal answer');
    assert.equal((await settled(answerTo(web, 'Key hygiene: a normal answer'))).text, 'Answered with the new key.');
    assert.equal(emulator.requests.at(-1)?.headers['x-goog-api-key'], SECRET, 'the answer used the key under test');
    emulator.enqueue(errors.badRequest(`API key ${SECRET} is not valid for this request (key=${SECRET}).`));
    await sendMessage(web, 'Key hygiene: the service echoes the key');
    const echoed = await settled(answerTo(web, 'Key hygiene: the service echoes the key'));
    assert.match(echoed.banner, /\[redacted\]/);

    // Export the chat through the save dialog (VS Code's simple file dialog in the browser).
    const before = new Set(readdirSync(workspace));
    await runCommand(page, 'Gemini: Export Chat as Markdown');
    const pathInput = page.locator('.quick-input-widget .quick-input-box input');
    await pathInput.waitFor({ state: 'visible' });
    await waitUntil(async () => (await pathInput.inputValue()).endsWith('.md'), 'the save dialog did not suggest a .md file');
    await page.keyboard.press('Enter');
    await waitUntil(async () => readdirSync(workspace).some((name) => name.endsWith('.md') && !before.has(name)), 'the export was not written');
    const exported = readdirSync(workspace).find((name) => name.endsWith('.md') && !before.has(name))!;
    const markdown = readFileSync(path.join(workspace, exported), 'utf8');
    assert.match(markdown, /Answered with the new key\./, 'the export holds the chat');

    await runCommand(page, 'Gemini: Show Log');
    await page.locator('.part.panel .output-view, .part.panel .monaco-editor').first().waitFor({ state: 'visible', timeout: 20_000 });
    await page.waitForTimeout(1000);

    const leaks: string[] = [];
    if (markdown.includes(SECRET)) leaks.push(`exported chat ${exported}`);
    for (const frame of page.frames()) {
      const html = await frame.content().catch(() => '');
      if (html.includes(SECRET)) leaks.push(`DOM of ${frame.url().slice(0, 120)}`);
      const stored = (await frame.evaluate(STORAGE_DUMP).catch(() => '')) as string;
      if (stored.includes(SECRET)) leaks.push(`browser storage of ${frame.url().slice(0, 120)}: ${locate(stored, SECRET)}`);
    }
    const serverFiles = allFiles(serverRoot());
    // The scan must cover where a leak would land: the output channel's log and the chat history.
    assert.ok(serverFiles.some((file) => /Gemini\.log$/.test(file)), 'the Gemini output channel log file was not found');
    assert.ok(serverFiles.some((file) => /[\\/]chats[\\/][\w-]+\.json$/.test(file)), 'the chat history files were not found');
    for (const file of serverFiles) {
      if (readFileSync(file).includes(SECRET)) leaks.push(`server file ${path.relative(serverRoot(), file)}`);
    }
    for (const file of allFiles(workspace)) {
      if (readFileSync(file).includes(SECRET)) leaks.push(`workspace file ${path.relative(workspace, file)}`);
    }
    assert.deepEqual(leaks, []);
  });
});

/** localStorage, sessionStorage and every IndexedDB record of a frame's origin, as one string. */
const STORAGE_DUMP = `(async () => {
  const parts = [];
  for (const store of [localStorage, sessionStorage]) {
    for (let i = 0; i < store.length; i++) parts.push(store.key(i) + '=' + store.getItem(store.key(i)));
  }
  const decode = (value) => {
    if (value instanceof Uint8Array || value instanceof ArrayBuffer) return new TextDecoder().decode(value);
    try { return JSON.stringify(value); } catch { return String(value); }
  };
  for (const info of (await indexedDB.databases?.()) ?? []) {
    const db = await new Promise((resolve, reject) => { const r = indexedDB.open(info.name); r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
    for (const name of db.objectStoreNames) {
      const all = await new Promise((resolve) => { const r = db.transaction(name).objectStore(name).getAll(); r.onsuccess = () => resolve(r.result); r.onerror = () => resolve([]); });
      const keys = await new Promise((resolve) => { const r = db.transaction(name).objectStore(name).getAllKeys(); r.onsuccess = () => resolve(r.result); r.onerror = () => resolve([]); });
      all.forEach((value, i) => parts.push(info.name + '/' + name + '/' + String(keys[i]) + '=' + decode(value)));
    }
    db.close();
  }
  return parts.join('\\n');
})()`;

function locate(text: string, needle: string): string {
  const line = text.split('\n').find((l) => l.includes(needle)) ?? '';
  return line.slice(0, 80);
}

function allFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      const stat = statSync(full, { throwIfNoEntry: false });
      if (stat?.isDirectory()) walk(full);
      else if (stat?.isFile() && stat.size < 50 * 1024 * 1024) found.push(full);
    }
  };
  walk(root);
  return found;
}

function sourceFiles(dir: string): string[] {
  return allFiles(dir).filter((file) => file.endsWith('.ts'));
}

