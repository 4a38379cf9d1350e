// Builds the workspace tools for the extension: the VS Code port, the modal approver and the
// registry the Gemini engine runs calls through (pass the result as GeminiEngine's `tools`).
import * as vscode from 'vscode';
import { Logger } from '../common/logger';
import { SettingsSource } from '../gemini/settingValues';
import { createSearchServices } from '../node/searchServices';
import { toolSettingsFrom } from '../tools/context';
import { ToolRegistry } from '../tools/registry';
import { ModalToolApprover } from './toolApproval';
import { VsCodeWorkspacePort } from './workspacePort';

export interface WorkspaceToolsDeps {
  logger: Logger;
  settings: SettingsSource;
}

export function registerWorkspaceTools(context: vscode.ExtensionContext, deps: WorkspaceToolsDeps): ToolRegistry {
  const port = new VsCodeWorkspacePort();
  context.subscriptions.push(port);
  const search = createSearchServices({ appRoot: vscode.env.appRoot });
  deps.logger.info(`search_text/find_files: ${search.textSearch ? `ripgrep at ${search.textSearch.binary}` : 'no ripgrep under the app root; the Node walker'} for local folders`);
  return new ToolRegistry({
    port,
    search,
    settings: () => toolSettingsFrom(deps.settings()),
    approver: new ModalToolApprover(),
    logger: deps.logger,
  });
}
