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
