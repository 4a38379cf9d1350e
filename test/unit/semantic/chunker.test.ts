// The chunker: chunks start at declarations and headings, carry exact 1-based line ranges, stay
// under MAX_CHUNK_CHARS, and cover every non-blank line of the file.
import * as assert from 'node:assert/strict';
import { MAX_CHUNK_CHARS, chunkText } from '../../../src/semantic/chunker';

function body(name: string, lines: number): string {
  return [`export function ${name}(input: string): string {`, ...Array.from({ length: lines }, (_, i) => `  const step${i} = input.repeat(${i}); // ${name} does step ${i}`), '  return input;', '}'].join('\n');
}

describe('semantic: chunker', () => {
  it('starts a chunk at each top-level function once they are big enough, with exact line ranges', () => {
    const text = [body('alpha', 10), '', body('beta', 10), '', body('gamma', 10)].join('\n');
    const chunks = chunkText('src/a.ts', text);
    const lines = text.split('\n');
    assert.deepEqual(chunks.map((c) => lines[c.startLine - 1].slice(0, 21)), ['export function alpha', 'export function beta(', 'export function gamma']);
    for (const chunk of chunks) assert.equal(chunk.text, lines.slice(chunk.startLine - 1, chunk.endLine).join('\n'));
  });

  it('never splits inside a function body while it fits, and merges small neighbours', () => {
    const text = ['import { x } from "y";', '', 'const a = 1;', 'const b = 2;', '', body('small', 2), '', body('other', 2)].join('\n');
    const chunks = chunkText('src/b.ts', text);
    assert.equal(chunks.length, 1, 'a short file is one chunk');
    assert.deepEqual([chunks[0].startLine, chunks[0].endLine], [1, text.split('\n').length]);
  });

  it('keeps a leading comment with its declaration', () => {
    const text = [body('first', 12), '', '/** Explains second. */', body('second', 12)].join('\n');
    const chunks = chunkText('src/c.ts', text);
    assert.equal(chunks.length, 2);
    assert.match(chunks[1].text, /^\/\*\* Explains second\. \*\/\nexport function second/);
  });

  it('splits Python at top-level def and class', () => {
    const fn = (name: string) => [`def ${name}(x):`, ...Array.from({ length: 12 }, (_, i) => `    y${i} = x * ${i}  # ${name} computes something long enough here`), '    return x'].join('\n');
    const text = [fn('one'), '', '', `class Two:`, '    """A class."""', fn('method').replace(/^/gm, '    '), '', fn('three')].join('\n');
    const starts = chunkText('m.py', text).map((c) => text.split('\n')[c.startLine - 1]);
    assert.deepEqual(starts, ['def one(x):', 'class Two:', 'def three(x):']);
  });

  it('splits Markdown at headings, not inside fenced code', () => {
    const para = 'Words about the section that go on for a while to make it long enough. '.repeat(6);
    const text = ['# Title', para, '', '## Install', para, '```sh', '# not a heading', 'npm i', '```', '', '## Usage', para].join('\n');
    const chunks = chunkText('README.md', text);
    assert.deepEqual(chunks.map((c) => c.text.split('\n')[0]), ['# Title', '## Install', '## Usage']);
  });

  it('cuts a block longer than the cap at line ends, covering every line once', () => {
    const text = body('huge', 200);
    const chunks = chunkText('src/huge.ts', text);
    assert.ok(chunks.length > 3);
    for (const chunk of chunks) assert.ok(chunk.text.length <= MAX_CHUNK_CHARS, `${chunk.text.length} chars`);
    for (let i = 1; i < chunks.length; i++) assert.equal(chunks[i].startLine, chunks[i - 1].endLine + 1);
    assert.equal(chunks[0].startLine, 1);
    assert.equal(chunks[chunks.length - 1].endLine, text.split('\n').length);
  });

  it('gives nothing for an empty or blank file, and handles CRLF', () => {
    assert.deepEqual(chunkText('a.ts', ''), []);
    assert.deepEqual(chunkText('a.ts', '\n  \n'), []);
    const chunks = chunkText('a.ts', 'const a = 1;\r\nconst b = 2;\r\n');
    assert.deepEqual(chunks, [{ startLine: 1, endLine: 2, text: 'const a = 1;\nconst b = 2;' }]);
  });
});
