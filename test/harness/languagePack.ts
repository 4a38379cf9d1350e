// A display language for the test VS Code without the marketplace. VS Code's server serves the
// workbench in a language only when a language pack for it is listed in
// `<user-data-dir>/languagepacks.json` (what installing e.g. "Spanish Language Pack" writes);
// otherwise `--locale es` silently falls back to English and the extension host reports
// vscode.env.language === 'en'. This writes such an entry pointing at an empty translation file:
// the workbench's own texts stay English, but the language is `es`, so the extension host loads
// our package.nls.es.json and l10n/bundle.l10n.es.json exactly as with a real language pack.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

export function installTestLanguagePack(userDataDir: string, language: string): void {
  const folder = path.join(userDataDir, 'test-language-pack', language);
  mkdirSync(folder, { recursive: true });
  const translations = path.join(folder, 'main.i18n.json');
  writeFileSync(translations, JSON.stringify({ version: '1.0.0', contents: {} }));
  const packs = {
    [language]: {
      hash: `test-${language}`,
      label: language,
      extensions: [{ extensionIdentifier: { id: `gemini-test.language-pack-${language}` }, version: '0.0.1' }],
      translations: { vscode: translations },
    },
  };
  writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify(packs, null, 2));
}
