// Runs the integration suite inside a REAL VS Code extension host, offline: VS Code's server from
// the cache (scripts/install-vscode.sh), the workbench in Chromium, Gemini replaced by the loopback
// emulator. Prints the host's test output, then `integration: N passed, N failed`.
// Exit code: 0 only when the host ran the tests in the expected VS Code and none failed.
//
//   node out/test/integration/run.js [--grep <pattern>] [--verbose]
//   INTEGRATION_TIMEOUT_MS (default 300000) bounds the whole in-host run.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';
import { GeminiEmulator } from '../emulator';
import { EMULATOR_CONTROL_ENV, EMULATOR_URL_ENV, startEmulatorControl } from '../harness/emulatorControl';
import { installVSCode } from '../harness/install';
import { FIXTURE_WORKSPACE, INTEGRATION_INDEX } from '../harness/paths';
import { startVSCodeServer } from '../harness/server';
import { AutomationLogEntry, openWorkbench } from '../harness/workbench';
import { GREP_ENV, IntegrationSummary, parseSummary, RUN_STARTED } from './protocol';

const TEST_API_KEY = 'test-key';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const grep = valueOf(args, '--grep');
  const verbose = args.includes('--verbose') || process.env.GEMINI_TEST_VERBOSE === '1';
  const timeoutMs = Number(process.env.INTEGRATION_TIMEOUT_MS ?? 300_000);

  const install = await installVSCode();
  const cleanups: (() => Promise<void> | void)[] = [];
  try {
    const emulator = await GeminiEmulator.start({ apiKey: TEST_API_KEY });
    cleanups.push(() => emulator.close());
    const control = await startEmulatorControl(emulator);
    cleanups.push(() => control.close());

    // A copy, so tests may edit files without touching the repository.
    const workspace = mkdtempSync(path.join(os.tmpdir(), 'gemini-workspace-'));
    cpSync(FIXTURE_WORKSPACE, workspace, { recursive: true });
    cleanups.push(() => rmSync(workspace, { recursive: true, force: true }));

    const server = await startVSCodeServer({
      workspace,
      verbose,
      userSettings: { 'gemini.endpoint': emulator.baseUrl },
      env: {
        GEMINI_API_KEY: TEST_API_KEY,
        [EMULATOR_URL_ENV]: emulator.baseUrl,
        [EMULATOR_CONTROL_ENV]: control.url,
        [GREP_ENV]: grep,
      },
    });
    cleanups.push(() => server.dispose());

    // The workbench forwards its own log too; until index.ts announces the run, hold those lines
    // back and show them only when the tests never start (they say why).
    let summary: IntegrationSummary | undefined;
    let started = false;
    const heldBack: string[] = [];
    const onAutomationLog = (entry: AutomationLogEntry): void => {
      const line = format(...entry.args);
      const parsed = parseSummary(line);
      if (parsed) return void (summary ??= parsed);
      started ||= line.includes(RUN_STARTED);
      if (started || verbose) console.log(line.replace(/^/gm, '  '));
      else heldBack.push(line);
    };
    const workbench = await openWorkbench({ server, extensionTestsPath: INTEGRATION_INDEX, onAutomationLog });
    cleanups.push(() => workbench.close());
    if (verbose) workbench.page.on('console', (m) => console.error(`[workbench ${m.type()}] ${m.text()}`));

    const exitCode = await Promise.race([workbench.automationExit, delay(timeoutMs).then(() => undefined)]);
    if (!summary) console.error(`Workbench log before the failure:\n${heldBack.join('\n')}`);
    return report(summary, exitCode, install.vscodeVersion, timeoutMs, server.output());
  } finally {
    for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => undefined);
  }
}

function report(summary: IntegrationSummary | undefined, exitCode: number | undefined, expectedVersion: string, timeoutMs: number, serverOutput: string): number {
  if (exitCode === undefined && !summary) {
    console.error(`integration: the extension host never ran the tests within ${timeoutMs} ms.\nVS Code server output:\n${serverOutput}`);
    console.log('integration: 0 passed, 0 failed (not run)');
    return 1;
  }
  if (!summary) {
    console.error(`integration: the extension host exited with code ${exitCode} without reporting results (it failed to load the tests?).`);
    console.log('integration: 0 passed, 0 failed (not run)');
    return 1;
  }
  for (const failure of summary.failures) console.error(`  FAILED ${failure.title}: ${failure.message}`);
  console.log(`integration: VS Code ${summary.vscodeVersion}`);
  console.log(`integration: ${summary.passed} passed, ${summary.failed} failed${summary.pending ? `, ${summary.pending} pending` : ''}`);
  if (summary.vscodeVersion !== expectedVersion) {
    console.error(`integration: expected VS Code ${expectedVersion} (the installed one), the host reported ${summary.vscodeVersion}`);
    return 1;
  }
  if (exitCode === undefined) {
    console.error(`integration: the extension host did not exit within ${timeoutMs} ms after reporting`);
    return 1;
  }
  if (summary.passed === 0 && summary.failed === 0) {
    console.error('integration: no test ran (empty suite or a --grep that matches nothing)');
    return 1;
  }
  return summary.failed > 0 || exitCode !== 0 ? 1 : 0;
}

function valueOf(args: string[], flag: string): string | undefined {
  const at = args.indexOf(flag);
  return at >= 0 ? args[at + 1] : undefined;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`integration: ${error.stack ?? error.message}`);
    console.log('integration: 0 passed, 0 failed (not run)');
    process.exit(1);
  },
);
