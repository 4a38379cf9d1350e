// Makes sure a real VS Code (code-server's server + web workbench) and the Node 24 runtime it
// needs are in the cache, by running scripts/install-vscode.sh, which reuses what is there. The
// script itself drops the outer npm's state from the environment (this runs under `npm test`).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './paths';

export interface VSCodeInstall {
  /** Node 24 binary; VS Code's server refuses older runtimes. */
  node: string;
  /** The code-server package folder. */
  codeServerDir: string;
  /** `lib/vscode/out/server-main.js` inside it. */
  serverMain: string;
  /** VS Code version of the bundled workbench, e.g. 1.139.1. */
  vscodeVersion: string;
}

let cached: Promise<VSCodeInstall> | undefined;

export function installVSCode(): Promise<VSCodeInstall> {
  cached ??= runInstallScript();
  return cached;
}

function runInstallScript(): Promise<VSCodeInstall> {
  const script = path.join(REPO_ROOT, 'scripts', 'install-vscode.sh');
  return new Promise((resolve, reject) => {
    // stderr carries the install progress; let the person watching see it.
    const child = spawn('bash', [script], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`scripts/install-vscode.sh failed with exit code ${code}`));
      const lines = stdout.trim().split('\n');
      const [node, codeServerDir] = lines.slice(-2).map((l) => l.trim());
      const serverMain = path.join(codeServerDir, 'lib', 'vscode', 'out', 'server-main.js');
      if (!existsSync(node) || !existsSync(serverMain)) {
        return reject(new Error(`install-vscode.sh printed paths that do not exist:\n${lines.slice(-2).join('\n')}`));
      }
      const product = JSON.parse(readFileSync(path.join(codeServerDir, 'lib', 'vscode', 'product.json'), 'utf8'));
      resolve({ node, codeServerDir, serverMain, vscodeVersion: String(product.version) });
    });
  });
}
