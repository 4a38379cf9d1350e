// search_text and find_files in the real extension host (issues 19 and 15.1): the tools find the
// ripgrep VS Code ships from vscode.env.appRoot and use it for the local workspace folder, honour
// .git/info/exclude through it, and a regex that takes RE2 seconds per file is stopped by a
// cancelled token while the host keeps running. Called through vscode.lm.invokeTool, the way
// other chats in VS Code call our tools (the same ToolRegistry our own chat uses).
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { findRipgrep } from '../../src/node/ripgrep/locate';
import { lmToolName } from '../../src/lm/tools';
import { hostScenario } from './faultsSupport';

const EXTENSION_ID = 'gemini-vscode-oss.gemini-for-vscode';
const HOSTILE = `${'[\\s\\S]{1,1000}'.repeat(10)}Z`;

interface LmInvoke {
  lm: { invokeTool(name: string, options: { input: object; toolInvocationToken: undefined }, token?: vscode.CancellationToken): Thenable<{ content: { value?: string }[] }> };
}
const lm = (vscode as unknown as LmInvoke).lm;

async function call(tool: string, input: object, token = new vscode.CancellationTokenSource().token): Promise<string> {
  const result = await lm.invokeTool(lmToolName(tool), { input, toolInvocationToken: undefined }, token);
  return result.content.map((part) => part.value ?? '').join('');
}

describe('search through VS Code\'s own ripgrep', function () {
  this.timeout(120_000);
  let root: string;
  let dir: string;

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    dir = path.join(root, 'rg-check');
    mkdirSync(path.join(dir, 'sub'), { recursive: true });
    writeFileSync(path.join(dir, 'one.txt'), 'alpha rgcheck-token\nbeta\r\ngamma rgcheck-token\r\n');
    writeFileSync(path.join(dir, 'sub', 'two.ts'), 'export const x = "rgcheck-token";\n');
    writeFileSync(path.join(dir, 'local-only.txt'), 'rgcheck-token hidden by info/exclude\n');
    writeFileSync(path.join(dir, 'hostile.txt'), `${'ab '.repeat(333)}a\n`.repeat(100));
    mkdirSync(path.join(root, '.git', 'info'), { recursive: true });
    writeFileSync(path.join(root, '.git', 'info', 'exclude'), 'rg-check/local-only.txt\n');
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(path.join(root, '.git'), { recursive: true, force: true });
  });

  it('finds VS Code\'s ripgrep from vscode.env.appRoot', () => {
    const binary = findRipgrep(vscode.env.appRoot);
    assert.ok(binary, `no ripgrep under ${vscode.env.appRoot}`);
    assert.match(binary, /@vscode[\\/]ripgrep/);
  });

  it('search_text runs on ripgrep: matches in walk order, CRLF lines clean, info/exclude honoured', async () => {
    const output = await call('search_text', { query: 'rgcheck-token', path: 'rg-check' });
    assert.equal(output, 'rg-check/one.txt\n  1: alpha rgcheck-token\n  3: gamma rgcheck-token\nrg-check/sub/two.ts\n  1: export const x = "rgcheck-token";');
    const none = await call('search_text', { query: 'no-such-text-anywhere-rg' });
    // Only the ripgrep path says this (it does not count what it passed over; the walker does).
    assert.match(none, /^No matches for text 'no-such-text-anywhere-rg' in \d+ files searched\.\n\(binary files, sensitive files and files over 256\.0 KB are not searched\)/);
  });

  hostScenario('security', 'files hidden only by .git/info/exclude, then searched, found and read through the tools', 'ripgrep and the tools leave them out; read_file refuses naming info/exclude', async () => {
    const found = await call('find_files', { glob: '**/local-only.txt' });
    assert.match(found, /^No files match/);
    const searched = await call('search_text', { query: 'hidden by info/exclude' });
    assert.match(searched, /^No matches/);
    const read = await call('read_file', { path: 'rg-check/local-only.txt' }).then(() => undefined, (e: Error) => e);
    assert.match(read?.message ?? '', /excluded by \.git\/info\/exclude/);
  });

  it('find_files lists through ripgrep, leaving out what info/exclude hides', async () => {
    const output = await call('find_files', { glob: 'rg-check/**' });
    assert.equal(output, 'rg-check/hostile.txt\nrg-check/one.txt\nrg-check/sub/two.ts');
  });

  it('a regex with large counted repetitions is checked on the worker thread of the bundle, then searched', async () => {
    // 50 × 50 copies: compiled on dist/lazy/regexWorker.js rather than the host's thread.
    const output = await call('search_text', { query: 'rgcheck-[a-z]{1,50}[0-9]{0,50}', isRegex: true, path: 'rg-check' });
    assert.match(output, /^rg-check\/one\.txt\n {2}1: alpha rgcheck-token/);
    const refused = await call('search_text', { query: '(unclosed[a-z]{1,50}[0-9]{0,50}', isRegex: true }).then(() => undefined, (e: Error) => e);
    assert.match(refused?.message ?? '', /invalid regular expression '\(unclosed.*RE2 syntax/);
  });

  hostScenario('security', "search_text with '[\\s\\S]{1,1000}' ten times then 'Z' over a 100 KB file, then Stop", 'the host keeps running while it matches, and Stop ends the call', async () => {
    const source = new vscode.CancellationTokenSource();
    let ticks = 0;
    // Cancelled from the fifth tick: were the host's thread blocked, it would never be sent.
    const timer = setInterval(() => { if (++ticks === 5) source.cancel(); }, 20);
    try {
      const error = await call('search_text', { query: HOSTILE, isRegex: true, path: 'rg-check' }, source.token).then(() => undefined, (e: Error) => e);
      assert.ok(error, 'the cancelled search must not return a result');
      assert.match(error.message, /Cancel/);
    } finally {
      clearInterval(timer);
    }
  });
});
