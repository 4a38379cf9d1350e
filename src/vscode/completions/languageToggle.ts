// Gemini: Toggle Inline Completions for This Language, registered by the core (the shell defers
// it like every other command): switches the active editor's language in
// `gemini.completions.languages`, and turns completions on when a language is switched on.
import * as vscode from 'vscode';
import { completionsOnFor, withLanguage } from '../../completions/languages';
import type { Config } from '../config';

export function registerLanguageToggle(context: vscode.ExtensionContext, config: Config): void {
  context.subscriptions.push(vscode.commands.registerCommand('gemini.toggleCompletionsForLanguage', async () => {
    const language = vscode.window.activeTextEditor?.document.languageId;
    if (!language) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a file first: inline completions are switched per language of the active editor.'));
      return;
    }
    const languages = config.get('completions.languages');
    const on = !completionsOnFor(languages, language);
    await config.update('completions.languages', withLanguage(languages, language, on));
    if (on && !config.get('completions.enabled')) await config.update('completions.enabled', true);
  }));
}
