// One suite, two backends (issue 19): every search_text and find_files call below runs through
// the Node walker and through VS Code's own ripgrep (the binary the installed VS Code ships,
// found as the extension finds it) on the same tree, and must give the same answer: the same
// files, lines, context, order, truncation and refusals. Only the skipped-file counts may differ
// (ripgrep does not say what it passed over), so the notes line and the "N files searched"
// figure are left out of the comparison.
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { createSearchServices } from '../../../src/node/searchServices';
import { SearchServices } from '../../../src/tools/searchBackend';
import { INSTALL_TIMEOUT_MS, installedRipgrep } from '../../harness/ripgrep';
import { Harness, HarnessOptions, SECRET_VALUE, Sandbox, WORKSPACE_EXCLUDES, harness, makeSandbox } from './fixture';

type Call = [tool: 'search_text' | 'find_files', args: Record<string, unknown>];

function write(file: string, content: string | Buffer): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

/** The fixture's tree plus the cases only a second backend can get wrong. */
function addParityCases(sandbox: Sandbox, home: string): void {
  const files: Record<string, string | Buffer> = {
    'unicode/naïve café.ts': 'export const café = "naïve needle";\n',
    'unicode/日本語.md': '# 見出し\nÜBER needle über\n',
    'unicode/emoji-😀.txt': 'smile needle 😀\n',
    'crlf/windows.txt': 'first crlf line\r\nsecond crlf line\r\nneedle at the end\r\n',
    'bom.txt': '\ufeffbom first line needle\nsecond\n',
    'late-nul.bin.txt': Buffer.concat([Buffer.from('needle before a late NUL\n'.repeat(500)), Buffer.from([0]), Buffer.from('needle\n')]),
    'docs/.geminiignore': 'drafts/\n*.secret.md\n',
    'docs/drafts/plan.md': 'needle in a draft\n',
    'docs/guide.md': 'needle in the guide\nsecond line\nthird line\n',
    'docs/top.secret.md': 'needle hidden by a nested .geminiignore\n',
    'notes-local/todo.md': 'needle in info/exclude\n',
    'backup.orig': 'needle hidden by the global excludes file\n',
    'words/ascii.txt': 'digits 123 and under_score word\ttab\n',
    'words/unicode.txt': 'digits ١٢٣ arabic and wörd\u00a0nbsp\n',
    '.env.local': `TOKEN=${SECRET_VALUE}\n`,
    'config/credentials.json': `{"key": "${SECRET_VALUE}"}\n`,
  };
  for (const [name, content] of Object.entries(files)) write(path.join(sandbox.ws, name), content);
  // Names that sort differently by segment than as whole strings.
  for (const name of ['a/x.ts', 'a-b/x.ts', 'a.b/x.ts', 'a_b/x.ts', 'A/x.ts', 'a/b/x.ts', 'ab.ts', 'a0.ts']) {
    write(path.join(sandbox.ws, 'order', name), `// order needle ${name}\n`);
  }
  write(path.join(sandbox.ws, '.git/info/exclude'), 'notes-local/\n');
  write(path.join(home, '.config/git/ignore'), '*.orig\n');
  write(path.join(sandbox.ws2, 'lib/c.ts'), 'needle in the second folder\nexport const c = 3;\n');
}

function normalise(output: string): string {
  return output
    .split('\n')
    .filter((line) => !line.startsWith('('))
    .map((line) => line.replace(/ in \d+ files? searched\./, ' in N files searched.'))
    .join('\n');
}

function answer(result: Awaited<ReturnType<Harness['call']>>): string {
  return result.ok ? normalise(String(result.response.output)) : `ERROR ${String(result.response.error)}`;
}

