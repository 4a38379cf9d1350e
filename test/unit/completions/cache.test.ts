// The completion cache: typing through a suggestion is served without a request.
import * as assert from 'node:assert/strict';
import { CompletionCache } from '../../../src/completions/cache';

describe('completions/cache', () => {
  it('serves the rest of a suggestion as its first characters are typed', () => {
    const cache = new CompletionCache();
    cache.put('doc', 'const x = ', ';\n', 'compute(a, b)');
    assert.equal(cache.get('doc', 'const x = ', ';\n'), 'compute(a, b)');
    assert.equal(cache.get('doc', 'const x = comp', ';\n'), 'ute(a, b)');
    assert.equal(cache.get('doc', 'const x = compute(a, b', ';\n'), ')');
  });

  it('misses when the typing departs from the suggestion, the suffix changed, or another document', () => {
    const cache = new CompletionCache();
    cache.put('doc', 'const x = ', ';\n', 'compute(a, b)');
    assert.equal(cache.get('doc', 'const x = other', ';\n'), undefined);
    assert.equal(cache.get('doc', 'const x = comp', ');\n'), undefined);
    assert.equal(cache.get('other', 'const x = ', ';\n'), undefined);
    assert.equal(cache.get('doc', 'const x = compute(a, b)', ';\n'), undefined, 'fully typed: nothing left to suggest');
    assert.equal(cache.get('doc', 'let y = 2;\nconst x = ', ';\n'), undefined, 'text before the spot changed');
  });

  it('keeps a bounded number of entries, most recent first, and clears per document', () => {
    const cache = new CompletionCache(3);
    for (let i = 0; i < 5; i++) cache.put('doc', `p${i}`, '', `s${i}`);
    assert.equal(cache.size, 3);
    assert.equal(cache.get('doc', 'p0', ''), undefined);
    assert.equal(cache.get('doc', 'p4', ''), 's4');
    cache.clear('doc');
    assert.equal(cache.size, 0);
  });
});
