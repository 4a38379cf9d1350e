// search_text on the Node walker: the path for remote and virtual file systems, and wherever no
// ripgrep is found. Files stream past in walk order with several reads in flight; a literal that
// every match contains (the query, or a run of plain characters in a regex) is looked for in the
// raw bytes first, any case too (literalPrefilter.ts), so files without it are never decoded;
// regexes go to the RegexRun (a worker thread in the extension), which a Stop or the time budget
// ends mid-file. Binary files (a NUL byte anywhere, as ripgrep decides) and files over
// tools.maxFileBytes are skipped and counted.
import { ToolCallContext } from './context';
import { sensitiveMatchedFile } from './sensitiveFiles';
import { decodeText } from './text';
import { RegexRun, TextMatcher } from './textMatcher';
import { WalkEntry } from './walk';

/**
 * Files read at once. Through workspace.fs every call is a round trip to the workbench (VS Code
 * awaits $ensureActivation even for the host's own disk provider), so reads in flight set the
 * pace there: 64 searched a 5,000-file tree 1.7-2.3x faster than 16 (test/bench/searchFs.ts).
 */
export const READS_IN_FLIGHT = 64;

export interface FileMatches {
  display: string;
  matchLines: number[];
  /** A line's text (0-based), undefined past the end of what is known. */
  line(index: number): string | undefined;
}

export type FileOutcome =
  | { kind: 'searched'; matches?: FileMatches }
  | { kind: 'large' | 'binary' | 'unreadable' | 'sensitive'; display: string };

export async function searchFile(ctx: ToolCallContext, entry: WalkEntry, matcher: TextMatcher, run: RegexRun | undefined): Promise<FileOutcome> {
  const display = ctx.display(entry.location);
  let bytes: Uint8Array | undefined;
  try {
    bytes = await ctx.port.readFileIfSmall(entry.location, ctx.settings.maxFileBytes);
  } catch {
    return { kind: 'unreadable', display };
  }
  if (!bytes) return { kind: 'large', display };
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const utf16 = utf16Encoding(buffer);
  if (!utf16 && buffer.indexOf(0) >= 0) return { kind: 'binary', display };
  // A literal every match contains is looked for in the raw bytes first (literalPrefilter.ts).
  if (!utf16 && matcher.mayMatch && !matcher.mayMatch(buffer)) return { kind: 'searched' };
  const text = utf16 ? new TextDecoder(utf16).decode(buffer) : decodeText(buffer);
  if (utf16 && text.includes('\0')) return { kind: 'binary', display };
  const matchLines = matcher.literalLines ? matcher.literalLines(text) : await run!.matchingLines(text);
  if (matchLines.length === 0) return { kind: 'searched' };
  // Matches in a file whose content is a private key (or that has several hard links) are never shown.
  if (await sensitiveMatchedFile(ctx.port, entry.location, bytes)) return { kind: 'sensitive', display };
  const lines = text.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return {
    kind: 'searched',
    matches: {
      display,
      matchLines,
      line: (index) => {
        const line = lines[index];
        return line !== undefined && line.endsWith('\r') ? line.slice(0, -1) : line;
      },
    },
  };
}

/** A UTF-16 byte-order mark: ripgrep transcodes such files, so the walker decodes them too. */
function utf16Encoding(buffer: Buffer): 'utf-16le' | 'utf-16be' | undefined {
  if (buffer.length >= 2 && buffer[0] === 0xff && buffer[1] === 0xfe) return 'utf-16le';
  if (buffer.length >= 2 && buffer[0] === 0xfe && buffer[1] === 0xff) return 'utf-16be';
  return undefined;
}
