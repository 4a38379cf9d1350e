// Installs the display language before any other webview module runs (main.ts imports this first,
// and module constants such as button labels are translated when their module loads). The host
// writes the language and its l10n bundle into the HTML shell as JSON in the `data-gemini-l10n`
// attribute of <html> (no script element, so the CSP and its nonce rule are untouched); without it
// (jsdom tests, an old shell) the chat stays English.
import { configureL10n, type L10nBundle } from '../common/l10n';

const attribute = typeof document === 'undefined' ? null : document.documentElement.getAttribute('data-gemini-l10n');
if (attribute) {
  try {
    const data = JSON.parse(attribute) as { language?: unknown; bundle?: unknown };
    const bundle = data.bundle && typeof data.bundle === 'object' ? data.bundle as L10nBundle : undefined;
    configureL10n(bundle, typeof data.language === 'string' ? data.language : 'en');
  } catch {
    // A malformed block only costs the translation: the chat still works in English.
  }
}
