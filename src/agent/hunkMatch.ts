// Finding the one place an edit_file hunk applies. The search text must occur exactly once; when
// it does not, the error tells the model what to do next: how many matches and where, or where the
// file almost matched (same lines apart from whitespace, or the closest run of lines and the first
// line that differs). Pure.
import { ToolError } from '../tools/text';
import { Eol, lineAt, withEol } from './textFormat';

const MAX_REPORTED_MATCHES = 5;
const MAX_QUOTED_CHARS = 120;

/** The offset of the single match of `search` in `text`, or a ToolError describing the problem. */
export function locateHunk(text: string, rawSearch: string, eol: Eol, display: string): { start: number; end: number } {
  if (rawSearch.trim() === '') {
    throw new ToolError(`edit_file: 'search' is empty. Quote the exact lines to replace (a few lines of context make it unique); to write a new file use create_file.`);
  }
  const search = withEol(rawSearch, eol);
  const matches = allMatches(text, search);
  if (matches.length === 1) return { start: matches[0], end: matches[0] + search.length };
  if (matches.length > 1) {
    const lines = matches.slice(0, MAX_REPORTED_MATCHES).map((at) => lineAt(text, at));
    const more = matches.length > MAX_REPORTED_MATCHES ? ` and ${matches.length - MAX_REPORTED_MATCHES} more` : '';
    throw new ToolError(`edit_file: the search text matches ${matches.length} times in '${display}' (at lines ${lines.join(', ')}${more}). Nothing was changed. Add surrounding lines to 'search' so it matches exactly once.`);
  }
  throw new ToolError(`edit_file: the search text was not found in '${display}'. Nothing was changed. ${nearMiss(text, search)}`);
}

/** Every start offset, overlapping ones included (a hunk that overlaps itself is ambiguous too). */
export function allMatches(text: string, search: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(search); at >= 0; at = text.indexOf(search, at + 1)) found.push(at);
  return found;
}

const squash = (line: string) => line.trim().replace(/\s+/g, ' ');

/** Where the file came closest to the search text, as advice the model can act on. */
export function nearMiss(text: string, search: string): string {
  const fileLines = text.split(/\r?\n/);
  const wanted = search.split(/\r?\n/);
  while (wanted.length > 1 && wanted[wanted.length - 1] === '') wanted.pop();
  const wantedSquashed = wanted.map(squash);
  const firstKey = wantedSquashed.find((line) => line !== '');
  if (firstKey === undefined) return 'The search text has only blank lines; quote the lines to replace.';
  const fileSquashed = fileLines.map(squash);

  // Every line equal apart from whitespace: the usual cause is indentation or tabs.
  const loose: number[] = [];
  for (let start = 0; start + wanted.length <= fileLines.length; start++) {
    if (wantedSquashed.every((line, i) => fileSquashed[start + i] === line)) loose.push(start);
  }
  if (loose.length === 1) {
    const [start] = loose;
    return `Lines ${start + 1}-${start + wanted.length} match when whitespace is ignored: the indentation or spacing differs. Copy those lines exactly (read_file shows them) into 'search'.`;
  }
  if (loose.length > 1) {
    return `Ignoring whitespace it would match ${loose.length} times (lines ${loose.slice(0, MAX_REPORTED_MATCHES).map((s) => s + 1).join(', ')}); copy the exact text and add surrounding lines.`;
  }

  // The run of lines sharing the most lines with the search text, anchored on lines that occur in both.
  const positions = new Map<string, number[]>();
  wantedSquashed.forEach((line, i) => { if (line) positions.set(line, [...(positions.get(line) ?? []), i]); });
  const scores = new Map<number, number>();
  fileSquashed.forEach((line, fileIndex) => {
    for (const i of positions.get(line) ?? []) {
      const start = fileIndex - i;
      if (start >= 0) scores.set(start, (scores.get(start) ?? 0) + 1);
    }
  });
  let best = -1;
  let bestScore = 0;
  for (const [start, score] of scores) if (score > bestScore || (score === bestScore && start < best)) { best = start; bestScore = score; }
  if (best < 0) return `No line of the search text occurs in the file. Read the file with read_file and quote its current text.`;
  const differs = wanted.findIndex((line, i) => squash(fileLines[best + i] ?? '') !== squash(line));
  const similarity = Math.round((100 * bestScore) / wanted.filter((line) => line.trim()).length);
  const where = `The closest match is lines ${best + 1}-${best + wanted.length} (${bestScore} of ${wanted.length} lines identical, ${Math.min(similarity, 99)}% similar)`;
  if (differs < 0) return `${where}. Read those lines again with read_file and quote them exactly.`;
  const fileLine = fileLines[best + differs];
  return `${where}; the first difference is at line ${best + differs + 1}: the file has ${quote(fileLine)}, your search has ${quote(wanted[differs])}. Read the file again and quote its current text.`;
}

function quote(line: string | undefined): string {
  if (line === undefined) return '(end of file)';
  const text = line.length > MAX_QUOTED_CHARS ? `${line.slice(0, MAX_QUOTED_CHARS)}…` : line;
  return JSON.stringify(text);
}
