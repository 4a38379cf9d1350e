// A turn's proposed changes, collected as the model calls the write tools; nothing here touches
// the disk. Each file keeps its text before the turn and the hunks that change it (offsets into
// that text), so a later edit of the same file applies on top of the earlier ones, the user can
// accept or reject per file and per hunk, and the final text is the accepted hunks applied to
// the original. Pure.
import type { ChangeDecision, ChangeKind, ChangeOutcome, ChangesView, FileChangeView, HunkView } from '../protocol/changes';
import { ToolError } from '../tools/text';
import { WorkspaceLocation, locationKey } from '../tools/workspacePort';
import { locateHunk } from './hunkMatch';
import { Eol, TextFile, lineAt, lineDelta, splitLines, withEol } from './textFormat';

export interface Hunk {
  id: number;
  /** Offsets into the file's text before the turn. */
  start: number;
  end: number;
  text: string;
  accepted: boolean;
}

/** What the file was when the proposal was made; the apply refuses to write over anything else. */
export interface BaseState {
  exists: boolean;
  mtime?: number;
  size?: number;
}

export interface FileChange {
  id: string;
  kind: ChangeKind;
  location: WorkspaceLocation;
  display: string;
  newLocation?: WorkspaceLocation;
  newDisplay?: string;
  base: BaseState;
  /** The text before the turn ('' for a new file). */
  before: string;
  bom: boolean;
  eol: Eol;
  hunks: Hunk[];
  decision: ChangeDecision;
  reason?: string;
  outcome?: ChangeOutcome;
  /** Why the file was not written, in English: the model reads it (report.ts, lmConfirmation.ts). */
  detail?: string;
  /** The same in the display language, for the changes card; `detail` when unset. */
  userDetail?: string;
}

export interface ChangeSetLimits {
  maxFiles: number;
  /** Text held for one turn (originals and proposals), in characters. */
  maxChars: number;
}

export const DEFAULT_CHANGE_LIMITS: ChangeSetLimits = { maxFiles: 200, maxChars: 64 * 1024 * 1024 };

export interface ExistingFile extends TextFile {
  base: BaseState;
}

export class ChangeSet {
  readonly files: FileChange[] = [];
  private nextHunk = 1;
  private nextFile = 1;

  constructor(readonly limits: ChangeSetLimits = DEFAULT_CHANGE_LIMITS) {}

  /** The change whose result lives at `location` (an edit, a new file, a rename's target, a deletion). */
  at(location: WorkspaceLocation): FileChange | undefined {
    const key = locationKey(location);
    return this.files.find((f) => locationKey(f.newLocation ?? f.location) === key);
  }

  /** A rename whose old path is `location` (the file will no longer be there). */
  renamedFrom(location: WorkspaceLocation): FileChange | undefined {
    const key = locationKey(location);
    return this.files.find((f) => f.kind === 'rename' && locationKey(f.location) === key);
  }

  /** Fails when the path is taken by another proposal of this turn (the old path of a rename). */
  assertFree(location: WorkspaceLocation, display: string): void {
    const renamed = this.renamedFrom(location);
    if (renamed) throw new ToolError(`'${display}' is being renamed to '${renamed.newDisplay}' in this turn; edit it under its new name.`);
  }

  /** The file's text with every proposed hunk applied. */
  proposedText(change: FileChange): string {
    return applyHunks(change.before, change.hunks);
  }

  /** The text the apply writes: only the accepted hunks. */
  finalText(change: FileChange): string {
    return applyHunks(change.before, change.hunks.filter((h) => h.accepted));
  }

  /** `file` is read by the caller; it is used only when the turn has no proposal for this path yet. */
  proposeEdit(location: WorkspaceLocation, display: string, file: () => ExistingFile, search: string, replace: string): FileChange {
    this.assertFree(location, display);
    const existing = this.at(location);
    if (existing?.kind === 'delete') throw new ToolError(`'${display}' is proposed for deletion in this turn; it cannot be edited too.`);
    const source = existing ?? { ...fromFile(file()), hunks: [] as Hunk[] };
    const text = applyHunks(source.before, source.hunks);
    const { start, end } = locateHunk(text, search, source.eol, display);
    const replacement = withEol(replace, source.eol);
    if (text.slice(start, end) === replacement) throw new ToolError(`edit_file: 'replace' is the same as 'search'; nothing to change.`);
    // Added only once the hunk located: a refused edit leaves no trace in the set.
    const change = existing ?? this.add({ kind: 'edit', location, display, base: source.base, before: source.before, bom: source.bom, eol: source.eol });
    this.merge(change, start, end, replacement);
    this.checkSize();
    return change;
  }

