// Runs the integration suite inside a REAL VS Code extension host, offline: VS Code's server from
// the cache (scripts/install-vscode.sh), the workbench in Chromium, Gemini replaced by the loopback
// emulator. Prints the host's test output, then `integration: N passed, N failed`.
// Exit code: 0 only when the host ran the tests in the expected VS Code and none failed.
//
//   node out/test/integration/run.js [--grep <pattern>] [--verbose]
//   INTEGRATION_TIMEOUT_MS (default 300000) bounds the whole in-host run.
import { format } from 'node:util';
import { installVSCode } from '../harness/install';
import { FIXTURE_LM_TOOL_EXTENSION, INTEGRATION_INDEX } from '../harness/paths';
import { startVSCodeServer } from '../harness/server';
import { AutomationLogEntry, openWorkbench } from '../harness/workbench';
import { argValue, prepareIntegrationEnvironment } from '../harness/integrationEnvironment';
import { IntegrationSummary, parseSummary, RUN_STARTED } from '../harness/integrationProtocol';
import { reportRun } from '../harness/integrationReport';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const grep = argValue(args, '--grep');
  const verbose = args.includes('--verbose') || process.env.GEMINI_TEST_VERBOSE === '1';
  const timeoutMs = Number(process.env.INTEGRATION_TIMEOUT_MS ?? 300_000);

  const install = await installVSCode();
  const cleanups: (() => Promise<void> | void)[] = [];
  try {
    const environment = await prepareIntegrationEnvironment({ grep, expectedVSCodeVersion: install.vscodeVersion });
    cleanups.push(() => environment.dispose());

    const server = await startVSCodeServer({
      workspace: environment.workspace,
      verbose,
      userSettings: environment.userSettings,
      env: environment.env,
      extraExtensionPaths: [FIXTURE_LM_TOOL_EXTENSION],
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
    if (exitCode === undefined && !summary) console.error(`VS Code server output:\n${server.output()}`);
    return reportRun({ summary, exitCode, expectedVersion: install.vscodeVersion, timeoutMs });
  } finally {
    for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => undefined);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

// Exiting runs the harness's exit hook, which kills the detached VS Code server.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => process.exit(130));

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`integration: ${error.stack ?? error.message}`);
    console.log('integration: 0 passed, 0 failed (not run)');
    process.exit(1);
  },
);
