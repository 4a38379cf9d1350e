// Inline completions in the activation shell: the status-bar toggle, its command, and
// the provider registration, which exists only while `gemini.completions.enabled` is on. The
// registration forwards to the real provider in the core (src/vscode/completions/provider.ts),
// loading the core on the first completion in a language that has them on: with completions off
// nothing of theirs is loaded at all.
import * as vscode from 'vscode';
import type { CompletionStatus } from '../../completions/engine';
import { COMPLETION_SCHEMES, completionsOnFor } from '../../completions/languages';
import type { Config } from '../config';

/** Registered here, not deferred to the core: toggling must not load it. */
export const COMPLETION_COMMANDS = ['gemini.toggleCompletions'] as const;

export interface CompletionsShellDeps {
  config: Config;
  /** The core's provider (loads the core on first use). */
  provider(): vscode.InlineCompletionItemProvider;
}

export class CompletionsShell implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('gemini.completions', vscode.StatusBarAlignment.Right, 99);
  private registration: vscode.Disposable | undefined;
  private status: CompletionStatus = { kind: 'ready' };
  private statusTimer: NodeJS.Timeout | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly deps: CompletionsShellDeps) {
    this.item.name = vscode.l10n.t('Gemini Inline Completions');
    this.item.command = 'gemini.toggleCompletions';
    this.subscriptions.push(
      vscode.commands.registerCommand('gemini.toggleCompletions', () => deps.config.update('completions.enabled', !deps.config.get('completions.enabled'))),
      deps.config.onDidChange((keys) => {
        if (keys.some((key) => key.startsWith('completions.'))) this.refresh();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
    );
    this.refresh();
    this.item.show();
  }

  /** For tests: what the status item shows. */
  get text(): string {
    return this.item.text;
  }

  /** The core reports a 429 pause or the minute's cap; the item shows it until it ends. */
  readonly setStatus = (status: CompletionStatus): void => {
    this.status = status;
    if (this.statusTimer) clearTimeout(this.statusTimer);
    if (status.kind !== 'ready') {
      this.statusTimer = setTimeout(() => this.setStatus({ kind: 'ready' }), Math.max(0, status.until - Date.now()));
    }
    this.render();
  };

  private refresh(): void {
    const enabled = this.deps.config.get('completions.enabled');
    if (enabled && !this.registration) {
      // Only documents a person edits: VS Code never asks for the chat input, output or git views.
      const selector = COMPLETION_SCHEMES.map((scheme) => ({ scheme }));
      this.registration = vscode.languages.registerInlineCompletionItemProvider(selector, {
        provideInlineCompletionItems: (document, position, context, token) => {
          if (!completionsOnFor(this.deps.config.get('completions.languages'), document.languageId)) return undefined;
          return this.deps.provider().provideInlineCompletionItems(document, position, context, token);
        },
      });
    } else if (!enabled && this.registration) {
      this.registration.dispose();
      this.registration = undefined;
    }
    this.render();
  }

  private render(): void {
    const enabled = this.deps.config.get('completions.enabled');
    const language = vscode.window.activeTextEditor?.document.languageId;
    const onHere = enabled && (!language || completionsOnFor(this.deps.config.get('completions.languages'), language));
    const until = this.status.kind === 'ready' ? '' : new Date(this.status.until).toLocaleTimeString(vscode.env.language);
    const waiting = enabled && this.status.kind !== 'ready';
    this.item.text = `${waiting ? '$(watch)' : onHere ? '$(sparkle)' : '$(circle-slash)'} ${vscode.l10n.t('Completions')}`;
    const state = waiting
      ? (this.status.kind === 'paused'
        ? vscode.l10n.t('Gemini inline completions are paused until {0}: rate limit (429).', until)
        : vscode.l10n.t('Gemini inline completions are paused until {0}: gemini.completions.maxRequestsPerMinute reached.', until))
      : !enabled ? vscode.l10n.t('Gemini inline completions are off (when on, the code around the cursor goes to Gemini on each typing pause).')
        : onHere ? vscode.l10n.t('Gemini inline completions are on ({0}).', String(this.deps.config.get('completions.model'))) : vscode.l10n.t('Gemini inline completions are off for {0}.', String(language));
    this.item.tooltip = `${state} ${enabled ? vscode.l10n.t('Select to turn them off.') : vscode.l10n.t('Select to turn them on.')}`;
    this.item.accessibilityInformation = { label: this.item.tooltip };
  }

  dispose(): void {
    if (this.statusTimer) clearTimeout(this.statusTimer);
    this.registration?.dispose();
    this.item.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
