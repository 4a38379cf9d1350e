// Installs the display language before any other webview module runs (main.ts imports this first,
// and module constants such as button labels are translated when their module loads). The host
// writes the language and its l10n bundle into the HTML shell as a JSON data block (never run as
// script, so the CSP is untouched); without it (jsdom tests, an old shell) the chat stays English.
import { configureL10n, type L10nBundle } from '../common/l10n';

const element = typeof document === 'undefined' ? null : document.getElementById('gemini-l10n');
if (element?.textContent) {
  try {
    const data = JSON.parse(element.textContent) as { language?: unknown; bundle?: unknown };
    const bundle = data.bundle && typeof data.bundle === 'object' ? data.bundle as L10nBundle : undefined;
    configureL10n(bundle, typeof data.language === 'string' ? data.language : 'en');
  } catch {
    // A malformed block only costs the translation: the chat still works in English.
  }
}
