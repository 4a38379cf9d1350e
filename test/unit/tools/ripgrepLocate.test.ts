// Where the extension looks for VS Code's ripgrep below vscode.env.appRoot: each layout VS Code
// has shipped, the real install first, then fakes of the other layouts in a temporary app root.
import * as assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { findRipgrep, ripgrepCandidates } from '../../../src/node/ripgrep/locate';
import { INSTALL_TIMEOUT_MS, installedAppRoot } from '../../harness/ripgrep';

describe('finding VS Code\'s ripgrep from the app root', function () {
  this.timeout(300_000);
  let root: string;
  beforeEach(() => { root = mkdtempSync(path.join(tmpdir(), 'gemini-approot-')); });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  function fake(relative: string, executable = true): string {
    const file = path.join(root, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, '#!/bin/sh\n');
    chmodSync(file, executable ? 0o755 : 0o644);
    return file;
  }

  it('finds the binary of the installed VS Code 1.139 (@vscode/ripgrep-universal)', async function () {
    this.timeout(INSTALL_TIMEOUT_MS);
    const appRoot = await installedAppRoot();
    assert.equal(findRipgrep(appRoot), path.join(appRoot, 'node_modules', '@vscode', 'ripgrep-universal', 'bin', `${process.platform}-${process.arch}`, 'rg'));
  });

  it('knows every layout, plain and asar-unpacked, and picks the first that exists', () => {
    assert.deepEqual(ripgrepCandidates('/app', 'darwin', 'arm64'), [
      '/app/node_modules/@vscode/ripgrep-universal/bin/darwin-arm64/rg',
      '/app/node_modules/@vscode/ripgrep/bin/rg',
      '/app/node_modules.asar.unpacked/@vscode/ripgrep-universal/bin/darwin-arm64/rg',
      '/app/node_modules.asar.unpacked/@vscode/ripgrep/bin/rg',
    ]);
    assert.ok(ripgrepCandidates('/app', 'win32', 'x64').every((file) => file.endsWith('rg.exe')));
    assert.equal(findRipgrep(root, 'linux', 'x64'), undefined);
    const unpacked = fake('node_modules.asar.unpacked/@vscode/ripgrep/bin/rg');
    assert.equal(findRipgrep(root, 'linux', 'x64'), unpacked);
    const plain = fake('node_modules/@vscode/ripgrep/bin/rg');
    assert.equal(findRipgrep(root, 'linux', 'x64'), plain);
    const universal = fake('node_modules/@vscode/ripgrep-universal/bin/linux-x64/rg');
    assert.equal(findRipgrep(root, 'linux', 'x64'), universal);
    assert.equal(findRipgrep(undefined), undefined);
  });

  it('skips a file that is not executable', () => {
    fake('node_modules/@vscode/ripgrep/bin/rg', false);
    assert.equal(findRipgrep(root, 'linux', 'x64'), undefined);
  });
});
