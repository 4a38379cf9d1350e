// What the benchmarks share: where the built extension under test lives (the production build
// bench/run.mjs stages, else this repository's dev build), a workbench URL that loads several
// development extensions at once, the whole bench bed (emulator, workspace, server, workbench) for
// a benchmark in the chat, a results file per benchmark, and small statistics.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, Browser, FrameLocator, Page } from 'playwright-core';
import { GeminiEmulator, TEST_KEY } from '../emulator';
import { installVSCode } from '../harness/install';
import { FIXTURE_WORKSPACE, REPO_ROOT, TEST_OUTPUT } from '../harness/paths';
import { startVSCodeServer, type VSCodeServer } from '../harness/server';
import { chatWebview, openGeminiView, waitForWorkbench } from '../harness/ui';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../harness/workbench';

/** Env var: folder of the extension to measure (bench/run.mjs sets it to the staged production build). */
export const BENCH_EXTENSION_ENV = 'GEMINI_BENCH_EXTENSION';
export const BENCH_RESULTS = path.join(TEST_OUTPUT, 'bench');

export function extensionUnderTest(): { path: string; production: boolean } {
  const staged = process.env[BENCH_EXTENSION_ENV];
  if (staged) return { path: path.resolve(staged), production: true };
  return { path: REPO_ROOT, production: false };
}

/** The workbench URL with one or more development extensions (VS Code accepts the key repeated). */
export function multiExtensionUrl(server: VSCodeServer, extensionPaths: string[], extensionTestsPath?: string): string {
  const remote = (p: string): string => `vscode-remote://${server.host}:${server.port}${path.resolve(p)}`;
  const payload: [string, string][] = extensionPaths.map((p) => ['extensionDevelopmentPath', remote(p)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  payload.push(['skipWelcome', 'true']);
  return `${server.url}?folder=${encodeURIComponent(path.resolve(server.workspace))}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

export interface HostRun {
  browser: Browser;
  page: Page;
  /** Console lines the extension host's test entry logged. */
  lines: string[];
  exit: Promise<number>;
}

/** Opens the workbench in Chromium and collects what an in-host bench entry logs. */
export async function openBenchWorkbench(url: string, viewport = { width: 1400, height: 900 }): Promise<HostRun> {
  // Precise performance.memory and a callable gc(), for the memory figures.
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS, '--enable-precise-memory-info', '--js-flags=--expose-gc'] });
  const context = await browser.newContext({ viewport });
  const lines: string[] = [];
  let resolveExit!: (code: number) => void;
  const exit = new Promise<number>((resolve) => (resolveExit = resolve));
  await context.exposeFunction('codeAutomationLog', (_type: string, args: unknown) => {
    lines.push((Array.isArray(args) ? args : [args]).map(String).join(' '));
  });
  await context.exposeFunction('codeAutomationExit', (code: number) => resolveExit(Number(code)));
  const page = await context.newPage();
  await page.goto(url);
  return { browser, page, lines, exit };
}

export interface BenchBed {
  vscodeVersion: string;
  extension: { path: string; production: boolean };
  emulator: GeminiEmulator;
  server: VSCodeServer;
  host: HostRun;
  /** Closes the browser, the server and the emulator, and removes the workspace copy. */
  dispose(): Promise<void>;
}

/**
 * The emulator, a throw-away copy of the fixture workspace, a VS Code server running the extension
 * under test against the emulator, and the workbench open in Chromium. `env` goes to the server
 * (the extension host inherits it); `extensionTestsPath` is an in-host bench entry.
 */
export async function startBenchBed(options: {
  env?: Record<string, string>; extensionTestsPath?: string;
  /** More user settings (the endpoint is always set). */
  userSettings?: Record<string, unknown>;
  /** Run this repository's development build even when a production build is staged (it exports the test API). */
  developmentBuild?: boolean;
} = {}): Promise<BenchBed> {
  const install = await installVSCode();
  const extension = options.developmentBuild ? { path: REPO_ROOT, production: false } : extensionUnderTest();
  const cleanups: (() => Promise<unknown> | void)[] = [];
  const dispose = async () => {
    for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => undefined);
  };
  try {
    const emulator = await GeminiEmulator.start({ apiKey: TEST_KEY });
    cleanups.push(() => emulator.close());
    const workspace = mkdtempSync(path.join(os.tmpdir(), 'gemini-bench-workspace-'));
    cleanups.push(() => rmSync(workspace, { recursive: true, force: true }));
    cpSync(FIXTURE_WORKSPACE, workspace, { recursive: true });
    const server = await startVSCodeServer({
      workspace, extensionDevelopmentPath: extension.path,
      userSettings: { 'gemini.endpoint': emulator.baseUrl, ...options.userSettings }, env: { GEMINI_API_KEY: TEST_KEY, ...options.env },
    });
    cleanups.push(() => server.dispose());
    const host = await openBenchWorkbench(multiExtensionUrl(server, [extension.path], options.extensionTestsPath));
    cleanups.push(() => host.browser.close());
    return { vscodeVersion: install.vscodeVersion, extension, emulator, server, host, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

/** Waits for the workbench, shows the Gemini view and returns the chat webview once its composer is up. */
export async function openBenchChat(page: Page): Promise<FrameLocator> {
  await waitForWorkbench(page);
  await openGeminiView(page);
  const web = chatWebview(page);
  await web.locator('.composer-input').waitFor({ state: 'visible', timeout: 60_000 });
  return web;
}

/** Finds `<marker> <json>` in logged lines. */
export function findMarked<T>(lines: string[], marker: string): T | undefined {
  for (const line of lines) {
    const at = line.indexOf(marker);
    if (at >= 0) return JSON.parse(line.slice(at + marker.length).trim()) as T;
  }
  return undefined;
}

export function writeResults(name: string, value: unknown): string {
  mkdirSync(BENCH_RESULTS, { recursive: true });
  const file = path.join(BENCH_RESULTS, `${name}.json`);
  writeFileSync(file, JSON.stringify(value, null, 2));
  return file;
}

export function readResults<T>(name: string): T | undefined {
  const file = path.join(BENCH_RESULTS, `${name}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : undefined;
}

/** Replaces the section between `<!-- bench:<name> start/end -->` in docs/BENCHMARKS.md. */
export function writeSection(name: string, body: string): void {
  const file = path.join(REPO_ROOT, 'docs', 'BENCHMARKS.md');
  const section = `<!-- bench:${name} start -->\n${body.trim()}\n<!-- bench:${name} end -->`;
  let text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const pattern = new RegExp(`<!-- bench:${name} start -->[\\s\\S]*?<!-- bench:${name} end -->`);
  text = pattern.test(text) ? text.replace(pattern, () => section) : `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, text);
}

export function median(values: number[]): number {
  return quantile(values, 0.5);
}

/** Nearest-rank quantile. */
export function quantile(values: number[], q: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export function fixed(value: number, digits = 1): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
