// One inline proposal in one document: the original lines and the proposal shown together in the
// editor (kept lines plain, removed lines struck through, new lines highlighted), repainted as the
// proposal streams, following the block while the user edits elsewhere in the file. Reject puts
// the original lines back; Accept writes exactly the proposal as ONE undo step.
import * as vscode from 'vscode';
import { acceptedText, InlineLine, inlineText, inlineView, summarizeView } from '../../actions/inlineDiff';
import { LineRegion, trackRegion } from '../../actions/inlineRegion';
import type { InlineDecorations } from './inlineDecorations';

export type SessionEnd = 'accepted' | 'rejected' | 'touched' | 'closed';

/** When a repaint started, asked VS Code for the edit, got it applied, and had its decorations set. */
export interface PaintMarks {
  start: number;
  requested: number;
  edited: number;
  painted: number;
}

/** Epoch milliseconds with sub-millisecond precision, comparable across processes on one machine. */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

interface OwnEdit {
  startLine: number;
  endLine: number;
  endCharacter: number;
  text: string;
  /** Resolves when the extension host reported the change (it can come after the edit's promise). */
  seen: Promise<void>;
  markSeen(): void;
}

/** How long an applied edit waits for its change event before the block is trusted anyway. */
const OWN_EVENT_WAIT_MS = 3000;

export class InlineDiffSession implements vscode.Disposable {
  readonly eol: '\n' | '\r\n';
  private region: LineRegion;
  private lines: InlineLine[];
  private shown: string;
  private complete = false;
  private painting: Promise<void> = Promise.resolve();
  private wanted: { proposed: string[]; complete: boolean } | undefined;
  private readonly ownEdits: OwnEdit[] = [];
  private readonly subscriptions: vscode.Disposable[] = [];
  private groupOpen = false;
  private ended: SessionEnd | undefined;
  /** Called once when the user's edit reaches into the block or the document closes. */
  onInterrupted: (why: 'touched' | 'closed') => void = () => {};
  /** Called after every repaint with its marks (epoch ms), for the benchmark's hops. */
  onPainted: (lines: readonly InlineLine[], marks: PaintMarks) => void = () => {};

  constructor(
    readonly document: vscode.TextDocument,
    firstLine: number,
    readonly original: readonly string[],
    private readonly decorations: InlineDecorations,
  ) {
    this.eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
    this.region = { start: firstLine, lineCount: original.length };
    this.lines = original.map((text) => ({ kind: 'pending', text }));
    this.shown = original.join(this.eol);
    this.subscriptions.push(
      vscode.workspace.onDidChangeTextDocument((event) => this.onChange(event)),
      vscode.workspace.onDidCloseTextDocument((closed) => {
        if (closed === this.document) this.interrupt('closed');
      }),
      vscode.window.onDidChangeVisibleTextEditors(() => this.decorate()),
    );
  }

  /** The block's first line now (it moves when lines are added or removed above it). */
  get startLine(): number {
    return this.region.start;
  }

  get isComplete(): boolean {
    return this.complete;
  }

  get view(): readonly InlineLine[] {
    return this.lines;
  }

  get summary(): { added: number; removed: number } {
    return summarizeView(this.lines);
  }

  /** Shows `proposed` (whole lines). Repaints are serialized; only the newest wanted state is painted. */
  show(proposed: readonly string[], complete: boolean): Promise<void> {
    this.wanted = { proposed: [...proposed], complete };
    this.painting = this.painting.then(() => this.paintWanted());
    return this.painting;
  }

  /** Writes the proposal as one undo step. False when the block is no longer as shown. */
  async accept(): Promise<boolean> {
    await this.painting;
    if (this.ended || !this.complete || !this.intact()) return false;
    const text = acceptedText(this.lines, this.eol);
    // The block goes back to the original, closing the streaming undo group; the proposal is then
    // its own undo step, so one Undo gives back exactly the original lines.
    if (!(await this.replaceBlock(this.original.join(this.eol), this.original.length, { before: !this.groupOpen, after: true }))) return false;
    this.groupOpen = false;
    if (!(await this.replaceBlock(text, text.split(this.eol).length, { before: true, after: true }))) return false;
    this.end('accepted');
    return true;
  }

  /** Puts the original lines back. */
  async reject(): Promise<void> {
    await this.painting;
    if (this.ended) return;
    if (this.intact() && this.shown !== this.original.join(this.eol)) {
      await this.replaceBlock(this.original.join(this.eol), this.original.length, { before: !this.groupOpen, after: true });
    }
    this.end('rejected');
  }

  /** Back to the original lines, keeping the session (a follow-up streams a new proposal). */
  async restart(): Promise<void> {
    await this.painting;
    this.complete = false;
    this.wanted = undefined;
    if (this.intact() && this.shown !== this.original.join(this.eol)) {
      await this.replaceBlock(this.original.join(this.eol), this.original.length, { before: !this.groupOpen, after: false });
      this.groupOpen = true;
    }
    this.lines = this.original.map((text) => ({ kind: 'pending', text }));
    this.decorate();
  }

  /** The block's range in the document now. */
  range(): vscode.Range {
    const last = this.region.start + this.region.lineCount - 1;
    return new vscode.Range(this.region.start, 0, last, this.document.lineAt(last).text.length);
  }

  dispose(): void {
    if (!this.ended) this.end('closed');
  }

