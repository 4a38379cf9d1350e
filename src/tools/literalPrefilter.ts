// A quick test on a file's raw bytes that search_text's walker runs before decoding the file: a
// literal that every match must contain is looked for in the bytes, so files without it are never
// decoded, split into lines or sent to the regex worker. A prefilter may only say "cannot match":
// when in doubt it says "may match" and the real matcher decides, so results never change.
//   - a case-sensitive literal: its UTF-8 bytes (Buffer.indexOf);
//   - an ASCII literal, any case: the bytes read as Latin-1 (one byte, one character: no byte
//     ≥ 0x80 folds to ASCII in a non-Unicode /i regex) - unless the file holds the only two
//     non-ASCII characters whose case folds to ASCII letters, KELVIN SIGN (k) and LONG S (s);
//   - a regex: the longest run of plain characters outside groups, classes and optional parts,
//     when the pattern has no top-level alternation (requiredLiteral).

/** UTF-8 of U+212A KELVIN SIGN and U+017F LATIN SMALL LETTER LONG S. */
const FOLDS_TO_ASCII = [Buffer.from('\u212a'), Buffer.from('\u017f')];

export type BytePrefilter = (bytes: Buffer) => boolean;

/** A test that is false only for files no line of which can contain `literal`; undefined: none. */
export function literalPrefilter(literal: string, caseSensitive: boolean): BytePrefilter | undefined {
  // U+FFFD also stands for every invalid byte sequence once decoded: not findable in the bytes.
  if (!literal || literal.includes('\ufffd')) return undefined;
  if (caseSensitive) {
    const needle = Buffer.from(literal);
    return (bytes) => bytes.indexOf(needle) >= 0;
  }
  if (!/^[\x20-\x7e]+$/.test(literal)) return undefined;
  const pattern = new RegExp(literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
  const foldsFromUnicode = /[ks]/i.test(literal);
  return (bytes) => pattern.test(bytes.toString('latin1')) || (foldsFromUnicode && FOLDS_TO_ASCII.some((b) => bytes.indexOf(b) >= 0));
}

/** Letters after '\' that are not the letter itself (classes, anchors, control characters). */
const ESCAPE_LETTERS = /[a-zA-Z0-9]/;

/**
 * The longest string every match of an RE2 `pattern` contains, or undefined when the pattern is
 * too rich to tell (top-level '|', inline flags, \Q…\E, \p / \x escapes) or has no such run.
 */
export function requiredLiteral(pattern: string): string | undefined {
  if (/\(\?|\\[QEpPxC0-9]/.test(pattern)) return undefined;
  const runs: string[] = [];
  let run = '';
  const flush = () => { if (run) runs.push(run); run = ''; };
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i];
    if (ch === '|') return undefined;
    if (ch === '(') {
      flush();
      const end = groupEnd(pattern, i);
      if (end < 0) return undefined;
      i = end + 1;
      i = skipQuantifier(pattern, i);
      continue;
    }
    if (ch === '[') {
      flush();
      const end = classEnd(pattern, i);
      if (end < 0) return undefined;
      i = skipQuantifier(pattern, end + 1);
      continue;
    }
    if (ch === '.' || ch === '^' || ch === '$') { flush(); i = skipQuantifier(pattern, i + 1); continue; }
    if (ch === '*' || ch === '+' || ch === '?' || ch === '{' || ch === ')' || ch === ']' || ch === '}') return undefined;
    let literal: string;
    let next: number;
    if (ch === '\\') {
      const escaped = pattern[i + 1];
      if (escaped === undefined) return undefined;
      if (ESCAPE_LETTERS.test(escaped)) { flush(); i = skipQuantifier(pattern, i + 2); continue; }
      literal = escaped;
      next = i + 2;
    } else {
      const code = pattern.codePointAt(i)!;
      literal = String.fromCodePoint(code);
      next = i + literal.length;
    }
    const quantifier = quantifierAt(pattern, next);
    if (quantifier === 'invalid') return undefined;
    if (!quantifier) { run += literal; i = next; continue; }
    // x+ and x{2,}: x is required once, but what follows need not touch it; x? x* x{0,}: optional.
    if (quantifier.min > 0) run += literal;
    flush();
    i = quantifier.end;
  }
  flush();
  const longest = runs.reduce((best, r) => (r.length > best.length ? r : best), '');
  return longest.length >= 2 ? longest : undefined;
}

/** The quantifier at `at` (with its lazy '?'), 'invalid' for a '{' RE2 might read otherwise. */
function quantifierAt(pattern: string, at: number): { min: number; end: number } | undefined | 'invalid' {
  const ch = pattern[at];
  let min: number;
  let end: number;
  if (ch === '*' || ch === '?') { min = 0; end = at + 1; }
  else if (ch === '+') { min = 1; end = at + 1; }
  else if (ch === '{') {
    const counted = /^\{(\d+)(,\d*)?\}/.exec(pattern.slice(at));
    if (!counted) return 'invalid';
    min = Number(counted[1]);
    end = at + counted[0].length;
  } else return undefined;
  return { min, end: pattern[end] === '?' ? end + 1 : end };
}

function skipQuantifier(pattern: string, at: number): number {
  const quantifier = quantifierAt(pattern, at);
  return quantifier && quantifier !== 'invalid' ? quantifier.end : at;
}

function groupEnd(pattern: string, open: number): number {
  let depth = 0;
  for (let i = open; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') { i++; continue; }
    if (ch === '[') { i = classEnd(pattern, i); if (i < 0) return -1; continue; }
    if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i;
  }
  return -1;
}

/** The ']' closing the class that opens at `open` ('[]a]', '[^]a]' and '[[:alpha:]]' included). */
function classEnd(pattern: string, open: number): number {
  let i = open + 1;
  if (pattern[i] === '^') i++;
  if (pattern[i] === ']') i++;
  for (; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') { i++; continue; }
    if (ch === '[' && pattern[i + 1] === ':') {
      const close = pattern.indexOf(':]', i + 2);
      if (close < 0) return -1;
      i = close + 1;
      continue;
    }
    if (ch === ']') return i;
  }
  return -1;
}
