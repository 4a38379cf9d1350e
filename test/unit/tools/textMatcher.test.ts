// search_text's regular expressions come from the model: none may freeze the extension host.
import * as assert from 'node:assert/strict';
import { buildMatcher, regexLines, regexProblem } from '../../../src/tools/textMatcher';

/** Whether `text` has a matching line, the way search_text decides on this thread. */
function hit(query: string, isRegex: boolean, caseSensitive: boolean, text: string): boolean {
  const matcher = buildMatcher(query, isRegex, caseSensitive);
  const problem = isRegex ? regexProblem(query, caseSensitive) : undefined;
  if (problem) throw new Error(problem);
  return (matcher.literalLines ? matcher.literalLines(text) : regexLines(query, caseSensitive, text)).length > 0;
}

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
        result = hit(query, true, true, line);
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
    assert.equal(hit('function\\s+greet', true, true, 'export function greet(name) {'), true);
    assert.equal(hit('FUNCTION\\s+greet', true, false, 'export function greet(name) {'), true);
    assert.equal(hit('FUNCTION\\s+greet', true, true, 'export function greet(name) {'), false);
    assert.equal(hit('^export', true, true, 'const a = 1;\nexport const b = 2;'), true, 'multi-line anchors');
    assert.equal(hit('a.b', false, false, 'A.B'), true, 'literal, case-insensitive');
    assert.equal(hit('a.b', false, false, 'axb'), false, 'literal dots stay literal');
  });

  it('refuses Perl-only syntax with a message naming RE2', () => {
    for (const query of ['(?=a)b', '(a)\\1', '(?<!x)y']) {
      assert.match(regexProblem(query, true)!, /invalid regular expression.*RE2 syntax/);
    }
  });
});
