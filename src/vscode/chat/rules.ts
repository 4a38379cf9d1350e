// The VS Code side of the project rules files: which files are in play (the active editor and the
// files attached to the message being answered), the `gemini.rules.enabled` switch, and opening a
// rules file from its chip. The finding and joining is src/rules/rulesFiles.ts.
import * as vscode from 'vscode';
import type { Logger } from '../../common/logger';
import type { ChatSession } from '../../chat/session';
import { loadRules, type LoadedRules } from '../../rules/rulesFiles';
import type { RulesSource } from '../../rules/rulesRunner';
import type { WorkspacePort } from '../../tools/workspacePort';
import { ChatRejection } from '../../chat/rejection';

export interface RulesDeps {
  port: WorkspacePort;
  log: Logger;
  enabled(): boolean;
  /** The open chat, whose last message's attachments are in play. */
  session(): ChatSession | undefined;
}

export class VsCodeRules implements RulesSource {
  /** What the chips may open: display path → URI, from every load of this window. */
  private readonly known = new Map<string, vscode.Uri>();

  constructor(private readonly deps: RulesDeps) {}

  async load(request: { signal: AbortSignal }): Promise<LoadedRules | undefined> {
    if (!this.deps.enabled() || !vscode.workspace.workspaceFolders?.length) return undefined;
    const rules = await loadRules(this.deps.port, this.inPlay(), request.signal);
    for (const file of rules.files) {
      this.known.set(file.display, vscode.Uri.joinPath(vscode.Uri.parse(file.location.folder.uri), file.location.path));
    }
    if (rules.files.length) this.deps.log.info(`Rules files applied: ${rules.files.map((f) => f.display).join(', ')}${rules.omitted.length ? ` (left out for size: ${rules.omitted.join(', ')})` : ''}`);
    return rules;
  }

  /** Opens a rules file a chip names; only files this window has applied can be opened. */
  async open(display: string): Promise<void> {
    const uri = this.known.get(display);
    if (!uri) throw new ChatRejection(vscode.l10n.t('{0} is not a rules file this chat used.', display));
    await vscode.window.showTextDocument(uri, { preview: true });
  }

  /** Workspace-relative paths of the active editor's file and of the last message's attached files. */
  private inPlay(): string[] {
    const paths: string[] = [];
    const active = vscode.window.activeTextEditor?.document.uri;
    if (active && vscode.workspace.getWorkspaceFolder(active)) paths.push(vscode.workspace.asRelativePath(active));
    const turns = this.deps.session()?.turns ?? [];
    const lastUser = [...turns].reverse().find((t) => t.role === 'user');
    if (lastUser?.role === 'user') {
      for (const chip of lastUser.attachments) {
        if ((chip.kind === 'file' || chip.kind === 'selection' || chip.kind === 'editor') && chip.detail) paths.push(attachedPath(chip.detail));
      }
    }
    return paths;
  }
}

/** "src/a.ts lines 3-10" → "src/a.ts" (see textAttachment's `detail`). */
export function attachedPath(detail: string): string {
  return detail.replace(/ lines \d+-\d+$/, '');
}
