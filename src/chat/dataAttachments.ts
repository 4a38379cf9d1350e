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
    throw new ChatRejection(`${label} cannot be attached: only images (PNG, JPEG, WebP), PDFs and text files are supported.`);
  }
  const size = file.bytes.byteLength;
  if (size === 0) throw new ChatRejection(`${label} is empty.`);
  if (size > MAX_UPLOAD_BYTES) {
    throw new ChatRejection(`${label} is ${megabytes(size)}; attachments can be up to ${megabytes(MAX_UPLOAD_BYTES)}. Attach a smaller file or an excerpt.`);
  }
  const kind = kindOf(mimeType);
  const id = `d${Date.now().toString(36)}${(counter++).toString(36)}`;
  const heading: Part[] = kind === 'image' ? [] : [{ text: `Attached file ${label}:` }];
  if (size <= MAX_INLINE_BYTES) {
    return {
      chip: { id, kind, label, detail: `${mimeType}, sent inline`, bytes: size },
      parts: [...heading, { inlineData: { mimeType, data: Buffer.from(file.bytes).toString('base64') } }],
    };
  }
  const tooBigInline = `${label} is ${megabytes(size)}, more than the ${megabytes(MAX_INLINE_BYTES)} sent inline`;
  if (!upload) throw new ChatRejection(`${tooBigInline}, and larger files need the Gemini Files API, which is not available here. Attach a file under ${megabytes(MAX_INLINE_BYTES)}.`);
  let uploaded: UploadedFile;
  try {
    uploaded = await upload({ bytes: file.bytes, mimeType, displayName: label, signal });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (error instanceof Error && error.name === 'FilesUnsupportedError') {
      throw new ChatRejection(`${tooBigInline}, and larger files need the Gemini Files API. ${reason} Attach a file under ${megabytes(MAX_INLINE_BYTES)}.`);
    }
    throw new ChatRejection(`Could not upload ${label} to the Gemini Files API: ${reason}`);
  }
  return {
    chip: { id, kind, label, detail: `${mimeType}, uploaded to the Gemini Files API (kept 48 hours)`, bytes: size },
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
