// How an inline proposal looks: removed lines struck through on a red background, new lines on a
// green one, lines Gemini has not reached yet dimmed, with an overview-ruler mark for each. The
// colours are contributed theme colours (package.json `colors`), with defaults for dark, light
// and both high-contrast themes, where borders replace the backgrounds.
import * as vscode from 'vscode';
import type { InlineLine, InlineLineKind } from '../../actions/inlineDiff';

export const INLINE_COLORS = {
  insertedBackground: 'gemini.inlineDiff.insertedLineBackground',
  insertedBorder: 'gemini.inlineDiff.insertedLineBorder',
  removedBackground: 'gemini.inlineDiff.removedLineBackground',
  removedBorder: 'gemini.inlineDiff.removedLineBorder',
  removedForeground: 'gemini.inlineDiff.removedTextForeground',
  pendingForeground: 'gemini.inlineDiff.pendingTextForeground',
} as const;

export class InlineDecorations implements vscode.Disposable {
  private readonly types: Record<Exclude<InlineLineKind, 'same'>, vscode.TextEditorDecorationType>;
  private readonly painted = new Map<vscode.TextDocument, { start: number; lines: readonly InlineLine[] }>();

  constructor() {
    const color = (id: string) => new vscode.ThemeColor(id);
    this.types = {
      added: vscode.window.createTextEditorDecorationType({
        isWholeLine: true,
        backgroundColor: color(INLINE_COLORS.insertedBackground),
        border: '1px solid',
        borderColor: color(INLINE_COLORS.insertedBorder),
        borderWidth: '0 0 0 3px',
        overviewRulerColor: color(INLINE_COLORS.insertedBorder),
        overviewRulerLane: vscode.OverviewRulerLane.Left,
      }),
      removed: vscode.window.createTextEditorDecorationType({
        isWholeLine: true,
        backgroundColor: color(INLINE_COLORS.removedBackground),
        color: color(INLINE_COLORS.removedForeground),
        textDecoration: 'line-through',
        border: '1px dashed',
        borderColor: color(INLINE_COLORS.removedBorder),
        borderWidth: '0 0 0 3px',
        overviewRulerColor: color(INLINE_COLORS.removedBorder),
        overviewRulerLane: vscode.OverviewRulerLane.Left,
      }),
      pending: vscode.window.createTextEditorDecorationType({
        isWholeLine: true,
        color: color(INLINE_COLORS.pendingForeground),
      }),
    };
  }

  /** Paints `lines` from `start` in every visible editor of `document`. */
  paint(document: vscode.TextDocument, start: number, lines: readonly InlineLine[]): void {
    this.painted.set(document, { start, lines });
    this.apply(document);
  }

  clear(document: vscode.TextDocument): void {
    this.painted.delete(document);
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document !== document) continue;
      for (const type of Object.values(this.types)) editor.setDecorations(type, []);
    }
  }

  private apply(document: vscode.TextDocument): void {
    const state = this.painted.get(document);
    if (!state) return;
    const ranges: Record<Exclude<InlineLineKind, 'same'>, vscode.Range[]> = { added: [], removed: [], pending: [] };
    state.lines.forEach((line, index) => {
      if (line.kind === 'same') return;
      const lineNumber = state.start + index;
      if (lineNumber < document.lineCount) ranges[line.kind].push(new vscode.Range(lineNumber, 0, lineNumber, 0));
    });
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document !== document) continue;
      for (const kind of Object.keys(this.types) as (keyof typeof this.types)[]) editor.setDecorations(this.types[kind], ranges[kind]);
    }
  }

  dispose(): void {
    for (const type of Object.values(this.types)) type.dispose();
    this.painted.clear();
  }
}
