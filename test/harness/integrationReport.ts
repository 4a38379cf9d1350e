// Turns what an in-host run reported into the runner's verdict and its final lines
// (`integration: VS Code X`, `integration: N passed, N failed`). Shared by both runners.
import { IntegrationSummary } from './integrationProtocol';

export interface RunOutcome {
  /** The summary index.ts logged, if it got that far. */
  summary: IntegrationSummary | undefined;
  /** The extension host's exit code; undefined when it never exited (timeout). */
  exitCode: number | undefined;
  expectedVersion: string;
  timeoutMs: number;
}

/** Prints the verdict and returns the process exit code: 0 only for a complete, green run. */
export function reportRun({ summary, exitCode, expectedVersion, timeoutMs }: RunOutcome): number {
  if (!summary) {
    console.error(
      exitCode === undefined
        ? `integration: the extension host never ran the tests within ${timeoutMs} ms.`
        : `integration: the extension host exited with code ${exitCode} without reporting results (it failed to load the tests?).`,
    );
    console.log('integration: 0 passed, 0 failed (not run)');
    return 1;
  }
  for (const failure of summary.failures) console.error(`  FAILED ${failure.title}: ${failure.message.split('\n')[0]}`);
  console.log(`integration: VS Code ${summary.vscodeVersion}`);
  console.log(`integration: ${summary.passed} passed, ${summary.failed} failed${summary.pending ? `, ${summary.pending} pending` : ''}`);
  if (summary.vscodeVersion !== expectedVersion) {
    console.error(`integration: expected VS Code ${expectedVersion}, the extension host reported ${summary.vscodeVersion}`);
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
