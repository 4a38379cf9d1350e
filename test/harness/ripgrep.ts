// The ripgrep binary of the installed VS Code (code-server 4.139.1), found the way the extension
// finds it from vscode.env.appRoot. Runs scripts/install-vscode.sh first (a no-op when VS Code
// is already in the cache), so the unit layer can test against the real binary on a fresh machine.
import * as path from 'node:path';
import { findRipgrep } from '../../src/node/ripgrep/locate';
import { installVSCode } from './install';

/**
 * How long a hook that calls these may wait: on a fresh machine the first caller installs VS Code
 * (2 to 15 minutes, the README says), and the unit layer runs before any other layer installs it.
 */
export const INSTALL_TIMEOUT_MS = 30 * 60_000;

/** VS Code's application root inside the install: what vscode.env.appRoot is there. */
export async function installedAppRoot(): Promise<string> {
  const install = await installVSCode();
  return path.join(install.codeServerDir, 'lib', 'vscode');
}

export async function installedRipgrep(): Promise<string> {
  const appRoot = await installedAppRoot();
  const binary = findRipgrep(appRoot);
  if (!binary) throw new Error(`no ripgrep under ${appRoot}: the VS Code install is incomplete`);
  return binary;
}
