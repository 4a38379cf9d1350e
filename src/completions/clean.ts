// Cleans the model's raw answer into the text inserted at the cursor. The answer is untrusted:
// whatever this returns is exactly what the ghost text shows and what Tab inserts. Models wrap
// code in fences, repeat the line they were asked to finish, and re-type the code after the
// cursor; each is cut here. Pure: no `vscode` import.
import { CURSOR_MARKER, type CompletionMode } from './prompt';

export const MAX_BLOCK_LINES = 20;
/** Shortest run of repeated prefix (beyond the current line) worth treating as an echo. */
const MIN_ECHO = 12;

export interface CleanContext {
  prefix: string;
  suffix: string;
  mode: CompletionMode;
}

/** Removes one pair of Markdown code fences around the whole answer (the language tag too). */
export function stripFences(text: string): string {
  let out = text.replace(/^\s*\n/, '');
  const open = /^\s*(```|~~~)[^\n]*\n/.exec(out);
  if (open) {
    out = out.slice(open[0].length);
    const close = new RegExp(`\\n?[ \\t]*${open[1]}[ \\t]*\\s*$`).exec(out);
    if (close) out = out.slice(0, close.index);
  } else {
    out = out.replace(/\n?[ \t]*```[ \t]*\s*$/, '');
  }
  return out;
}

/** Controls other than tab and newline, and bidi overrides: nothing invisible reaches the file. */
function stripInvisible(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '');
}

/** The answer minus a repeat of the code just before the cursor (the current line, or more). */
export function stripPrefixEcho(text: string, prefix: string): string {
  const lineBefore = prefix.slice(prefix.lastIndexOf('\n') + 1);
  const typed = lineBefore.trimStart();
  // The cursor sits after indentation and the answer indents again.
  if (lineBefore && !typed && text.startsWith(lineBefore)) return text.slice(lineBefore.length);
  if (typed && text.trimStart().startsWith(typed)) {
    return text.trimStart().slice(typed.length);
  }
  // A longer echo: the answer starts with the last lines before the cursor, then continues.
  const max = Math.min(text.length, prefix.length, 2000);
  for (let k = max; k >= MIN_ECHO; k--) {
    if (prefix.endsWith(text.slice(0, k)) && text.slice(0, k).trim().length >= MIN_ECHO - 4) return text.slice(k);
  }
  return text;
}

/** The answer minus what it re-types of the code after the cursor. */
export function stripSuffixOverlap(text: string, suffix: string, mode: CompletionMode): string {
  const newline = suffix.indexOf('\n');
  const lineAfter = newline < 0 ? suffix : suffix.slice(0, newline);
  let out = text;
  if (mode === 'line' || !out.includes('\n')) {
    // `foo(|)` answered with `a, b)`: keep `a, b`.
    const after = lineAfter.trimEnd();
    for (let k = Math.min(after.length, out.length); k >= 1; k--) {
      if (out.endsWith(after.slice(0, k))) return out.slice(0, out.length - k);
    }
    return out;
  }
  // A block that ends with the lines already below the cursor (a closing brace, say).
  const below = suffix.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  const lines = out.split('\n');
  let drop = 0;
  for (let m = Math.min(below.length, lines.length - 1); m >= 1; m--) {
    const tail = lines.slice(lines.length - m).map((line) => line.trim());
    if (tail.every((line, i) => line === below[i])) {
      drop = m;
      break;
    }
  }
  if (drop > 0) out = lines.slice(0, lines.length - drop).join('\n');
  return out;
}

/** The text to insert at the cursor, or '' when nothing useful is left. */
export function cleanCompletion(raw: string, context: CleanContext): string {
  let text = stripInvisible(raw.replace(/\r\n?/g, '\n')).split(CURSOR_MARKER).join('');
  text = stripFences(text);
  text = stripPrefixEcho(text, context.prefix);
  if (context.mode === 'line') {
    const newline = text.indexOf('\n');
    if (newline >= 0) text = text.slice(0, newline);
  } else {
    text = text.split('\n').slice(0, MAX_BLOCK_LINES).join('\n');
  }
  text = text.trimEnd();
  text = stripSuffixOverlap(text, context.suffix, context.mode).trimEnd();
  return text.trim() === '' ? '' : text;
}
