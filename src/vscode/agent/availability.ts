// Whether Agent mode may write here: not in Restricted Mode, not without a folder, not on a
// read-only file system (some virtual workspaces). Our chat's mode switch and the write tools
// offered to VS Code's own agent (lmWriteTools.ts) ask the same question.
import * as vscode from 'vscode';

/** Why the agent must not write in this window, or undefined when it may. */
export function agentUnavailable(): string | undefined {
  if (!vscode.workspace.isTrusted) return vscode.l10n.t('Agent mode is off in Restricted Mode: trust this workspace to let Gemini propose changes.');
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) return vscode.l10n.t('Open a folder to use Agent mode.');
  const readOnly = folders.find((f) => vscode.workspace.fs.isWritableFileSystem(f.uri.scheme) === false);
  if (readOnly) return vscode.l10n.t('Agent mode is off: the folder {0} is on a read-only file system ({1}:).', readOnly.name, readOnly.uri.scheme);
  return undefined;
}
