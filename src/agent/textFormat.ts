// How the agent reads and writes a text file without changing what it does not edit: strict UTF-8
// (a file in another encoding is refused rather than re-encoded), the byte-order mark kept, the
// file's own line ending used for every line the model writes. Pure.
import { BINARY_SNIFF_BYTES, ToolError, looksBinary } from '../tools/text';

export type Eol = '\n' | '\r\n';

export interface TextFile {
  /** The text without the BOM, with its line endings as on disk. */
  text: string;
  bom: boolean;
  /** The dominant line ending; new lines the model writes get this one. */
  eol: Eol;
}

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();

/** Decodes a file for editing, or refuses it with a reason the model can act on. */
export function decodeForEdit(bytes: Uint8Array, display: string): TextFile {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new ToolError(`'${display}' is UTF-16 encoded; agent edits are limited to UTF-8 files so the encoding is never changed. Ask the user to edit it.`);
  }
  if (looksBinary(bytes.subarray(0, BINARY_SNIFF_BYTES)) || bytes.includes(0)) {
    throw new ToolError(`'${display}' looks like a binary file (it contains NUL bytes); edit_file only changes text files.`);
  }
  let text: string;
  try {
    text = strict.decode(bytes);
  } catch {
    throw new ToolError(`'${display}' is not valid UTF-8 (another encoding, e.g. Latin-1?); agent edits are limited to UTF-8 files so the encoding is never changed.`);
  }
  const bom = text.charCodeAt(0) === 0xfeff;
  if (bom) text = text.slice(1);
  return { text, bom, eol: dominantEol(text) };
}

export function encodeText(text: string, bom: boolean): Uint8Array {
  return encoder.encode(bom ? `\ufeff${text}` : text);
}

export function dominantEol(text: string): Eol {
  let crlf = 0;
  let lf = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) {
    if (at > 0 && text.charCodeAt(at - 1) === 13) crlf++;
    else lf++;
  }
  return crlf > lf ? '\r\n' : '\n';
}

/** The model's text with every line break written as the file's. */
export function withEol(text: string, eol: Eol): string {
  const lf = text.replace(/\r\n?/g, '\n');
  return eol === '\n' ? lf : lf.replace(/\n/g, '\r\n');
}

/** Lines of a text (a trailing line break ends the last line rather than starting one). */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** 1-based line number of an offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at >= 0 && at < offset; at = text.indexOf('\n', at + 1)) line++;
  return line;
}

/** Lines removed and added when `before` becomes `after`, ignoring unchanged lines at both ends. */
export function lineDelta(before: string, after: string): { added: number; removed: number } {
  const a = splitLines(before);
  const b = splitLines(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) { endA--; endB--; }
  return { removed: endA - start, added: endB - start };
}
