// Localisation for code that cannot import `vscode`: the pure folders (error texts, approval
// questions, usage lines) and the chat webview. `l10n.t` mirrors `vscode.l10n.t`: the English text
// is the key, `{0}`, `{1}` are positional arguments. The host configures it once at activation with
// `vscode.l10n.bundle` and `vscode.env.language`, and hands the same two to the webview in its HTML
// shell; before that (and in plain unit tests) it answers English. `npm run l10n-export` collects
// every `l10n.t('…')` here and every `vscode.l10n.t('…')` in the glue into l10n/bundle.l10n.json.
// Text sent only to the model (tool results, the system prompt) stays English: never wrap it.

/** Translated messages keyed by their English text (the shape of l10n/bundle.l10n.<lang>.json). */
export type L10nBundle = Record<string, string | { message: string; comment?: string[] }>;

let bundle: L10nBundle = {};
let language = 'en';

/** Installs the display language's bundle (undefined or {} = English) and its language tag. */
export function configureL10n(contents: L10nBundle | undefined, displayLanguage = 'en'): void {
  bundle = contents ?? {};
  language = displayLanguage || 'en';
}

/** The display language, e.g. `es` or `pt-br`, for Intl formatting. */
export function displayLanguage(): string {
  return language;
}

/** `{0}`-style formatting, the same as vscode.l10n.t (unknown indexes stay as written). */
export function formatMessage(message: string, args: readonly unknown[]): string {
  return message.replace(/\{(\d+)\}/g, (match, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? match : String(value);
  });
}

function translate(message: string, ...args: unknown[]): string {
  const entry = bundle[message];
  const text = typeof entry === 'string' ? entry : entry?.message ?? message;
  return formatMessage(text, args);
}

/** Call as `l10n.t('Could not read {0}.', path)`: the literal is what the exporter collects. */
export const l10n = { t: translate };
