// Turns "what the user pointed at" — a code action's (uri, range[, diagnostic]), a context-menu
// click, or the active editor's selection — into a document, a range and the pure CodeTarget.
import * as vscode from 'vscode';
import { buildCodeTarget, CodeTarget, DiagnosticInfo, LineSpan, Severity, splitLines, wholeLines } from '../../actions/target';

export interface ResolvedTarget {
  document: vscode.TextDocument;
  /** What the user selected (or the diagnostic's range). */
  selection: vscode.Range;
  diagnostics: vscode.Diagnostic[];
}

/**
 * Reads the command arguments: `(uri, range, diagnostic?)` from a code action, `(uri)` from a
 * context menu (the editor's selection applies), nothing from the palette or a keybinding.
 */
export async function resolveTarget(args: unknown[]): Promise<ResolvedTarget | undefined> {
  const [first, second, third] = args;
  const editor = vscode.window.activeTextEditor;
  if (first instanceof vscode.Uri) {
    const document = editor?.document.uri.toString() === first.toString() ? editor.document : await vscode.workspace.openTextDocument(first);
    const selection = second instanceof vscode.Range ? second : editor?.document === document ? editor.selection : new vscode.Range(0, 0, 0, 0);
    const diagnostics = isDiagnostic(third) ? [third] : [];
    return { document, selection, diagnostics };
  }
  if (!editor) return undefined;
  return { document: editor.document, selection: editor.selection, diagnostics: [] };
}

/** The diagnostics a fix should address: the given one, or those touching the selection's lines. */
export function diagnosticsFor(target: ResolvedTarget): vscode.Diagnostic[] {
  if (target.diagnostics.length) return target.diagnostics;
  const lines = wholeLines(spanOf(target.selection));
  return vscode.languages
    .getDiagnostics(target.document.uri)
    .filter((d) => d.range.end.line >= lines.startLine && d.range.start.line <= lines.endLine)
    .sort((a, b) => a.severity - b.severity)
    .slice(0, 5);
}

/** Whole lines covering the selection and any diagnostics, as a document range without the final line break. */
export function lineRange(document: vscode.TextDocument, span: LineSpan): vscode.Range {
  return new vscode.Range(span.startLine, 0, span.endLine, document.lineAt(span.endLine).text.length);
}

export function targetSpan(selection: vscode.Range, diagnostics: readonly vscode.Diagnostic[]): LineSpan {
  let span = wholeLines(spanOf(selection));
  for (const diagnostic of diagnostics) {
    const d = wholeLines(spanOf(diagnostic.range));
    span = { startLine: Math.min(span.startLine, d.startLine), endLine: Math.max(span.endLine, d.endLine) };
  }
  return span;
}

export function codeTarget(document: vscode.TextDocument, span: LineSpan, diagnostics: readonly vscode.Diagnostic[] = []): CodeTarget {
  return buildCodeTarget({
    lines: splitLines(document.getText()),
    span,
    languageId: document.languageId,
    path: displayPath(document.uri),
    diagnostics: diagnostics.map(toDiagnosticInfo),
  });
}

export function displayPath(uri: vscode.Uri): string {
  if (uri.scheme === 'untitled') return uri.path;
  return vscode.workspace.asRelativePath(uri, false);
}

export function toDiagnosticInfo(diagnostic: vscode.Diagnostic): DiagnosticInfo {
  const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  return {
    message: diagnostic.message,
    severity: SEVERITIES[diagnostic.severity] ?? 'error',
    line: diagnostic.range.start.line,
    character: diagnostic.range.start.character,
    source: diagnostic.source,
    code: code === undefined ? undefined : String(code),
  };
}

const SEVERITIES: Record<number, Severity> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'information',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

function spanOf(range: vscode.Range): { start: { line: number; character: number }; end: { line: number; character: number } } {
  return { start: { line: range.start.line, character: range.start.character }, end: { line: range.end.line, character: range.end.character } };
}

function isDiagnostic(value: unknown): value is vscode.Diagnostic {
  if (value instanceof vscode.Diagnostic) return true;
  const candidate = value as vscode.Diagnostic | undefined;
  return !!candidate && typeof candidate.message === 'string' && candidate.range instanceof vscode.Range;
}
