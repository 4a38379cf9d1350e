// The Changes card as the webview shows it: one entry per file a turn proposes to change, with
// +/- counts, hunks, the user's decisions and, once applied, the outcome. Plain JSON, stored with
// the turn (src/chat/session.ts), so the card survives a reload; the proposed contents themselves
// stay on the host (src/vscode/agent/).

export type ChangeKind = 'edit' | 'create' | 'delete' | 'rename';
export type ChangeDecision = 'pending' | 'accepted' | 'rejected';
/** `conflict`: the file changed on disk (or in an editor) after the proposal; it was not written. */
export type ChangeOutcome = 'applied' | 'rejected' | 'conflict' | 'failed' | 'dropped';

export interface HunkView {
  id: number;
  /** 1-based first line in the file before the change. */
  line: number;
  added: number;
  removed: number;
  accepted: boolean;
}

export interface FileChangeView {
  id: string;
  kind: ChangeKind;
  path: string;
  /** The new path of a rename. */
  newPath?: string;
  added: number;
  removed: number;
  hunks: HunkView[];
  decision: ChangeDecision;
  reason?: string;
  outcome?: ChangeOutcome;
  /** Why a file was not applied (conflict, failure). */
  detail?: string;
}

/**
 * `proposing`: the turn is still running; `review`: waiting for the user; `applied`: the review
 * finished and every decision was carried out; `dropped`: the turn was stopped or the proposals
 * were lost, and nothing was written.
 */
export type ChangesStatus = 'proposing' | 'review' | 'applied' | 'dropped';

export interface ChangesView {
  status: ChangesStatus;
  files: FileChangeView[];
  /** Why the set was dropped, or a note about the apply. */
  note?: string;
  /** A checkpoint of the files before this turn's changes exists and can be restored. */
  checkpoint?: boolean;
  /** The checkpoint was restored (the turn's changes were undone). */
  restored?: boolean;
}

/** What the webview asks of a turn's Changes card. */
export type ReviewAction = 'accept' | 'reject' | 'acceptAll' | 'rejectAll' | 'open' | 'restore' | 'toggleHunk';