  proposeCreate(location: WorkspaceLocation, display: string, content: string): FileChange {
    this.assertFree(location, display);
    if (this.at(location)) throw new ToolError(`'${display}' already has a proposed change in this turn; use edit_file on it.`);
    const eol: Eol = /\r\n/.test(content) ? '\r\n' : '\n';
    const change = this.add({ kind: 'create', location, display, base: { exists: false }, before: '', bom: false, eol });
    if (content) change.hunks.push({ id: this.nextHunk++, start: 0, end: 0, text: content, accepted: true });
    this.checkSize();
    return change;
  }

  proposeDelete(location: WorkspaceLocation, display: string, file: () => ExistingFile): FileChange | undefined {
    this.assertFree(location, display);
    const change = this.at(location);
    if (change?.kind === 'create') {
      this.files.splice(this.files.indexOf(change), 1);
      return undefined;
    }
    if (change?.kind === 'rename') throw new ToolError(`'${display}' is the new name of a rename proposed in this turn; delete '${change.display}' instead.`);
    if (change?.kind === 'delete') throw new ToolError(`'${display}' is already proposed for deletion.`);
    if (change) {
      change.kind = 'delete';
      change.hunks = [];
      return change;
    }
    const added = this.add({ kind: 'delete', location, display, ...fromFile(file()) });
    this.checkSize();
    return added;
  }

  proposeRename(from: WorkspaceLocation, display: string, to: WorkspaceLocation, newDisplay: string, file: () => ExistingFile): FileChange {
    this.assertFree(from, display);
    this.assertFree(to, newDisplay);
    if (this.at(to)) throw new ToolError(`'${newDisplay}' already has a proposed change in this turn.`);
    const change = this.at(from);
    if (change?.kind === 'delete') throw new ToolError(`'${display}' is proposed for deletion in this turn.`);
    if (change?.kind === 'rename') throw new ToolError(`'${display}' is already the new name of a rename; rename '${change.display}' directly.`);
    if (change?.kind === 'create') {
      change.location = to;
      change.display = newDisplay;
      return change;
    }
    if (change) {
      Object.assign(change, { kind: 'rename', newLocation: to, newDisplay });
      return change;
    }
    const added = this.add({ kind: 'rename', location: from, display, newLocation: to, newDisplay, ...fromFile(file()) });
    this.checkSize();
    return added;
  }

  /** Per-file decision; `reason` is passed to the model with a rejection. */
  decide(fileId: string, decision: ChangeDecision, reason?: string): FileChange {
    const change = this.get(fileId);
    change.decision = decision;
    change.reason = decision === 'rejected' && reason?.trim() ? reason.trim() : undefined;
    if (decision === 'accepted' && change.hunks.length > 0 && !change.hunks.some((h) => h.accepted)) change.hunks.forEach((h) => { h.accepted = true; });
    return change;
  }

  decideAll(decision: 'accepted' | 'rejected', reason?: string): void {
    for (const change of this.files) if (change.decision === 'pending') this.decide(change.id, decision, reason);
  }

  /** Keeps or drops one hunk of a file (partial accept); a file with no hunk left is rejected. */
  toggleHunk(fileId: string, hunkId: number): FileChange {
    const change = this.get(fileId);
    const hunk = change.hunks.find((h) => h.id === hunkId);
    if (!hunk) throw new ToolError('That hunk is no longer part of the proposal.');
    hunk.accepted = !hunk.accepted;
    return change;
  }

  /** After a revive: new ids continue after the stored ones. */
  renumber(): void {
    this.nextFile = Math.max(0, ...this.files.map((f) => Number(f.id.slice(1)) || 0)) + 1;
    this.nextHunk = Math.max(0, ...this.files.flatMap((f) => f.hunks.map((h) => h.id))) + 1;
  }

  get pending(): FileChange[] { return this.files.filter((f) => f.decision === 'pending'); }

  /** Files the apply writes: accepted, and (for edits) with at least one accepted hunk. */
  toApply(): FileChange[] {
    return this.files.filter((f) => f.decision === 'accepted' && (f.kind !== 'edit' || f.hunks.some((h) => h.accepted)));
  }

  get(fileId: string): FileChange {
    const change = this.files.find((f) => f.id === fileId);
    if (!change) throw new ToolError('That file is no longer part of the proposed changes.');
    return change;
  }

  view(status: ChangesView['status']): ChangesView {
    return { status, files: this.files.map((f) => fileView(f)) };
  }

