// How the in-host test entry (index.ts) tells the Node-side runner (run.ts) what happened: one
// console line with a marker and JSON, forwarded by the workbench through codeAutomationLog.
export const SUMMARY_MARKER = '[gemini-integration-summary]';

export interface IntegrationSummary {
  vscodeVersion: string;
  passed: number;
  failed: number;
  pending: number;
  failures: { title: string; message: string }[];
}

export function formatSummary(summary: IntegrationSummary): string {
  return `${SUMMARY_MARKER} ${JSON.stringify(summary)}`;
}

/** Finds the summary in one forwarded console line, if it is there. */
export function parseSummary(line: string): IntegrationSummary | undefined {
  const at = line.indexOf(SUMMARY_MARKER);
  if (at < 0) return undefined;
  try {
    return JSON.parse(line.slice(at + SUMMARY_MARKER.length).trim()) as IntegrationSummary;
  } catch {
    return undefined;
  }
}

/** The first line index.ts logs inside the host; what the workbench logged before it is noise. */
export const RUN_STARTED = 'integration: running in VS Code';

/** Env var: mocha `--grep` pattern for the in-host run (run.ts --grep sets it). */
export const GREP_ENV = 'GEMINI_TEST_GREP';

/** Env var: the VS Code version the runner started (1.139.x offline); the host must report it. */
export const EXPECTED_VSCODE_VERSION_ENV = 'GEMINI_TEST_EXPECTED_VSCODE_VERSION';
