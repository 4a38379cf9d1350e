// The status bar item: the model in use and what the last turn cost; a click opens the model
// picker. Usage arrives from any turn through `recordUsage` (wrap the shared runner with
// `observeUsage` from src/actions/actionTurn.ts).
import * as vscode from 'vscode';
import type { UsageInfo } from '../../gemini/events';
import { statusText, statusTooltip } from '../../actions/usageText';

export interface StatusBarDeps {
  /** The configured model (re-read whenever `gemini.*` settings change). */
  getModel(): string;
}

export class GeminiStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('gemini.status', vscode.StatusBarAlignment.Right, 100);
  private readonly subscription: vscode.Disposable;
  private lastUsage: { usage: UsageInfo; model: string } | undefined;

  constructor(private readonly deps: StatusBarDeps) {
    this.item.name = 'Gemini';
    this.item.command = { command: 'gemini.selectModel', title: vscode.l10n.t('Select Model') };
    this.subscription = vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('gemini')) this.refresh();
    });
    this.refresh();
    this.item.show();
  }

  /** Bound, so it can be handed over as a callback. */
  readonly recordUsage = (usage: UsageInfo, model: string): void => {
    this.lastUsage = { usage, model };
    this.refresh();
  };

  /** For tests: what the item shows. */
  get text(): string {
    return this.item.text;
  }

  refresh(): void {
    const model = this.deps.getModel();
    this.item.text = statusText(model, this.lastUsage?.usage);
    this.item.tooltip = statusTooltip(model, this.lastUsage?.usage, this.lastUsage?.model);
    this.item.accessibilityInformation = { label: vscode.l10n.t('Gemini model {0}. Select to choose another model.', model) };
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}

export function registerStatusBar(context: vscode.ExtensionContext, deps: StatusBarDeps): GeminiStatusBar {
  const statusBar = new GeminiStatusBar(deps);
  context.subscriptions.push(statusBar);
  return statusBar;
}