  private add(fields: Omit<FileChange, 'id' | 'hunks' | 'decision'>): FileChange {
    if (this.files.length >= this.limits.maxFiles) {
      throw new ToolError(`This turn already proposes changes to ${this.limits.maxFiles} files, the limit for one turn. Nothing more was proposed: stop here so the user can review these first.`);
    }
    const change: FileChange = { id: `f${this.nextFile++}`, hunks: [], decision: 'pending', ...fields };
    this.files.push(change);
    return change;
  }

  private checkSize(): void {
    let chars = 0;
    for (const f of this.files) chars += f.before.length + f.hunks.reduce((n, h) => n + h.text.length, 0);
    if (chars > this.limits.maxChars) {
      throw new ToolError('The changes proposed in this turn have reached the size limit for one turn; stop here so the user can review them first.');
    }
  }

  /** Adds the edit [start, end) → text, given in the proposed text, merging with hunks it touches. */
  private merge(change: FileChange, start: number, end: number, text: string): void {
    const current = this.proposedText(change);
    let delta = 0; // proposed offset - original offset, for positions before the next hunk
    const touched: Hunk[] = [];
    let before = 0;
    for (const hunk of change.hunks) {
      const from = hunk.start + delta;
      const to = from + hunk.text.length;
      if (to < start) { before = delta + hunk.text.length - (hunk.end - hunk.start); }
      if (from <= end && to >= start) touched.push(hunk);
      delta += hunk.text.length - (hunk.end - hunk.start);
    }
    let merged: Hunk;
    if (touched.length === 0) {
      merged = { id: this.nextHunk++, start: start - before, end: end - before, text, accepted: true };
    } else {
      const first = touched[0];
      const last = touched[touched.length - 1];
      const shiftFirst = offsetBefore(change.hunks, first);
      const firstFrom = first.start + shiftFirst;
      const lastFrom = last.start + offsetBefore(change.hunks, last);
      const lastTo = lastFrom + last.text.length;
      const left = Math.min(start, firstFrom);
      const right = Math.max(end, lastTo);
      const origStart = first.start - (firstFrom - left);
      const origEnd = last.end + (right - lastTo);
      merged = { id: this.nextHunk++, start: origStart, end: origEnd, text: current.slice(left, start) + text + current.slice(end, right), accepted: true };
    }
    const kept = change.hunks.filter((h) => !touched.includes(h));
    if (merged.text !== change.before.slice(merged.start, merged.end)) kept.push(merged);
    change.hunks = kept.sort((a, b) => a.start - b.start);
  }
}

/** proposed offset - original offset just before `hunk`. */
function offsetBefore(hunks: Hunk[], hunk: Hunk): number {
  let delta = 0;
  for (const h of hunks) {
    if (h === hunk) return delta;
    delta += h.text.length - (h.end - h.start);
  }
  return delta;
}

export function applyHunks(text: string, hunks: readonly Hunk[]): string {
  if (hunks.length === 0) return text;
  const parts: string[] = [];
  let at = 0;
  for (const hunk of [...hunks].sort((a, b) => a.start - b.start)) {
    parts.push(text.slice(at, hunk.start), hunk.text);
    at = hunk.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

function fromFile(file: ExistingFile): Pick<FileChange, 'base' | 'before' | 'bom' | 'eol'> {
  return { base: file.base, before: file.text, bom: file.bom, eol: file.eol };
}

export function hunkView(before: string, hunk: Hunk): HunkView {
  const lineStart = before.lastIndexOf('\n', hunk.start - 1) + 1;
  const next = before.indexOf('\n', Math.max(hunk.end, lineStart));
  const lineEnd = next < 0 ? before.length : next + 1;
  const oldRegion = before.slice(lineStart, lineEnd);
  const newRegion = before.slice(lineStart, hunk.start) + hunk.text + before.slice(hunk.end, lineEnd);
  return { id: hunk.id, line: lineAt(before, hunk.start), ...lineDelta(oldRegion, newRegion), accepted: hunk.accepted };
}

export function fileView(change: FileChange): FileChangeView {
  const hunks = change.kind === 'delete' ? [] : change.hunks.map((h) => hunkView(change.before, h));
  let added = 0;
  let removed = 0;
  if (change.kind === 'delete') removed = splitLines(change.before).length;
  else for (const h of hunks) { added += h.added; removed += h.removed; }
  return {
    id: change.id, kind: change.kind, path: change.display, ...(change.newDisplay ? { newPath: change.newDisplay } : {}),
    added, removed, hunks, decision: change.decision,
    ...(change.reason ? { reason: change.reason } : {}),
    ...(change.outcome ? { outcome: change.outcome } : {}),
    ...(change.userDetail ?? change.detail ? { detail: change.userDetail ?? change.detail } : {}),
  };
}
