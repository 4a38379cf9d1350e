// The API key commands: set (password input, checked with a cheap models.list call before it is
// stored), clear, and the prompt shown when a request needs a key and there is none. The key goes
// to SecretStorage only; it is registered with the log's redaction and never shown again.
import * as vscode from 'vscode';
import { ApiKeyService, API_KEY_ENV_VAR, GET_API_KEY_URL, KeyVerdict } from '../../gemini/apiKey';
import { watchStoredKey } from './keyWatch';

export interface KeyCommandDeps {
  keys: ApiKeyService;
  /** Registers a secret with the log so it is scrubbed from every line (OutputLog.addSecret). */
  redact?: (secret: string) => void;
  /** Called after the key changed (e.g. to drop the cached model list of the old key). */
  onKeyChanged?: () => void;
}

const SET_KEY = vscode.l10n.t('Set API Key');
const GET_KEY = vscode.l10n.t('Get a Key');
const TRY_AGAIN = vscode.l10n.t('Try Again');
const SAVE_ANYWAY = vscode.l10n.t('Save Anyway');

/** Registers gemini.setApiKey and gemini.clearApiKey. */
export function registerKeyCommands(context: vscode.ExtensionContext, deps: KeyCommandDeps): void {
  const { keys } = deps;
  // Whatever key is in use now is scrubbed from the log from the start.
  void keys.resolve().then((found) => found && deps.redact?.(found.key));
  context.subscriptions.push(
    keys.onDidChange(() => deps.onKeyChanged?.()),
    // A key set or cleared in another window (this window's own changes arrive here too: harmless).
    watchStoredKey(context.secrets, { redact: (secret) => deps.redact?.(secret), onKeyChanged: () => deps.onKeyChanged?.() }),
    vscode.commands.registerCommand('gemini.setApiKey', () => promptForKey(deps)),
    vscode.commands.registerCommand('gemini.clearApiKey', () => clearKey(keys)),
  );
}

async function promptForKey(deps: KeyCommandDeps): Promise<boolean> {
  const key = await vscode.window.showInputBox({
    title: vscode.l10n.t('Gemini API Key'),
    prompt: vscode.l10n.t("Paste your Gemini API key. It is stored in VS Code's secret storage, never in settings."),
    placeHolder: 'AIza…', // l10n-ignore: the key's own prefix
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() ? undefined : vscode.l10n.t('Enter the key, or press Escape to cancel.')),
  });
  if (!key?.trim()) return false;
  deps.redact?.(key.trim());
  const verdict = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the Gemini API key…'), cancellable: true },
    (_progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      return deps.keys.validate(key, controller.signal);
    },
  );
  return reactToVerdict(verdict, key, deps);
}

async function reactToVerdict(verdict: KeyVerdict, key: string, deps: KeyCommandDeps): Promise<boolean> {
  switch (verdict.verdict) {
    case 'ok':
      await deps.keys.setKey(key);
      void vscode.window.showInformationMessage(vscode.l10n.t('Gemini API key saved. {0}', verdict.message));
      return true;
    case 'network': {
      const choice = await vscode.window.showWarningMessage(vscode.l10n.t('{0} Save the key anyway?', verdict.message), SAVE_ANYWAY, TRY_AGAIN);
      if (choice === SAVE_ANYWAY) {
        await deps.keys.setKey(key);
        return true;
      }
      return choice === TRY_AGAIN ? promptForKey(deps) : false;
    }
    case 'invalid':
    case 'permission': {
      const choice = await vscode.window.showErrorMessage(vscode.l10n.t('{0} The key was not saved.', verdict.message), TRY_AGAIN, GET_KEY);
      if (choice === TRY_AGAIN) return promptForKey(deps);
      if (choice === GET_KEY) await vscode.env.openExternal(vscode.Uri.parse(GET_API_KEY_URL));
      return false;
    }
  }
}

async function clearKey(keys: ApiKeyService): Promise<void> {
  await keys.clearKey();
  const stillSet = await keys.resolve();
  void vscode.window.showInformationMessage(
    stillSet?.source === 'environment'
      ? vscode.l10n.t('Gemini API key removed from secret storage. The {0} environment variable still provides one.', API_KEY_ENV_VAR)
      : vscode.l10n.t('Gemini API key removed.'),
  );
}

/**
 * Resolves true when a key is available. Otherwise says so with "Set API Key" and "Get a Key"
 * actions, and resolves true only if the user then set a key.
 */
export async function ensureApiKey(keys: ApiKeyService): Promise<boolean> {
  if (await keys.getKey()) return true;
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Gemini needs an API key. Set one, or get a free key from Google AI Studio (the {0} environment variable also works).', API_KEY_ENV_VAR),
    SET_KEY,
    GET_KEY,
  );
  if (choice === SET_KEY) {
    await vscode.commands.executeCommand('gemini.setApiKey');
    return !!(await keys.getKey());
  }
  if (choice === GET_KEY) await vscode.env.openExternal(vscode.Uri.parse(GET_API_KEY_URL));
  return false;
}
