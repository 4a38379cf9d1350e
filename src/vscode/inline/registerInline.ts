// Wires inline editing into VS Code: the Ctrl+I command on a selection or at the cursor, the
// Accept / Reject / Follow-up commands, and the CodeLens on the proposal.
import * as vscode from 'vscode';
import type { Logger } from '../../common/logger';
import type { TurnRunner } from '../../gemini/turnContract';
import { inlineEditPrompt } from '../../actions/inlinePrompt';
import { codeTarget, resolveTarget, targetSpan } from '../editor/targets';
import { INLINE_COMMANDS, InlineEditController, InlineEditResult } from './inlineEdit';

export function registerInlineEditing(context: vscode.ExtensionContext, deps: { runner: TurnRunner; log: Logger }): InlineEditController {
  const controller = new InlineEditController(deps.runner, deps.log);
  context.subscriptions.push(
    controller,
    vscode.languages.registerCodeLensProvider([{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-remote' }, { scheme: 'vscode-vfs' }], controller),
    vscode.commands.registerCommand(INLINE_COMMANDS.edit, (...args: unknown[]) => editInline(controller, args)),
    vscode.commands.registerCommand(INLINE_COMMANDS.accept, () => controller.accept()),
    vscode.commands.registerCommand(INLINE_COMMANDS.reject, () => controller.reject()),
    vscode.commands.registerCommand(INLINE_COMMANDS.followUp, (refinement?: unknown) => controller.followUp(typeof refinement === 'string' ? refinement : undefined)),
  );
  return controller;
}

/** `(uri?, range?, instruction?)`; from the keybinding: the active editor's selection or cursor line. */
async function editInline(controller: InlineEditController, args: unknown[]): Promise<InlineEditResult> {
  const target = await resolveTarget(args);
  if (!target) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a file and put the cursor or a selection where Gemini should edit, then press Ctrl+I.'));
    return { status: 'cancelled' };
  }
  const atCursor = target.selection.isEmpty;
  const instruction = typeof args[2] === 'string' ? args[2] : await vscode.window.showInputBox({
    title: vscode.l10n.t('Edit with Gemini'),
    prompt: atCursor
      ? vscode.l10n.t('What should Gemini write at line {0}?', target.selection.start.line + 1)
      : vscode.l10n.t('How should Gemini change lines {0}–{1}?', target.selection.start.line + 1, target.selection.end.line + 1),
    placeHolder: vscode.l10n.t('e.g. add error handling, convert to async/await, add a docstring'),
    ignoreFocusOut: true,
  });
  if (!instruction?.trim()) return { status: 'cancelled' };
  const { document } = target;
  const span = targetSpan(target.selection, []);
  return controller.start({
    label: vscode.l10n.t('Edit'),
    document,
    firstLine: span.startLine,
    lastLine: span.endLine,
    instruction,
    prompt: (text) => inlineEditPrompt(codeTarget(document, span), text, atCursor),
  });
}
