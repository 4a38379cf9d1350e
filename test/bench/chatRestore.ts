// Benchmark (not a test): a 1,000-turn chat (500 questions, 500 markdown answers with code) against a
// 10-turn chat and an empty one, in the real workbench: how long a window reload takes until the
// restored chat's last turn is on screen, and what the chat webview then holds in memory (JS heap
// after a forced GC, DOM nodes). The three alternate, reload after reload, in one window.
//
//   node out/test/bench/chatRestore.js [--runs 5] [--no-write]
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { GeminiEmulator } from '../emulator';
import { installVSCode } from '../harness/install';
import { FIXTURE_WORKSPACE } from '../harness/paths';
import { startVSCodeServer } from '../harness/server';
import { chatWebview, openGeminiView, runCommand, waitForWorkbench } from '../harness/ui';
import { BENCH_RESULTS, extensionUnderTest, fixed, median, multiExtensionUrl, openBenchWorkbench, writeResults, writeSection } from './workbench';

type Variant = 'turns1000' | 'turns10' | 'empty';
const LABEL: Record<Variant, string> = { turns1000: '1,000 turns', turns10: '10 turns', empty: 'empty chat' };

interface Sample { restoreMs: number; webviewMs: number; heapMb: number; domNodes: number }
export interface RestoreResults { vscodeVersion: string; production: boolean; chatBytes: number; samples: Record<Variant, Sample[]> }

function answer(i: number): string {
  return [
    `## Step ${i}: tidy the handler\n\nThe function \`handle${i}\` reads the **configuration**, validates it and returns a result; see [the guide](https://example.com/guide/${i}).\n`,
    `- check input ${i}\n- normalise paths\n- cache the result for *later* calls\n`,
    '```ts\n' + `export function handle${i}(input: string): number {\n  return input.split(',').filter((p) => p.trim()).length + ${i};\n}\n` + '```\n',
    `| option | default |\n|---|---|\n| retries | ${i % 5} |\n`,
  ].join('\n');
}

/** A stored chat as the extension writes it (src/chat/session.ts), with `turns` turns. */
function makeChat(id: string, turns: number): object {
  const start = Date.UTC(2026, 0, 1);
  const list: object[] = [];
  for (let i = 0; i < turns / 2; i++) {
    const question = `Question ${i}: how should handle${i} validate its input?`;
    const text = answer(i);
    const at = start + i * 60_000;
    list.push({ role: 'user', id: `u${i}`, text: question, attachments: [], attachmentParts: [], createdAt: at });
    list.push({
      role: 'model', id: `m${i}`, status: 'done', segments: [{ kind: 'text', text }], model: 'gemini-2.5-flash', createdAt: at + 1000, endedAt: at + 5000,
      usage: { promptTokens: 1000 + i, outputTokens: 300, thoughtsTokens: 0, cachedTokens: 0, toolUsePromptTokens: 0, totalTokens: 1300 + i },
      contents: [{ role: 'user', parts: [{ text: question }] }, { role: 'model', parts: [{ text }] }],
    });
  }
  return { version: 1, id, title: `Benchmark chat, ${turns} turns`, turns: list, createdAt: start, updatedAt: start + turns * 60_000 };
}

function findChatsFolder(root: string): string | undefined {
  const walk = (dir: string, depth: number): string | undefined => {
    if (depth > 8) return undefined;
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (!statSync(full, { throwIfNoEntry: false })?.isDirectory()) continue;
      if (name === 'chats' && dir.endsWith('gemini-vscode-oss.gemini-for-vscode')) return full;
      const found = walk(full, depth + 1);
      if (found) return found;
    }
    return undefined;
  };
  return walk(root, 0);
}

