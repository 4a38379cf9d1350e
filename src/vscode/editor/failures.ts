// Shows a core FailureInfo as a notification whose button performs its recovery action.
import * as vscode from 'vscode';
import type { FailureInfo } from '../../gemini/events';

const BUTTONS: Record<NonNullable<FailureInfo['action']>, string> = {
  retry: 'Try Again',
  setKey: 'Set API Key',
  switchModel: 'Select Model',
  openSettings: 'Open Settings',
  openLog: 'Show Log',
};

export function showFailure(failure: FailureInfo, retry?: () => unknown): void {
  const action = failure.action === 'retry' && !retry ? undefined : failure.action;
  const buttons = action ? [BUTTONS[action]] : [];
  void vscode.window.showErrorMessage(failure.message, ...buttons).then((choice) => {
    if (!choice || !action) return;
    switch (action) {
      case 'retry': return void retry?.();
      case 'setKey': return void vscode.commands.executeCommand('gemini.setApiKey');
      case 'switchModel': return void vscode.commands.executeCommand('gemini.selectModel');
      case 'openSettings': return void vscode.commands.executeCommand('workbench.action.openSettings', 'gemini.');
      case 'openLog': return void vscode.commands.executeCommand('gemini.showLog');
    }
  });
}
