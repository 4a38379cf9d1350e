// Opens the VS Code workbench of a running server in Chromium (apt's /usr/bin/chromium, driven by
// playwright-core; no browser is ever downloaded). When tests run inside the extension host, the
// workbench reports their console and exit code through two window hooks installed here.
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { VSCodeServer } from './server';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export interface AutomationLogEntry {
  type: string;
  args: unknown[];
}

export interface WorkbenchOptions {
  server: VSCodeServer;
  /** Compiled test entry the extension host loads and runs; omit for UI-only sessions. */
  extensionTestsPath?: string;
  /** Workspace to open instead of the server's default one. */
  workspace?: string;
  /** Every console line of the extension-host test run, as the workbench forwards it. */
  onAutomationLog?: (entry: AutomationLogEntry) => void;
  viewport?: { width: number; height: number };
  headless?: boolean;
}

export interface Workbench {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Resolves with the extension host's exit code once an extension test run ends. */
  automationExit: Promise<number>;
  close(): Promise<void>;
}

export async function openWorkbench(options: WorkbenchOptions): Promise<Workbench> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: options.headless ?? true,
    args: CHROMIUM_ARGS,
  });
  try {
    const context = await browser.newContext({ viewport: options.viewport ?? { width: 1400, height: 900 } });
    let resolveExit!: (code: number) => void;
    const automationExit = new Promise<number>((resolve) => (resolveExit = resolve));
    // Exposed before navigation: the workbench looks the hooks up when the test run starts.
    await context.exposeFunction('codeAutomationLog', (type: string, args: unknown) =>
      options.onAutomationLog?.({ type: String(type), args: Array.isArray(args) ? args : [args] }),
    );
    await context.exposeFunction('codeAutomationExit', (code: number) => resolveExit(Number(code)));
    const page = await context.newPage();
    await page.goto(options.server.workbenchUrl({ extensionTestsPath: options.extensionTestsPath, workspace: options.workspace }));
    return {
      browser,
      context,
      page,
      automationExit,
      close: async () => {
        await browser.close().catch(() => undefined);
      },
    };
  } catch (error) {
    await browser.close().catch(() => undefined);
    throw error;
  }
}
