// A file-name glob that a search engine can apply while it walks, derived from a find_files glob
// (or a search_text include glob): every path the full glob accepts has a name this one accepts,
// so the engine may leave the others out, and the full glob still decides on what it proposes.
// Only forms whose meaning is the same for picomatch and for ripgrep's gitignore-style globs are
// passed on: the last segment made of plain characters and '*' / '?' (no classes, braces,
// extglobs, escapes or negation). Anything else gives undefined: no prefilter, nothing lost.

/**
 * ASCII characters that mean themselves to both. Left out: glob syntax ([]{}()!@+\\^$|), '#'
 * (a comment at the start of a gitignore-style line), spaces (trimmed at its end), and ':' and
 * ',' (which ripgrep's --type-add definitions give a meaning).
 */
const PLAIN_ASCII = /^[A-Za-z0-9_.;=%&~'<>-]$/;

/**
 * The name glob for `glob`, or undefined when none is safe (or none would filter anything).
 * '**\/*.ts' → '*.ts'; 'src/**\/index.ts' → 'index.ts'; '*.md' → '*.md'; 'src/**' → undefined.
 */
export function nameGlobPrefilter(glob: string): string | undefined {
  if (glob.startsWith('!')) return undefined;
  const last = glob.slice(glob.lastIndexOf('/') + 1);
  if (!last || last.includes('**')) return undefined;
  for (const char of last) {
    if (char === '*' || char === '?') continue;
    // Non-ASCII letters are fine: both sides compare them as code points, case-sensitively.
    if (char.charCodeAt(0) > 0x7f ? /^[\p{L}\p{N}]$/u.test(char) : PLAIN_ASCII.test(char)) continue;
    return undefined;
  }
  // '*' alone (or '*' and '?' only) names every file: nothing to filter.
  if (/^[*?]*$/.test(last) && last.includes('*')) return undefined;
  // A leading '.' segment such as './x' is not a name.
  if (last === '.' || last === '..') return undefined;
  return last;
}
