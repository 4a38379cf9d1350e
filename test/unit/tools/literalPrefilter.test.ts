// The walker's byte prefilter (issue 19): a literal every match contains is looked for in a file's
// raw bytes before the file is decoded or sent to the regex worker. It may only rule files out
// that cannot match: checked against the real matchers on texts chosen to trip it (case folding
// from non-ASCII letters, optional parts, classes, groups, CRLF, invalid UTF-8).
import * as assert from 'node:assert/strict';
import { literalPrefilter, requiredLiteral } from '../../../src/tools/literalPrefilter';
import { RegexRun, RegexRunner, buildMatcher, inThreadRegexRunner, regexLines } from '../../../src/tools/textMatcher';
import { harness, makeSandbox, outputOf, Sandbox } from './fixture';

describe('requiredLiteral', () => {
  const cases: [string, string | undefined][] = [
    ['FINDME_T[O0]KEN$', 'FINDME_T'],
    ['^export (const|function) \\w+', 'export '],
    ['\\.test\\.ts$', '.test.ts'],
    ['\\bword\\b', 'word'],
    ['colou?r', 'colo'],
    ['ab?cd', 'cd'],
    ['x+yz', 'yz'],
    ['a{2}bcd{0,3}', 'bc'],
    ['(foo)barbaz', 'barbaz'],
    ['[abc]def[[:digit:]]+', 'def'],
    ['[]x]abc', 'abc'],
    ['\\d+ items?', ' item'],
    ['über.*straße', 'straße'],
    ['foo|bar', undefined],
    ['(?i)abc', undefined],
    ['\\Qa.b\\E', undefined],
    ['\\x{41}bc', undefined],
    ['a{,3}bc', undefined],
    ['.*', undefined],
    ['a.b', undefined],
  ];
  for (const [pattern, expected] of cases) {
    it(`${pattern} → ${expected ?? 'none'}`, () => assert.equal(requiredLiteral(pattern), expected));
  }
});

describe('the byte prefilter never rules out a file that matches', () => {
  const texts = [
    'plain ascii FINDME_TOKEN line\n',
    'findme_token lower\r\nnext\r\n',
    'FiNdMe_ToKeN mixed\n',
    'the \u212aelvin sign: \u212aey and \u017fecret\n', // K and s fold to ASCII k and s
    'no match here at all\n',
    'über die straße\n',
    'ÜBER DIE STRASSE\n',
    'colour and color\n',
    'invalid \xff utf-8 \ufffd\n',
    'export const x = 1;\nexport function f() {}\n',
    '3 items and 1 item\n',
    'file.test.ts\r\n',
  ];
  const queries: [query: string, isRegex: boolean, caseSensitive: boolean][] = [
    ['FINDME_TOKEN', false, true], ['findme_token', false, false], ['key', false, false], ['secret', false, false],
    ['SECRET', false, false], ['über', false, false], ['straße', false, true], ['\ufffd', false, true],
    ['FINDME_T[O0]KEN', true, false], ['findme_t[o0]ken$', true, false], ['colou?r', true, true], ['\\d+ items?', true, true],
    ['^export (const|function) \\w+', true, true], ['\\.test\\.ts$', true, true], ['KEY', true, false], ['über.*straße', true, false],
  ];
  for (const [query, isRegex, caseSensitive] of queries) {
    it(`${isRegex ? 'regex' : 'literal'} '${query}'${caseSensitive ? '' : ', any case'}`, () => {
      const matcher = buildMatcher(query, isRegex, caseSensitive);
      for (const text of texts) {
        const matches = isRegex ? regexLines(query, caseSensitive, text) : matcher.literalLines!(text);
        if (matches.length > 0 && matcher.mayMatch) assert.ok(matcher.mayMatch(Buffer.from(text)), `'${query}' matches ${JSON.stringify(text)} but the prefilter ruled it out`);
      }
    });
  }

  it('does rule out files without the literal, in any case', () => {
    assert.equal(literalPrefilter('findme_token', false)!(Buffer.from('nothing here\n')), false);
    assert.equal(literalPrefilter('findme', false)!(Buffer.from('x FINDME y\n')), true);
    // Latin-1 bytes never fold to ASCII, and only K and ſ among the rest do.
    assert.equal(literalPrefilter('token', false)!(Buffer.from('tøken t\u212aen\n')), true);
    assert.equal(literalPrefilter('tomen', false)!(Buffer.from('tømen\n')), false);
    assert.equal(literalPrefilter('straße', false), undefined);
  });
});

describe('search_text on the walker sends only candidate files to the regex runner', () => {
  let sandbox: Sandbox;
  before(() => { sandbox = makeSandbox(); });
  after(() => sandbox.cleanup());

  it('files without the regex\'s literal are never decoded and matched', async () => {
    const texts: number[] = [];
    const counting: RegexRunner = {
      validate: (pattern, caseSensitive, signal) => inThreadRegexRunner.validate(pattern, caseSensitive, signal),
      start(pattern, caseSensitive): RegexRun {
        const inner = inThreadRegexRunner.start(pattern, caseSensitive);
        return { matchingLines: (text) => { texts.push(text.length); return inner.matchingLines(text); }, stop: (reason) => inner.stop(reason) };
      },
    };
    const h = harness(sandbox, { search: { regexRunner: counting } });
    const output = outputOf(await h.call('search_text', { query: 'export const \\w+', isRegex: true, caseSensitive: true }));
    assert.match(output, /src\/index\.ts/);
    // Of the fixture's searchable files only src/index.ts and src/nested/kept.ts hold the literal
    // 'export const ' (src/util/math.ts has 'export function'): only they reach the runner.
    assert.match(output, /src\/nested\/kept\.ts/);
    assert.equal(texts.length, 2, `the runner saw ${texts.length} files`);
  });
});
