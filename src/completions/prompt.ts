// The fill-in-the-middle prompt for one inline completion: the code before and after the cursor
// (each cut to a window), plus a bounded context: the file's imports when they lie outside the
// window, the symbol the cursor is in, and a few related open tabs. Gemini has no FIM tokens, so
// the cursor is a marker the system instruction explains. Pure: no `vscode` import.

/** Characters of code before / after the cursor sent at most. */
export const PREFIX_WINDOW = 6000;
export const SUFFIX_WINDOW = 2000;
/** Characters of all context (imports, symbol, tabs) together. */
export const CONTEXT_BUDGET = 4000;
const MAX_IMPORT_LINES = 40;
const MAX_TAB_CHARS = 1500;
const MAX_TABS = 2;
export const CURSOR_MARKER = '<|CURSOR|>';

export interface RelatedFile {
  /** Workspace-relative path, as shown to the model. */
  path: string;
  text: string;
}

export interface CompletionInput {
  /** Workspace-relative path (or the untitled name). */
  path: string;
  languageId: string;
  /** Everything before the cursor. */
  prefix: string;
  /** Everything after the cursor. */
  suffix: string;
  /** The name and source of the innermost symbol around the cursor, if the language knows it. */
  symbol?: { name: string; text: string };
  /** Other open files the policy allows, most relevant first. */
  related?: readonly RelatedFile[];
}

export type CompletionMode = 'line' | 'block';

export interface CompletionPrompt {
  systemInstruction: string;
  text: string;
  mode: CompletionMode;
}

const SYSTEM_INSTRUCTION = [
  `You are a code completion engine inside an editor. The user's file is shown with the cursor as ${CURSOR_MARKER}.`,
  'Reply with exactly the text to insert at the cursor and nothing else: no explanation, no Markdown, no code fences, no repetition of the code before or after the cursor.',
  'Match the file\'s language, indentation and style. If nothing sensible fits, reply with an empty answer.',
].join(' ');

/**
 * `line` completes the rest of the current line; `block` may add several lines. A block fits
 * where the line so far is blank, or just opened a block, and nothing but closers follow it.
 */
export function completionMode(prefix: string, suffix: string): CompletionMode {
  const lineBefore = prefix.slice(prefix.lastIndexOf('\n') + 1);
  const newline = suffix.indexOf('\n');
  const lineAfter = newline < 0 ? suffix : suffix.slice(0, newline);
  if (!/^[\s)\]}'"`;,]*$/.test(lineAfter)) return 'line';
  return lineBefore.trim() === '' || /[{([:]\s*$|=>\s*$/.test(lineBefore) ? 'block' : 'line';
}

/** The import / include / use lines of a file (the first ones, in order). */
export function importLines(text: string): string[] {
  const pattern = /^\s*(import\b|from\s+\S+\s+import\b|export\s+.*\bfrom\b|(const|let|var)\s+.*=\s*require\(|#\s*include\b|using\s+[\w.]+\s*;|use\s+[\w:]+|require\s|package\s+\w)/;
  const lines: string[] = [];
  for (const line of text.split('\n')) {
    if (pattern.test(line)) lines.push(line.replace(/\r$/, ''));
    if (lines.length >= MAX_IMPORT_LINES) break;
  }
  return lines;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}\n…`;
}

function fenced(label: string, body: string): string {
  return `--- ${label} ---\n${body}\n`;
}

export function buildPrompt(input: CompletionInput): CompletionPrompt {
  const prefix = input.prefix.slice(-PREFIX_WINDOW);
  const suffix = input.suffix.slice(0, SUFFIX_WINDOW);
  const cutBefore = input.prefix.length > prefix.length;
  const sections: string[] = [];
  let budget = CONTEXT_BUDGET;
  const take = (label: string, body: string): void => {
    if (budget <= 0 || !body.trim()) return;
    const clipped = clip(body, budget);
    budget -= clipped.length;
    sections.push(fenced(label, clipped));
  };

  // The window starts below the imports: name them, so the model knows what is in scope.
  if (cutBefore) take(`imports of ${input.path}`, importLines(input.prefix.slice(0, input.prefix.length - prefix.length)).join('\n'));
  // The enclosing symbol's start may lie above the window too.
  if (input.symbol && cutBefore && !prefix.includes(input.symbol.text.slice(0, 200))) {
    take(`the ${input.symbol.name} the cursor is in (start)`, clip(input.symbol.text, 1200));
  }
  for (const file of (input.related ?? []).slice(0, MAX_TABS)) take(`open tab ${file.path} (for reference only)`, clip(file.text, MAX_TAB_CHARS));

  const mode = completionMode(input.prefix, input.suffix);
  const task = mode === 'line'
    ? 'Complete the current line only: a single line, no newline.'
    : 'Complete the code at the cursor: the rest of the line and, if the code calls for it, the following lines (at most 20).';
  const text = [
    ...sections,
    fenced(`${input.path} (${input.languageId})${cutBefore ? ', from the middle' : ''}`, `${prefix}${CURSOR_MARKER}${suffix}`),
    task,
  ].join('\n');
  return { systemInstruction: SYSTEM_INSTRUCTION, text, mode };
}
