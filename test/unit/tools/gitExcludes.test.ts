// git's other ignore sources (issue 15, item 5): .git/info/exclude (also through a linked
// worktree's `.git` file) and the global core.excludesFile hide files from every tool, ranked
// below .gitignore as git ranks them. The home folder is a temporary one, never the real ~.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { coreExcludesFile, readGitExcludes } from '../../../src/node/gitExcludes';
import { errorOf, harness, outputOf } from './fixture';

function write(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

describe('git info/exclude and core.excludesFile', () => {
  let root: string;
  let ws: string;
  let home: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'gemini-gitx-'));
    ws = path.join(root, 'ws');
    home = path.join(root, 'home');
    write(path.join(ws, 'src/app.ts'), 'export const needle = 1;\n');
    write(path.join(ws, 'local-notes/todo.md'), 'needle in my local notes\n');
    write(path.join(ws, 'src/draft.bak'), 'needle in a backup\n');
    write(path.join(ws, 'src/keep.bak'), 'needle kept by .gitignore\n');
    write(path.join(ws, '.gitignore'), '!keep.bak\n');
    mkdirSync(home, { recursive: true });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const tools = () => harness({ root, ws, ws2: ws, outside: root, cleanup() {} }, { extras: { gitEnvironment: { home } } });

  async function expectHidden(hidden: string[], visible: string[]) {
    const h = tools();
    const found = outputOf(await h.call('find_files', { glob: '**/*' }));
    const searched = outputOf(await h.call('search_text', { query: 'needle' }));
    const listed = outputOf(await h.call('list_directory', { depth: 3 }));
    for (const file of hidden) {
      assert.ok(!found.includes(file), `find_files lists ${file}:\n${found}`);
      assert.ok(!searched.includes(file), `search_text searches ${file}:\n${searched}`);
      assert.ok(!listed.includes(path.basename(file)), `list_directory shows ${file}:\n${listed}`);
      assert.match(errorOf(await h.call('read_file', { path: file })), /is excluded by/);
    }
    for (const file of visible) {
      assert.ok(found.includes(file), `find_files misses ${file}:\n${found}`);
      assert.ok(searched.includes(file), `search_text misses ${file}:\n${searched}`);
    }
  }

  it('hides what .git/info/exclude names', async () => {
    write(path.join(ws, '.git/info/exclude'), '# local\nlocal-notes/\n');
    await expectHidden(['local-notes/todo.md'], ['src/app.ts', 'src/draft.bak']);
    const h = tools();
    assert.match(errorOf(await h.call('read_file', { path: 'local-notes/todo.md' })), /excluded by \.git\/info\/exclude \(rule 'local-notes\/'\)/);
  });

  it('finds info/exclude through a linked worktree\'s .git file', async () => {
    const common = path.join(root, 'main.git');
    write(path.join(common, 'info/exclude'), 'local-notes/\n');
    write(path.join(common, 'worktrees/ws/commondir'), '../..\n');
    write(path.join(ws, '.git'), `gitdir: ${path.join(common, 'worktrees/ws')}\n`);
    await expectHidden(['local-notes/todo.md'], ['src/app.ts']);
  });

  it('hides what the default global excludes file (~/.config/git/ignore) names; .gitignore can re-include', async () => {
    write(path.join(home, '.config/git/ignore'), '*.bak\n');
    await expectHidden(['src/draft.bak'], ['src/app.ts', 'src/keep.bak', 'local-notes/todo.md']);
    const h = tools();
    assert.match(errorOf(await h.call('read_file', { path: 'src/draft.bak' })), /core\.excludesFile \(rule '\*\.bak'\)/);
  });

  it('follows core.excludesFile from ~/.gitconfig, and $XDG_CONFIG_HOME for the default', async () => {
    write(path.join(home, '.gitconfig'), '[user]\n\tname = x\n[core]\n\texcludesFile = "~/my ignores"  # mine\n');
    write(path.join(home, 'my ignores'), 'local-notes\n');
    write(path.join(home, '.config/git/ignore'), '*.bak\n');
    await expectHidden(['local-notes/todo.md'], ['src/draft.bak']);
    const xdg = path.join(root, 'xdg');
    write(path.join(xdg, 'git/ignore'), 'draft.bak\n');
    const files = await readGitExcludes(ws, { home: path.join(root, 'nobody'), xdgConfigHome: xdg });
    assert.deepEqual(files, [{ label: 'core.excludesFile', text: 'draft.bak\n' }]);
  });

  it('parses core.excludesFile as git does', () => {
    assert.equal(coreExcludesFile('[core]\nexcludesfile = /a/b\n'), '/a/b');
    assert.equal(coreExcludesFile('[Core]\n  ExcludesFile=~/x ; comment\n'), '~/x');
    assert.equal(coreExcludesFile('[core "sub"]\nother = 1\n[alias]\nexcludesfile = /no\n'), undefined);
    assert.equal(coreExcludesFile('[core]\nexcludesFile = "/with \\"quote\\""\n[core]\nexcludesFile = /later\n'), '/later');
  });
});
