// Composition root: build the services, register everything, nothing else.
import * as vscode from 'vscode';
import { COMMANDS, CommandId } from './commands/table';
import { OutputLog } from './vscode/log';
import { CHAT_VIEW_ID, ChatViewProvider } from './vscode/chatView';

export function activate(context: vscode.ExtensionContext): void {
  const log = new OutputLog();
  context.subscriptions.push(log);

  const handlers: Partial<Record<CommandId, (...args: unknown[]) => unknown>> = {
    'gemini.showLog': () => log.show(),
    'gemini.openChat': () => vscode.commands.executeCommand(`${CHAT_VIEW_ID}.focus`),
  };
  for (const id of Object.keys(COMMANDS) as CommandId[]) {
    const handler = handlers[id];
    if (handler) context.subscriptions.push(vscode.commands.registerCommand(id, handler));
  }

  context.subscriptions.push(
    vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, new ChatViewProvider(context.extensionUri), {
      webviewOptions: { retainContextWhenHidden: false },
    }),
  );
  log.info(`Gemini for VS Code ${context.extension.packageJSON.version} activated`);
}

export function deactivate(): void {}
