// Splits a file into chunks at syntax boundaries for the embeddings index, with language-aware
// heuristics rather than tree-sitter: a WASM parser plus one grammar per language would add
// megabytes to a .vsix whose budget is 2 MB (docs/BENCHMARKS.md), for chunks that only need to
// start where a reader would. Code: a new chunk may start at a top-level declaration (a line at
// the file's outermost indentation and brace depth that opens a function, class, type, ...), or
// at a blank line at depth 0. Markdown: at headings. Anything else: at blank lines. Chunks are
// then packed up to MAX_CHUNK_CHARS; a block longer than that is cut at line boundaries.

export interface Chunk {
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
  text: string;
}

/** About 500 tokens: well inside gemini-embedding-2's 8,192-token input, and a readable snippet. */
export const MAX_CHUNK_CHARS = 2000;
/** Blocks shorter than this are merged with their neighbours. */
const MIN_CHUNK_CHARS = 300;

type Kind = 'code' | 'markdown' | 'text';

const MARKDOWN = /\.(md|mdx|markdown|rst|adoc)$/i;
const TEXT = /\.(txt|log|csv|tsv)$/i;
const DECLARATION = new RegExp(
  '^(export\\s+)?(default\\s+)?(async\\s+)?(public\\s+|private\\s+|protected\\s+|internal\\s+|static\\s+|abstract\\s+|final\\s+|override\\s+|pub(\\(crate\\))?\\s+|unsafe\\s+|inline\\s+|virtual\\s+)*' +
  '(function\\*?|class|interface|type|enum|namespace|module|def|fn|func|struct|impl|trait|object|record|const|let|var|val|describe|it|test|@\\w+|#\\[|template|package)\\b',
);

export function kindOf(path: string): Kind {
  if (MARKDOWN.test(path)) return 'markdown';
  if (TEXT.test(path)) return 'text';
  return 'code';
}

/** Line indexes (0-based) where a new block may start. */
function boundaries(lines: string[], kind: Kind): Set<number> {
  const starts = new Set<number>([0]);
  let depth = 0;
  let fence = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const trimmed = line.trim();
    if (kind === 'markdown') {
      if (/^(```|~~~)/.test(trimmed)) fence = !fence;
      if (!fence && /^#{1,6}\s/.test(line)) starts.add(i);
      else if (!fence && trimmed === '' && i + 1 < lines.length) starts.add(i + 1);
      continue;
    }
    if (kind === 'text') {
      if (trimmed === '' && i + 1 < lines.length) starts.add(i + 1);
      continue;
    }
    const topLevel = depth <= 0 && !/^\s/.test(line);
    if (topLevel && DECLARATION.test(trimmed)) starts.add(leadingComments(lines, i));
    else if (depth <= 0 && trimmed === '' && i + 1 < lines.length) starts.add(i + 1);
    depth += braceDelta(line);
    if (depth < 0) depth = 0;
  }
  return starts;
}

/** A declaration's chunk starts with the comment or decorator lines right above it. */
function leadingComments(lines: string[], index: number): number {
  let start = index;
  while (start > 0 && /^\s*(\/\/|\/\*|\*|#|@|"""|''')/.test(lines[start - 1]) && lines[start - 1].trim() !== '') start--;
  return start;
}

/** Opening minus closing braces and brackets outside strings and line comments (roughly). */
function braceDelta(line: string): number {
  let delta = 0;
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '/' && line[i + 1] === '/') break;
    else if (c === '{' || c === '(' || c === '[') delta++;
    else if (c === '}' || c === ')' || c === ']') delta--;
  }
  return delta;
}

/** The chunks of one file's text (LF or CRLF); an empty or blank file has none. */
export function chunkText(path: string, text: string): Chunk[] {
  const lines = text.split(/\r?\n/);
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  if (!lines.some((line) => line.trim() !== '')) return [];
  const starts = [...boundaries(lines, kindOf(path))].sort((a, b) => a - b);
  const blocks: Array<[number, number]> = starts.map((start, i) => [start, (starts[i + 1] ?? lines.length) - 1]);
  const chunks: Chunk[] = [];
  let current: [number, number] | undefined;
  const size = (range: [number, number]) => lines.slice(range[0], range[1] + 1).join('\n').length;
  const flush = () => {
    if (current) chunks.push(...cut(lines, current[0], current[1]));
    current = undefined;
  };
  for (const block of blocks) {
    if (!current) { current = block; continue; }
    const merged: [number, number] = [current[0], block[1]];
    if (size(current) < MIN_CHUNK_CHARS || (size(merged) <= MAX_CHUNK_CHARS && size(block) < MIN_CHUNK_CHARS)) current = merged;
    else { flush(); current = block; }
  }
  flush();
  return chunks.filter((chunk) => chunk.text.trim() !== '');
}

/** One block as chunks of at most MAX_CHUNK_CHARS, cut at line ends (a longer line is cut too). */
function cut(lines: string[], first: number, last: number): Chunk[] {
  const out: Chunk[] = [];
  let start = first;
  let text = '';
  for (let i = first; i <= last; i++) {
    const line = lines[i].length > MAX_CHUNK_CHARS ? lines[i].slice(0, MAX_CHUNK_CHARS) : lines[i];
    if (text && text.length + 1 + line.length > MAX_CHUNK_CHARS) {
      out.push({ startLine: start + 1, endLine: i, text });
      start = i;
      text = '';
    }
    text = text ? `${text}\n${line}` : line;
  }
  if (text) out.push({ startLine: start + 1, endLine: last + 1, text });
  // Blank lines at the edges carry nothing: trim them from the ranges too.
  return out.map((chunk) => trimBlank(chunk));
}

function trimBlank(chunk: Chunk): Chunk {
  const lines = chunk.text.split('\n');
  let { startLine, endLine } = chunk;
  while (lines.length > 1 && lines[0].trim() === '') { lines.shift(); startLine++; }
  while (lines.length > 1 && lines[lines.length - 1].trim() === '') { lines.pop(); endLine--; }
  return { startLine, endLine, text: lines.join('\n') };
}
