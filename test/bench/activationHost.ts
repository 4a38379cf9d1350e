// In-host half of the activation benchmark (loaded by the extension host as `extensionTestsPath`):
// waits until the measured extensions have activated on their own (onStartupFinished), then reads
// the host's own activation timings from VS Code's "Startup Performance" document (the data behind
// "Developer: Startup Performance") and logs them as one marked line for activation.ts.
import * as vscode from 'vscode';
import { ACTIVATION_MARKER, ActivationRow, BENCH_IDS_ENV, ownTimings, parseActivationTable, PerfMark } from './activationProtocol';

export async function run(): Promise<void> {
  // The runner loads one of these per window (VS Code keeps only one development extension).
  const ids = (process.env[BENCH_IDS_ENV] ?? '').split(',').filter((id) => id && vscode.extensions.getExtension(id));
  if (!ids.length) throw new Error(`none of ${process.env[BENCH_IDS_ENV]} is loaded`);
  const deadline = Date.now() + 60_000;
  while (!ids.every((id) => vscode.extensions.getExtension(id)?.isActive)) {
    if (Date.now() > deadline) throw new Error(`not activated within 60 s: ${await describeInactive(ids)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // The document's provider is a lazy workbench contribution: showing the view creates it.
  await vscode.commands.executeCommand('perfview.show');
  const document = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'perf', path: 'Startup Performance' }));
  let rows: ActivationRow[] = [];
  while (Date.now() < deadline) {
    rows = parseActivationTable(document.getText()).filter((row) => ids.includes(row.id));
    if (rows.length === ids.length) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  if (rows.length !== ids.length) throw new Error(`the Startup Performance document has no activation row for ${ids.join(', ')}:\n${document.getText().slice(0, 2000)}`);
  // The host's own performance marks (vs/base/common/performance keeps them on globalThis) time
  // require() and activate() alone: the table's "Load Code" also counts the host's other work.
  const marks = (globalThis as { MonacoPerformanceMarks?: { getMarks(): PerfMark[] } }).MonacoPerformanceMarks?.getMarks() ?? [];
  rows = rows.map((row) => ({ ...row, ...ownTimings(marks, row.id) }));
  console.log(`${ACTIVATION_MARKER} ${JSON.stringify({ vscodeVersion: vscode.version, rows })}`);
}

/** Why the extensions in `ids` are not active: not loaded at all, or activate() failing. */
async function describeInactive(ids: string[]): Promise<string> {
  const reasons: string[] = [];
  for (const id of ids) {
    const extension = vscode.extensions.getExtension(id);
    if (!extension) reasons.push(`${id} is not loaded`);
    else if (!extension.isActive) reasons.push(`${id}: ${await extension.activate().then(() => 'activates only when asked', (error: Error) => `activate() fails: ${error.stack ?? error.message}`)}`);
  }
  return reasons.join('; ');
}
