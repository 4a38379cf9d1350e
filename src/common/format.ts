// How numbers are shown to people, the same on every surface: the chat webview, the status bar,
// the model picker and the warnings. Pure and dependency-free, so both bundles (the extension host
// and the webview) use these very functions.

/** Token counts: 1048576 → "1M", 65536 → "64K", 12345 → "12.3K", 1234 → "1.2K", 900 → "900". */
export function formatTokens(count: number): string {
  if (count >= 1024 * 1024 && count % (1024 * 1024) === 0) return `${count / (1024 * 1024)}M`;
  if (count >= 1_000_000) return `${(count / 1_000_000).toFixed(1).replace(/\.0$/, '')}M`;
  if (count >= 1024 && count % 1024 === 0) return `${count / 1024}K`;
  if (count >= 1000) return `${(count / 1000).toFixed(1).replace(/\.0$/, '')}K`;
  return String(count);
}

/** Sizes: 900 → "900 B", 1536 → "1.5 KB", 5 MiB → "5.0 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
