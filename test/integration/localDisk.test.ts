// The VS Code port's `file:` fast path (node:fs, src/vscode/workspace/localDisk.ts) against the
// same port forced onto vscode.workspace.fs, in a real extension host (issue 19): the same
// operations on one tree of awkward entries (file, directory, dangling and escaping symlinks, a
// symlink loop, an unreadable file, a hard link, Unicode and CRLF names and contents) must give
// equal stats, bytes, listings and errors, and search_text / find_files equal answers.
import * as assert from 'node:assert/strict';
import { chmodSync, linkSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ToolRegistry } from '../../src/tools/registry';
import { inThreadRegexRunner } from '../../src/tools/textMatcher';
import { ByteRange, WorkspaceLocation } from '../../src/tools/workspacePort';
import { LocalDisk } from '../../src/vscode/workspace/localDisk';
import { VsCodeWorkspacePort } from '../../src/vscode/workspace/workspacePort';

const DIR = 'local-disk-check';
const CRLF_NAME = 'crlf ünïcödé 日本.txt';
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/** A result or the error it threw, in a form deepEqual can compare. */
async function outcome<T>(op: () => Promise<T>): Promise<unknown> {
  try {
    const value = await op();
    return value instanceof Uint8Array ? { bytes: Buffer.from(value).toString('latin1') } : { value };
  } catch (error) {
    const e = error as vscode.FileSystemError;
    return { error: { isFileSystemError: e instanceof vscode.FileSystemError, code: e.code, name: e.name, message: e.message } };
  }
}

