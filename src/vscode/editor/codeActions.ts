// The lightbulb entries: Explain / Refactor… / Add documentation / Write tests on a non-empty
// selection (refactor.rewrite.gemini.*, so they also show in the Refactor menu) and "Fix with
// Gemini" as a quickfix on each diagnostic. No source.* kind, so codeActionsOnSave never runs them.
// Registered at activation (the commands they run load the rest of the extension when chosen).
import * as vscode from 'vscode';
import { ACTION_COMMANDS, CODE_ACTION_KINDS, CODE_ACTION_TITLES, EditorAction, PROPOSAL_SCHEME } from '../../actions/kinds';

const DOCUMENT_SELECTOR: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-remote' }, { scheme: 'vscode-vfs' }];
const SELECTION_ACTIONS: EditorAction[] = ['explain', 'refactor', 'document', 'tests'];
const MAX_FIXES = 3;

export class GeminiCodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.RefactorRewrite.append('gemini'), vscode.CodeActionKind.QuickFix],
  };

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (document.uri.scheme === PROPOSAL_SCHEME) return [];
    const actions: vscode.CodeAction[] = [];
    const wanted = (kind: vscode.CodeActionKind): boolean => !context.only || context.only.contains(kind);

    for (const diagnostic of context.diagnostics.slice(0, MAX_FIXES)) {
      const kind = vscode.CodeActionKind.QuickFix;
      if (!wanted(kind)) break;
      const title = context.diagnostics.length > 1 ? `${CODE_ACTION_TITLES.fix}: ${shorten(diagnostic.message)}` : CODE_ACTION_TITLES.fix;
      const action = new vscode.CodeAction(title, kind);
      action.diagnostics = [diagnostic];
      action.command = { command: ACTION_COMMANDS.fix, title, arguments: [document.uri, diagnostic.range, diagnostic] };
      actions.push(action);
    }

    if (!range.isEmpty && document.getText(range).trim()) {
      for (const name of SELECTION_ACTIONS) {
        const kind = vscode.CodeActionKind.Empty.append(CODE_ACTION_KINDS[name]);
        if (!wanted(kind)) continue;
        const action = new vscode.CodeAction(CODE_ACTION_TITLES[name], kind);
        action.command = { command: ACTION_COMMANDS[name], title: CODE_ACTION_TITLES[name], arguments: [document.uri, range] };
        actions.push(action);
      }
    }
    return actions;
  }
}

function shorten(message: string): string {
  const line = message.split('\n')[0];
  return line.length > 60 ? `${line.slice(0, 57)}…` : line;
}

export function registerCodeActions(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.languages.registerCodeActionsProvider(DOCUMENT_SELECTOR, new GeminiCodeActionProvider(), GeminiCodeActionProvider.metadata));
}
