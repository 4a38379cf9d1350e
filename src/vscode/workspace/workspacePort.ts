// The WorkspacePort over VS Code: files through workspace.fs (so remote and virtual workspaces
// work), problems from the languages API, tabs and selection from window. `file:` folders are on
// the extension host's own disk (locally, and in a remote window where the host runs beside the
// files), so their stat, reads and listings go straight to node:fs (localDisk.ts), with the same
// results workspace.fs gives but without a round trip to the workbench per call (issue 19).
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import { readGitExcludes } from '../../node/gitExcludes';
import { absolutePath } from '../../tools/nodeWorkspacePort';
import { LocalDisk } from './localDisk';
import {
  ActiveSelection, ByteRange, DiagnosticInfo, DiagnosticSeverity, DirectoryEntry, EntryKind, EntryStat,
  FileDiagnostics, GitRuleFile, OpenEditorInfo, WorkspaceFolderInfo, WorkspaceLocation, WorkspacePort,
} from '../../tools/workspacePort';

/** workspace.fs has no ranged read: a paged file is read whole once and kept this long. */
const PAGED_FILE_TTL_MS = 60_000;
const MAX_PAGED_FILE_BYTES = 512 * 1024 * 1024;

const SEVERITY: Record<vscode.DiagnosticSeverity, DiagnosticSeverity> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'info',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

export interface VsCodeWorkspacePortOptions {
  /** Serve `file:` URIs from node:fs (default true); false forces workspace.fs (tests, benchmarks); tests may pass their own. */
  localDisk?: boolean | LocalDisk;
}

export class VsCodeWorkspacePort implements WorkspacePort, vscode.Disposable {
  private paged: { key: string; bytes: Uint8Array; timer: NodeJS.Timeout } | undefined;
  private readonly disk: LocalDisk | undefined;

  constructor(options: VsCodeWorkspacePortOptions = {}) {
    this.disk = options.localDisk === false ? undefined : options.localDisk === true || options.localDisk === undefined ? new LocalDisk() : options.localDisk;
  }

  folders(): readonly WorkspaceFolderInfo[] {
    return (vscode.workspace.workspaceFolders ?? []).map((folder) => ({
      index: folder.index,
      name: folder.name,
      uri: folder.uri.toString(),
      fsPath: folder.uri.scheme === 'file' ? folder.uri.fsPath : undefined,
    }));
  }

