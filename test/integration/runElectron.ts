// The same integration suite in desktop VS Code through @vscode/test-electron, for machines that
// can download VS Code (this one cannot: use run.ts there). Same environment as run.ts: the
// emulator with its remote control, the fixture workspace copy, the test key, the endpoint setting.
//
//   node out/test/integration/runElectron.js [--grep <pattern>]
//   VSCODE_VERSION (default 1.139.1: the version run.ts tests offline) picks the download.
import { runTests } from '@vscode/test-electron';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { INTEGRATION_INDEX, REPO_ROOT } from '../harness/paths';
import { QUIET_WORKBENCH_SETTINGS } from '../harness/server';
import { argValue, prepareIntegrationEnvironment } from '../harness/integrationEnvironment';
import { IntegrationSummary, parseSummary } from '../harness/integrationProtocol';
import { reportRun } from '../harness/integrationReport';

const DEFAULT_VSCODE_VERSION = '1.139.1';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const version = process.env.VSCODE_VERSION ?? DEFAULT_VSCODE_VERSION;
  const timeoutMs = Number(process.env.INTEGRATION_TIMEOUT_MS ?? 300_000);
  const environment = await prepareIntegrationEnvironment({ grep: argValue(args, '--grep'), expectedVSCodeVersion: version });
  const profile = mkdtempSync(path.join(os.tmpdir(), 'gemini-electron-'));
  const userDataDir = path.join(profile, 'user-data');
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...QUIET_WORKBENCH_SETTINGS, ...environment.userSettings }, null, 2));

  // The host's console reaches our stdout through runTests; pick the summary line out of it.
  let summary: IntegrationSummary | undefined;
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    for (const line of text.split('\n')) summary ??= parseSummary(line);
    return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stdout.write;

  let exitCode: number | undefined;
  try {
    exitCode = await Promise.race([
      runTests({
        version,
        extensionDevelopmentPath: REPO_ROOT,
        extensionTestsPath: INTEGRATION_INDEX,
        extensionTestsEnv: environment.env,
        launchArgs: [
          environment.workspace,
          '--user-data-dir', userDataDir,
          '--extensions-dir', path.join(profile, 'extensions'),
          '--disable-extensions',
          '--disable-workspace-trust',
          '--skip-welcome',
          '--skip-release-notes',
        ],
      }).catch((error: { code?: unknown }) => {
        // A failed run (non-zero exit) carries its code; anything else (e.g. no download) is fatal.
        if (typeof error?.code === 'number') return error.code;
        throw error;
      }),
      new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), timeoutMs).unref()),
    ]);
  } finally {
    process.stdout.write = write;
    await environment.dispose();
    rmSync(profile, { recursive: true, force: true });
  }
  return reportRun({ summary, exitCode, expectedVersion: version, timeoutMs });
}

// Exiting runs the harness's exit hook, which kills the detached VS Code server.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => process.exit(130));

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`integration (electron): ${error.stack ?? error.message}`);
    console.log('integration: 0 passed, 0 failed (not run)');
    process.exit(1);
  },
);
