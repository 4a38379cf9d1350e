// What the workspace tools need from the editor, as a small interface so the tools stay pure:
// the VS Code implementation (src/vscode/workspace/workspacePort.ts) goes through workspace.fs and the
// languages/window APIs; the Node one (nodeWorkspacePort.ts) serves unit tests and benchmarks.
// Every path a tool hands to a port has already passed the path policy (pathPolicy.ts).

export interface WorkspaceFolderInfo {
  /** Position in the workspace's folder list. */
  index: number;
  name: string;
  /** The folder's URI as a string (file:, vscode-remote:, vscode-vfs: ...), for display only. */
  uri: string;
  /**
   * Absolute file-system path when the folder lives on a `file:` file system. Lets an absolute
   * path the model sends be mapped back inside the folder; absent for remote/virtual folders.
   */
  fsPath?: string;
}

/** A place inside a workspace folder. */
export interface WorkspaceLocation {
  folder: WorkspaceFolderInfo;
  /** POSIX path relative to the folder root: no leading slash, no '.', '..' or empty segments; '' is the root. */
  path: string;
}

/** 'other' covers broken symlinks, sockets, devices: nothing a tool reads. */
export type EntryKind = 'file' | 'directory' | 'other';

export interface EntryStat {
  /** The kind of the target when the entry is a symlink. */
  kind: EntryKind;
  isSymlink: boolean;
  size: number;
  /** Modification time, ms since the epoch. */
  mtime: number;
  /**
   * How many hard links (names) the file has, where the file system says (local disks); undefined
   * on remote and virtual file systems. See hardLinkRule in sensitiveFiles.ts.
   */
  links?: number;
}

export interface GitRuleFile {
  label: 'core.excludesFile' | '.git/info/exclude';
  text: string;
}

export interface DirectoryEntry {
  name: string;
  kind: EntryKind;
  isSymlink: boolean;
}

export interface ByteRange {
  offset: number;
  length: number;
}

export type DiagnosticSeverity = 'error' | 'warning' | 'info' | 'hint';

/** Lines and columns are 1-based, as people and models count. */
export interface DiagnosticInfo {
  severity: DiagnosticSeverity;
  message: string;
  source?: string;
  code?: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface FileDiagnostics {
  /** Absent when the file is outside every workspace folder. */
  location?: WorkspaceLocation;
  uri: string;
  diagnostics: DiagnosticInfo[];
}

export interface OpenEditorInfo {
  location?: WorkspaceLocation;
  uri: string;
  /** The tab's label (file name, or e.g. "Untitled-1"). */
  label: string;
  kind: 'text' | 'diff' | 'notebook' | 'other';
  languageId?: string;
  isActive: boolean;
  isDirty: boolean;
  isVisible: boolean;
  /** 1-based editor group (view column). */
  group: number;
}

export interface SelectionRange {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  /** The selected text; '' for a bare cursor. */
  text: string;
}

export interface ActiveSelection {
  location?: WorkspaceLocation;
  uri: string;
  /** An unsaved buffer that has no file behind it. */
  untitled: boolean;
  languageId: string;
  lineCount: number;
  selections: SelectionRange[];
}

export interface WorkspacePort {
  folders(): readonly WorkspaceFolderInfo[];
  /** undefined when nothing exists at the location. Follows symlinks, but reports that it did. */
  stat(location: WorkspaceLocation): Promise<EntryStat | undefined>;
  /** The whole file, or at most `range.length` bytes from `range.offset` (shorter at the end). */
  readFile(location: WorkspaceLocation, range?: ByteRange): Promise<Uint8Array>;
  /**
   * The whole file when it has at most `maxBytes`, otherwise undefined without reading it.
   * Searches use this: some file systems (workspace.fs) cannot read just the start of a file.
   */
  readFileIfSmall(location: WorkspaceLocation, maxBytes: number): Promise<Uint8Array | undefined>;
  readDirectory(location: WorkspaceLocation): Promise<DirectoryEntry[]>;
  /**
   * The canonical absolute path with every symlink resolved, or undefined when this file system
   * cannot resolve links (remote and virtual schemes); then symlinks are refused, not followed.
   */
  realPath(location: WorkspaceLocation): Promise<string | undefined>;
  /** The folder's `files.exclude` globs that are switched on (VS Code glob syntax). */
  excludeGlobs(folder: WorkspaceFolderInfo): readonly string[];
  /**
   * git's rule files beyond .gitignore that apply at the folder root: the global
   * core.excludesFile, then .git/info/exclude (later wins). Absent or [] where unreadable.
   */
  gitExcludeFiles?(folder: WorkspaceFolderInfo): Promise<readonly GitRuleFile[]>;
  /** Diagnostics of one file, or of everything the editor knows when no location is given. */
  diagnostics(location?: WorkspaceLocation): Promise<FileDiagnostics[]>;
  openEditors(): Promise<OpenEditorInfo[]>;
  activeSelection(): Promise<ActiveSelection | undefined>;
}

export function childLocation(parent: WorkspaceLocation, name: string): WorkspaceLocation {
  return { folder: parent.folder, path: parent.path ? `${parent.path}/${name}` : name };
}

export function parentPath(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** How the model sees a location: "folder/path" in a multi-root workspace, "path" otherwise. */
export function displayPath(location: WorkspaceLocation, multiRoot: boolean): string {
  if (multiRoot) return location.path ? `${location.folder.name}/${location.path}` : location.folder.name;
  return location.path || '.';
}

export function locationKey(location: WorkspaceLocation): string {
  return `${location.folder.uri}\u0000${location.path}`;
}