  async stat(location: WorkspaceLocation): Promise<EntryStat | undefined> {
    const local = this.localPath(location);
    if (local !== undefined) return this.disk!.stat(local);
    const uri = this.uriOf(location);
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      const kind = kindOf(stat.type);
      // vscode.FileStat has no link count: on a local disk ask node:fs (the hard-link policy in
      // sensitiveFiles.ts); remote and virtual file systems leave it unknown.
      const links = kind === 'file' && uri.scheme === 'file' ? await fs.stat(uri.fsPath).then((s) => s.nlink, () => undefined) : undefined;
      return { kind, isSymlink: (stat.type & vscode.FileType.SymbolicLink) !== 0, size: stat.size, mtime: stat.mtime, links };
    } catch (error) {
      if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
      throw error;
    }
  }

  async readFile(location: WorkspaceLocation, range?: ByteRange): Promise<Uint8Array> {
    const local = this.localPath(location);
    if (local !== undefined) return this.disk!.readFile(local, range);
    const uri = this.uriOf(location);
    if (!range) return vscode.workspace.fs.readFile(uri);
    const stat = await vscode.workspace.fs.stat(uri);
    if (range.offset === 0 && range.length >= stat.size) return vscode.workspace.fs.readFile(uri);
    if (stat.size > MAX_PAGED_FILE_BYTES) {
      throw Object.assign(new Error(`file too large to page through workspace.fs (${stat.size} bytes)`), { code: 'EFBIG' });
    }
    const key = `${uri.toString()}|${stat.mtime}|${stat.size}`;
    if (this.paged?.key !== key) {
      const bytes = await vscode.workspace.fs.readFile(uri);
      this.dropPaged();
      this.paged = { key, bytes, timer: setTimeout(() => this.dropPaged(), PAGED_FILE_TTL_MS) };
    } else {
      this.paged.timer.refresh();
    }
    return this.paged.bytes.subarray(range.offset, range.offset + range.length);
  }

  async readFileIfSmall(location: WorkspaceLocation, maxBytes: number): Promise<Uint8Array | undefined> {
    const local = this.localPath(location);
    if (local !== undefined) return this.disk!.readFileIfSmall(local, maxBytes);
    const uri = this.uriOf(location);
    const stat = await vscode.workspace.fs.stat(uri);
    return stat.size > maxBytes ? undefined : vscode.workspace.fs.readFile(uri);
  }

  async readDirectory(location: WorkspaceLocation): Promise<DirectoryEntry[]> {
    const local = this.localPath(location);
    if (local !== undefined) return this.disk!.readDirectory(local);
    const uri = this.uriOf(location);
    const entries = await vscode.workspace.fs.readDirectory(uri);
    return entries.map(([name, type]) => ({ name, kind: kindOf(type), isSymlink: (type & vscode.FileType.SymbolicLink) !== 0 }));
  }

  async realPath(location: WorkspaceLocation): Promise<string | undefined> {
    const uri = this.uriOf(location);
    if (uri.scheme !== 'file') return undefined;
    return fs.realpath(uri.fsPath);
  }

  excludeGlobs(folder: WorkspaceFolderInfo): readonly string[] {
    const exclude = vscode.workspace.getConfiguration('files', this.folderUri(folder)).get<Record<string, unknown>>('exclude') ?? {};
    // `{ when: ... }` entries depend on sibling files; they are left to VS Code's own views.
    return Object.entries(exclude).filter(([, on]) => on === true).map(([glob]) => glob);
  }

  /** Local folders: the global excludes file and info/exclude; elsewhere info/exclude alone. */
  async gitExcludeFiles(folder: WorkspaceFolderInfo): Promise<readonly GitRuleFile[]> {
    if (folder.fsPath) return readGitExcludes(folder.fsPath);
    try {
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.folderUri(folder), '.git', 'info', 'exclude'));
      return bytes.length <= 1024 * 1024 ? [{ label: '.git/info/exclude', text: new TextDecoder().decode(bytes) }] : [];
    } catch {
      return [];
    }
  }

  async diagnostics(location?: WorkspaceLocation): Promise<FileDiagnostics[]> {
    const pairs: [vscode.Uri, readonly vscode.Diagnostic[]][] = location
      ? [[this.uriOf(location), vscode.languages.getDiagnostics(this.uriOf(location))]]
      : vscode.languages.getDiagnostics();
    return pairs.map(([uri, diagnostics]) => ({
      uri: uri.toString(),
      location: this.locationOf(uri),
      diagnostics: diagnostics.map(toDiagnosticInfo),
    }));
  }

  async openEditors(): Promise<OpenEditorInfo[]> {
    const editors: OpenEditorInfo[] = [];
    for (const group of vscode.window.tabGroups.all) {
      for (const tab of group.tabs) {
        const { uri, kind } = tabTarget(tab);
        const document = uri && vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        editors.push({
          uri: uri?.toString() ?? '',
          location: uri && this.locationOf(uri),
          label: tab.label,
          kind,
          languageId: document?.languageId,
          isActive: group.isActive && tab.isActive,
          isDirty: tab.isDirty,
          isVisible: tab.isActive,
          group: group.viewColumn,
        });
      }
    }
    return editors;
  }

  async activeSelection(): Promise<ActiveSelection | undefined> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return undefined;
    const { document } = editor;
    return {
      uri: document.uri.toString(),
      location: this.locationOf(document.uri),
      untitled: document.isUntitled,
      languageId: document.languageId,
      lineCount: document.lineCount,
      selections: editor.selections.map((s) => ({
        startLine: s.start.line + 1,
        startColumn: s.start.character + 1,
        endLine: s.end.line + 1,
        endColumn: s.end.character + 1,
        text: document.getText(s),
      })),
    };
  }

  dispose(): void {
    this.dropPaged();
  }

  private dropPaged(): void {
    if (this.paged) clearTimeout(this.paged.timer);
    this.paged = undefined;
  }

  private folderUri(folder: WorkspaceFolderInfo): vscode.Uri {
    const current = vscode.workspace.workspaceFolders?.[folder.index];
    // The folder list can change while a call runs; never resolve against a different folder.
    if (!current || current.uri.toString() !== folder.uri) throw new Error('the workspace folders changed during the tool call');
    return current.uri;
  }

  /** A `file:` location's path on the host's disk when the fast path serves it (what uriOf(..).fsPath gives, without a Uri per call). */
  private localPath(location: WorkspaceLocation): string | undefined {
    if (!this.disk) return undefined;
    const root = this.folderUri(location.folder);
    return root.scheme === 'file' ? absolutePath(root.fsPath, location.path) : undefined;
  }

  private uriOf(location: WorkspaceLocation): vscode.Uri {
    const root = this.folderUri(location.folder);
    return location.path ? vscode.Uri.joinPath(root, ...location.path.split('/')) : root;
  }

  private locationOf(uri: vscode.Uri): WorkspaceLocation | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return undefined;
    const rootPath = folder.uri.path.replace(/\/+$/, '');
    if (uri.path !== rootPath && !uri.path.startsWith(`${rootPath}/`)) return undefined;
    const info = this.folders()[folder.index];
    return { folder: info, path: uri.path.slice(rootPath.length + 1) };
  }
}

function kindOf(type: vscode.FileType): EntryKind {
  if (type & vscode.FileType.Directory) return 'directory';
  if (type & vscode.FileType.File) return 'file';
  return 'other';
}

function toDiagnosticInfo(d: vscode.Diagnostic): DiagnosticInfo {
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  return {
    severity: SEVERITY[d.severity] ?? 'info',
    message: d.message,
    source: d.source,
    code: code === undefined ? undefined : String(code),
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
  };
}

function tabTarget(tab: vscode.Tab): { uri?: vscode.Uri; kind: OpenEditorInfo['kind'] } {
  const input = tab.input;
  if (input instanceof vscode.TabInputText) return { uri: input.uri, kind: 'text' };
  if (input instanceof vscode.TabInputTextDiff) return { uri: input.modified, kind: 'diff' };
  if (input instanceof vscode.TabInputNotebook) return { uri: input.uri, kind: 'notebook' };
  return { kind: 'other' };
}
