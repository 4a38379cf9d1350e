// search_text's regular expressions come from the model: none may freeze the extension host.
import * as assert from 'node:assert/strict';
import { buildMatcher } from '../../../src/tools/textMatcher';

describe('search_text matcher', () => {
  const slow: [string, string][] = [
    ['(a|aa)+$', `${'a'.repeat(48)}!`],
    ['\\s*\\s*\\s*\\s*x', `${' '.repeat(5000)}!`],
    ['a*a*a*a*a*a*b', `${'a'.repeat(5000)}!`],
    ['(x+x+)+y', `${'x'.repeat(40)}`],
  ];

  for (const [query, line] of slow) {
    it(`runs ${query} on a hostile line in linear time (or refuses it)`, () => {
      const started = process.hrtime.bigint();
      let result: boolean | string;
      try {
        const matcher = buildMatcher(query, true, true);
        result = matcher.mayMatch(line) || matcher.matchesLine(line);
      } catch (error) {
        result = (error as Error).message;
      }
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // A backtracking engine takes minutes to years on these; a linear one, milliseconds.
      assert.ok(ms < 2000, `${query} took ${ms} ms`);
      assert.ok(result === false || (typeof result === 'string' && result.includes('exponential')), String(result));
    });
  }

  it('still finds ordinary matches, with and without case', () => {
    assert.equal(buildMatcher('function\\s+greet', true, true).matchesLine('export function greet(name) {'), true);
    assert.equal(buildMatcher('FUNCTION\\s+greet', true, false).matchesLine('export function greet(name) {'), true);
    assert.equal(buildMatcher('FUNCTION\\s+greet', true, true).matchesLine('export function greet(name) {'), false);
    assert.equal(buildMatcher('^export', true, true).mayMatch('const a = 1;\nexport const b = 2;'), true, 'multi-line anchors');
    assert.equal(buildMatcher('a.b', false, false).matchesLine('A.B'), true, 'literal, case-insensitive');
    assert.equal(buildMatcher('a.b', false, false).matchesLine('axb'), false, 'literal dots stay literal');
  });

  it('refuses Perl-only syntax with a message naming RE2', () => {
    for (const query of ['(?=a)b', '(a)\\1', '(?<!x)y']) {
      assert.throws(() => buildMatcher(query, true, true), /invalid regular expression.*RE2 syntax/);
    }
  });
});
