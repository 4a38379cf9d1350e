// Attachments too large to send inline go through the Gemini Files API: uploaded once (resumable
// upload through the SDK), then referenced by URI as a `fileData` part in every request that
// carries them. Vertex AI and some gateways have no Files API; that is reported as
// FilesUnsupportedError so the UI can say what to do instead. Uploaded files expire after 48 h.
import { l10n } from '../common/l10n';
import type { GenAIProvider } from './client';
import { parseServiceError } from './errors';

export interface UploadedFile {
  /** `files/abc123`, for get and delete. */
  name: string;
  /** What a `fileData` part references. */
  uri: string;
  mimeType: string;
  sizeBytes: number;
  /** RFC 3339; the service deletes the file then. */
  expirationTime?: string;
}

export interface UploadInput {
  bytes: Uint8Array;
  mimeType: string;
  displayName: string;
  signal?: AbortSignal;
}

export class FilesUnsupportedError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'FilesUnsupportedError';
  }
}

/** How long a file may stay in PROCESSING before the upload is given up. */
const PROCESSING_TIMEOUT_MS = 60_000;
const POLL_INTERVAL_MS = 500;

export async function uploadToFilesApi(genai: GenAIProvider, input: UploadInput, sleep = delay): Promise<UploadedFile> {
  const ai = await genai();
  if (ai.vertexai) throw new FilesUnsupportedError(l10n.t('Vertex AI has no Files API (files are shared through Cloud Storage there).'));
  let file;
  try {
    const blob = new Blob([input.bytes as Uint8Array<ArrayBuffer>], { type: input.mimeType });
    file = await ai.files.upload({
      file: blob,
      config: { mimeType: input.mimeType, displayName: input.displayName.slice(0, 512), ...(input.signal ? { abortSignal: input.signal } : {}) },
    });
  } catch (error) {
    throw unsupportedOr(error);
  }
  const deadline = Date.now() + PROCESSING_TIMEOUT_MS;
  while (file.state === 'PROCESSING' && file.name) {
    if (Date.now() > deadline) throw new Error(`${input.displayName} is still being processed by the Files API; try again in a minute.`);
    await sleep(POLL_INTERVAL_MS, input.signal);
    file = await ai.files.get({ name: file.name, ...(input.signal ? { config: { abortSignal: input.signal } } : {}) });
  }
  if (file.state === 'FAILED') throw new Error(`The Files API could not process ${input.displayName}${file.error?.message ? `: ${file.error.message}` : '.'}`);
  if (!file.uri || !file.name) throw new Error('The Files API answered without a file URI.');
  return {
    name: file.name,
    uri: file.uri,
    mimeType: file.mimeType ?? input.mimeType,
    sizeBytes: Number(file.sizeBytes ?? input.bytes.byteLength),
    ...(file.expirationTime ? { expirationTime: file.expirationTime } : {}),
  };
}

/** An endpoint without the upload route answers 404/405/501, or no upload URL at all. */
function unsupportedOr(error: unknown): unknown {
  const service = parseServiceError(error);
  if (service && [404, 405, 501].includes(service.status)) {
    return new FilesUnsupportedError(l10n.t('This endpoint does not offer the Gemini Files API (HTTP {0}).', service.status));
  }
  if (error instanceof Error && /upload url|not support uploading/i.test(error.message)) {
    return new FilesUnsupportedError(l10n.t('This endpoint does not offer the Gemini Files API.'));
  }
  return error;
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('Upload cancelled'));
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new Error('Upload cancelled'));
    }, { once: true });
  });
}
