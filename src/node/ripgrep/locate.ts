// Finds the ripgrep binary VS Code ships, from its application root (vscode.env.appRoot), across
// the layouts VS Code has used: @vscode/ripgrep-universal (1.139: one folder per platform) and
// @vscode/ripgrep, each either plain or under node_modules.asar.unpacked. Node-only, no vscode.
import { accessSync, constants, statSync } from 'node:fs';
import * as path from 'node:path';

/** Every place a ripgrep binary may sit below `appRoot`, most likely first. */
export function ripgrepCandidates(appRoot: string, platform: string = process.platform, arch: string = process.arch): string[] {
  const exe = platform === 'win32' ? 'rg.exe' : 'rg';
  return ['node_modules', 'node_modules.asar.unpacked'].flatMap((modules) => [
    path.join(appRoot, modules, '@vscode', 'ripgrep-universal', 'bin', `${platform}-${arch}`, exe),
    path.join(appRoot, modules, '@vscode', 'ripgrep', 'bin', exe),
  ]);
}

/** The first candidate that is an executable file, or undefined. */
export function findRipgrep(appRoot: string | undefined, platform?: string, arch?: string): string | undefined {
  if (!appRoot) return undefined;
  return ripgrepCandidates(appRoot, platform, arch).find((file) => {
    try {
      if (!statSync(file).isFile()) return false;
      if (process.platform !== 'win32') accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}