async function openChat(page: Page): Promise<FrameLocator> {
  await waitForWorkbench(page);
  await openGeminiView(page).catch(async (error) => {
    await page.screenshot({ path: path.join(BENCH_RESULTS, 'restore-failure.png') });
    throw error;
  });
  const web = chatWebview(page);
  await web.locator('.composer-input').waitFor({ state: 'visible', timeout: 60_000 });
  return web;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const runs = Number(args.includes('--runs') ? args[args.indexOf('--runs') + 1] : 5);
  const install = await installVSCode();
  const extension = extensionUnderTest();
  const emulator = await GeminiEmulator.start({ apiKey: 'test-key' });
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'gemini-bench-workspace-'));
  cpSync(FIXTURE_WORKSPACE, workspace, { recursive: true });
  const server = await startVSCodeServer({ workspace, extensionDevelopmentPath: extension.path, userSettings: { 'gemini.endpoint': emulator.baseUrl }, env: { GEMINI_API_KEY: 'test-key' } });
  const host = await openBenchWorkbench(multiExtensionUrl(server, [extension.path]));
  const results: RestoreResults = { vscodeVersion: install.vscodeVersion, production: extension.production, chatBytes: 0, samples: { turns1000: [], turns10: [], empty: [] } };
  try {
    const { page } = host;
    let web = await openChat(page);
    // One real exchange makes the extension create its chat storage; then the chats are planted there.
    await web.locator('.composer-input').fill('hello');
    await web.locator('.composer-input').press('Enter');
    await web.locator('.model-turn:not(.streaming)').first().waitFor({ timeout: 60_000 });
    let folder: string | undefined;
    for (let i = 0; i < 50 && !(folder = findChatsFolder(path.dirname(server.userDataDir))); i++) await page.waitForTimeout(200);
    if (!folder) throw new Error('the chat storage folder was not found');
    const large = JSON.stringify(makeChat('bench1000', 1000));
    writeFileSync(path.join(folder, 'bench1000.json'), large);
    writeFileSync(path.join(folder, 'bench10.json'), JSON.stringify(makeChat('bench10', 10)));
    results.chatBytes = Buffer.byteLength(large);

    const order: Variant[] = ['turns1000', 'turns10', 'empty'];
    for (let run = 0; run <= runs; run++) {
      for (const variant of run % 2 ? [...order].reverse() : order) {
        const id = variant === 'turns1000' ? 'bench1000' : variant === 'turns10' ? 'bench10' : null;
        writeFileSync(path.join(folder, 'last-opened.json'), JSON.stringify({ id }));
        const started = Date.now();
        await page.reload();
        web = await openChat(page);
        const last = variant === 'turns1000' ? 'Question 499:' : variant === 'turns10' ? 'Question 4:' : undefined;
        if (last) await web.locator('.user-turn .user-text', { hasText: last }).waitFor({ state: 'visible', timeout: 120_000 });
        else await web.locator('.empty-state').waitFor({ state: 'visible', timeout: 60_000 });
        const restoreMs = Date.now() - started;
        // Since the chat document started loading (its own clock): webview boot, ready, the host's
        // snapshot of the restored chat, rendering. Read right after the wait above resolved.
        const webviewMs = (await web.locator('body').evaluate('performance.now()')) as number;
        await page.waitForTimeout(500);
        const measure = () => web.locator('body').evaluate(`(() => {
          if (typeof gc === 'function') { gc(); gc(); }
          return { heap: performance.memory.usedJSHeapSize, nodes: document.getElementsByTagName('*').length };
        })()`) as Promise<{ heap: number; nodes: number }>;
        // The webview shares its renderer with the workbench, so its memory is a difference taken
        // seconds apart in the same window: this chat on screen, then a new empty chat instead.
        const shown = await measure();
        await runCommand(page, 'Gemini: New Chat');
        await web.locator('.empty-state').waitFor({ state: 'visible', timeout: 30_000 });
        await page.waitForTimeout(500);
        const cleared = await measure();
        const sample = { restoreMs, webviewMs, heapMb: (shown.heap - cleared.heap) / 2 ** 20, domNodes: shown.nodes };
        console.log(`run ${run}${run === 0 ? ' (warm-up)' : ''} ${LABEL[variant]}: restored in ${restoreMs} ms (webview ${fixed(webviewMs, 0)} ms), chat holds ${fixed(sample.heapMb)} MB of heap, ${sample.domNodes} DOM nodes`);
        if (run > 0) results.samples[variant].push(sample);
      }
    }
  } finally {
    await host.browser.close().catch(() => undefined);
    await server.dispose();
    await emulator.close();
    rmSync(workspace, { recursive: true, force: true });
  }
  writeResults('restore', results);
  if (!args.includes('--no-write')) writeSection('restore', report(results));
}

function report(r: RestoreResults): string {
  const row = (variant: Variant) => {
    const s = r.samples[variant];
    return `| ${LABEL[variant]} | ${fixed(median(s.map((x) => x.webviewMs)), 0)} ms | ${s.map((x) => x.webviewMs.toFixed(0)).join(', ')} | ${fixed(median(s.map((x) => x.restoreMs)), 0)} ms | ${fixed(median(s.map((x) => x.heapMb)))} MB | ${fixed(median(s.map((x) => x.domNodes)), 0)} |`;
  };
  const m = (variant: Variant, pick: (s: Sample) => number) => median(r.samples[variant].map(pick));
  return `## A 1,000-turn chat: restore and memory (test/bench/chatRestore.ts)

VS Code ${r.vscodeVersion}, ${r.production ? 'the production build' : 'the development build'}, real workbench in headless Chromium. A stored chat of 1,000 turns (500 questions, 500 markdown answers with a heading, a list, a TypeScript block and a table; ${(r.chatBytes / 2 ** 20).toFixed(1)} MB of JSON) against a 10-turn chat and an empty one; the window is reloaded with each as the last open chat, ${r.samples.turns1000.length} times each, alternating (after one warm-up round).

- Webview restore: from the chat document starting to load until the chat's last question is on screen (webview boot, \`ready\`, the host reading the chat and sending its snapshot, rendering), on the webview's own clock.
- Window reload: the same end point, from the page reload (the whole workbench and extension host restarting included: on this shared 2-core machine that alone takes ${fixed(median(r.samples.empty.map((x) => x.restoreMs)) / 1000, 1)} s with an empty chat).
- Heap: what the rendered chat holds in the webview: JS heap after a forced GC with the chat on screen, minus the same after "New Chat" replaced it, seconds later in the same window (the webview shares its renderer process with the workbench, so an absolute figure would be the workbench's). DOM nodes: the whole webview document.

| chat | webview restore, median | runs (ms) | window reload, median | heap held by the chat | DOM nodes |
|---|---|---|---|---|---|
${row('turns1000')}
${row('turns10')}
${row('empty')}

- 1,000 turns vs 10: webview restore **${fixed(m('turns1000', (s) => s.webviewMs) / m('turns10', (s) => s.webviewMs), 2)}×** (+${fixed(m('turns1000', (s) => s.webviewMs) - m('turns10', (s) => s.webviewMs), 0)} ms); the chat holds ${fixed(m('turns1000', (s) => s.heapMb))} MB vs ${fixed(m('turns10', (s) => s.heapMb))} MB.`;
}

if (require.main === module) {
  main().then(() => process.exit(0), (error: Error) => {
    console.error(error.stack ?? error.message);
    process.exit(1);
  });
}

