// Which pasted or dropped files the chat accepts, as what, and how large. Images keep their type;
// PDFs are PDFs; anything textual (source code, Markdown, JSON, logs…) is sent as text/plain, the
// text type Gemini reads everywhere.
import { IMAGE_MIME_TYPES, MAX_DROP_BYTES, MAX_INLINE_BYTES } from '../protocol/messages';
import { formatBytes } from '../common/format';
import { l10n } from '../common/l10n';

const TEXT_TYPES = /^(text\/.+|application\/(json|xml|javascript|x-javascript|typescript|x-sh|x-python|x-yaml|yaml|toml|sql|graphql|x-httpd-php))$/;
const TEXT_EXTENSIONS = new Set([
  'txt', 'md', 'markdown', 'rst', 'log', 'csv', 'tsv', 'json', 'jsonc', 'yaml', 'yml', 'toml', 'ini', 'cfg', 'conf', 'xml', 'html', 'css', 'scss',
  'js', 'mjs', 'cjs', 'jsx', 'ts', 'tsx', 'py', 'rb', 'go', 'rs', 'java', 'kt', 'swift', 'c', 'h', 'cc', 'cpp', 'hpp', 'cs', 'php', 'sh', 'bash',
  'zsh', 'ps1', 'sql', 'graphql', 'proto', 'lua', 'r', 'scala', 'dart', 'vue', 'svelte', 'diff', 'patch', 'env', 'gitignore', 'dockerfile',
]);

/** The MIME type to send a file as, or undefined when it cannot be attached. */
export function attachableType(file: File): string | undefined {
  const type = file.type.toLowerCase();
  if ((IMAGE_MIME_TYPES as readonly string[]).includes(type)) return type;
  if (type === 'application/pdf') return type;
  if (TEXT_TYPES.test(type)) return 'text/plain';
  const extension = file.name.includes('.') ? file.name.split('.').pop()!.toLowerCase() : file.name.toLowerCase();
  if (!type && TEXT_EXTENSIONS.has(extension)) return 'text/plain';
  if (extension === 'pdf') return 'application/pdf';
  return undefined;
}

/** A message when the file is larger than the chat takes by paste or drop. */
export function tooLargeToDrop(file: File): string | undefined {
  if (file.size <= MAX_DROP_BYTES) return undefined;
  return l10n.t('{0} is {1}; pasted or dropped files can be up to {2}. Attach a larger PDF from the workspace with "Attach a file…" (up to 50 MB).',
    file.name || l10n.t('The file'), formatBytes(file.size), formatBytes(MAX_DROP_BYTES));
}

/** Files above the inline limit are uploaded to the Files API by the host (which takes a moment). */
export function uploadsToFilesApi(file: File): boolean {
  return file.size > MAX_INLINE_BYTES;
}

export async function readBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
