// The pure half of the `@gemini` chat participant: VS Code's chat history as Gemini contents,
// what each tool call shows while it runs, which files a turn read (they are listed as
// references), the follow-ups offered afterwards, and attached files as prompt text. What the
// person reads (progress lines, follow-ups) is in the display language; the prompt text is the model's.
import type { Content } from '@google/genai';
import type { FailureInfo, ToolCallInfo } from '../gemini/events';
import { l10n } from '../common/l10n';

/** `@gemini`; must equal package.json's contributes.chatParticipants[0].id. */
export const PARTICIPANT_ID = 'gemini-oss.gemini';

/** A turn of VS Code's ChatContext.history, reduced to what the model needs. */
export type ParticipantTurn = { kind: 'request'; prompt: string } | { kind: 'response'; text: string };

/** The earlier turns with @gemini, as alternating user/model contents. */
export function historyContents(turns: readonly ParticipantTurn[]): Content[] {
  const contents: Content[] = [];
  for (const turn of turns) {
    const text = turn.kind === 'request' ? turn.prompt : turn.text;
    if (!text.trim()) continue;
    const role = turn.kind === 'request' ? 'user' : 'model';
    const last = contents[contents.length - 1];
    // A request whose answer was cancelled or failed leaves two user turns in a row.
    if (last?.role === role) last.parts = [...(last.parts ?? []), { text }];
    else contents.push({ role, parts: [{ text }] });
  }
  if (contents[contents.length - 1]?.role === 'user') contents.pop(); // its answer never came; the new prompt follows
  return contents;
}

/** Stored in ChatResult.metadata: VS Code hands it back to the follow-up provider. */
export interface ParticipantMetadata {
  prompt: string;
  /** Workspace paths read by read_file, in order, without repeats. */
  filesRead: string[];
  failure?: Pick<FailureInfo, 'code' | 'retryable' | 'action'>;
}

export interface Followup {
  prompt: string;
  label: string;
}

const MAX_FILE_FOLLOWUPS = 2;

export function followupsFor(metadata: ParticipantMetadata | undefined): Followup[] {
  if (!metadata) return [];
  if (metadata.failure) return metadata.failure.retryable ? [{ prompt: metadata.prompt, label: l10n.t('Try again') }] : [];
  const fromFiles = metadata.filesRead.slice(0, MAX_FILE_FOLLOWUPS).map((file) => ({
    prompt: l10n.t('Suggest improvements to {0}', file),
    label: l10n.t('Suggest improvements to {0}', baseName(file)),
  }));
  return fromFiles.length > 0 ? fromFiles : [{ prompt: l10n.t('Show an example of that in this workspace'), label: l10n.t('Show an example in this workspace') }];
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1) || path;
}

function quoted(value: unknown): string {
  return typeof value === 'string' && value.trim() ? value.trim() : '';
}

/** The progress line shown while a workspace tool runs. */
export function toolProgress(call: ToolCallInfo): string {
  const args = call.args ?? {};
  switch (call.name) {
    case 'read_file':
      return quoted(args.path) ? l10n.t('Reading {0}', quoted(args.path)) : l10n.t('Reading a file');
    case 'list_directory':
      return quoted(args.path) ? l10n.t('Listing {0}', quoted(args.path)) : l10n.t('Listing the workspace');
    case 'find_files':
      return l10n.t('Finding files matching {0}', quoted(args.glob) || '*');
    case 'search_text':
      return l10n.t('Searching for "{0}"', quoted(args.query));
    case 'get_diagnostics':
      return l10n.t('Checking the problems the editor reports');
    case 'get_open_editors':
      return l10n.t('Looking at the open editors');
    case 'get_selection':
      return l10n.t('Reading the selection');
    default:
      return l10n.t('Running {0}', call.name);
  }
}

/** The workspace path a successful call read, for the references list. */
export function fileReadBy(call: ToolCallInfo): string | undefined {
  return call.name === 'read_file' ? quoted(call.args?.path) || undefined : undefined;
}

/** An attached file or selection as prompt text, cut at `maxChars` with a marker. */
export function attachmentText(label: string, text: string, languageId: string | undefined, maxChars: number): string {
  const cut = text.length > maxChars;
  const body = cut ? text.slice(0, maxChars) : text;
  const fence = body.includes('```') ? '````' : '```';
  const note = cut ? `\n[truncated: showing the first ${maxChars} of ${text.length} characters]` : '';
  return `Attached ${label}:\n${fence}${languageId ?? ''}\n${body}\n${fence}${note}`;
}
