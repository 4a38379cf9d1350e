// Cleaning the model's answer: what is left is exactly what the ghost text shows and Tab inserts.
import * as assert from 'node:assert/strict';
import { cleanCompletion, stripFences, stripPrefixEcho, stripSuffixOverlap } from '../../../src/completions/clean';

describe('completions/clean', () => {
  it('strips one pair of code fences, with or without a language tag', () => {
    assert.equal(stripFences('```ts\nconst a = 1;\n```'), 'const a = 1;');
    assert.equal(stripFences('```\nx\ny\n```\n'), 'x\ny');
    assert.equal(stripFences('plain'), 'plain');
    assert.equal(cleanCompletion('```typescript\nreturn a + b;\n```', { prefix: '  ', suffix: '\n}', mode: 'block' }), 'return a + b;');
  });

  it('drops a repeat of the line before the cursor', () => {
    assert.equal(stripPrefixEcho('const total = items.length;', 'function f() {\n  const total = '), 'items.length;');
    assert.equal(cleanCompletion('  const total = items.length;', { prefix: '{\n  const total = ', suffix: '\n}', mode: 'line' }), 'items.length;');
  });

  it('drops a longer echo of the lines before the cursor', () => {
    const prefix = 'function add(a, b) {\n  // sum\n';
    assert.equal(stripPrefixEcho('function add(a, b) {\n  // sum\n  return a + b;', prefix), '  return a + b;');
  });

  it('does not re-indent at an indented empty line', () => {
    assert.equal(cleanCompletion('    return 1;', { prefix: 'def f():\n    ', suffix: '', mode: 'block' }), 'return 1;');
  });

  it('drops what the answer re-types of the rest of the line', () => {
    assert.equal(stripSuffixOverlap('a, b)', ')', 'line'), 'a, b');
    assert.equal(cleanCompletion('sum(a, b));', { prefix: 'console.log(', suffix: ');\n', mode: 'line' }), 'sum(a, b)');
  });

  it('drops closing lines a block repeats from below the cursor', () => {
    const out = cleanCompletion('if (x) {\n    return 1;\n  }\n}', { prefix: 'function f(x) {\n  ', suffix: '\n}\n', mode: 'block' });
    assert.equal(out, 'if (x) {\n    return 1;\n  }');
  });

  it('keeps a one-line completion to one line and a block to 20 lines', () => {
    assert.equal(cleanCompletion('a;\nb;', { prefix: 'x = ', suffix: '', mode: 'line' }), 'a;');
    const many = Array.from({ length: 30 }, (_, i) => `line${i};`).join('\n');
    assert.equal(cleanCompletion(many, { prefix: '\n', suffix: '', mode: 'block' }).split('\n').length, 20);
  });

  it('removes control characters, bidi overrides and the cursor marker', () => {
    assert.equal(cleanCompletion('ok\u202e()\u0007<|CURSOR|>', { prefix: 'x = ', suffix: '', mode: 'line' }), 'ok()');
  });

  it('returns nothing for an empty or whitespace answer', () => {
    assert.equal(cleanCompletion('   \n', { prefix: 'x', suffix: '', mode: 'line' }), '');
    assert.equal(cleanCompletion('```\n```', { prefix: 'x', suffix: '', mode: 'block' }), '');
  });

  it('normalises CRLF answers', () => {
    assert.equal(cleanCompletion('a\r\nb', { prefix: '\n', suffix: '', mode: 'block' }), 'a\nb');
  });
});
