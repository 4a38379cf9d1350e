// Runs webview modules the way VS Code does: bundled by esbuild for the browser, then evaluated in
// a DOM (jsdom here; Chromium in the sanitiser's execution test). Tests never import src/webview
// directly: it is browser code, type-checked by its own tsconfig.
import * as assert from 'node:assert/strict';
import * as esbuild from 'esbuild';
import * as path from 'node:path';
import { JSDOM } from 'jsdom';
import type { HostMessage } from '../../../src/protocol/messages';

export const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const cache = new Map<string, string>();

/** An IIFE that assigns the entry's exports to `window[globalName]`. */
export function bundle(entry: string, globalName: string): string {
  const key = `${globalName}\n${entry}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const result = esbuild.buildSync({
    stdin: { contents: entry, resolveDir: path.join(ROOT, 'src', 'webview'), loader: 'ts', sourcefile: 'test-entry.ts' },
    bundle: true, format: 'iife', globalName, platform: 'browser', target: 'es2022', write: false, logLevel: 'silent',
  });
  const code = result.outputFiles[0].text;
  cache.set(key, code);
  return code;
}

export const MARKDOWN_ENTRY = "export * from './markdown'; export * from './sanitize';";

export interface MarkdownModule {
  StreamingMarkdown: new (className?: string) => {
    element: HTMLElement; text: string; stats: { lexedChars: number; renderedBlocks: number };
    append(delta: string): void; reset(text: string): void;
  };
  renderMarkdown(source: string): DocumentFragment;
  sanitizeToFragment(html: string): DocumentFragment;
}

/** A jsdom window with the module evaluated inside it. `dangerously` lets inline handlers run. */
export function loadInDom<T>(entry: string, options: { dangerously?: boolean; html?: string } = {}): { dom: JSDOM; module: T; window: JSDOM['window'] } {
  const dom = new JSDOM(options.html ?? '<!DOCTYPE html><html><body><main id="app"></main></body></html>', {
    runScripts: options.dangerously ? 'dangerously' : 'outside-only', pretendToBeVisual: true, url: 'https://webview.test/',
  });
  dom.window.eval(bundle(entry, '__module'));
  return { dom, window: dom.window, module: (dom.window as unknown as { __module: T }).__module };
}

interface ChatAppModule {
  ChatApp: new (root: HTMLElement, host: unknown) => { handle(message: HostMessage): void };
  HostConnection: new (api: unknown) => unknown;
}

/**
 * The chat webview's app in jsdom, as VS Code starts it: what it posts to the host is collected in
 * `posted` (as JSON would carry it), and its saved UI state is kept like VS Code's setState.
 */
export function startChatApp() {
  const { module, window } = loadInDom<ChatAppModule>("export { ChatApp } from './app'; export { HostConnection } from './api';");
  const posted: Record<string, unknown>[] = [];
  let saved: unknown;
  const api = { postMessage: (m: Record<string, unknown>) => posted.push(JSON.parse(JSON.stringify(m))), getState: () => saved, setState: (s: unknown) => { saved = s; } };
  const root = window.document.getElementById('app')!;
  const app = new module.ChatApp(root, new module.HostConnection(api));
  const $ = <T extends Element = HTMLElement>(selector: string) => root.querySelector(selector) as T | null;
  const $$ = (selector: string) => Array.from(root.querySelectorAll(selector)) as HTMLElement[];
  const click = (target: Element | null) => {
    assert.ok(target, 'element to click exists');
    target.dispatchEvent(new window.MouseEvent('click', { bubbles: true, cancelable: true }));
  };
  return { app, window, root, posted, $, $$, click };
}
