// One VS Code server, one Chromium and one Gemini emulator shared by every UI spec of a run
// (starting VS Code costs seconds; specs only need a clean-enough workbench). run.ts starts it
// before mocha and stops it after; specs call `uiSession()`.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { GeminiEmulator, TEST_KEY } from '../emulator';
import { FIXTURE_WORKSPACE } from './paths';
import { startVSCodeServer, VSCodeServer } from './server';
import { openWorkbench, Workbench } from './workbench';
import { waitForWorkbench } from './ui';

export interface UiSession {
  server: VSCodeServer;
  workbench: Workbench;
  page: Page;
  /** In-process emulator: specs script it directly (`enqueue`, `requests`). */
  emulator: GeminiEmulator;
  /** A throw-away copy of test/fixtures/workspace. */
  workspace: string;
  /** Reloads the workbench (fresh webviews, same profile) and waits until it is usable. */
  reload(): Promise<void>;
}

/** What a VS Code of its own differs in: its key, display language and workspace contents. */
export interface SessionOptions {
  /** The key the emulator accepts. */
  apiKey: string;
  /** GEMINI_API_KEY for VS Code: the key by default; '' starts it with no key anywhere. */
  envKey?: string;
  /** VS Code's display language (`--locale`), e.g. 'es'. */
  displayLanguage?: string;
  /** Names the throw-away workspace folder: gemini-<name>-XXXXXX. */
  name: string;
  /** Adds files to the workspace copy before VS Code opens it. */
  prepare?(workspace: string): void;
  verbose?: boolean;
}

/** A session with its own stop: for specs that need a VS Code unlike the shared one. */
export interface OwnSession extends UiSession {
  dispose(): Promise<void>;
}

/**
 * Starts an emulator, a copy of test/fixtures/workspace, VS Code's server and Chromium, and waits
 * for the workbench. Whatever started is stopped again if a later step fails.
 */
export async function startSession(options: SessionOptions): Promise<OwnSession> {
  const cleanups: (() => Promise<void> | void)[] = [];
  const dispose = async (): Promise<void> => {
    for (const cleanup of cleanups.splice(0).reverse()) await Promise.resolve(cleanup()).catch(() => undefined);
  };
  try {
    const emulator = await GeminiEmulator.start({ apiKey: options.apiKey });
    cleanups.push(() => emulator.close());
    const workspace = mkdtempSync(path.join(os.tmpdir(), `gemini-${options.name}-`));
    cleanups.push(() => rmSync(workspace, { recursive: true, force: true }));
    cpSync(FIXTURE_WORKSPACE, workspace, { recursive: true });
    options.prepare?.(workspace);
    const server = await startVSCodeServer({
      workspace,
      verbose: options.verbose,
      ...(options.displayLanguage ? { displayLanguage: options.displayLanguage } : {}),
      userSettings: { 'gemini.endpoint': emulator.baseUrl },
      env: { GEMINI_API_KEY: options.envKey ?? options.apiKey },
    });
    cleanups.push(() => server.dispose());
    const workbench = await openWorkbench({ server });
    cleanups.push(() => workbench.close());
    const page = workbench.page;
    if (options.verbose) page.on('console', (m) => console.error(`[workbench ${m.type()}] ${m.text()}`));
    await waitForWorkbench(page);
    return {
      server,
      workbench,
      page,
      emulator,
      workspace,
      reload: async () => {
        await page.reload();
        await waitForWorkbench(page);
      },
      dispose,
    };
  } catch (error) {
    await dispose();
    throw error;
  }
}

let current: OwnSession | undefined;

export function uiSession(): UiSession {
  if (!current) throw new Error('No UI session: run UI specs through test/ui/run.ts (npm run test:ui)');
  return current;
}

/** The session every UI spec shares (test/ui/run.ts starts it before mocha). */
export async function startUiSession(options: { verbose?: boolean } = {}): Promise<UiSession> {
  current = await startSession({ apiKey: TEST_KEY, name: 'ui-workspace', verbose: options.verbose });
  return current;
}

export async function stopUiSession(): Promise<void> {
  const session = current;
  current = undefined;
  await session?.dispose();
}

/** The contents of the last generate request of the shared session's emulator (model listings and the like have no body). */
export function lastGenerateContents(): unknown {
  return uiSession().emulator.requests.filter((request) => request.body?.contents).at(-1)?.body.contents;
}
