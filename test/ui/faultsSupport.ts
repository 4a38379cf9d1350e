// What the UI fault and security specs share on top of test/harness/ui.ts: the answer to a question
// and what it shows once settled, leaving the focus in the workbench, and a watch on the extension
// host for unhandled promise rejections (the workbench console and the server's log files).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { ConsoleMessage, FrameLocator, Locator, Page } from 'playwright-core';
import { waitUntil } from '../harness/ui';
import { scenario, type Area } from '../reliability/record';
import { uiSession } from '../harness/uiSession';

export function uiScenario(area: Area, what: string, expected: string, fn: (this: Mocha.Context) => Promise<void>): Mocha.Test {
  return scenario('ui', { area, scenario: what, expected }, fn, { vscodeVersion: uiSession().server.install.vscodeVersion });
}

/** Leaves the keyboard focus in the workbench (not in a webview) for the next spec. */
export async function releaseFocus(page: Page): Promise<void> {
  await page.keyboard.press('Escape').catch(() => undefined);
  await page.locator('.part.editor').click({ position: { x: 20, y: 20 } }).catch(() => undefined);
}

/** The answer right after the user turn that says `question`. */
export function answerTo(web: FrameLocator, question: string): Locator {
  return web.locator('.user-turn', { has: web.locator('.user-text', { hasText: question }) }).last()
    .locator('xpath=following-sibling::article[contains(concat(" ", @class, " "), " model-turn ")][1]');
}

/** Waits until the answer is no longer streaming; returns its visible text pieces. */
export async function settled(answer: Locator, timeoutMs = 60_000): Promise<{ text: string; banner: string; note: string }> {
  await waitUntil(async () => !/\bstreaming\b/.test((await answer.getAttribute('class').catch(() => 'streaming')) ?? 'streaming'), 'the answer never settled', timeoutMs);
  return visible(answer);
}

export async function visible(answer: Locator): Promise<{ text: string; banner: string; note: string }> {
  const join = async (selector: string) => (await answer.locator(selector).allTextContents()).join('\n').trim();
  return { text: await join('.answer-text'), banner: await join('.banner'), note: await join('.note') };
}

/**
 * Unhandled promise rejections in the extension host, from both places VS Code reports them: the
 * workbench console ("rejected promise not handled within 1 second", forwarded from the host) and
 * the server's log files.
 */
export class HostRejectionWatch {
  private readonly lines: string[] = [];
  private readonly onConsole = (message: ConsoleMessage) => {
    const text = message.text();
    if (/rejected promise not handled|unhandledrejection|Unhandled(Promise)?Rejection/i.test(text)) this.lines.push(`[console] ${text.slice(0, 500)}`);
  };
  private logOffsets = new Map<string, number>();

  constructor(private readonly page: Page, private readonly serverRoot: string) {}

  start(): void {
    this.page.on('console', this.onConsole);
    // Only what is logged from now on counts.
    for (const file of logFiles(this.serverRoot)) this.logOffsets.set(file, statSync(file).size);
  }

  stop(): void {
    this.page.off('console', this.onConsole);
  }

  /** Rejections reported since start(), after the second VS Code waits before reporting one. */
  async found(): Promise<string[]> {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const fromLogs: string[] = [];
    for (const file of logFiles(this.serverRoot)) {
      const text = readFileSync(file, 'utf8').slice(this.logOffsets.get(file) ?? 0);
      for (const line of text.split('\n')) {
        if (/rejected promise not handled|Unhandled(Promise)?Rejection/i.test(line)) fromLogs.push(`[${path.basename(file)}] ${line.slice(0, 500)}`);
      }
    }
    return [...this.lines, ...fromLogs];
  }
}

/** Every *.log under the VS Code server's throw-away folders (the extension host's log included). */
export function logFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const full = path.join(dir, name);
      const stat = statSync(full, { throwIfNoEntry: false });
      if (stat?.isDirectory()) walk(full);
      else if (stat?.isFile() && name.endsWith('.log')) found.push(full);
    }
  };
  walk(root);
  return found;
}

/** The folder holding the session's server data, user data and extensions. */
export function serverRoot(): string {
  return path.dirname(uiSession().server.userDataDir);
}
