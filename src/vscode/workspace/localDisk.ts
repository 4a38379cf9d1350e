// The VS Code port's fast path for `file:` URIs: stat, reads and listings through node:fs with
// the results vscode.workspace.fs gives the tools (VS Code's disk provider: a symlink carries its
// target's kind, a dangling one is 'other' with the link's own size and mtime, whole-millisecond
// mtimes, a link count for files only, FileNotFound → undefined from stat, node errors mapped to
// FileSystemError with the same codes and messages). The read helpers are NodeWorkspacePort's.
// test/integration/localDisk.test.ts runs both paths on one tree and compares.
import { promises as fs, Stats } from 'node:fs';
import * as vscode from 'vscode';
import { kindOf, listDirectory, readFileRange, SmallFileReader } from '../../tools/nodeWorkspacePort';
import { ByteRange, DirectoryEntry, EntryStat } from '../../tools/workspacePort';

export class LocalDisk {
  private readonly small = new SmallFileReader();

  async stat(file: string): Promise<EntryStat | undefined> {
    try {
      return await statLikeVsCode(file);
    } catch (error) {
      if ((error as vscode.FileSystemError).code === 'FileNotFound') return undefined;
      throw error;
    }
  }

  /**
   * workspace.fs's ranged read and readFileIfSmall stat before they read; the fast path reads
   * straight away and, only when that fails, stats to give the answer or error the stat would.
   */
  async readFile(file: string, range?: ByteRange): Promise<Uint8Array> {
    try {
      return range ? await readFileRange(file, range) : await fs.readFile(file);
    } catch (error) {
      if (range) await statLikeVsCode(file);
      throw toFileSystemError(error);
    }
  }

  async readFileIfSmall(file: string, maxBytes: number): Promise<Uint8Array | undefined> {
    try {
      return await this.small.read(file, maxBytes);
    } catch (error) {
      if ((await statLikeVsCode(file)).size > maxBytes) return undefined;
      throw toFileSystemError(error);
    }
  }

  async readDirectory(dir: string): Promise<DirectoryEntry[]> {
    try {
      return await listDirectory(dir, { dropUnstatableLinks: true });
    } catch (error) {
      throw toFileSystemError(error);
    }
  }
}

/** VS Code's SymlinkSupport.stat: lstat, then stat through a link; a missing target makes it dangling. */
async function statLikeVsCode(file: string): Promise<EntryStat> {
  let link: Stats | undefined;
  try {
    link = await fs.lstat(file);
    if (!link.isSymbolicLink()) return toEntry(link, false);
  } catch {
    // As VS Code does: fall through to stat, whose error is the one reported.
  }
  try {
    return toEntry(await fs.stat(file), link !== undefined);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && link) {
      return { kind: 'other', isSymlink: true, size: link.size, mtime: link.mtime.getTime(), links: undefined };
    }
    throw toFileSystemError(error);
  }
}

function toEntry(stat: Stats, isSymlink: boolean): EntryStat {
  const kind = kindOf(stat);
  return { kind, isSymlink, size: stat.size, mtime: stat.mtime.getTime(), links: kind === 'file' ? stat.nlink : undefined };
}

/**
 * The codes VS Code's disk provider gives node errors, with the messages the extension host's
 * workspace.fs throws: "Error: " + node's message (it passes the error through String()), "File
 * is a directory" for any read of a directory, and for other codes the doubled name it builds.
 */
export function toFileSystemError(error: unknown): vscode.FileSystemError {
  if (error instanceof vscode.FileSystemError) return error;
  const message = `Error: ${error instanceof Error ? error.message : String(error)}`; // l10n-ignore: workspace.fs's own text
  switch ((error as NodeJS.ErrnoException)?.code) {
    case 'ENOENT': return vscode.FileSystemError.FileNotFound(message);
    case 'EISDIR': return vscode.FileSystemError.FileIsADirectory('File is a directory');
    case 'ENOTDIR': return vscode.FileSystemError.FileNotADirectory(message);
    case 'EEXIST': return vscode.FileSystemError.FileExists(message);
    case 'EPERM': case 'EACCES': return vscode.FileSystemError.NoPermissions(message);
    default: {
      const unknown = new vscode.FileSystemError(message);
      unknown.name = 'Unknown (FileSystemError) (FileSystemError)'; // l10n-ignore: VS Code's own error name, matched exactly
      return unknown;
    }
  }
}
