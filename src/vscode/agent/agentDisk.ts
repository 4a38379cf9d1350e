// The agent's own file access: the guard before an apply, the check after it, and the checkpoint
// files. `file:` URIs go straight to node:fs (through LocalDisk, the tools' fast path, so errors
// read as workspace.fs's); every other scheme goes through vscode.workspace.fs. From the extension
// host each workspace.fs call is a trip through VS Code's file service; for a 100-file accept
// those calls cost more than the guard itself (docs/BENCHMARKS.md, "Agent mode").
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LocalDisk, toFileSystemError } from '../workspace/localDisk';

const local = new LocalDisk();

/** Whether the entry exists and is a symbolic link (a dangling link exists); undefined when absent. */
export async function linkStat(uri: vscode.Uri): Promise<{ isSymlink: boolean } | undefined> {
  if (uri.scheme === 'file') {
    const stat = await local.stat(uri.fsPath);
    return stat && { isSymlink: stat.isSymlink };
  }
  try {
    return { isSymlink: ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.SymbolicLink) !== 0 };
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
    throw error;
  }
}

export function readBytes(uri: vscode.Uri): Promise<Uint8Array> {
  return uri.scheme === 'file' ? local.readFile(uri.fsPath) : Promise.resolve(vscode.workspace.fs.readFile(uri));
}

/** Writes a file, creating its folder first. */
export async function writeBytes(uri: vscode.Uri, bytes: Uint8Array): Promise<void> {
  if (uri.scheme !== 'file') return vscode.workspace.fs.writeFile(uri, bytes);
  try {
    await fs.mkdir(path.dirname(uri.fsPath), { recursive: true });
    await fs.writeFile(uri.fsPath, bytes);
  } catch (error) {
    throw toFileSystemError(error);
  }
}

/** Deletes a file; one that is already gone is not an error. */
export async function removeFile(uri: vscode.Uri): Promise<void> {
  if (uri.scheme === 'file') return fs.rm(uri.fsPath, { force: true }).catch((error) => { throw toFileSystemError(error); });
  await Promise.resolve(vscode.workspace.fs.delete(uri)).catch((error: vscode.FileSystemError) => { if (error.code !== 'FileNotFound') throw error; });
}
