// Context the user attaches to the next message: an editor selection, whole files, open editors,
// pasted images. The host keeps the content (the webview only sees chips) and turns each into the
// Gemini parts sent ahead of the typed text.
import { l10n } from '../common/l10n';
import type { Part } from '@google/genai';
import type { AttachmentChip, AttachmentKind } from '../protocol/view';

export interface PendingAttachment {
  chip: AttachmentChip;
  parts: Part[];
  /** Expiry of Files API uploads among the parts, by file URI (see dataAttachments.ts). */
  fileExpiries?: Record<string, string>;
}

export interface TextContext {
  kind: Exclude<AttachmentKind, 'image'>;
  /** Workspace-relative path (or the untitled name). */
  path: string;
  languageId: string;
  text: string;
  /** 1-based inclusive lines, for a selection. */
  lines?: { start: number; end: number };
}

/** Past this a single attachment is cut, so one large file cannot crowd out the conversation. */
export const MAX_ATTACHMENT_CHARS = 100_000;

let counter = 0;
function nextId(): string {
  counter += 1;
  return `a${Date.now().toString(36)}${counter}`;
}

export function textAttachment(context: TextContext): PendingAttachment {
  const cut = context.text.length > MAX_ATTACHMENT_CHARS;
  const text = cut ? context.text.slice(0, MAX_ATTACHMENT_CHARS) : context.text;
  const where = context.lines ? `${context.path} lines ${context.lines.start}-${context.lines.end}` : context.path;
  const heading = context.kind === 'selection' ? `Selected code from ${where}` : `File ${where}`;
  const fence = fenceFor(text);
  const body = `${heading}:\n${fence}${context.languageId}\n${text}\n${fence}${cut ? `\n[truncated after ${MAX_ATTACHMENT_CHARS} characters]` : ''}`;
  const base = context.path.split(/[\\/]/).pop() || context.path;
  const label = context.lines ? `${base}:${context.lines.start}-${context.lines.end}` : base;
  return {
    chip: { id: nextId(), kind: context.kind, label, detail: where, bytes: byteLength(text) },
    parts: [{ text: body }],
  };
}

export function imageAttachment(mimeType: string, base64: string, name: string): PendingAttachment {
  const label = name.trim() || l10n.t('pasted image');
  return {
    chip: { id: nextId(), kind: 'image', label, detail: l10n.t('{0} image', mimeType), bytes: decodedBase64Bytes(base64) },
    parts: [{ inlineData: { mimeType, data: base64 } }],
  };
}

export function decodedBase64Bytes(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((base64.length * 3) / 4) - padding);
}

/** A backtick fence longer than any run of backticks inside the text, so the text cannot close it. */
function fenceFor(text: string): string {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return '`'.repeat(Math.max(3, longest + 1));
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
