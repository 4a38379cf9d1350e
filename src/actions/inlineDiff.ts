// The inline diff of a proposal, worked out without VS Code: which lines the editor shows as kept,
// removed (struck through) or added (highlighted), the partial proposal read from Gemini's
// streaming JSON, and the text the editor holds while the proposal is on screen. Pure.

export type InlineLineKind = 'same' | 'removed' | 'added' | 'pending';

/** One line of the inline view. `pending`: an original line Gemini has not reached yet. */
export interface InlineLine {
  kind: InlineLineKind;
  text: string;
}

/** Above this many cells the LCS table is skipped: everything old is removed, everything new added. */
const MAX_DIFF_CELLS = 4_000_000;

/** A line diff (longest common subsequence), removals before additions within a change. */
export function lineDiff(original: readonly string[], proposed: readonly string[]): InlineLine[] {
  let head = 0;
  while (head < original.length && head < proposed.length && original[head] === proposed[head]) head++;
  let tail = 0;
  while (tail < original.length - head && tail < proposed.length - head && original[original.length - 1 - tail] === proposed[proposed.length - 1 - tail]) tail++;
  const a = original.slice(head, original.length - tail);
  const b = proposed.slice(head, proposed.length - tail);
  const middle: InlineLine[] = [];
  if ((a.length + 1) * (b.length + 1) > MAX_DIFF_CELLS) {
    for (const text of a) middle.push({ kind: 'removed', text });
    for (const text of b) middle.push({ kind: 'added', text });
  } else {
    // lengths[i][j]: LCS length of a[i..] and b[j..], in one flat array.
    const width = b.length + 1;
    const lengths = new Uint32Array((a.length + 1) * width);
    for (let i = a.length - 1; i >= 0; i--) {
      for (let j = b.length - 1; j >= 0; j--) {
        lengths[i * width + j] = a[i] === b[j] ? lengths[(i + 1) * width + j + 1] + 1 : Math.max(lengths[(i + 1) * width + j], lengths[i * width + j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
      if (i < a.length && j < b.length && a[i] === b[j]) {
        middle.push({ kind: 'same', text: a[i] });
        i++;
        j++;
      } else if (i < a.length && (j >= b.length || lengths[(i + 1) * width + j] >= lengths[i * width + j + 1])) {
        middle.push({ kind: 'removed', text: a[i++] });
      } else {
        middle.push({ kind: 'added', text: b[j++] });
      }
    }
  }
  return [
    ...original.slice(0, head).map((text): InlineLine => ({ kind: 'same', text })),
    ...middle,
    ...original.slice(original.length - tail).map((text): InlineLine => ({ kind: 'same', text })),
  ];
}

/**
 * The inline view of `proposed` against `original`. While Gemini is still writing (`complete`
 * false) the proposal is a prefix: original lines after the last line it matched or replaced are
 * `pending` (shown as they are), not removed.
 */
export function inlineView(original: readonly string[], proposed: readonly string[], complete: boolean): InlineLine[] {
  if (complete) return lineDiff(original, proposed);
  if (proposed.length === 0) return original.map((text) => ({ kind: 'pending', text }));
  const lines = lineDiff(original, proposed);
  // Original lines after the last one the proposal kept may still come: they wait below the
  // proposal so far instead of showing as removed.
  let lastSame = lines.length - 1;
  while (lastSame >= 0 && lines[lastSame].kind !== 'same') lastSame--;
  const tail = lines.slice(lastSame + 1);
  return [
    ...lines.slice(0, lastSame + 1),
    ...tail.filter((line) => line.kind === 'added'),
    ...tail.filter((line) => line.kind === 'removed').map((line): InlineLine => ({ kind: 'pending', text: line.text })),
  ];
}

/** The editor text of an inline view: every line once, joined with the document's line break. */
export function inlineText(lines: readonly InlineLine[], eol: '\n' | '\r\n'): string {
  return lines.map((line) => line.text).join(eol);
}

/** The text Accept writes: the kept and added lines, i.e. exactly the proposal. */
export function acceptedText(lines: readonly InlineLine[], eol: '\n' | '\r\n'): string {
  return lines.filter((line) => line.kind === 'same' || line.kind === 'added' || line.kind === 'pending').map((line) => line.text).join(eol);
}

/** Counts for the announcement, e.g. "3 lines added, 2 removed". */
export function summarizeView(lines: readonly InlineLine[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const line of lines) {
    if (line.kind === 'added') added++;
    else if (line.kind === 'removed') removed++;
  }
  return { added, removed };
}

/** Splits text into lines, accepting `\n` and `\r\n`. */
export function splitLines(text: string): string[] {
  return text.split(/\r?\n/);
}

/**
 * The `code` value read so far from a streaming structured answer (`{"rationale": …, "code": …}`),
 * with JSON escapes decoded and an escape cut in half left out. `complete` once its closing quote
 * arrived. Undefined until the top-level `code` string has started.
 */
export function streamingCode(partialJson: string): { code: string; complete: boolean } | undefined {
  let depth = 0;
  let i = 0;
  let expectingKey = false;
  let lastKey: string | undefined;
  let afterColon = false;
  while (i < partialJson.length) {
    const char = partialJson[i];
    if (char === '"') {
      const isCodeValue = depth === 1 && afterColon && lastKey === 'code';
      const read = readString(partialJson, i + 1);
      if (isCodeValue) return { code: read.value, complete: read.closed };
      if (!read.closed) return undefined;
      if (depth === 1 && expectingKey) lastKey = read.value;
      afterColon = false;
      expectingKey = false;
      i = read.end;
      continue;
    }
    if (char === '{' || char === '[') {
      depth++;
      if (depth === 1 && char === '{') expectingKey = true;
      afterColon = false;
    } else if (char === '}' || char === ']') {
      depth--;
    } else if (char === ':' && depth === 1) {
      afterColon = true;
    } else if (char === ',' && depth === 1) {
      expectingKey = true;
      afterColon = false;
      lastKey = undefined;
    }
    i++;
  }
  return undefined;
}

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** Reads a JSON string body starting at `start` (after the opening quote). */
function readString(text: string, start: number): { value: string; closed: boolean; end: number } {
  let value = '';
  let i = start;
  while (i < text.length) {
    const char = text[i];
    if (char === '"') return { value, closed: true, end: i + 1 };
    if (char !== '\\') {
      value += char;
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === undefined) break;
    if (next === 'u') {
      const hex = text.slice(i + 2, i + 6);
      if (hex.length < 4) break;
      value += String.fromCharCode(parseInt(hex, 16));
      i += 6;
    } else {
      value += ESCAPES[next] ?? next;
      i += 2;
    }
  }
  return { value, closed: false, end: text.length };
}

/** The complete lines of a partial proposal (the line still being written is held back). */
export function completeLines(partialCode: string): string[] {
  const normalized = partialCode.replace(/\r\n/g, '\n');
  const cut = normalized.lastIndexOf('\n');
  return cut < 0 ? [] : normalized.slice(0, cut).split('\n');
}
