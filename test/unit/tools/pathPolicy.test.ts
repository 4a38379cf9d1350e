// Hostile inputs: every one must be refused with a message that says why, and the refusal must
// come before any file content is read (reads are counted on the port).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { Harness, Sandbox, SECRET_VALUE, errorOf, harness, makeSandbox } from './fixture';

interface HostileCase {
  name: string;
  tool: string;
  args: unknown;
  error: RegExp;
}

describe('workspace tools: hostile inputs are refused before anything is read', () => {
  const sandbox: Sandbox = makeSandbox();
  after(() => sandbox.cleanup());

  const cases: HostileCase[] = [
    // Traversal and escapes
    { name: 'plain ../ traversal', tool: 'read_file', args: { path: '../outside/secret.txt' }, error: /'\.\.' segments are not allowed/ },
    { name: 'traversal hidden mid-path', tool: 'read_file', args: { path: 'src/../../outside/secret.txt' }, error: /'\.\.' segments are not allowed/ },
    { name: 'backslash traversal', tool: 'read_file', args: { path: '..\\..\\outside\\secret.txt' }, error: /'\.\.' segments are not allowed/ },
    { name: 'percent-encoded traversal', tool: 'read_file', args: { path: '%2e%2e/outside/secret.txt' }, error: /percent-encoded/ },
    { name: 'percent-encoded slash', tool: 'read_file', args: { path: '..%2Foutside%2Fsecret.txt' }, error: /percent-encoded/ },
    { name: 'double-encoded traversal', tool: 'read_file', args: { path: '%252e%252e/secret.txt' }, error: /percent-encoded/ },
    { name: 'absolute path outside the workspace', tool: 'read_file', args: { path: path.join(sandbox.outside, 'secret.txt') }, error: /Absolute paths outside the workspace/ },
    { name: '/etc/passwd', tool: 'read_file', args: { path: '/etc/passwd' }, error: /Absolute paths outside the workspace/ },
    { name: 'absolute path inside, then escaping', tool: 'read_file', args: { path: `${sandbox.ws}/../outside/secret.txt` }, error: /'\.\.' segments/ },
    { name: 'home directory ~', tool: 'read_file', args: { path: '~/.ssh/id_rsa' }, error: /'~' \(the home directory\)/ },
    { name: 'file:// URL', tool: 'read_file', args: { path: 'file:///etc/passwd' }, error: /URI schemes \(file:\)/ },
    { name: 'vscode-remote URI', tool: 'read_file', args: { path: 'vscode-remote://ssh-remote+box/etc/passwd' }, error: /URI schemes/ },
    { name: 'http URL', tool: 'list_directory', args: { path: 'https://example.com/' }, error: /URI schemes/ },
    { name: 'NUL byte', tool: 'read_file', args: { path: 'src/index.ts\u0000.png' }, error: /NUL byte/ },
    { name: 'control character', tool: 'read_file', args: { path: 'src/\u001bindex.ts' }, error: /control characters/ },
    { name: 'Windows drive letter', tool: 'read_file', args: { path: 'C:\\Windows\\win.ini' }, error: /Windows drive paths/ },
    { name: 'UNC path', tool: 'read_file', args: { path: '\\\\server\\share\\secret.txt' }, error: /UNC/ },
    { name: 'alternate data stream / colon', tool: 'read_file', args: { path: 'src/index.ts:secret' }, error: /':' is not allowed/ },
    { name: 'trailing dot alias', tool: 'read_file', args: { path: 'certs/server.pem.' }, error: /ends with a dot or a space/ },
    // Symlinks
    { name: 'symlink to a file outside', tool: 'read_file', args: { path: 'link-out' }, error: /symbolic link .*outside the workspace/ },
    { name: 'file under a symlinked directory outside', tool: 'read_file', args: { path: 'link-dir-out/secret.txt' }, error: /outside the workspace/ },
    { name: 'probing for a missing file beyond a link', tool: 'read_file', args: { path: 'link-dir-out/no-such-file' }, error: /outside the workspace/ },
    { name: 'listing a symlinked directory outside', tool: 'list_directory', args: { path: 'link-dir-out' }, error: /outside the workspace/ },
    { name: 'symlink to an ignored file', tool: 'read_file', args: { path: 'link-to-dist.js' }, error: /symbolic link to 'dist\/bundle\.js', which is excluded by \.gitignore/ },
    // Ignore rules
    { name: '.gitignore directory rule', tool: 'read_file', args: { path: 'dist/bundle.js' }, error: /excluded by \.gitignore \(rule 'dist\/'\)/ },
    { name: '.gitignore glob rule', tool: 'read_file', args: { path: 'app.log' }, error: /excluded by \.gitignore \(rule '\*\.log'\)/ },
    { name: 'nested .gitignore', tool: 'read_file', args: { path: 'src/nested/generated.ts' }, error: /excluded by src\/nested\/\.gitignore \(rule 'generated\.ts'\)/ },
    { name: '.geminiignore', tool: 'read_file', args: { path: 'private/notes.md' }, error: /excluded by \.geminiignore \(rule 'private\/'\)/ },
    { name: 'files.exclude folder', tool: 'read_file', args: { path: 'build-out/x.txt' }, error: /files\.exclude setting \('\/build-out'\)/ },
    { name: 'files.exclude glob', tool: 'read_file', args: { path: 'scratch.tmp' }, error: /files\.exclude setting/ },
    { name: '.git internals', tool: 'read_file', args: { path: '.git/config' }, error: /built-in rule/ },
    { name: 'listing an ignored directory', tool: 'list_directory', args: { path: 'dist' }, error: /excluded by \.gitignore/ },
    { name: 'searching inside an ignored directory', tool: 'search_text', args: { query: 'needle', path: 'private' }, error: /excluded by \.geminiignore/ },
    { name: 'find_files inside an ignored directory', tool: 'find_files', args: { glob: '*', path: 'dist' }, error: /excluded by \.gitignore/ },
    { name: 'diagnostics of an ignored file', tool: 'get_diagnostics', args: { path: 'dist/bundle.js' }, error: /excluded by \.gitignore/ },
    // Secrets (the approver says no)
    { name: '.env without approval', tool: 'read_file', args: { path: '.env' }, error: /did not allow reading '\.env' \(sensitive: matches '\.env'\)/ },
    { name: 'private key without approval', tool: 'read_file', args: { path: 'certs/server.pem' }, error: /did not allow reading 'certs\/server\.pem' \(sensitive: matches '\*\.pem'\)/ },
    { name: 'id_rsa without approval', tool: 'read_file', args: { path: 'id_rsa' }, error: /sensitive: matches 'id_rsa\*'/ },
    { name: 'a symlink to .env without approval', tool: 'read_file', args: { path: 'link-to-env' }, error: /sensitive: matches '\.env'/ },
    { name: 'search_text scoped to .env', tool: 'search_text', args: { query: 'API', path: '.env' }, error: /sensitive file .*use read_file/ },
    // Malformed arguments
    { name: 'path of the wrong type', tool: 'read_file', args: { path: 42 }, error: /argument 'path' must be a string, got number 42/ },
    { name: 'missing path', tool: 'read_file', args: {}, error: /missing required argument 'path'/ },
    { name: 'arguments not an object', tool: 'read_file', args: ['src/index.ts'], error: /arguments must be an object/ },
    { name: 'empty path', tool: 'read_file', args: { path: '' }, error: /is a directory, not a file/ },
    { name: 'line number as a string', tool: 'read_file', args: { path: 'README.md', startLine: '5' }, error: /'startLine' must be an integer, got string "5"/ },
    { name: 'fractional line number', tool: 'read_file', args: { path: 'README.md', startLine: 1.5 }, error: /'startLine' must be an integer, got the number 1\.5/ },
    { name: 'line number zero', tool: 'read_file', args: { path: 'README.md', startLine: 0 }, error: /'startLine' must be between 1 and/ },
    { name: 'endLine before startLine', tool: 'read_file', args: { path: 'README.md', startLine: 9, endLine: 3 }, error: /endLine \(3\) is before startLine \(9\)/ },
    { name: 'huge maxResults', tool: 'search_text', args: { query: 'x', maxResults: 1e9 }, error: /'maxResults' must be between 1 and 500, got 1000000000/ },
    { name: 'huge depth', tool: 'list_directory', args: { depth: 99 }, error: /'depth' must be between 1 and 5/ },
    { name: 'very long path', tool: 'read_file', args: { path: 'a/'.repeat(3000) }, error: /longer than 4096 characters/ },
    { name: 'invalid regex', tool: 'search_text', args: { query: '(unclosed', isRegex: true }, error: /invalid regular expression/ },
    { name: 'catastrophic regex', tool: 'search_text', args: { query: '(a+)+$', isRegex: true }, error: /exponential time/ },
    { name: 'regex matching everything', tool: 'search_text', args: { query: 'x*', isRegex: true }, error: /matches the empty string/ },
    { name: 'wrong enum value', tool: 'get_diagnostics', args: { minSeverity: 'fatal' }, error: /'minSeverity' must be one of 'error', 'warning', 'info', 'hint'/ },
    { name: 'isRegex not a boolean', tool: 'search_text', args: { query: 'x', isRegex: 'yes' }, error: /'isRegex' must be a boolean/ },
    { name: 'unknown tool', tool: 'run_shell', args: { command: 'cat /etc/passwd' }, error: /Unknown tool 'run_shell'/ },
    { name: 'a directory given to read_file', tool: 'read_file', args: { path: 'src' }, error: /is a directory, not a file\. Use list_directory/ },
    { name: 'a missing file', tool: 'read_file', args: { path: 'src/nope.ts' }, error: /Not found: 'src\/nope\.ts'/ },
  ];

  it('has at least 25 hostile cases', () => {
    assert.ok(cases.length >= 25, `only ${cases.length} cases`);
  });

  for (const { name, tool, args, error } of cases) {
    it(`${tool}: ${name}`, async () => {
      const h: Harness = harness(sandbox);
      const result = await h.call(tool, args);
      const message = errorOf(result);
      assert.match(message, error, `${name}: ${message}`);
      assert.deepEqual(h.port.contentReads(), [], `${name}: no file content may be read`);
      assert.ok(!message.includes(SECRET_VALUE));
    });
  }
});
