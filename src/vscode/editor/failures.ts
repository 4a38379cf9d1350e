// Shows a core FailureInfo as a notification whose button performs its recovery action.
import * as vscode from 'vscode';
import type { FailureInfo } from '../../gemini/events';

const BUTTONS: Record<NonNullable<FailureInfo['action']>, string> = {
  retry: vscode.l10n.t('Try Again'),
  setKey: vscode.l10n.t('Set API Key'),
  switchModel: vscode.l10n.t('Select Model'),
  openSettings: vscode.l10n.t('Open Settings'),
  openLog: vscode.l10n.t('Show Log'),
};

/** "Switch to gemini-3.8-flash" for a retired model with a replacement; else the action's name. */
export function buttonLabel(failure: FailureInfo, action: NonNullable<FailureInfo['action']>): string {
  return action === 'switchModel' && failure.replacement ? vscode.l10n.t('Switch to {0}', failure.replacement) : BUTTONS[action];
}

export function showFailure(failure: FailureInfo, retry?: () => unknown): void {
  const action = failure.action === 'retry' && !retry ? undefined : failure.action;
  const buttons = action ? [buttonLabel(failure, action)] : [];
  void vscode.window.showErrorMessage(failure.message, ...buttons).then((choice) => {
    if (!choice || !action) return;
    switch (action) {
      case 'retry': return void retry?.();
      case 'setKey': return void vscode.commands.executeCommand('gemini.setApiKey');
      case 'switchModel':
        if (!failure.replacement) return void vscode.commands.executeCommand('gemini.selectModel');
        // A retired model: switch to its replacement, then run the action again on it.
        return void Promise.resolve(vscode.commands.executeCommand('gemini.selectModel', failure.replacement)).then(() => retry?.());
      case 'openSettings': return void vscode.commands.executeCommand('workbench.action.openSettings', 'gemini.');
      case 'openLog': return void vscode.commands.executeCommand('gemini.showLog');
    }
  });
}
