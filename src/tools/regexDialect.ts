// The model writes RE2 syntax (validated by re2js in textMatcher.ts). ripgrep's Rust regex engine
// reads almost the same language, but its \d \w \s \b are Unicode-aware where RE2's are ASCII.
// This rewrites those escapes to explicit ASCII classes, so both engines match the same lines.
// Anything Rust still refuses (RE2's \Q…\E, \C) makes the call fall back to the Node walker.

const OUTSIDE: Record<string, string> = {
  d: '[0-9]', D: '[^0-9]', w: '[0-9A-Za-z_]', W: '[^0-9A-Za-z_]', s: '[\\t\\n\\f\\r ]', S: '[^\\t\\n\\f\\r ]',
  b: '(?-u:\\b)', B: '(?-u:\\B)',
};

/** Inside a class Rust accepts nested classes, so negated ones can be written as [^...]. */
const INSIDE: Record<string, string> = {
  d: '0-9', D: '[^0-9]', w: '0-9A-Za-z_', W: '[^0-9A-Za-z_]', s: '\\t\\n\\f\\r ', S: '[^\\t\\n\\f\\r ]',
};

export function re2ToRust(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\' && i + 1 < pattern.length) {
      const next = pattern[++i];
      const table = inClass ? INSIDE : OUTSIDE;
      if (next === 'Q') {
        // A quoted literal: copy it as it is; Rust refuses \Q and the walker takes over.
        const end = pattern.indexOf('\\E', i);
        out += pattern.slice(i - 1, end < 0 ? pattern.length : end + 2);
        i = end < 0 ? pattern.length : end + 1;
        continue;
      }
      out += table[next] ?? `\\${next}`;
      continue;
    }
    if (!inClass && ch === '[') {
      inClass = true;
      out += ch;
      // A ']' right after '[' or '[^' is a literal member.
      if (pattern[i + 1] === '^') out += pattern[++i];
      if (pattern[i + 1] === ']') out += pattern[++i];
      continue;
    }
    if (inClass && ch === '[' && pattern[i + 1] === ':') {
      const end = pattern.indexOf(':]', i + 2);
      if (end > 0) { out += pattern.slice(i, end + 2); i = end + 1; continue; }
    }
    if (inClass && ch === ']') inClass = false;
    out += ch;
  }
  return out;
}
