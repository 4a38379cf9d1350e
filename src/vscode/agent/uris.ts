// Workspace locations as VS Code URIs, and text offsets as positions, for the agent glue.
import * as vscode from 'vscode';
import type { WorkspaceLocation } from '../../tools/workspacePort';

/** The URI of a location; throws when its folder is no longer the one at that index. */
export function uriOf(location: WorkspaceLocation): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.toString() === location.folder.uri);
  if (!folder) throw new Error(vscode.l10n.t('the workspace folder {0} is no longer open', location.folder.name));
  return location.path ? vscode.Uri.joinPath(folder.uri, ...location.path.split('/')) : folder.uri;
}

export function uriOfStored(folder: string, path: string): vscode.Uri {
  const open = vscode.workspace.workspaceFolders?.find((f) => f.uri.toString() === folder);
  if (!open) throw new Error(vscode.l10n.t('the workspace folder {0} is no longer open', folder));
  return vscode.Uri.joinPath(open.uri, ...path.split('/'));
}

/**
 * Positions of offsets in a text, counting lines the way a TextDocument does (\r\n, \n and a lone
 * \r each end a line). Offsets must be ascending across calls.
 */
export class PositionFinder {
  private line = 0;
  private lineStart = 0;
  private scanned = 0;

  constructor(private readonly text: string) {}

  at(offset: number): vscode.Position {
    const text = this.text;
    for (let i = this.scanned; i < offset; i++) {
      const code = text.charCodeAt(i);
      if (code === 10 || (code === 13 && text.charCodeAt(i + 1) !== 10)) {
        this.line++;
        this.lineStart = i + 1;
      }
    }
    this.scanned = Math.max(this.scanned, offset);
    return new vscode.Position(this.line, offset - this.lineStart);
  }
}

export function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  const key = uri.toString();
  return vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === key);
}

/** How long a document may stay dirty after its save was asked for (VS Code may be saving it itself). */
const SAVE_SETTLE_MS = 5000;

/**
 * Saves the document if it is open and dirty, then waits (up to 5 s) until it is not: VS Code may
 * be saving it itself (files.refactoring.autoSave, auto save), and then save() answers false.
 * Returns the document as it stands after that, or undefined when it is not open.
 */
export async function saveSettled(uri: vscode.Uri): Promise<vscode.TextDocument | undefined> {
  if (openDocument(uri)?.isDirty) await vscode.workspace.save(uri).then(undefined, () => undefined);
  const deadline = Date.now() + SAVE_SETTLE_MS;
  while (openDocument(uri)?.isDirty && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  return openDocument(uri);
}