  private async paintWanted(): Promise<void> {
    const wanted = this.wanted;
    if (!wanted || this.ended) return;
    this.wanted = undefined;
    const start = epochNow();
    const lines = inlineView(this.original, wanted.proposed, wanted.complete);
    const text = inlineText(lines, this.eol);
    const requested = epochNow();
    if (text !== this.shown) {
      for (let attempt = 0; attempt < 5 && !this.ended; attempt++) {
        if (!this.intact()) return;
        if (await this.replaceBlock(text, lines.length, { before: !this.groupOpen, after: false })) {
          this.groupOpen = true;
          break;
        }
        // The user typed between our read and the edit: the edit was refused, try on the new version.
      }
      if (this.shown !== text) return;
    }
    const edited = epochNow();
    this.lines = lines;
    this.complete = wanted.complete;
    this.decorate();
    this.onPainted(lines, { start, requested, edited, painted: epochNow() });
  }

  /** Replaces the whole block; the change VS Code reports for it is recognised as ours. */
  private async replaceBlock(text: string, lineCount: number, undo: { before: boolean; after: boolean }): Promise<boolean> {
    if (this.document.isClosed) return false;
    const range = this.range();
    let markSeen = () => {};
    const seen = new Promise<void>((resolve) => { markSeen = resolve; });
    const own: OwnEdit = { startLine: range.start.line, endLine: range.end.line, endCharacter: range.end.character, text, seen, markSeen };
    this.ownEdits.push(own);
    let applied = false;
    const editor = vscode.window.visibleTextEditors.find((candidate) => candidate.document === this.document);
    try {
      if (editor) {
        applied = await editor.edit((builder) => builder.replace(range, text), { undoStopBefore: undo.before, undoStopAfter: undo.after });
      } else {
        const edit = new vscode.WorkspaceEdit();
        edit.replace(this.document.uri, range, text);
        applied = await vscode.workspace.applyEdit(edit);
      }
    } catch {
      applied = false;
    }
    if (applied && !this.ended) {
      // Under load the change event can arrive after the edit resolved: wait for it, so it is
      // recognised as ours instead of read as the user's edit inside the block.
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([seen, new Promise<void>((resolve) => { timer = setTimeout(resolve, OWN_EVENT_WAIT_MS); })]);
      clearTimeout(timer);
    }
    const index = this.ownEdits.indexOf(own);
    if (index >= 0) this.ownEdits.splice(index, 1);
    if (!applied) return false;
    this.region = { start: this.region.start, lineCount };
    this.shown = text;
    return true;
  }

  private onChange(event: vscode.TextDocumentChangeEvent): void {
    if (event.document !== this.document || this.ended || event.contentChanges.length === 0) return;
    for (const change of event.contentChanges) {
      const ownIndex = this.ownEdits.findIndex((own) => own.text === change.text && own.startLine === change.range.start.line
        && change.range.start.character === 0 && own.endLine === change.range.end.line && own.endCharacter === change.range.end.character);
      if (ownIndex >= 0) {
        // Ours: replaceBlock updates the region once the edit resolves.
        const [own] = this.ownEdits.splice(ownIndex, 1);
        own.markSeen();
        continue;
      }
      const update = trackRegion(this.region, {
        startLine: change.range.start.line, startCharacter: change.range.start.character,
        endLine: change.range.end.line, endCharacter: change.range.end.character, text: change.text,
      });
      if (update.touched) {
        const delta = countBreaks(change.text) - (change.range.end.line - change.range.start.line);
        this.region = { start: this.region.start, lineCount: this.region.lineCount + delta };
        void this.withdraw(delta === 0);
        return;
      }
      this.region = update.region;
    }
    this.decorate();
  }

  /** True while the document still shows exactly what we painted. */
  private intact(): boolean {
    if (this.document.isClosed) return false;
    if (this.region.start + this.region.lineCount > this.document.lineCount) return false;
    return this.document.getText(this.range()) === this.shown;
  }

  private decorate(): void {
    if (this.ended) return;
    this.decorations.paint(this.document, this.region.start, this.lines);
  }

  /**
   * The user edited inside the block: the proposal is withdrawn. Their edit stays when it kept the
   * line count (the proposal's new lines are dropped, every other line keeps its current text);
   * otherwise the block cannot be matched line by line and the original lines come back.
   */
  private async withdraw(lineByLine: boolean): Promise<void> {
    if (this.ended) return;
    const layout = this.lines;
    this.end('touched');
    let restored = this.original.join(this.eol);
    let restoredCount = this.original.length;
    if (lineByLine && layout.length === this.region.lineCount) {
      const kept: string[] = [];
      layout.forEach((line, index) => {
        if (line.kind !== 'added') kept.push(this.document.lineAt(this.region.start + index).text);
      });
      restored = kept.join(this.eol);
      restoredCount = kept.length;
    }
    await this.replaceBlock(restored, restoredCount, { before: false, after: true });
    this.onInterrupted('touched');
  }

  private interrupt(why: 'touched' | 'closed'): void {
    if (this.ended) return;
    this.end(why);
    this.onInterrupted(why);
  }

  private end(how: SessionEnd): void {
    this.ended = how;
    this.decorations.clear(this.document);
    for (const subscription of this.subscriptions) subscription.dispose();
    this.subscriptions.length = 0;
  }
}

function countBreaks(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) count++;
  return count;
}
