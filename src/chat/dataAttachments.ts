// Files attached as data: images, PDFs and text files. Up to MAX_INLINE_BYTES they travel inline
// (base64 `inlineData`, resent with every later turn of the chat); larger ones are uploaded once to
// the Gemini Files API and referenced by URI (`fileData`). Every refusal says what the limit is and
// what to do instead, and nothing else the user prepared is lost.
import type { Part } from '@google/genai';
import type { UploadedFile, UploadInput } from '../gemini/files';
import { ATTACHABLE_MIME_TYPES, MAX_INLINE_BYTES, MAX_UPLOAD_BYTES } from '../protocol/messages';
import type { AttachmentKind } from '../protocol/view';
import type { PendingAttachment } from './attachments';
import { ChatRejection } from './rejection';
import { l10n } from '../common/l10n';

export interface DataFile {
  name: string;
  mimeType: string;
  bytes: Uint8Array;
}

/** Uploads to the Files API; throws FilesUnsupportedError where the endpoint has none. */
export type FileUploader = (input: UploadInput) => Promise<UploadedFile>;

let counter = 0;

export async function dataAttachment(file: DataFile, upload?: FileUploader, signal?: AbortSignal): Promise<PendingAttachment> {
  const label = file.name.trim() || 'attachment';
  const mimeType = file.mimeType;
  if (!(ATTACHABLE_MIME_TYPES as readonly string[]).includes(mimeType)) {
    throw new ChatRejection(l10n.t('{0} cannot be attached: only images (PNG, JPEG, WebP), PDFs and text files are supported.', label));
  }
  const size = file.bytes.byteLength;
  if (size === 0) throw new ChatRejection(l10n.t('{0} is empty.', label));
  if (size > MAX_UPLOAD_BYTES) {
    throw new ChatRejection(l10n.t('{0} is {1}; attachments can be up to {2}. Attach a smaller file or an excerpt.', label, megabytes(size), megabytes(MAX_UPLOAD_BYTES)));
  }
  const kind = kindOf(mimeType);
  const id = `d${Date.now().toString(36)}${(counter++).toString(36)}`;
  const heading: Part[] = kind === 'image' ? [] : [{ text: `Attached file ${label}:` }];
  if (size <= MAX_INLINE_BYTES) {
    return {
      chip: { id, kind, label, detail: l10n.t('{0}, sent inline', mimeType), bytes: size },
      parts: [...heading, { inlineData: { mimeType, data: Buffer.from(file.bytes).toString('base64') } }],
    };
  }
  const tooBigInline = l10n.t('{0} is {1}, more than the {2} sent inline', label, megabytes(size), megabytes(MAX_INLINE_BYTES));
  if (!upload) throw new ChatRejection(l10n.t('{0}, and larger files need the Gemini Files API, which is not available here. Attach a file under {1}.', tooBigInline, megabytes(MAX_INLINE_BYTES)));
  let uploaded: UploadedFile;
  try {
    uploaded = await upload({ bytes: file.bytes, mimeType, displayName: label, signal });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (error instanceof Error && error.name === 'FilesUnsupportedError') {
      throw new ChatRejection(l10n.t('{0}, and larger files need the Gemini Files API. {1} Attach a file under {2}.', tooBigInline, reason, megabytes(MAX_INLINE_BYTES)));
    }
    throw new ChatRejection(l10n.t('Could not upload {0} to the Gemini Files API: {1}', label, reason));
  }
  return {
    chip: { id, kind, label, detail: l10n.t('{0}, uploaded to the Gemini Files API (kept 48 hours)', mimeType), bytes: size },
    parts: [...heading, { fileData: { fileUri: uploaded.uri, mimeType: uploaded.mimeType } }],
    ...(uploaded.expirationTime ? { fileExpiries: { [uploaded.uri]: uploaded.expirationTime } } : {}),
  };
}

export function kindOf(mimeType: string): AttachmentKind {
  if (mimeType.startsWith('image/')) return 'image';
  return mimeType === 'application/pdf' ? 'pdf' : 'document';
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}
