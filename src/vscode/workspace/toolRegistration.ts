// Builds the workspace tools for the extension: the VS Code port, the modal approver and the
// registry the Gemini engine runs calls through (pass the result as GeminiEngine's `tools`).
import * as vscode from 'vscode';
import { Logger } from '../../common/logger';
import { SettingsSource } from '../../config/settingValues';
import { toolSettingsFrom } from '../../tools/context';
import { ToolRegistry } from '../../tools/registry';
import { ModalToolApprover } from './toolApproval';
import { VsCodeWorkspacePort } from './workspacePort';

export interface WorkspaceToolsDeps {
  logger: Logger;
  settings: SettingsSource;
}

export function registerWorkspaceTools(context: vscode.ExtensionContext, deps: WorkspaceToolsDeps): ToolRegistry {
  const port = new VsCodeWorkspacePort();
  context.subscriptions.push(port);
  return new ToolRegistry({
    port,
    settings: () => toolSettingsFrom(deps.settings()),
    approver: new ModalToolApprover(),
    logger: deps.logger,
  });
}
