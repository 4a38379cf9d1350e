// Everything one tool call works with: the port, the settings of the moment, the per-call ignore
// rule cache and the cancellation signal.
import { Logger } from '../common/logger';
import { WorkspaceIgnoreRules } from './ignoreRules';
import { SearchServices } from './searchBackend';
import { ToolError } from './text';
import { WorkspaceFolderInfo, WorkspaceLocation, WorkspacePort, displayPath } from './workspacePort';

export type ApprovalMode = 'auto' | 'ask';

export interface ToolSettings {
  enabled: boolean;
  approval: ApprovalMode;
  /** Largest file read in one piece; larger files are paged (read_file) or skipped (search_text). */
  maxFileBytes: number;
  /** Largest output one call returns to the model. */
  maxResultBytes: number;
}

/** The tools' view of the settings table (src/config/settings.ts, keys `tools.*`). */
export function toolSettingsFrom(values: {
  'tools.enabled': boolean;
  'tools.approval': string;
  'tools.maxFileBytes': number;
  'tools.maxResultBytes': number;
}): ToolSettings {
  return {
    enabled: values['tools.enabled'],
    approval: values['tools.approval'] === 'ask' ? 'ask' : 'auto',
    maxFileBytes: values['tools.maxFileBytes'],
    maxResultBytes: values['tools.maxResultBytes'],
  };
}

export class ToolCallContext {
  readonly rules: WorkspaceIgnoreRules;
  readonly folders: readonly WorkspaceFolderInfo[];
  private readonly realRoots = new Map<number, Promise<string | undefined>>();

  constructor(
    readonly port: WorkspacePort,
    readonly settings: ToolSettings,
    readonly signal: AbortSignal,
    readonly logger: Logger,
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
