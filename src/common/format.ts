// How numbers are shown to people, the same on every surface: the chat webview, the status bar,
// the model picker and the warnings. Pure, so both bundles (the extension host and the webview) use
// these very functions; decimals, grouping and dates follow the display language set in ./l10n.
import { displayLanguage } from './l10n';

/** A number in the display language: 12345.6 → "12,345.6" (en), "12.345,6" (es). */
export function formatNumber(value: number, fractionDigits?: number): string {
  return numberFormat(displayLanguage(), fractionDigits).format(value);
}

/** Building an Intl.NumberFormat costs far more than using one: one per language and precision. */
const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(language: string, fractionDigits: number | undefined): Intl.NumberFormat {
  const key = `${language}|${fractionDigits ?? ''}`;
  let format = numberFormats.get(key);
  if (!format) {
    const options = fractionDigits === undefined ? {} : { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits };
    try {
      format = new Intl.NumberFormat(language, options);
    } catch {
      format = new Intl.NumberFormat('en', options);
    }
    numberFormats.set(key, format);
  }
  return format;
}

/** A date and time in the display language, e.g. "12/6/2026, 11:10 PM" (en), "6/12/2026, 23:10" (es). */
export function formatDate(epochMs: number): string {
  try {
    return new Date(epochMs).toLocaleString(displayLanguage(), { dateStyle: 'short', timeStyle: 'short' });
  } catch {
    return new Date(epochMs).toLocaleString('en', { dateStyle: 'short', timeStyle: 'short' });
  }
}

/** Drops a trailing zero decimal, in any language's notation: "12.0" → "12", "1,0" → "1". */
function short(value: number): string {
  return formatNumber(Number(value.toFixed(1)), Number.isInteger(Number(value.toFixed(1))) ? 0 : 1);
}

/** Token counts: 1048576 → "1M", 65536 → "64K", 12345 → "12.3K", 1234 → "1.2K", 900 → "900". */
export function formatTokens(count: number): string {
  if (count >= 1024 * 1024 && count % (1024 * 1024) === 0) return `${count / (1024 * 1024)}M`;
  if (count >= 1_000_000) return `${short(count / 1_000_000)}M`;
  if (count >= 1024 && count % 1024 === 0) return `${count / 1024}K`;
  if (count >= 1000) return `${short(count / 1000)}K`;
  return String(count);
}

/** Sizes: 900 → "900 B", 1536 → "1.5 KB", 5 MiB → "5.0 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(bytes / 1024, 1)} KB`;
  return `${formatNumber(bytes / (1024 * 1024), 1)} MB`;
}

/** An estimate in US dollars: "$0.0012", "$0.035", "$1.20"; below a hundredth of a cent "<$0.0001". */
export function formatUsd(amount: number): string {
  if (amount <= 0) return '$0';
  if (amount < 0.0001) return '<$0.0001';
  if (amount < 0.01) return `$${amount.toFixed(4)}`;
  if (amount < 1) return `$${amount.toFixed(3)}`;
  return `$${amount.toFixed(2)}`;
}
