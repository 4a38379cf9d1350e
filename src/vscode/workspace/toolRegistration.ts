// Builds the workspace tools for the extension: the VS Code port, the modal approver and the
// registry the Gemini engine runs calls through (pass the result as GeminiEngine's `tools`).
import * as vscode from 'vscode';
import { Logger } from '../../common/logger';
import { SettingsSource } from '../../config/settingValues';
import { createSearchServices } from '../../node/searchServices';
import { toolSettingsFrom } from '../../tools/context';
import type { SemanticSearchService } from '../../tools/searchBackend';
import { ToolRegistry } from '../../tools/registry';
import { CHAT_TOOLS } from '../../tools/table';
import { VsCodeTerminalPort } from '../agent/terminalPort';
import { ModalToolApprover } from './toolApproval';
import { VsCodeWorkspacePort } from './workspacePort';

export interface WorkspaceToolsDeps {
  logger: Logger;
  settings: SettingsSource;
  /** Terminals for run_command and get_terminal_output; default: a new one owned by the registration. */
  terminal?: VsCodeTerminalPort;
  /** The semantic index, for search_code_semantic (offered only once it has an index). */
  semantic?: SemanticSearchService;
}

export function registerWorkspaceTools(context: vscode.ExtensionContext, deps: WorkspaceToolsDeps): ToolRegistry {
  const port = new VsCodeWorkspacePort();
  const terminal = deps.terminal ?? new VsCodeTerminalPort(deps.logger);
  context.subscriptions.push(port, terminal);
  const search = { ...createSearchServices({ appRoot: vscode.env.appRoot }), semantic: deps.semantic };
  deps.logger.info(`search_text/find_files: ${search.textSearch ? `ripgrep at ${search.textSearch.binary}` : 'no ripgrep under the app root; the Node walker'} for local folders`);
  // run_command and the write tools are agentOnly: offered only to turns of a chat in Agent mode
  // (ToolRegistry.forTurn with the turn's scope, src/vscode/agent/registerAgent.ts).
  return new ToolRegistry({
    port,
    search,
    tools: CHAT_TOOLS,
    terminal,
    settings: () => toolSettingsFrom(deps.settings()),
    approver: new ModalToolApprover(),
    logger: deps.logger,
  });
}
