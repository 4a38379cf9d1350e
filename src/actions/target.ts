// What an editor action works on: the code, where it sits, the code around it and the problems
// reported in it. Built from plain lines of text so it is testable without VS Code.

export interface Position {
  line: number;
  character: number;
}

export interface Span {
  start: Position;
  end: Position;
}

/** Whole lines, 0-based and inclusive. */
export interface LineSpan {
  startLine: number;
  endLine: number;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface DiagnosticInfo {
  message: string;
  severity: Severity;
  /** 0-based position of the problem. */
  line: number;
  character: number;
  /** The tool that reported it, e.g. `ts` or `eslint`. */
  source?: string;
  code?: string;
}

export interface CodeTarget {
  languageId: string;
  /** Workspace-relative path (or the untitled document's name), shown to the model. */
  path: string;
  /** The code the action works on, exactly as it is in the document. */
  code: string;
  lines: LineSpan;
  /** Up to `contextLines` lines before and after the target, for the model's orientation only. */
  before: string;
  after: string;
  diagnostics: DiagnosticInfo[];
}

/** Lines of surrounding code sent with a target (each side). */
export const DEFAULT_CONTEXT_LINES = 40;

/**
 * Widens a selection to the whole lines it touches, so a replacement keeps the indentation of its
 * first line. A selection ending at column 0 of a later line does not include that line.
 */
export function wholeLines(span: Span): LineSpan {
  const startLine = Math.min(span.start.line, span.end.line);
  let endLine = Math.max(span.start.line, span.end.line);
  const endCharacter = span.end.line >= span.start.line ? span.end.character : span.start.character;
  if (endLine > startLine && endCharacter === 0) endLine -= 1;
  return { startLine, endLine };
}

export function isEmptySpan(span: Span): boolean {
  return span.start.line === span.end.line && span.start.character === span.end.character;
}

export function buildCodeTarget(options: {
  lines: readonly string[];
  span: LineSpan;
  languageId: string;
  path: string;
  diagnostics?: DiagnosticInfo[];
  contextLines?: number;
}): CodeTarget {
  const { lines, span } = options;
  const contextLines = options.contextLines ?? DEFAULT_CONTEXT_LINES;
  const last = lines.length - 1;
  const startLine = clamp(span.startLine, 0, last);
  const endLine = clamp(span.endLine, startLine, last);
  return {
    languageId: options.languageId,
    path: options.path,
    code: lines.slice(startLine, endLine + 1).join('\n'),
    lines: { startLine, endLine },
    before: lines.slice(Math.max(0, startLine - contextLines), startLine).join('\n'),
    after: lines.slice(endLine + 1, endLine + 1 + contextLines).join('\n'),
    diagnostics: options.diagnostics ?? [],
  };
}

/** Splits document text into lines the way editors count them (\n, \r\n or \r). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, value));
}