describe('search backends: ripgrep and the Node walker give the same answers', function () {
  this.timeout(300_000);
  let sandbox: Sandbox;
  let home: string;
  let ripgrep: string;
  let rgServices: SearchServices;
  let sortedRgServices: SearchServices;
  let walkerServices: SearchServices;

  before(async function () {
    this.timeout(INSTALL_TIMEOUT_MS);
    ripgrep = await installedRipgrep();
    sandbox = makeSandbox();
    home = path.join(sandbox.root, 'home');
    addParityCases(sandbox, home);
    const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: '' };
    rgServices = createSearchServices({ ripgrep, env });
    // The same ripgrep forced into its in-order restart from the first match on.
    sortedRgServices = createSearchServices({ ripgrep, env, unsortedLineLimit: 0, unsortedFileLimit: 0 });
    walkerServices = { ...createSearchServices({}), textSearch: undefined };
  });
  after(() => sandbox?.cleanup());

  const single = (): HarnessOptions => ({ extras: { exclude: { '*': WORKSPACE_EXCLUDES }, gitEnvironment: { home } } });
  const multi = (): HarnessOptions => ({
    folders: [{ path: sandbox.ws, name: 'app' }, { path: sandbox.ws2, name: 'lib' }],
    extras: { exclude: { app: WORKSPACE_EXCLUDES }, gitEnvironment: { home } },
  });

  type Case = [name: string, call: Call, options?: () => HarnessOptions, settings?: HarnessOptions['settings']];
  const cases: Case[] = [
    ['literal, any case', ['search_text', { query: 'needle' }]],
    ['literal, exact case', ['search_text', { query: 'Needle', caseSensitive: true }]],
    ['Unicode literal, any case', ['search_text', { query: 'über' }]],
    ['Unicode literal in a Unicode file name', ['search_text', { query: 'NAÏVE' }]],
    ['regex with alternation', ['search_text', { query: '^export (const|function) \\w+', isRegex: true }]],
    ['\\d is ASCII', ['search_text', { query: 'digits \\d', isRegex: true }]],
    ['\\w is ASCII', ['search_text', { query: 'w\\w+d', isRegex: true, caseSensitive: true }]],
    ['\\s is ASCII', ['search_text', { query: 'wörd\\snbsp|word\\stab', isRegex: true }]],
    ['\\b is ASCII', ['search_text', { query: '\\bunder', isRegex: true }]],
    ['$ before CRLF', ['search_text', { query: 'crlf line$', isRegex: true }]],
    ['^ after a BOM', ['search_text', { query: '^bom first', isRegex: true }]],
    ['POSIX class', ['search_text', { query: '[[:digit:]]{3}', isRegex: true }]],
    ['include glob by name', ['search_text', { query: 'needle', include: '*.ts' }]],
    ['include glob by path', ['search_text', { query: 'needle', include: 'order/**' }]],
    ['scoped to a directory', ['search_text', { query: 'needle', path: 'docs' }]],
    ['scoped to one file', ['search_text', { query: 'line', path: 'crlf/windows.txt' }]],
    ['context lines', ['search_text', { query: 'needle', contextLines: 2 }]],
    ['overlapping context', ['search_text', { query: 'crlf', contextLines: 1 }]],
    ['walk order across tricky names', ['search_text', { query: 'order needle' }]],
    ['maxResults', ['search_text', { query: 'needle', maxResults: 3 }]],
    ['maxResults inside one file', ['search_text', { query: 'of the big file', maxResults: 7 }], undefined, { maxFileBytes: 1024 * 1024 }],
    ['output byte budget', ['search_text', { query: 'of the big file', maxResults: 500 }], undefined, { maxFileBytes: 1024 * 1024, maxResultBytes: 2048 }],
    ['files over the size cap', ['search_text', { query: 'line 19999' }], undefined, { maxFileBytes: 4096 }],
    ['the secret is never found', ['search_text', { query: SECRET_VALUE }]],
    ['a late NUL makes a file binary', ['search_text', { query: 'late NUL' }]],
    ['ignored by nested .geminiignore, info/exclude, global excludes', ['search_text', { query: 'hidden by' }]],
    ['no match', ['search_text', { query: 'zzz-not-there' }]],
    ['multi-root', ['search_text', { query: 'needle' }], multi],
    ['multi-root, one folder', ['search_text', { query: 'needle', path: 'lib' }], multi],
    ['multi-root include', ['search_text', { query: 'needle', include: 'lib/**' }], multi],
    ['refused: invalid regex', ['search_text', { query: '(unclosed', isRegex: true }]],
    ['refused: lookahead', ['search_text', { query: 'a(?=b)', isRegex: true }]],
    ['refused: nested repetition', ['search_text', { query: '(a+)+$', isRegex: true }]],
    ['refused: empty match', ['search_text', { query: 'x*', isRegex: true }]],
    ['refused: line break', ['search_text', { query: 'a\nb' }]],
    ['RE2-only \\Q…\\E quoting', ['search_text', { query: '\\Qa.b\\E|needle in the guide', isRegex: true }]],
    ['refused: traversal', ['search_text', { query: 'x', path: '../outside' }]],
    ['refused: ignored directory', ['search_text', { query: 'needle', path: 'private' }]],
    ['refused: sensitive file', ['search_text', { query: 'API', path: '.env' }]],
    ['refused: symlink out', ['search_text', { query: 'x', path: 'link-dir-out' }]],
    ['every file', ['find_files', { glob: '**/*', maxResults: 1000 }]],
    ['by name at any depth', ['find_files', { glob: '*.ts' }]],
    ['by path', ['find_files', { glob: 'src/**' }]],
    ['Unicode names', ['find_files', { glob: '**/*.{md,txt}' }]],
    ['find_files maxResults', ['find_files', { glob: '**/*', maxResults: 5 }]],
    ['find_files maxResults, by name', ['find_files', { glob: '**/x.ts', maxResults: 3 }]],
    ['by name, some ignored by .gitignore and re-included', ['find_files', { glob: '*.log' }]],
    ['by name, ignored by a nested .gitignore', ['find_files', { glob: 'src/**/gen?rated.ts' }]],
    ['by name, ignored by a nested .geminiignore', ['find_files', { glob: '**/*.secret.md' }]],
    ['by name, ignored by info/exclude and the global excludes file', ['find_files', { glob: '**/{todo.md,backup.orig}' }]],
    ['by name, the sensitive files are listed as the walker lists them', ['find_files', { glob: '**/.env*' }]],
    ['by a Unicode name', ['find_files', { glob: '**/日本語.md' }]],
    ['find_files under a directory', ['find_files', { glob: '**/x.ts', path: 'order' }]],
    ['find_files multi-root', ['find_files', { glob: '**/*.ts' }], multi],
    ['find_files refused: traversal', ['find_files', { glob: '*', path: '../outside' }]],
    ['find_files refused: ignored directory', ['find_files', { glob: '*', path: 'dist' }]],
  ];

  for (const [name, [tool, args], options = single, settings] of cases) {
    it(`${tool}: ${name}`, async () => {
      const run = (search: SearchServices) => harness(sandbox, { ...options(), settings, search }).call(tool, args);
      const walker = answer(await run(walkerServices));
      const rg = answer(await run(rgServices));
      assert.equal(rg, walker, `ripgrep and the walker differ for ${name}`);
      assert.equal(answer(await run(sortedRgServices)), walker, `ripgrep in path order differs for ${name}`);
    });
  }

  it('the suite is not vacuous: it sees matches, Unicode, CRLF and both folders', async () => {
    const h = harness(sandbox, { ...multi(), search: rgServices });
    const output = answer(await h.call('search_text', { query: 'needle', maxResults: 500 }));
    for (const expected of ['app/unicode/naïve café.ts', 'app/unicode/日本語.md', 'app/crlf/windows.txt', 'lib/lib/c.ts', 'app/order/a/b/x.ts']) {
      assert.ok(output.includes(expected), `${expected} missing from\n${output}`);
    }
    for (const hidden of ['notes-local', 'backup.orig', 'drafts', 'top.secret', '.env.local', 'credentials.json', 'late-nul', 'link-in.ts']) {
      assert.ok(!output.includes(hidden), `${hidden} must not be searched:\n${output}`);
    }
  });
});
