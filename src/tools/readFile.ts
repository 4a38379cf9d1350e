// read_file: text of one workspace file, a page at a time. Small files are read in one piece;
// files above tools.maxFileBytes are read in ranges, only as far as the requested page needs.
import { l10n } from '../common/l10n';
import { ToolCallContext } from './context';
import { resolveExisting } from './pathPolicy';
import { privateKeyRule } from './sensitiveFiles';
import { ParamSpecs } from './schema';
import { defineTool } from './tool';
import { formatBytes } from '../common/format';
import { BINARY_SNIFF_BYTES, ToolError, clipToBytes, decodeText, looksBinary } from './text';
import { WorkspaceLocation } from './workspacePort';

const MAX_LINE_NUMBER = 100_000_000;
/** Room kept in the result budget for the continuation note. */
const NOTE_RESERVE = 300;
const MAX_CHUNK_BYTES = 1024 * 1024;

const params = {
  path: { type: 'string', required: true, description: 'File path relative to the workspace folder; in a multi-root workspace start with the folder name.' },
  startLine: { type: 'integer', minimum: 1, maximum: MAX_LINE_NUMBER, description: 'First line to return, 1-based. Default 1.' },
  endLine: { type: 'integer', minimum: 1, maximum: MAX_LINE_NUMBER, description: 'Last line to return, inclusive. Default: as many lines as fit in one page.' },
} satisfies ParamSpecs;

export const readFileTool = defineTool({
  name: 'read_file',
  description: 'Read a text file from the workspace. Returns the file text (or the requested line range). Long files come back one page at a time with a note saying which startLine continues. Ignored, binary and out-of-workspace files are refused.',
  params,
  async prepare(args, ctx) {
    const startLine = args.startLine ?? 1;
    const endLine = args.endLine ?? Infinity;
    if (endLine < startLine) throw new ToolError(`read_file: endLine (${endLine}) is before startLine (${startLine}).`);
    const file = await resolveExisting(ctx, args.path, 'file');
    const range = args.startLine || args.endLine ? ` lines ${startLine}-${args.endLine ?? 'end'}` : '';
    // A file not sensitive by name may still hold a private key: its first chunk (the one the page
    // starts from anyway) is looked at before asking, and never leaves this process unless allowed.
    const first = file.sensitiveRule ? undefined : await readFirstChunk(ctx, file.location, file.stat.size);
    const rule = file.sensitiveRule ?? (first && privateKeyRule(first));
    return {
      describe: range ? l10n.t('read {0} lines {1}-{2} ({3})', file.display, startLine, args.endLine ?? l10n.t('end'), formatBytes(file.stat.size)) : l10n.t('read {0} ({1})', file.display, formatBytes(file.stat.size)),
      sensitiveFiles: rule ? [{ location: file.location, display: file.display, rule }] : [],
      run: async () => {
        const page = await readPage(ctx, file.location, file.stat.size, startLine, endLine, first);
        if (page.reachedEnd && startLine > page.totalLines! && !(startLine === 1 && page.totalLines === 0)) {
          throw new ToolError(`read_file: startLine ${startLine} is past the end of '${file.display}' (${page.totalLines} lines).`);
        }
        return { output: renderPage(page, file.display, file.stat.size, startLine), summary: summarise(page, file.display) };
      },
    };
  },
});

interface Page {
  lines: string[];
  firstLine: number;
  /** Last line included (possibly cut short when `lineCut`). */
  lastLine: number;
  /** Known once the scan reached the end of the file. */
  totalLines?: number;
  reachedEnd: boolean;
  /** Stopped because the page budget was full. */
  truncated: boolean;
  /** The one returned line was longer than the whole page budget and is cut. */
  lineCut: boolean;
  bytes: number;
}

/** The whole file when it fits tools.maxFileBytes, else its first chunk: what readPage starts from. */
function readFirstChunk(ctx: ToolCallContext, location: WorkspaceLocation, size: number): Promise<Uint8Array> {
  const { maxFileBytes } = ctx.settings;
  if (size <= maxFileBytes) return ctx.port.readFile(location);
  return ctx.port.readFile(location, { offset: 0, length: Math.min(maxFileBytes, MAX_CHUNK_BYTES, size) });
}

