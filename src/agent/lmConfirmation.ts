// What VS Code's confirmation shows before one of our write tools runs for VS Code's own agent
// (src/vscode/agent/lmWriteTools.ts): the path, the +/- counts and the change itself as a diff or
// the new content, clipped. Everything that comes from the model (paths, text) is inside a code
// block fenced longer than any backtick run in it, or in inline code, so it can never be laid out
// as if it were the dialog's own text, links or buttons. The person reads it: in the display
// language (appliedReport, for the model, stays English). Pure.
import { ChangeSet, FileChange, applyHunks, fileView } from './changeSet';
import { splitLines } from './textFormat';
import { l10n } from '../common/l10n';

/** Lines of diff or content shown per file; the rest is counted, not shown. */
export const MAX_SHOWN_LINES = 80;
/** Characters shown per line. */
const MAX_LINE_CHARS = 300;
/** Characters of a path in the title. */
const MAX_TITLE_PATH = 120;

export interface WriteConfirmation {
  title: string;
  /** What VS Code shows while the call runs (the title as a statement, not a question). */
  invocation: string;
  /** Markdown. */
  message: string;
}

/** A code block whose fence is longer than any backtick run in `text`. */
export function fenced(text: string, language = 'text'): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${text}\n${fence}`;
}

/** Inline code that holds any text on one line (control characters shown as '?'). */
export function inlineCode(text: string): string {
  const flat = oneLine(text);
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence} ${flat} ${fence}`;
}

function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, '?');
}

function clipLine(line: string): string {
  return line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}… ${l10n.t('({0} more characters)', line.length - MAX_LINE_CHARS)}` : line;
}

/** Lines, clipped to MAX_SHOWN_LINES with a count of what was left out. */
function clipped(lines: string[]): string {
  const shown = lines.slice(0, MAX_SHOWN_LINES).map(clipLine);
  if (lines.length > MAX_SHOWN_LINES) shown.push(`… ${l10n.t('{0} more lines not shown', lines.length - MAX_SHOWN_LINES)}`);
  return shown.join('\n');
}

/** The changed lines of one file as a unified-style diff: each hunk's lines before and after. */
export function diffLines(change: FileChange): string[] {
  const lines: string[] = [];
  const before = change.before;
  for (const hunk of [...change.hunks].filter((h) => h.accepted).sort((a, b) => a.start - b.start)) {
    const lineStart = before.lastIndexOf('\n', hunk.start - 1) + 1;
    const next = before.indexOf('\n', Math.max(hunk.end, lineStart));
    const lineEnd = next < 0 ? before.length : next;
    const oldRegion = before.slice(lineStart, lineEnd);
    const newRegion = applyHunks(oldRegion, [{ ...hunk, start: hunk.start - lineStart, end: hunk.end - lineStart }]);
    const line = before.slice(0, lineStart).split('\n').length;
    lines.push(`@@ line ${line} @@`);
    for (const old of oldRegion === '' && hunk.start === hunk.end ? [] : splitLines(oldRegion)) lines.push(`-${old}`);
    for (const added of newRegion === '' ? [] : splitLines(newRegion)) lines.push(`+${added}`);
  }
  return lines;
}

function counts(change: FileChange): string {
  const view = fileView(change);
  return `+${view.added} −${view.removed}`;
}

function titleFor(change: FileChange, sensitive: boolean): string {
  const path = oneLine(change.display).slice(0, MAX_TITLE_PATH);
  switch (change.kind) {
    case 'create': return sensitive ? l10n.t('Gemini: create the sensitive file {0}?', path) : l10n.t('Gemini: create {0}?', path);
    case 'delete': return sensitive ? l10n.t('Gemini: delete the sensitive file {0}?', path) : l10n.t('Gemini: delete {0}?', path);
    case 'rename': return sensitive ? l10n.t('Gemini: rename the sensitive file {0}?', path) : l10n.t('Gemini: rename {0}?', path);
    default: return sensitive ? l10n.t('Gemini: edit the sensitive file {0}?', path) : l10n.t('Gemini: edit {0}?', path);
  }
}

function invocationFor(change: FileChange): string {
  const path = oneLine(change.display).slice(0, MAX_TITLE_PATH);
  switch (change.kind) {
    case 'create': return l10n.t('Gemini: creating {0}', path);
    case 'delete': return l10n.t('Gemini: deleting {0}', path);
    case 'rename': return l10n.t('Gemini: renaming {0}', path);
    default: return l10n.t('Gemini: editing {0}', path);
  }
}

function bodyFor(set: ChangeSet, change: FileChange): string {
  const path = inlineCode(change.display);
  switch (change.kind) {
    case 'create': {
      const content = set.finalText(change);
      return `${l10n.t('Creates {0} ({1}) with this content:', path, counts(change))}\n\n${fenced(clipped(content === '' ? [] : splitLines(content)))}`;
    }
    case 'delete':
      return l10n.t('Deletes {0} ({1}).', path, counts(change));
    case 'rename': {
      const to = inlineCode(change.newDisplay ?? '');
      if (!change.hunks.some((h) => h.accepted)) return l10n.t('Renames {0} to {1}.', path, to);
      return `${l10n.t('Renames {0} to {1}, changed as below:', path, to)}\n\n${fenced(clipped(diffLines(change)), 'diff')}`;
    }
    default:
      return `${l10n.t('Changes {0} ({1}):', path, counts(change))}\n\n${fenced(clipped(diffLines(change)), 'diff')}`;
  }
}

/**
 * The confirmation of one write-tool call whose proposal is `set` (one file). `sensitiveRules`:
 * the sensitive-file rules the path matched (the title says so).
 */
export function writeConfirmation(set: ChangeSet, sensitiveRules: readonly string[]): WriteConfirmation {
  const [change] = set.files;
  if (!change) return { title: l10n.t('Gemini: no change'), invocation: l10n.t('Gemini: no change'), message: l10n.t('This call changes nothing.') };
  const sensitive = sensitiveRules.length > 0;
  const warning = sensitive ? `\n\n${l10n.t('**Sensitive file** (matches {0}): you will be asked again before it is written.', inlineCode(sensitiveRules[0]))}` : '';
  const undo = `\n\n${l10n.t('Written to the workspace as one edit when you allow it (Undo takes it back); refused if the file changes first.')}`;
  return { title: titleFor(change, sensitive), invocation: invocationFor(change), message: `${bodyFor(set, change)}${warning}${undo}` };
}

/** The outcome of an applied call, for the model. */
export function appliedReport(set: ChangeSet): { ok: boolean; text: string } {
  const lines = set.files.map((f) => {
    const what = f.kind === 'rename' ? `${f.display} → ${f.newDisplay}` : f.display;
    if (f.outcome === 'applied') return `Applied: ${f.kind} ${what} (${counts(f)}).`;
    return `Not written: ${f.kind} ${what}: ${f.detail ?? f.outcome ?? 'not applied'}. Read the file again and retry.`;
  });
  return { ok: set.files.length > 0 && set.files.every((f) => f.outcome === 'applied'), text: lines.join('\n') };
}
