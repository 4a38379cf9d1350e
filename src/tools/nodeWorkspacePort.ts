// A WorkspacePort over real folders on disk, through node:fs. Node-only (no vscode): it backs the
// unit tests and the search benchmark. The editor-only parts (diagnostics, tabs, selection)
// return what the caller seeded.
import { close, closeSync, fstatSync, open, openSync, promises as fs, read, readSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { GitEnvironment, readGitExcludes } from '../node/gitExcludes';
import {
  ActiveSelection, ByteRange, DirectoryEntry, EntryKind, EntryStat, FileDiagnostics, OpenEditorInfo,
  GitRuleFile, WorkspaceFolderInfo, WorkspaceLocation, WorkspacePort,
} from './workspacePort';

export interface NodeFolder {
  name?: string;
  path: string;
}

export interface NodeWorkspaceExtras {
  /** files.exclude globs per folder name (or '*' for every folder). */
  exclude?: Record<string, readonly string[]>;
  diagnostics?: FileDiagnostics[];
  openEditors?: OpenEditorInfo[];
  selection?: ActiveSelection;
  /** Where git's global config and excludes file are looked up; default: this process's HOME. */
  gitEnvironment?: GitEnvironment;
}

// The callback API through promisify: for many small reads it is several times faster than
// FileHandle objects, which matters when a search opens tens of thousands of files.
const openFile = promisify(open);
const closeFile = promisify(close);
const readInto = (fd: number, buffer: Buffer, at: number, length: number, position: number) =>
  new Promise<number>((resolve, reject) => read(fd, buffer, at, length, position, (error, bytesRead) => (error ? reject(error) : resolve(bytesRead))));

const FIRST_READ_BYTES = 64 * 1024;
/** A path that path.join would change: empty, '.' or '..' segments, a leading or trailing '/'. */
const UNNORMALISED = /(^|\/)\.{0,2}(\/|$)/;
/** Synchronous reads run this long at most before the port lets the event loop turn. */
const SYNC_SLICE_MS = 10;

/** A folder-relative path on disk; shared with the VS Code port's local-disk path. */
export function absolutePath(folderPath: string, relative: string): string {
  if (!relative) return folderPath;
  // Folder-relative paths are normalised by the path policy ('/'-separated, no '.' or '..'
  // segments); a walk asks for tens of thousands, so path.join is kept for anything else.
  if (path.sep === '/' && !folderPath.endsWith('/') && !UNNORMALISED.test(relative)) return `${folderPath}/${relative}`;
  return path.join(folderPath, ...relative.split('/'));
}

/** A real ranged read through a file descriptor (no whole-file read); shared with the VS Code port's local-disk path. */
export async function readFileRange(file: string, range: ByteRange): Promise<Buffer> {
  const fd = await openFile(file, 'r');
  try {
    return await readAt(fd, range.length, range.offset);
  } finally {
    await closeFile(fd);
  }
}

/**
 * A directory listing with one stat per symlink (its target's kind; 'other' when dangling), the
 * way VS Code's disk provider lists; shared with the VS Code port's local-disk path.
 */
export async function listDirectory(dir: string, options: { dropUnstatableLinks?: boolean } = {}): Promise<DirectoryEntry[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const listed: (DirectoryEntry | undefined)[] = new Array(entries.length);
  const links: Promise<void>[] = [];
  entries.forEach((entry, i) => {
    if (!entry.isSymbolicLink()) { listed[i] = { name: entry.name, kind: kindOf(entry), isSymlink: false }; return; }
    links.push(fs.stat(path.join(dir, entry.name)).then(kindOf, (error: NodeJS.ErrnoException) => {
      // VS Code's disk provider lists a dangling link as Unknown but leaves out a link it cannot
      // stat for another reason (a loop, no permission); dropUnstatableLinks does the same.
      if (options.dropUnstatableLinks && error.code !== 'ENOENT') return undefined;
      return 'other' as const;
    }).then((kind) => { listed[i] = kind && { name: entry.name, kind, isSymlink: true }; }));
  });
  if (links.length) await Promise.all(links);
  return listed.filter((entry): entry is DirectoryEntry => entry !== undefined);
}

/** Synchronous small-file reads, in slices of at most SYNC_SLICE_MS between turns of the event loop. */
export class SmallFileReader {
  private sliceStarted = 0;

  async read(file: string, maxBytes: number): Promise<Uint8Array | undefined> {
    if (Date.now() - this.sliceStarted > SYNC_SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      this.sliceStarted = Date.now();
    }
    return readSmallSync(file, maxBytes);
  }
}

async function readAt(fd: number, length: number, offset: number): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(length);
  let filled = 0;
  while (filled < length) {
    const bytesRead = await readInto(fd, buffer, filled, length - filled, offset + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}

export class NodeWorkspacePort implements WorkspacePort {
  private readonly infos: WorkspaceFolderInfo[];

  constructor(folders: readonly NodeFolder[], readonly extras: NodeWorkspaceExtras = {}) {
    this.infos = folders.map((folder, index) => {
      const fsPath = path.resolve(folder.path);
      return { index, name: folder.name ?? path.basename(fsPath), uri: `file://${fsPath}`, fsPath };
    });
  }

  folders(): readonly WorkspaceFolderInfo[] {
    return this.infos;
  }

  /** The absolute path of a location; the policy has already ruled out '..' and friends. */
  absolute(location: WorkspaceLocation): string {
    return absolutePath(location.folder.fsPath!, location.path);
  }

  async stat(location: WorkspaceLocation): Promise<EntryStat | undefined> {
    const file = this.absolute(location);
    let link;
    try {
      link = await fs.lstat(file);
    } catch {
      return undefined;
    }
    if (!link.isSymbolicLink()) return { kind: kindOf(link), isSymlink: false, size: link.size, mtime: link.mtimeMs, links: link.nlink };
    try {
      const target = await fs.stat(file);
      return { kind: kindOf(target), isSymlink: true, size: target.size, mtime: target.mtimeMs, links: target.nlink };
    } catch {
      return { kind: 'other', isSymlink: true, size: 0, mtime: link.mtimeMs };
    }
  }

  async readFile(location: WorkspaceLocation, range?: ByteRange): Promise<Uint8Array> {
    const file = this.absolute(location);
    if (!range) return fs.readFile(file);
    return readFileRange(file, range);
  }

  private readonly small = new SmallFileReader();

  /**
   * Most source files fit one first read, so they cost open, read, close: no fstat. Searches
   * read thousands of small files; the thread pool's hand-offs cost more than the reads, so they
   * are synchronous, in slices of at most SYNC_SLICE_MS between turns of the event loop.
   */
  async readFileIfSmall(location: WorkspaceLocation, maxBytes: number): Promise<Uint8Array | undefined> {
    return this.small.read(this.absolute(location), maxBytes);
  }

  /**
   * Listings stay on the thread pool (the directory reads of a search overlap with ripgrep and
   * with each other); only symlinks cost a further stat, of their target.
   */
  async readDirectory(location: WorkspaceLocation): Promise<DirectoryEntry[]> {
    return listDirectory(this.absolute(location));
  }

  async realPath(location: WorkspaceLocation): Promise<string | undefined> {
    try {
      return await fs.realpath(this.absolute(location));
    } catch {
      // A broken link or a missing file: resolve as far as the parent so the check still runs.
      const parent = await fs.realpath(path.dirname(this.absolute(location))).catch(() => undefined);
      return parent && path.join(parent, path.basename(this.absolute(location)));
    }
  }

  excludeGlobs(folder: WorkspaceFolderInfo): readonly string[] {
    return [...(this.extras.exclude?.['*'] ?? []), ...(this.extras.exclude?.[folder.name] ?? [])];
  }

  gitExcludeFiles(folder: WorkspaceFolderInfo): Promise<readonly GitRuleFile[]> {
    return readGitExcludes(folder.fsPath!, this.extras.gitEnvironment);
  }

  async diagnostics(location?: WorkspaceLocation): Promise<FileDiagnostics[]> {
    const all = this.extras.diagnostics ?? [];
    if (!location) return all;
    return all.filter((d) => d.location && d.location.folder.index === location.folder.index && d.location.path === location.path);
  }

  async openEditors(): Promise<OpenEditorInfo[]> {
    return this.extras.openEditors ?? [];
  }

  async activeSelection(): Promise<ActiveSelection | undefined> {
    return this.extras.selection;
  }
}

const scratch = Buffer.allocUnsafe(FIRST_READ_BYTES);

function readSmallSync(file: string, maxBytes: number): Uint8Array | undefined {
  const fd = openSync(file, 'r');
  try {
    // One scratch buffer for every first read: a fresh 64 KB per file is mostly garbage.
    const first = scratch;
    const length = readSync(fd, first, 0, Math.min(maxBytes + 1, FIRST_READ_BYTES), 0);
    if (length < FIRST_READ_BYTES && length <= maxBytes) return Buffer.from(first.subarray(0, length));
    const { size } = fstatSync(fd);
    if (size > maxBytes) return undefined;
    const whole = Buffer.allocUnsafe(size);
    first.copy(whole, 0, 0, length);
    let filled = length;
    while (filled < size) {
      const more = readSync(fd, whole, filled, size - filled, filled);
      if (more === 0) break;
      filled += more;
    }
    return whole.subarray(0, filled);
  } finally {
    closeSync(fd);
  }
}

export function kindOf(entry: { isFile(): boolean; isDirectory(): boolean }): EntryKind {
  return entry.isFile() ? 'file' : entry.isDirectory() ? 'directory' : 'other';
}