async function readPage(ctx: ToolCallContext, location: WorkspaceLocation, size: number, startLine: number, endLine: number, firstChunk?: Uint8Array): Promise<Page> {
  const { maxFileBytes, maxResultBytes } = ctx.settings;
  const budget = Math.max(256, maxResultBytes - NOTE_RESERVE);
  const whole = size <= maxFileBytes;
  const chunkBytes = Math.min(maxFileBytes, MAX_CHUNK_BYTES);

  const first = firstChunk ?? await readFirstChunk(ctx, location, size);
  if (looksBinary(first.subarray(0, BINARY_SNIFF_BYTES))) {
    throw new ToolError(`'${ctx.display(location)}' looks like a binary file (it contains NUL bytes); read_file only returns text.`);
  }

  const page: Page = { lines: [], firstLine: startLine, lastLine: startLine - 1, reachedEnd: false, truncated: false, lineCut: false, bytes: 0 };
  let line = 1;
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let endedWithNewline = false;

  const cutLongLine = (piece: Uint8Array): void => {
    const room = Math.max(0, budget - pendingBytes);
    pending.push(piece.subarray(0, room));
    page.lines.push(clipToBytes(decodeText(concat(pending, pendingBytes + Math.min(room, piece.length))), budget));
    page.bytes = budget;
    page.lastLine = line;
    page.lineCut = true;
  };

  const finishLine = (): boolean => {
    page.lines.push(decodeText(concat(pending, pendingBytes)));
    page.bytes += pendingBytes + 1;
    page.lastLine = line;
    pending = [];
    pendingBytes = 0;
    return line < endLine;
  };

  let offset = 0;
  let stopped = false;
  let chunk: Uint8Array | undefined = first;
  scan: while (chunk && chunk.length > 0) {
    ctx.throwIfCancelled();
    let pos = 0;
    while (pos < chunk.length) {
      const newline = chunk.indexOf(10, pos);
      const end = newline < 0 ? chunk.length : newline;
      if (line >= startLine) {
        const piece = chunk.subarray(pos, end);
        if (page.bytes + pendingBytes + piece.length + 1 > budget) {
          if (page.lines.length === 0) cutLongLine(piece);
          page.truncated = true;
          stopped = true;
          break scan;
        }
        pending.push(piece);
        pendingBytes += piece.length;
      }
      endedWithNewline = newline >= 0;
      if (newline < 0) break;
      if (line >= startLine && !finishLine()) { stopped = true; break scan; }
      line++;
      pos = newline + 1;
    }
    offset += chunk.length;
    chunk = whole || offset >= size ? undefined : await ctx.port.readFile(location, { offset, length: Math.min(chunkBytes, size - offset) });
  }

  if (stopped && whole) page.totalLines = countLines(first);
  if (!stopped) {
    page.reachedEnd = true;
    if (offset === 0) page.totalLines = 0;
    else if (endedWithNewline) page.totalLines = line - 1;
    else {
      page.totalLines = line;
      if (line >= startLine) finishLine();
    }
  }
  return page;
}

function countLines(bytes: Uint8Array): number {
  let lines = 0;
  for (let at = bytes.indexOf(10); at >= 0; at = bytes.indexOf(10, at + 1)) lines++;
  return bytes.length > 0 && bytes[bytes.length - 1] !== 10 ? lines + 1 : lines;
}

function concat(parts: Uint8Array[], total: number): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) { out.set(part, at); at += part.length; }
  return out;
}

function renderPage(page: Page, display: string, size: number, requestedStart: number): string {
  const body = page.lines.join('\n');
  const of = page.totalLines !== undefined ? ` of ${page.totalLines}` : ` of a ${formatBytes(size)} file`;
  if (page.lineCut) {
    return `${body}\n[… truncated: line ${page.lastLine} is longer than one page (${formatBytes(page.bytes)} shown); the rest of the line is cut. Call read_file with startLine=${page.lastLine + 1} for the lines after it.]`;
  }
  if (page.truncated) {
    return `${body}\n[… truncated: showing lines ${page.firstLine}-${page.lastLine}${of}. Call read_file with path '${display}' and startLine=${page.lastLine + 1} to continue.]`;
  }
  if (page.lines.length === 0) return '(empty file)';
  const wholeFile = requestedStart === 1 && page.reachedEnd;
  return wholeFile ? body : `${body}\n[lines ${page.firstLine}-${page.lastLine}${of}]`;
}

function summarise(page: Page, display: string): string {
  if (page.lines.length === 0) return l10n.t('read {0} (empty)', display);
  if (page.truncated) return l10n.t('read {0} lines {1}-{2} ({3}, truncated)', display, page.firstLine, page.lastLine, formatBytes(page.bytes));
  return l10n.t('read {0} lines {1}-{2} ({3})', display, page.firstLine, page.lastLine, formatBytes(page.bytes));
}
