// Caps how deeply model markdown can nest before it reaches the lexer. Thousands of nested quotes,
// lists or emphasis markers overflow marked's recursion (the answer's tail vanished, a reload
// showed an empty chat) or make it take minutes. Past the cap, the markers are escaped with a
// backslash, so the rest of the line is shown as the literal text it is. Only backslashes are
// inserted (and indentation past the deepest level trimmed), only in lines past the cap, never
// inside fenced code; lines are kept one for one, so the streaming renderer can map what it
// consumed back to the original text line by line.

/** Quote and list levels kept; deeper markers on a line become text. */
export const MAX_CONTAINER_DEPTH = 24;
/** Longer runs of `*`, `_` or `~` are shown as the characters they are. */
export const MAX_DELIMITER_RUN = 48;
/** Leading blank columns kept on a line outside fenced code: the deepest list level and a code indent. */
const MAX_INDENT = MAX_CONTAINER_DEPTH * 2 + 4;

/** Quote markers, list bullets and ordered-list numbers at the start of a line, with their blank space. */
const CONTAINER_PREFIX = /^(?:[ \t]*(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)))*/;
const MARKER = /[ \t]*(>|[-+*]|\d{1,9}[.)])/y;
const FENCE = /^[ \t]*(`{3,}|~{3,})/;
const LONG_RUN = new RegExp(`([*_~])\\1{${MAX_DELIMITER_RUN},}`, 'g');

/** The source with nesting past the caps turned into literal text; unchanged when within them. */
export function capNesting(source: string): string {
  if (!mayNeedCap(source)) return source;
  let fence: string | undefined;
  const lines = source.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const prefix = CONTAINER_PREFIX.exec(line)![0];
    const rest = line.slice(prefix.length);
    const opens = FENCE.exec(rest)?.[1];
    if (fence) {
      if (opens && opens[0] === fence[0] && opens.length >= fence.length) fence = undefined;
      continue;
    }
    if (opens) fence = opens;
    lines[i] = capIndent(capPrefix(prefix)) + (opens ? rest : rest.replace(LONG_RUN, (run) => run.replace(/./g, '\\$&')));
  }
  return lines.join('\n');
}

/**
 * Indentation past the deepest level kept is cut to that width: it can only nest further (or make
 * the lexer rescan it at every level), and its text is shown all the same.
 */
function capIndent(prefix: string): string {
  const indent = /^[ \t]*/.exec(prefix)![0];
  if (indent.replace(/\t/g, '    ').length <= MAX_INDENT) return prefix;
  return ' '.repeat(MAX_INDENT) + prefix.slice(indent.length);
}

/** Cheap test that lets ordinary answers skip the line walk. */
function mayNeedCap(source: string): boolean {
  LONG_RUN.lastIndex = 0;
  if (LONG_RUN.test(source)) return true;
  let markers = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 10) markers = 0;
    else if (c === 62 /* > */ || c === 45 /* - */ || c === 42 /* * */ || c === 43 /* + */ || c === 32 || c === 9) {
      if (++markers > MAX_CONTAINER_DEPTH * 2) return true;
    } else markers = 0;
  }
  return false;
}

/**
 * Escapes the first container marker that goes past MAX_CONTAINER_DEPTH. Leading indentation
 * counts as nesting too (two columns a level, as the tightest nested list uses).
 */
function capPrefix(prefix: string): string {
  const indent = /^[ \t]*/.exec(prefix)![0].replace(/\t/g, '    ').length;
  let depth = Math.floor(indent / 2);
  MARKER.lastIndex = 0;
  for (let match = MARKER.exec(prefix); match; match = MARKER.exec(prefix)) {
    depth++;
    if (depth > MAX_CONTAINER_DEPTH) {
      // `\>` `\-` `\*` `\+` are literal; an ordered marker needs its punctuation escaped: `1\.`.
      const at = match.index + match[0].length - (/\d/.test(match[1]) ? 1 : match[1].length);
      return `${prefix.slice(0, at)}\\${prefix.slice(at)}`;
    }
  }
  return prefix;
}
