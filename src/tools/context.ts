// Everything one tool call works with: the port, the settings of the moment, the per-call ignore
// rule cache and the cancellation signal.
import { Logger } from '../common/logger';
import type { TerminalPort } from '../agent/terminalPort';
import { WorkspaceIgnoreRules } from './ignoreRules';
import { SearchServices } from './searchBackend';
import { ToolError } from './text';
import { WorkspaceFolderInfo, WorkspaceLocation, WorkspacePort, displayPath } from './workspacePort';

export type ApprovalMode = 'auto' | 'ask';

/** The chat's mode: Ask is read-only; Agent adds the tools marked agentOnly. */
export type ChatMode = 'ask' | 'agent';

/** What one turn's tool calls share beyond the settings: its mode and, in Agent mode, its proposals. */
export interface ToolScope {
  mode: ChatMode;
  /** The turn's proposed changes (src/agent/changeSet.ts); absent: the write tools refuse. */
  changes?: import('../agent/changeSet').ChangeSet;
  /** Largest file the agent edits, in bytes (gemini.agent.maxFileBytes). */
  maxEditBytes?: number;
}

export const ASK_SCOPE: ToolScope = { mode: 'ask' };

export interface ToolSettings {
  enabled: boolean;
  approval: ApprovalMode;
  /** Largest file read in one piece; larger files are paged (read_file) or skipped (search_text). */
  maxFileBytes: number;
  /** Largest output one call returns to the model. */
  maxResultBytes: number;
  /** Command prefixes run_command may run without asking (gemini.agent.allowedCommands). */
  allowedCommands?: readonly string[];
  /** run_command's time limit (gemini.agent.commandTimeoutSeconds). */
  commandTimeoutSeconds?: number;
}

/** The tools' view of the settings table (src/config/settings.ts, keys `tools.*`). */
export function toolSettingsFrom(values: {
  'tools.enabled': boolean;
  'tools.approval': string;
  'tools.maxFileBytes': number;
  'tools.maxResultBytes': number;
  'agent.allowedCommands'?: readonly string[];
  'agent.commandTimeoutSeconds'?: number;
}): ToolSettings {
  return {
    allowedCommands: values['agent.allowedCommands'] ?? [],
    commandTimeoutSeconds: values['agent.commandTimeoutSeconds'] ?? 300,
    enabled: values['tools.enabled'],
    approval: values['tools.approval'] === 'ask' ? 'ask' : 'auto',
    maxFileBytes: values['tools.maxFileBytes'],
    maxResultBytes: values['tools.maxResultBytes'],
  };
}

export class ToolCallContext {
  readonly rules: WorkspaceIgnoreRules;
  /** Terminals, for run_command and get_terminal_output; absent where commands cannot run. */
  terminal?: TerminalPort;
  readonly folders: readonly WorkspaceFolderInfo[];
  private readonly realRoots = new Map<number, Promise<string | undefined>>();

  constructor(
    readonly port: WorkspacePort,
    readonly settings: ToolSettings,
    readonly signal: AbortSignal,
    readonly logger: Logger,
    readonly scope: ToolScope = ASK_SCOPE,
    /** Faster engines for search_text and find_files (ripgrep, a regex worker), when present. */
    readonly services: SearchServices = {},
  ) {
    this.rules = new WorkspaceIgnoreRules(port);
    this.folders = port.folders();
  }

  get multiRoot(): boolean {
    return this.folders.length > 1;
  }

  display(location: WorkspaceLocation): string {
    return displayPath(location, this.multiRoot);
  }

  /** The folder root with links resolved, or undefined where the file system cannot tell. */
  realRoot(folder: WorkspaceFolderInfo): Promise<string | undefined> {
    let root = this.realRoots.get(folder.index);
    if (!root) {
      root = this.port.realPath({ folder, path: '' }).catch(() => undefined);
      this.realRoots.set(folder.index, root);
    }
    return root;
  }

  throwIfCancelled(): void {
    if (this.signal.aborted) throw new ToolError('Cancelled by the user.');
  }
}
