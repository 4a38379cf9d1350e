// Whether completions are on for a language: `gemini.completions.languages` maps language ids to
// booleans, with `"*"` as the default for the rest. Tiny and pure: the activation shell uses it
// to decide, without loading anything else, whether a completion request goes any further.

/** URI schemes of documents a person edits; anything else (chat input, output, git, settings UI) never gets completions. */
export const COMPLETION_SCHEMES: readonly string[] = ['file', 'untitled', 'vscode-remote', 'vscode-vfs'];

export function completionsOnFor(languages: Readonly<Record<string, unknown>>, languageId: string): boolean {
  const own = languages[languageId];
  if (typeof own === 'boolean') return own;
  const fallback = languages['*'];
  return typeof fallback === 'boolean' ? fallback : true;
}

/** The languages setting with `languageId` switched to `on` (the default left as it is). */
export function withLanguage(languages: Readonly<Record<string, unknown>>, languageId: string, on: boolean): Record<string, unknown> {
  return { ...languages, [languageId]: on };
}
