// Where an inline proposal sits while the user keeps typing: a block of whole lines that moves
// when lines are added or removed above it, and is "touched" when an edit reaches into it. The
// session then stops rather than guess which text is whose. Pure: no `vscode` import.

/** Lines `start` to `start + lineCount - 1` of a document. */
export interface LineRegion {
  start: number;
  lineCount: number;
}

/** One content change as VS Code reports it (positions before the change). */
export interface LineEdit {
  startLine: number;
  startCharacter: number;
  endLine: number;
  endCharacter: number;
  text: string;
}

export type RegionUpdate = { touched: false; region: LineRegion } | { touched: true };

/** The region after `edit`, or `touched` when the edit changed text inside it. */
export function trackRegion(region: LineRegion, edit: LineEdit): RegionUpdate {
  const lastLine = region.start + region.lineCount - 1;
  const insertedLines = countLineBreaks(edit.text);
  const removedLines = edit.endLine - edit.startLine;
  if (edit.endLine < region.start) return { touched: false, region: shifted(region, insertedLines - removedLines) };
  if (edit.endLine === region.start && edit.endCharacter === 0) {
    // The edit ends where the region starts: fine as long as the region's first line still
    // starts its own line afterwards (no text joined onto it).
    const lastBreak = edit.text.lastIndexOf('\n');
    const column = lastBreak < 0 ? edit.startCharacter + edit.text.length : edit.text.length - lastBreak - 1;
    if (column === 0) return { touched: false, region: shifted(region, insertedLines - removedLines) };
    return { touched: true };
  }
  if (edit.startLine > lastLine) return { touched: false, region };
  return { touched: true };
}

function shifted(region: LineRegion, delta: number): LineRegion {
  return { start: region.start + delta, lineCount: region.lineCount };
}

function countLineBreaks(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) count++;
  return count;
}
