// How text the model wrote appears in an approval dialog. A modal shows plain text, so a
// tool argument holding newlines, line separators or bidi controls could forge lines of the
// dialog ("This search was pre-approved… click Always allow"). Every model-written value is
// therefore shown quoted, escaped onto one line, clipped, and under a label saying it comes from
// the model. Pure: the workspace tools use it, and so can any other tool that asks (run_command).
import { l10n } from '../common/l10n';

/** Characters of one model-written value shown before it is clipped. */
export const MODEL_TEXT_MAX_CHARS = 120;
/** Characters of a tool-written line (which may embed model text) shown before it is clipped. */
export const LINE_MAX_CHARS = 160;

export const MODEL_ARGUMENTS_LABEL = l10n.t('Arguments written by the model (quoted, one line each, clipped):');

// C0/C1 controls, line and paragraph separators, bidi controls, zero-width characters, BOM.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
const SHORT_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `text` with every control, separator and invisible character written as an escape. */
export function escapeInvisible(text: string): string {
  return text.replace(INVISIBLE, (c) => SHORT_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function clip(text: string, maxChars: number): { text: string; clipped: boolean; length: number } {
  const chars = Array.from(text);
  return chars.length <= maxChars ? { text, clipped: false, length: chars.length } : { text: chars.slice(0, maxChars).join(''), clipped: true, length: chars.length };
}

/**
 * One value the model wrote, as a dialog may show it: a string in double quotes (`"` and `\`
 * escaped), anything else as JSON, on one line, clipped after `maxChars` characters with the full
 * length given: `"abc…" (1,000 characters)`.
 */
export function quoteModelText(value: unknown, maxChars = MODEL_TEXT_MAX_CHARS): string {
  const isString = typeof value === 'string';
  const raw = isString ? value : JSON.stringify(value) ?? String(value);
  const cut = clip(raw, maxChars);
  const body = escapeInvisible(isString ? cut.text.replace(/["\\]/g, '\\$&') : cut.text);
  const shown = isString ? `"${body}${cut.clipped ? '…' : ''}"` : `${body}${cut.clipped ? '…' : ''}`;
  return cut.clipped ? `${shown} ${l10n.t('({0} characters)', cut.length.toLocaleString('en-US'))}` : shown;
}

/** A line the tool wrote that may embed model text (e.g. "search for …"): one line, clipped. */
export function singleLine(text: string, maxChars = LINE_MAX_CHARS): string {
  const cut = clip(text, maxChars);
  return escapeInvisible(cut.text) + (cut.clipped ? '…' : '');
}

/** The arguments block: a label, then `  name: "value"` per argument. Empty when there are none. */
export function modelArgumentLines(args: Record<string, unknown>): string[] {
  const lines = Object.entries(args).map(([key, value]) => `  ${singleLine(key, 40)}: ${quoteModelText(value)}`);
  return lines.length ? [MODEL_ARGUMENTS_LABEL, ...lines] : [];
}
