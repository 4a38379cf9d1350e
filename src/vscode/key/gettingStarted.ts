// First-run experience: the `gemini.hasApiKey` context key (completes the walkthrough's key step
// and drives `when` clauses) and the walkthrough opened once after the first install.
import * as vscode from 'vscode';

export const WALKTHROUGH_ID = 'gemini.getStarted';
const SHOWN_KEY = 'gemini.walkthroughShown';

export interface GettingStartedDeps {
  hasApiKey(): Promise<boolean>;
  onDidChangeKey: vscode.Event<void>;
}

export function registerGettingStarted(context: vscode.ExtensionContext, deps: GettingStartedDeps): void {
  const publish = async () => {
    await vscode.commands.executeCommand('setContext', 'gemini.hasApiKey', await deps.hasApiKey());
  };
  void publish();
  context.subscriptions.push(deps.onDidChangeKey(() => void publish()));

  // Only a real install opens it by itself: in development and test hosts it would cover the editor.
  if (context.extensionMode === vscode.ExtensionMode.Production && !context.globalState.get<boolean>(SHOWN_KEY)) {
    void context.globalState.update(SHOWN_KEY, true);
    const id = `${context.extension.id}#${WALKTHROUGH_ID}`;
    void vscode.commands.executeCommand('workbench.action.openWalkthrough', id, false);
  }
}
