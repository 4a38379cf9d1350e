// The user's say over tool calls: a modal that shows exactly what the model wants to read.
import * as vscode from 'vscode';
import { ApprovalAnswer, ApprovalRequest, ToolApprover } from '../../tools/approval';

export const ALLOW = vscode.l10n.t('Allow');
export const ALWAYS_ALLOW = vscode.l10n.t('Always allow this session');

export class ModalToolApprover implements ToolApprover {
  async approve(request: ApprovalRequest): Promise<ApprovalAnswer> {
    const choice = await vscode.window.showInformationMessage(request.title, { modal: true, detail: request.detail }, ALLOW, ALWAYS_ALLOW);
    if (choice === ALLOW) return 'allow';
    if (choice === ALWAYS_ALLOW) return 'allowSession';
    return 'deny';
  }
}
