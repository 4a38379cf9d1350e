// Entry the VS Code extension host loads as `extensionTestsPath`: runs every
// out/test/integration/**/*.test.js with mocha inside the host, then reports a one-line summary
// for run.ts. Rejecting makes the host exit non-zero, which the workbench reports as the exit code.
import * as vscode from 'vscode';
import Mocha from 'mocha';
import * as path from 'node:path';
import { formatSummary, GREP_ENV, IntegrationSummary, RUN_STARTED } from '../harness/integrationProtocol';
import { specFiles } from '../harness/specFiles';

const STARTUP_SPEC = 'startup.test.js';

export async function run(): Promise<void> {
  console.log(`${RUN_STARTED} ${vscode.version} (${vscode.env.appName}, ${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'} UI)`);
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  const grep = process.env[GREP_ENV];
  if (grep) mocha.grep(grep);
  // startup.test.js checks the host as activation left it, before any other spec used Gemini.
  const files = specFiles(__dirname);
  for (const file of files.filter((f) => path.basename(f) === STARTUP_SPEC)) mocha.addFile(file);
  for (const file of files.filter((f) => path.basename(f) !== STARTUP_SPEC)) mocha.addFile(file);

  const summary: IntegrationSummary = { vscodeVersion: vscode.version, passed: 0, failed: 0, pending: 0, failures: [] };
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on('pass', () => summary.passed++);
    runner.on('pending', () => summary.pending++);
    runner.on('fail', (test, error: Error) => {
      summary.failed++;
      summary.failures.push({ title: test.fullTitle(), message: String(error?.message ?? error) });
    });
  });
  console.log(formatSummary(summary));
  if (summary.failed > 0) throw new Error(`${summary.failed} integration test(s) failed`);
}
