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

let current: UiSession | undefined;
let cleanups: (() => Promise<void> | void)[] = [];

export function uiSession(): UiSession {
  if (!current) throw new Error('No UI session: run UI specs through test/ui/run.ts (npm run test:ui)');
  return current;
}

export async function startUiSession(options: { verbose?: boolean } = {}): Promise<UiSession> {
  try {
    const emulator = await GeminiEmulator.start({ apiKey: TEST_KEY });
    cleanups.push(() => emulator.close());
    const workspace = mkdtempSync(path.join(os.tmpdir(), 'gemini-ui-workspace-'));
    cpSync(FIXTURE_WORKSPACE, workspace, { recursive: true });
    cleanups.push(() => rmSync(workspace, { recursive: true, force: true }));
    const server = await startVSCodeServer({
      workspace,
      verbose: options.verbose,
      userSettings: { 'gemini.endpoint': emulator.baseUrl },
      env: { GEMINI_API_KEY: TEST_KEY },
    });
    cleanups.push(() => server.dispose());
    const workbench = await openWorkbench({ server });
    cleanups.push(() => workbench.close());
    const page = workbench.page;
    if (options.verbose) page.on('console', (m) => console.error(`[workbench ${m.type()}] ${m.text()}`));
    await waitForWorkbench(page);
    current = {
      server,
      workbench,
      page,
      emulator,
      workspace,
      reload: async () => {
        await page.reload();
        await waitForWorkbench(page);
      },
    };
    return current;
  } catch (error) {
    await stopUiSession();
    throw error;
  }
}

export async function stopUiSession(): Promise<void> {
  const pending = cleanups.reverse();
  cleanups = [];
  current = undefined;
  for (const cleanup of pending) await Promise.resolve(cleanup()).catch(() => undefined);
}

/** The contents of the last generate request of the shared session's emulator (model listings and the like have no body). */
export function lastGenerateContents(): unknown {
  return uiSession().emulator.requests.filter((request) => request.body?.contents).at(-1)?.body.contents;
}
