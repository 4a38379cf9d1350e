// The Agent-mode write tools against a real folder: every proposal stays in the turn's ChangeSet,
// and every hostile case (outside the workspace, links, .git, ignored, sensitive without approval,
// ambiguous or missing hunks, huge, binary, other encodings, too many files, cancelled) is refused
// with an actionable message. Each test compares the whole sandbox before and after: nothing written.
import * as assert from 'node:assert/strict';
import { ChangeSet } from '../../../src/agent/changeSet';
import { AGENT_TOOL_NAMES } from '../../../src/tools/table';
import { Sandbox, errorOf, outputOf } from '../tools/fixture';
import { TWICE, agentHarness, diskState, makeAgentSandbox } from './fixture';

describe('agent write tools', () => {
  let sandbox: Sandbox;
  let before: Map<string, string>;
  beforeEach(() => { sandbox = makeAgentSandbox(); before = diskState(sandbox.root); });
  afterEach(() => {
    assert.deepEqual(diskState(sandbox.root), before, 'nothing on disk changed');
    sandbox.cleanup();
  });

  it('are offered only in Agent mode; Ask mode refuses a call with a reason', async () => {
    const h = agentHarness(sandbox);
    assert.deepEqual(AGENT_TOOL_NAMES, ['edit_file', 'create_file', 'rename_file', 'delete_file']);
    const ask = h.registry.declarations().map((d) => d.name);
    const agent = h.registry.forTurn(h.scope).declarations().map((d) => d.name);
    for (const name of AGENT_TOOL_NAMES) {
      assert.ok(!ask.includes(name));
      assert.ok(agent.includes(name));
    }
    const refused = errorOf(await h.call('edit_file', { path: 'README.md', search: '# Demo', replace: '# X' }));
    assert.match(refused, /only available in Agent mode; this chat is in Ask mode/);
    const noChanges = h.registry.forTurn({ mode: 'agent' });
    assert.match(errorOf(await noChanges.execute({ id: 'x', name: 'create_file', args: { path: 'n.txt', content: 'x' } }, new AbortController().signal)), /only available in Agent mode/);
  });

  it('edit_file proposes a hunk, later edits apply on top, and the final text has only accepted hunks', async () => {
    const h = agentHarness(sandbox);
    outputOf(await h.agent('edit_file', { path: 'src/util/math.ts', search: '  return a + b;', replace: '  // sum\n  return a + b;' }));
    const out = outputOf(await h.agent('edit_file', { path: 'src/util/math.ts', search: 'export function add(a: number, b: number): number {', replace: 'export function add(a: number, b: number, c = 0): number {' }));
    assert.match(out, /Proposed an edit to 'src\/util\/math\.ts' \(\+2 −1/);
    outputOf(await h.agent('edit_file', { path: 'src/util/math.ts', search: '// sum\n  return a + b;', replace: '// sum\n  return a + b + c;' }));
    const [change] = h.changes.files;
    assert.equal(h.changes.files.length, 1);
    assert.equal(h.changes.proposedText(change), 'export function add(a: number, b: number, c = 0): number {\n  // sum\n  return a + b + c;\n}\n');
    assert.equal(change.hunks.length, 2, 'the overlapping third edit merged into the second hunk');
    h.changes.toggleHunk(change.id, change.hunks[0].id);
    assert.equal(h.changes.finalText(change), 'export function add(a: number, b: number): number {\n  // sum\n  return a + b + c;\n}\n');
    const view = h.changes.view('review').files[0];
    assert.deepEqual(view.hunks.map((hunk) => [hunk.line, hunk.added, hunk.removed, hunk.accepted]), [[1, 1, 1, false], [2, 2, 1, true]]);
  });

  it('refuses a hunk that matches twice, saying how often and where', async () => {
    const h = agentHarness(sandbox);
    const message = errorOf(await h.agent('edit_file', { path: 'twice.ts', search: '  return 1;\n}', replace: '  return 2;\n}' }));
    assert.match(message, /matches 2 times in 'twice\.ts' \(at lines 2, 6\)\. Nothing was changed\. Add surrounding lines/);
    assert.equal(h.changes.files.length, 0);
    outputOf(await h.agent('edit_file', { path: 'twice.ts', search: 'export function b() {\n  return 1;', replace: 'export function b() {\n  return 2;' }));
    assert.equal(h.changes.proposedText(h.changes.files[0]), TWICE.replace('b() {\n  return 1;', 'b() {\n  return 2;'));
  });

  it('refuses a hunk that matches nowhere, pointing at the near miss', async () => {
    const h = agentHarness(sandbox);
    const spacing = errorOf(await h.agent('edit_file', { path: 'src/util/math.ts', search: 'export function add(a: number, b: number): number {\n    return a + b;', replace: 'x' }));
    assert.match(spacing, /not found in 'src\/util\/math\.ts'\. Nothing was changed\. Lines 1-2 match when whitespace is ignored/);
    const typo = errorOf(await h.agent('edit_file', { path: 'src/index.ts', search: "// needle: the entry point\nexport const total = add(1, 3);", replace: 'x' }));
    assert.match(typo, /closest match is lines 2-3 \(1 of 2 lines identical, 50% similar\); the first difference is at line 3: the file has "export const total = add\(1, 2\);", your search has "export const total = add\(1, 3\);"/);
    assert.match(errorOf(await h.agent('edit_file', { path: 'README.md', search: 'nothing like it', replace: 'x' })), /No line of the search text occurs in the file/);
    assert.match(errorOf(await h.agent('edit_file', { path: 'README.md', search: '  ', replace: 'x' })), /'search' is empty/);
    assert.equal(h.changes.files.length, 0);
  });

  it('refuses paths outside the workspace, through symlinks, into .git and into ignored files', async () => {
    const h = agentHarness(sandbox, { answer: 'allow' });
    const cases: [string, Record<string, string>, RegExp][] = [
      ['edit_file', { path: `${sandbox.outside}/secret.txt`, search: 'outside', replace: 'x' }, /Absolute paths outside the workspace/],
      ['create_file', { path: '../outside/new.txt', content: 'x' }, /'\.\.' segments are not allowed/],
      ['edit_file', { path: 'link-out', search: 'outside', replace: 'x' }, /symbolic link .*outside the workspace/],
      ['create_file', { path: 'link-dir-out/new.txt', content: 'x' }, /symbolic link .*outside the workspace/],
      ['edit_file', { path: '.git/config', search: '[core]', replace: 'x' }, /inside \.git are never written/],
      ['create_file', { path: '.git/hooks/pre-commit', content: '#!/bin/sh' }, /inside \.git are never written/],
      ['create_file', { path: 'src/.GIT/x', content: 'x' }, /inside \.git are never written/],
      ['edit_file', { path: 'dist/bundle.js', search: 'var needle', replace: 'x' }, /excluded by .*\.gitignore/],
      ['create_file', { path: 'dist/new.js', content: 'x' }, /excluded by .*\.gitignore/],
      ['create_file', { path: 'private/new.md', content: 'x' }, /excluded by .*\.geminiignore/],
      ['delete_file', { path: 'app.log' }, /excluded by/],
      ['rename_file', { path: 'README.md', newPath: 'dist/README.md' }, /excluded by/],
      ['rename_file', { path: 'README.md', newPath: '/etc/README.md' }, /outside the workspace/],
    ];
    for (const [tool, args, expected] of cases) assert.match(errorOf(await h.agent(tool, args)), expected, `${tool} ${JSON.stringify(args)}`);
    assert.equal(h.changes.files.length, 0);
    assert.equal(h.approver.requests.length, 0, 'refused before anyone was asked');
  });

  it('asks before proposing a change to a sensitive file or editor configuration, and refuses without a yes', async () => {
    const h = agentHarness(sandbox);
    assert.match(errorOf(await h.agent('edit_file', { path: '.env', search: 'API_KEY=', replace: 'API_KEY=x' })), /did not allow changing '\.env' \(sensitive/);
    assert.match(errorOf(await h.agent('create_file', { path: '.vscode/tasks.json', content: '{}' })), /did not allow/);
    assert.deepEqual(h.approver.requests.map((r) => r.title), ['Gemini wants to change the sensitive file .env', 'Gemini wants to create the sensitive file .vscode/tasks.json']);
    assert.equal(h.changes.files.length, 0);
    h.approver.answer = 'allow';
    outputOf(await h.agent('create_file', { path: '.vscode/tasks.json', content: '{}' }));
    assert.equal(h.changes.files.length, 1);
  });

  it('refuses a 10 MB file, a binary file, a Latin-1 file and binary content', async () => {
    const h = agentHarness(sandbox);
    assert.match(errorOf(await h.agent('edit_file', { path: 'huge.txt', search: 'a', replace: 'b' })), /'huge\.txt' is 10\.0 MB; the agent edits files up to 1\.0 MB/);
    assert.match(errorOf(await h.agent('delete_file', { path: 'huge.txt' })), /10\.0 MB/);
    assert.match(errorOf(await h.agent('edit_file', { path: 'image.png', search: 'PNG', replace: 'x' })), /binary file/);
    assert.match(errorOf(await h.agent('edit_file', { path: 'latin1.txt', search: 'caf', replace: 'x' })), /not valid UTF-8/);
    assert.match(errorOf(await h.agent('create_file', { path: 'bin.dat', content: 'a\u0000b' })), /NUL characters/);
    assert.match(errorOf(await h.agent('create_file', { path: 'big.dat', content: 'x'.repeat(1024 * 1024 + 1) })), /up to 1\.0 MB/);
    assert.equal(h.changes.files.length, 0);
  });

  it('keeps CRLF line endings and the BOM', async () => {
    const h = agentHarness(sandbox);
    outputOf(await h.agent('edit_file', { path: 'crlf.txt', search: 'second line\nthird line', replace: 'second line\nnew line\nthird line' }));
    outputOf(await h.agent('edit_file', { path: 'bom.txt', search: 'world', replace: 'monde' }));
    const [crlf, bom] = h.changes.files;
    assert.equal(h.changes.finalText(crlf), 'first line\r\nsecond line\r\nnew line\r\nthird line\r\n');
    assert.equal(crlf.eol, '\r\n');
    assert.equal(bom.bom, true);
    assert.equal(h.changes.finalText(bom), 'héllo\nmonde\n');
  });

  it('create, rename and delete stay proposals; deleting a new file withdraws it', async () => {
    const h = agentHarness(sandbox);
    assert.match(errorOf(await h.agent('create_file', { path: 'README.md', content: 'x' })), /already exists\. Use edit_file/);
    assert.match(errorOf(await h.agent('create_file', { path: 'README.md/inner.txt', content: 'x' })), /is a file, so/);
    outputOf(await h.agent('create_file', { path: 'docs/new/guide.md', content: '# Guide\n' }));
    outputOf(await h.agent('edit_file', { path: 'docs/new/guide.md', search: '# Guide', replace: '# The guide' }));
    outputOf(await h.agent('rename_file', { path: 'README.md', newPath: 'docs/README.md' }));
    assert.match(errorOf(await h.agent('edit_file', { path: 'README.md', search: '# Demo', replace: 'x' })), /being renamed to 'docs\/README\.md'/);
    outputOf(await h.agent('edit_file', { path: 'docs/README.md', search: '# Demo', replace: '# Demo!' }));
    outputOf(await h.agent('delete_file', { path: 'empty.txt' }));
    assert.deepEqual(h.changes.view('review').files.map((f) => [f.kind, f.path, f.newPath, f.added, f.removed]), [
      ['create', 'docs/new/guide.md', undefined, 1, 0],
      ['rename', 'README.md', 'docs/README.md', 1, 1],
      ['delete', 'empty.txt', undefined, 0, 0],
    ]);
    assert.equal(h.changes.proposedText(h.changes.files[0]), '# The guide\n');
    outputOf(await h.agent('delete_file', { path: 'docs/new/guide.md' }));
    assert.equal(h.changes.files.length, 2);
  });

  it('proposes 200 files in one turn and refuses the 201st with a reason', async () => {
    const h = agentHarness(sandbox);
    for (let i = 0; i < 200; i++) outputOf(await h.agent('create_file', { path: `gen/file${i}.ts`, content: `export const n = ${i};\n` }));
    assert.match(errorOf(await h.agent('create_file', { path: 'gen/one-more.ts', content: 'x' })), /already proposes changes to 200 files, the limit for one turn/);
    assert.equal(h.changes.files.length, 200);
  });

  it('proposes nothing for a call cancelled before it ran', async () => {
    const h = agentHarness(sandbox);
    const abort = new AbortController();
    abort.abort();
    assert.match(errorOf(await h.agent('edit_file', { path: 'README.md', search: '# Demo', replace: '# X' }, abort.signal)), /Cancelled/);
    assert.equal(h.changes.files.length, 0);
  });
});

describe('ChangeSet', () => {
  it('merges adjacent and overlapping hunks and drops a hunk that restores the original', () => {
    const set = new ChangeSet();
    const loc = { folder: { index: 0, name: 'ws', uri: 'file:///ws' }, path: 'a.txt' };
    const file = () => ({ text: 'one\ntwo\nthree\nfour\n', bom: false, eol: '\n' as const, base: { exists: true } });
    set.proposeEdit(loc, 'a.txt', file, 'two', 'TWO');
    set.proposeEdit(loc, 'a.txt', file, 'four', 'FOUR');
    const change = set.files[0];
    assert.equal(change.hunks.length, 2);
    set.proposeEdit(loc, 'a.txt', file, 'TWO\nthree\nFOUR', 'TWO\n3\nFOUR');
    assert.equal(change.hunks.length, 1);
    assert.equal(set.proposedText(change), 'one\nTWO\n3\nFOUR\n');
    set.proposeEdit(loc, 'a.txt', file, 'TWO\n3\nFOUR', 'two\nthree\nfour');
    assert.equal(change.hunks.length, 0);
    assert.equal(set.proposedText(change), 'one\ntwo\nthree\nfour\n');
  });
});
