// read_file on a real folder: whole files, line ranges, paging of large files by ranged reads,
// binary refusal, and the approval path for sensitive files.
import * as assert from 'node:assert/strict';
import { BIG_LINES, SECRET_VALUE, Sandbox, bigFileLine, errorOf, harness, makeSandbox, outputOf } from './fixture';

describe('read_file', () => {
  let sandbox: Sandbox;
  before(() => { sandbox = makeSandbox(); });
  after(() => sandbox.cleanup());

  it('returns a whole small file verbatim, without a footer', async () => {
    const h = harness(sandbox);
    const result = await h.call('read_file', { path: 'src/util/math.ts' });
    assert.equal(outputOf(result), 'export function add(a: number, b: number): number {\n  return a + b;\n}');
    assert.match(result.summary, /read src\/util\/math\.ts lines 1-3/);
  });

  it('returns a line range with a footer saying where it is', async () => {
    const h = harness(sandbox);
    const output = outputOf(await h.call('read_file', { path: 'src/index.ts', startLine: 2, endLine: 3 }));
    assert.equal(output, "// needle: the entry point\nexport const total = add(1, 2);\n[lines 2-3 of 4]");
  });

  it('reports the total when a range runs to the end, and keeps a last line without newline', async () => {
    const h = harness(sandbox);
    const output = outputOf(await h.call('read_file', { path: 'no-newline.txt', startLine: 2 }));
    assert.equal(output, 'last without newline\n[lines 2-2 of 2]');
  });

  it('accepts an absolute path inside the workspace and a symlink that stays inside', async () => {
    const h = harness(sandbox);
    assert.match(outputOf(await h.call('read_file', { path: `${sandbox.ws}/src/util/math.ts` })), /return a \+ b/);
    assert.match(outputOf(await h.call('read_file', { path: 'link-in.ts' })), /needle: the entry point/);
    assert.match(outputOf(await h.call('read_file', { path: './src\\util\\math.ts' })), /return a \+ b/);
  });

  it('says an empty file is empty and refuses a startLine past the end', async () => {
    const h = harness(sandbox);
    assert.equal(outputOf(await h.call('read_file', { path: 'empty.txt' })), '(empty file)');
    assert.match(errorOf(await h.call('read_file', { path: 'README.md', startLine: 40 })), /startLine 40 is past the end of 'README\.md' \(2 lines\)/);
  });

  it('refuses a binary file and returns none of its bytes', async () => {
    const h = harness(sandbox);
    const message = errorOf(await h.call('read_file', { path: 'image.png' }));
    assert.match(message, /'image\.png' looks like a binary file \(it contains NUL bytes\)/);
    assert.ok(!message.includes('needle'));
  });

  it('pages a file larger than maxFileBytes with ranged reads and a continuation hint', async () => {
    const h = harness(sandbox, { settings: { maxFileBytes: 16 * 1024, maxResultBytes: 4 * 1024 } });
    const result = await h.call('read_file', { path: 'big.txt' });
    const output = outputOf(result);
    const lines = output.split('\n');
    const footer = lines.pop()!;
    assert.equal(lines[0], bigFileLine(1));
    const last = lines.length;
    assert.equal(lines[last - 1], bigFileLine(last));
    assert.match(footer, new RegExp(`^\\[… truncated: showing lines 1-${last} of a [\\d.]+ KB file\\. Call read_file with path 'big\\.txt' and startLine=${last + 1} to continue\\.\\]$`));
    assert.ok(Buffer.byteLength(output) <= 4 * 1024, 'the page respects maxResultBytes');
    const reads = h.port.contentReads();
    assert.ok(reads.every((r) => r.range && r.range.length <= 16 * 1024), 'never more than maxFileBytes per read');
    assert.equal(reads.length, 1, 'the first page needs only the first chunk');
  });

  it('follows continuation hints through a large file and reconstructs it exactly', async () => {
    const h = harness(sandbox, { settings: { maxFileBytes: 64 * 1024, maxResultBytes: 48 * 1024 } });
    const collected: string[] = [];
    let startLine = 1;
    for (let page = 0; page < 100; page++) {
      const output = outputOf(await h.call('read_file', { path: 'big.txt', startLine }));
      const lines = output.split('\n');
      const footer = lines.pop()!;
      collected.push(...lines);
      const next = /startLine=(\d+)/.exec(footer);
      if (!next) {
        assert.match(footer, new RegExp(`^\\[lines ${startLine}-${BIG_LINES} of ${BIG_LINES}\\]$`));
        break;
      }
      startLine = Number(next[1]);
    }
    assert.equal(collected.length, BIG_LINES);
    assert.deepEqual(collected.slice(-2), [bigFileLine(BIG_LINES - 1), bigFileLine(BIG_LINES)]);
    assert.ok(collected.every((line, i) => line === bigFileLine(i + 1)));
  });

  it('cuts a single line longer than a page and says so', async () => {
    const h = harness(sandbox, { settings: { maxResultBytes: 1024 } });
    const output = outputOf(await h.call('read_file', { path: 'minified.js' }));
    const [line, footer] = output.split('\n');
    assert.match(line, /^x+$/);
    assert.ok(line.length < 1024 && line.length > 500);
    assert.match(footer, /^\[… truncated: line 1 is longer than one page \([\d.]+ (B|KB) shown\); the rest of the line is cut\. Call read_file with startLine=2 for the lines after it\.\]$/);
    assert.equal(outputOf(await h.call('read_file', { path: 'minified.js', startLine: 2 })), 'second line\n[lines 2-2 of 2]');
  });

  it('reads a sensitive file once the user allows it, and asks with exactly what is wanted', async () => {
    const h = harness(sandbox, { answer: 'allow' });
    const output = outputOf(await h.call('read_file', { path: '.env' }));
    assert.equal(output, `API_KEY=${SECRET_VALUE}`);
    assert.equal(h.approver.requests.length, 1);
    const request = h.approver.requests[0];
    assert.equal(request.title, 'Gemini wants to read the sensitive file .env');
    assert.deepEqual(request.reasons, ['sensitiveFile']);
    assert.match(request.detail, /Tool: read_file\nAction: read \.env \(\d+ B\)\nArguments written by the model \(quoted, one line each, clipped\):\n {2}path: "\.env"/);
    assert.match(request.detail, /\.env {2}\(matches '\.env'\)/);
    // allowed once only: the next read asks again
    await h.call('read_file', { path: '.env' });
    assert.equal(h.approver.requests.length, 2);
  });

  it('does not treat public or example files as sensitive', async () => {
    const h = harness(sandbox);
    assert.match(outputOf(await h.call('read_file', { path: 'id_rsa.pub' })), /public/);
    assert.equal(outputOf(await h.call('read_file', { path: '.env.example' })), 'API_KEY=');
    assert.equal(outputOf(await h.call('read_file', { path: 'keep.log' })), 'kept log line');
    assert.equal(h.approver.requests.length, 0);
  });
});
