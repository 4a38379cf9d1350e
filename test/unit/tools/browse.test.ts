// list_directory, find_files and search_text on a real folder: ignore rules applied by every one,
// truncation markers, symlinks not followed, and multi-root paths.
import * as assert from 'node:assert/strict';
import { SECRET_VALUE, Sandbox, WORKSPACE_EXCLUDES, harness, makeSandbox, outputOf } from './fixture';

const IGNORED_NAMES = ['dist', 'app.log', 'private', 'build-out', 'scratch.tmp', 'generated.ts', '.git', 'link-to-dist', 'link-out'];

describe('list_directory', () => {
  let sandbox: Sandbox;
  before(() => { sandbox = makeSandbox(); });
  after(() => sandbox.cleanup());

  it('lists the root as a tree, leaving ignored entries out and counting them', async () => {
    const h = harness(sandbox);
    const output = outputOf(await h.call('list_directory', {}));
    const lines = output.split('\n');
    assert.ok(lines.includes('src/'));
    assert.ok(lines.includes('  util/'), 'depth 2 by default');
    assert.ok(!lines.some((l) => l.startsWith('    ')), 'nothing deeper than 2 levels');
    assert.ok(lines.some((l) => /^README\.md {2}\d+ B$/.test(l)));
    assert.ok(lines.includes('  kept.ts  25 B') === false, 'kept.ts is at depth 3');
    assert.ok(lines.some((l) => /^\.env {2}\d+ B {2}\(sensitive: reading it asks the user\)$/.test(l)));
    assert.ok(lines.includes('link-src/  (symlink, not followed)'));
    assert.ok(lines.includes('link-dir-out/  (symlink, not followed)'));
    for (const name of IGNORED_NAMES) assert.ok(!lines.some((l) => l.trim().split(/[ /]/)[0] === name), `${name} must be hidden`);
    assert.match(lines[lines.length - 1], /^\(\d+ entries hidden by \.gitignore\/\.geminiignore\/files\.exclude; 2 symlinks skipped/);
  });

  it('lists one directory to the requested depth', async () => {
    const h = harness(sandbox);
    const output = outputOf(await h.call('list_directory', { path: 'src', depth: 3 }));
    assert.equal(output, 'index.ts  125 B\nnested/\n  .gitignore  13 B\n  kept.ts  26 B\nutil/\n  math.ts  70 B\n(1 entry hidden by .gitignore/.geminiignore/files.exclude)');
  });

  it('truncates with an explicit "N more" marker', async () => {
    const h = harness(sandbox, { settings: { maxResultBytes: 300 } });
    const output = outputOf(await h.call('list_directory', { depth: 5 }));
    assert.match(output, /\n… truncated, \d+ more entries \(list a subdirectory or lower depth\)/);
    assert.ok(Buffer.byteLength(output) <= 300 + 200);
  });
});

describe('find_files', () => {
  let sandbox: Sandbox;
  before(() => { sandbox = makeSandbox(); });
  after(() => sandbox.cleanup());

  it('matches a bare glob against names at any depth and skips ignored files', async () => {
    const h = harness(sandbox);
    const output = outputOf(await h.call('find_files', { glob: '*.ts' }));
    assert.equal(output, 'src/index.ts\nsrc/nested/kept.ts\nsrc/util/math.ts\n(7 entries hidden by .gitignore/.geminiignore/files.exclude; 2 symlinks skipped (target outside the workspace, ignored or unverifiable))');
  });

  it('matches path globs with braces under a scope', async () => {
    const h = harness(sandbox);
    assert.equal(outputOf(await h.call('find_files', { glob: 'src/**/{math,kept}.ts', path: 'src' })), 'src/nested/kept.ts\nsrc/util/math.ts\n(1 entry hidden by .gitignore/.geminiignore/files.exclude)');
    assert.match(outputOf(await h.call('find_files', { glob: '**/*.nothing' })), /^No files match '\*\*\/\*\.nothing'\./);
  });

  it('stops at maxResults and says how many more there are', async () => {
    const h = harness(sandbox);
    const output = outputOf(await h.call('find_files', { glob: '**/*', maxResults: 3 }));
    const [a, b, c, marker] = output.split('\n');
    assert.ok(a && b && c);
    assert.match(marker, /^… truncated, \d+ more files \(raise maxResults or narrow the glob\)$/);
    const total = outputOf(await h.call('find_files', { glob: '**/*', maxResults: 1000 })).split('\n').filter((l) => !l.startsWith('(')).length;
    assert.equal(Number(/truncated, (\d+)/.exec(marker)![1]), total - 3);
  });
});

describe('search_text', () => {
  let sandbox: Sandbox;
  before(() => { sandbox = makeSandbox(); });
  after(() => sandbox.cleanup());

  it('finds a literal case-insensitively, never in ignored, binary or sensitive files', async () => {
    const h = harness(sandbox);
    const result = await h.call('search_text', { query: 'needle' });
    const output = outputOf(result);
    // Symlinks are not followed (link-in.ts points at src/index.ts, which is searched where it lives).
    assert.equal(output.split('\n').slice(0, 3).join('\n'), "src/index.ts\n  2: // needle: the entry point\n  4: console.log('Needle in caps');");
    for (const hidden of ['dist/', 'app.log', 'private/', 'build-out', 'scratch.tmp', 'generated.ts', 'image.png']) {
      assert.ok(!output.includes(hidden), `${hidden} must not be searched`);
    }
    assert.match(output, /1 binary file skipped/);
    assert.match(output, /3 sensitive files skipped \(read_file asks the user\)/);
    const read = h.port.contentReads().map((r) => r.path.replace(/^ws\//, ''));
    for (const never of ['.env', 'id_rsa', 'certs/server.pem', 'dist/bundle.js', 'private/notes.md', 'link-out', 'link-to-env']) {
      assert.ok(!read.includes(never), `${never} must never be read`);
    }
    assert.match(result.summary, /^searched \d+ files for text 'needle': 2 matches$/);
  });

  it('never leaks a secret, even when asked for it directly', async () => {
    const h = harness(sandbox);
    const output = outputOf(await h.call('search_text', { query: SECRET_VALUE }));
    assert.match(output, /^No matches for text 'hunter2-SECRET-VALUE' in \d+ files searched\./);
  });

  it('honours caseSensitive, regex, include and context lines', async () => {
    const h = harness(sandbox);
    assert.equal(outputOf(await h.call('search_text', { query: 'Needle', caseSensitive: true, include: 'src/**' })), "src/index.ts\n  4: console.log('Needle in caps');");
    assert.equal(
      outputOf(await h.call('search_text', { query: '^export (const|function) \\w+', isRegex: true, include: '*.ts', path: 'src/util' })),
      'src/util/math.ts\n  1: export function add(a: number, b: number): number {',
    );
    assert.equal(
      outputOf(await h.call('search_text', { query: 'return', path: 'src/util/math.ts', contextLines: 1 })),
      'src/util/math.ts\n  1- export function add(a: number, b: number): number {\n  2:   return a + b;\n  3- }',
    );
  });

  it('stops at maxResults with a note', async () => {
    const h = harness(sandbox, { settings: { maxFileBytes: 1024 * 1024 } });
    const output = outputOf(await h.call('search_text', { query: 'line', path: 'big.txt', maxResults: 2 }));
    assert.equal(output, 'big.txt\n  1: line 1 of the big file\n  2: line 2 of the big file\n[stopped after maxResults=2 matches; more may exist: narrow path/include or raise maxResults]');
  });

  it('skips files larger than maxFileBytes and names them', async () => {
    const h = harness(sandbox, { settings: { maxFileBytes: 4096 } });
    const output = outputOf(await h.call('search_text', { query: 'line 19999' }));
    assert.match(output, /^No matches/);
    assert.match(output, /2 files over 4 KB not searched: big\.txt, minified\.js/);
    const bigReads = h.port.contentReads().filter((r) => r.path.endsWith('big.txt'));
    assert.deepEqual(bigReads.map((r) => r.bytes), [0], 'big.txt was never read');
  });

  it('cuts the output at maxResultBytes with a "truncated, N more" marker', async () => {
    const h = harness(sandbox, { settings: { maxResultBytes: 1024, maxFileBytes: 1024 * 1024 } });
    const output = outputOf(await h.call('search_text', { query: 'of the big file', maxResults: 500 }));
    assert.match(output, /\n… truncated, \d+ more matches not shown \(result size limit\); narrow the search with path or include\./);
    assert.ok(Buffer.byteLength(output) < 1024 + 400);
  });

  it('stops when the call is cancelled', async () => {
    const h = harness(sandbox);
    const controller = new AbortController();
    controller.abort();
    const result = await h.call('search_text', { query: 'needle' }, controller.signal);
    assert.equal(result.ok, false);
    assert.equal(result.response.error, 'Cancelled by the user.');
  });
});

describe('multi-root workspaces', () => {
  let sandbox: Sandbox;
  before(() => { sandbox = makeSandbox(); });
  after(() => sandbox.cleanup());
  const folders = () => [{ name: 'app', path: sandbox.ws }, { name: 'lib', path: sandbox.ws2 }];

  it('addresses files as folderName/path and lists every folder without a path', async () => {
    const h = harness(sandbox, { folders: folders(), extras: { exclude: { app: WORKSPACE_EXCLUDES } } });
    assert.equal(outputOf(await h.call('read_file', { path: 'lib/lib/b.ts' })), 'export const b = "needle from ws2";');
    assert.match(outputOf(await h.call('read_file', { path: 'app/src/util/math.ts' })), /return a \+ b/);
    const listing = outputOf(await h.call('list_directory', { depth: 1 })).split('\n');
    assert.ok(listing.includes('app/') && listing.includes('lib/') && listing.includes('  lib/') && listing.includes('  src/'));
    const search = outputOf(await h.call('search_text', { query: 'needle', caseSensitive: true }));
    assert.match(search, /^app\/src\/index\.ts\n/);
    assert.match(search, /\nlib\/lib\/b\.ts\n {2}1: export const b = "needle from ws2";/);
    assert.equal(outputOf(await h.call('find_files', { glob: 'lib/**/*.ts' })).split('\n')[0], 'lib/lib/b.ts');
  });

  it('refuses a path that names no folder, listing the folder names', async () => {
    const h = harness(sandbox, { folders: folders() });
    const result = await h.call('read_file', { path: 'src/index.ts' });
    assert.match(String(result.response.error), /several folders \(app, lib\)\. Start the path with the folder name, e\.g\. 'app\/src\/index\.ts'/);
    assert.deepEqual(h.port.contentReads(), []);
  });
});