describe('the VS Code port: node:fs for file: folders gives what workspace.fs gives', function () {
  this.timeout(120_000);
  const fast = new VsCodeWorkspacePort();
  const slow = new VsCodeWorkspacePort({ localDisk: false });
  let root: string;
  let outside: string;

  before(() => {
    root = path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, DIR);
    outside = mkdtempSync(path.join(tmpdir(), 'gemini-local-disk-outside-'));
    writeFileSync(path.join(outside, 'secret.txt'), 'outside the folder\n');
    mkdirSync(path.join(root, 'sub dir'), { recursive: true });
    writeFileSync(path.join(root, 'plain.ts'), 'export const diskcheck = 1;\n');
    writeFileSync(path.join(root, CRLF_NAME), 'first diskcheck ÿ\r\nsecond 日本 diskcheck\r\n');
    writeFileSync(path.join(root, 'sub dir', 'inner.md'), '# diskcheck inside\n');
    writeFileSync(path.join(root, 'unreadable.txt'), 'diskcheck locked\n');
    chmodSync(path.join(root, 'unreadable.txt'), 0o000);
    linkSync(path.join(root, 'plain.ts'), path.join(root, 'hardlink.ts'));
    symlinkSync('plain.ts', path.join(root, 'file-link.ts'));
    symlinkSync('sub dir', path.join(root, 'dir-link'));
    symlinkSync('no-such-target', path.join(root, 'dangling'));
    symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'escape.txt'));
    symlinkSync(outside, path.join(root, 'escape-dir'));
    symlinkSync('loop-b', path.join(root, 'loop-a'));
    symlinkSync('loop-a', path.join(root, 'loop-b'));
  });
  after(() => {
    chmodSync(path.join(root, 'unreadable.txt'), 0o644);
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
    fast.dispose();
    slow.dispose();
  });

  const at = (relative: string): WorkspaceLocation => ({ folder: fast.folders()[0], path: relative ? `${DIR}/${relative}` : DIR });
  const ENTRIES = ['', 'plain.ts', CRLF_NAME, 'sub dir', 'sub dir/inner.md', 'unreadable.txt', 'hardlink.ts', 'file-link.ts',
    'dir-link', 'dir-link/inner.md', 'dangling', 'escape.txt', 'escape-dir', 'loop-a', 'missing.txt', 'plain.ts/child'];

  async function both(name: string, op: (port: VsCodeWorkspacePort) => Promise<unknown>): Promise<void> {
    const [nodeFs, workspaceFs] = [await outcome(() => op(fast)), await outcome(() => op(slow))];
    assert.deepEqual(nodeFs, workspaceFs, `${name}: node:fs ${JSON.stringify(nodeFs)} vs workspace.fs ${JSON.stringify(workspaceFs)}`);
  }

  it('stat: kind, symlink flag, size, mtime, link count, FileNotFound → undefined, other errors', async () => {
    for (const entry of ENTRIES) await both(`stat ${entry}`, (port) => port.stat(at(entry)));
    // The hard link's count is seen on both paths (the sensitive-file policy reads it).
    assert.equal((await fast.stat(at('hardlink.ts')))?.links, 2);
  });

  it('readFile whole and ranged, readFileIfSmall under and over the cap', async () => {
    for (const entry of ENTRIES) {
      await both(`readFile ${entry}`, (port) => port.readFile(at(entry)));
      await both(`readFile ${entry} [3, +9)`, (port) => port.readFile(at(entry), { offset: 3, length: 9 }));
      await both(`readFile ${entry} past the end`, (port) => port.readFile(at(entry), { offset: 10_000, length: 9 }));
      await both(`readFileIfSmall ${entry} 1 MB`, (port) => port.readFileIfSmall(at(entry), 1024 * 1024));
      await both(`readFileIfSmall ${entry} 4 bytes`, (port) => port.readFileIfSmall(at(entry), 4));
    }
  });

  it('file: URIs go to node:fs on the default port, not on the forced one (so the spec compares two paths)', async () => {
    const calls: string[] = [];
    class CountingDisk extends LocalDisk {
      override stat(file: string) { calls.push('stat'); return super.stat(file); }
      override readFile(file: string, range?: ByteRange) { calls.push('readFile'); return super.readFile(file, range); }
      override readFileIfSmall(file: string, maxBytes: number) { calls.push('readFileIfSmall'); return super.readFileIfSmall(file, maxBytes); }
      override readDirectory(dir: string) { calls.push('readDirectory'); return super.readDirectory(dir); }
    }
    const counted = new VsCodeWorkspacePort({ localDisk: new CountingDisk() });
    const run = async (port: VsCodeWorkspacePort) => [
      await port.stat(at('plain.ts')), await port.readFile(at('plain.ts'), { offset: 1, length: 3 }),
      await port.readFileIfSmall(at('plain.ts'), 100), await port.readDirectory(at('sub dir')),
    ];
    assert.deepEqual(await run(counted), await run(slow));
    assert.deepEqual(calls, ['stat', 'readFile', 'readFileIfSmall', 'readDirectory']);
    counted.dispose();
  });

  it('readDirectory: names, kinds and symlink flags (the walker sorts, so order aside)', async () => {
    const sorted = (port: VsCodeWorkspacePort, entry: string) => port.readDirectory(at(entry)).then((list) => list.sort((a, b) => (a.name < b.name ? -1 : 1)));
    for (const entry of ENTRIES) await both(`readDirectory ${entry}`, (port) => sorted(port, entry));
    const listed = await sorted(fast, '');
    assert.ok(listed.some((e) => e.name === 'dangling' && e.kind === 'other' && e.isSymlink));
    assert.ok(listed.some((e) => e.name === CRLF_NAME && e.kind === 'file'));
  });

  it('search_text and find_files answer alike on both paths', async () => {
    const settings = { enabled: true, approval: 'auto' as const, maxFileBytes: 262144, maxResultBytes: 64 * 1024 };
    const registry = (port: VsCodeWorkspacePort) => new ToolRegistry({
      port, settings: () => settings, approver: { approve: async () => 'deny' as const }, logger: quiet, search: { regexRunner: inThreadRegexRunner },
    });
    const signal = new AbortController().signal;
    const calls = [
      { name: 'search_text', args: { query: 'diskcheck', path: DIR } },
      { name: 'search_text', args: { query: '日本 disk[a-z]+$', isRegex: true, path: DIR } },
      { name: 'find_files', args: { glob: `${DIR}/**` } },
      { name: 'read_file', args: { path: `${DIR}/${CRLF_NAME}` } },
      { name: 'read_file', args: { path: `${DIR}/escape.txt` } },
      { name: 'list_directory', args: { path: DIR } },
    ];
    for (const call of calls) {
      const [a, b] = [await registry(fast).execute({ id: 'n', ...call }, signal), await registry(slow).execute({ id: 'w', ...call }, signal)];
      assert.deepEqual(a, b, `${call.name} ${JSON.stringify(call.args)}`);
    }
    const found = await registry(fast).execute({ id: 'n', name: 'search_text', args: { query: 'diskcheck', path: DIR } }, signal);
    assert.match(String(found.response.output), /crlf ünïcödé 日本\.txt\n {2}1: first diskcheck ÿ\n {2}2: second 日本 diskcheck/);
  });
});
