// The Gemini Files API, as the SDK's resumable upload speaks it: `POST /upload/v1beta/files` with
// `X-Goog-Upload-Command: start` answers with an `x-goog-upload-url` header; the bytes then go to
// that URL in chunks (`upload`, the last one `upload, finalize`, each with `X-Goog-Upload-Offset`)
// and the final answer is `{file}` with `x-goog-upload-status: final`. Files can then be read,
// listed and deleted under `/v1beta/files`. `supported = false` plays an endpoint without the
// Files API (every route answers 404), like a gateway or Vertex AI.
import { createHash, randomBytes } from 'crypto';
import type * as http from 'http';
import { googleError } from './errors';
import { sendJson } from './responder';
import type { RecordedRequest } from './types';

export interface StoredFile {
  name: string;
  displayName?: string;
  mimeType: string;
  sizeBytes: string;
  createTime: string;
  updateTime: string;
  expirationTime: string;
  sha256Hash: string;
  uri: string;
  state: 'PROCESSING' | 'ACTIVE' | 'FAILED';
  source: 'UPLOADED';
}

interface Session {
  declared: { displayName?: string; mimeType?: string; size: number };
  chunks: Buffer[];
  received: number;
}

/** Uploaded files are deleted after 48 hours. */
const LIFETIME_MS = 48 * 60 * 60 * 1000;

export class FileStore {
  /** False: answer every Files route with 404, as an endpoint without the Files API does. */
  supported = true;
  /** How many `files.get` calls report PROCESSING before a new file turns ACTIVE. */
  processingGets = 0;
  private readonly sessions = new Map<string, Session>();
  private readonly files = new Map<string, { record: StoredFile; bytes: Buffer; getsLeft: number }>();

  /** True for the paths this store answers. */
  static owns(path: string): boolean {
    return /^\/upload\/(v1beta|v1)\/files$/.test(path) || /^\/(v1beta|v1)\/files(\/[^/]+)?$/.test(path);
  }

  clear(): void {
    this.sessions.clear();
    this.files.clear();
    this.supported = true;
    this.processingGets = 0;
  }

  /** The bytes and record of an uploaded file, for assertions. */
  stored(name: string): { record: StoredFile; bytes: Buffer } | undefined {
    const entry = this.files.get(name.startsWith('files/') ? name : `files/${name}`);
    return entry && { record: { ...entry.record }, bytes: entry.bytes };
  }

  get count(): number {
    return this.files.size;
  }

  handle(request: RecordedRequest, bytes: Buffer, res: http.ServerResponse, baseUrl: string): void {
    if (!this.supported) return sendJson(res, 404, googleError(404, 'NOT_FOUND', 'Method not found.'));
    if (request.path.startsWith('/upload/')) return this.upload(request, bytes, res, baseUrl);
    const id = /^\/(?:v1beta|v1)\/files\/([^/]+)$/.exec(request.path)?.[1];
    if (id === undefined) {
      if (request.method !== 'GET') return sendJson(res, 404, googleError(404, 'NOT_FOUND', 'Method not found.'));
      return sendJson(res, 200, { files: [...this.files.values()].map((f) => f.record) });
    }
    const entry = this.files.get(`files/${decodeURIComponent(id)}`);
    if (!entry) return sendJson(res, 404, googleError(404, 'NOT_FOUND', `File files/${id} was not found.`));
    if (request.method === 'DELETE') {
      this.files.delete(entry.record.name);
      return sendJson(res, 200, {});
    }
    if (request.method !== 'GET') return sendJson(res, 404, googleError(404, 'NOT_FOUND', 'Method not found.'));
    if (entry.getsLeft > 0 && --entry.getsLeft === 0) entry.record.state = 'ACTIVE';
    sendJson(res, 200, entry.record);
  }

  private upload(request: RecordedRequest, bytes: Buffer, res: http.ServerResponse, baseUrl: string): void {
    const command = String(request.headers['x-goog-upload-command'] ?? '').toLowerCase();
    const uploadId = request.query.upload_id;
    if (command === 'start') {
      if (String(request.headers['x-goog-upload-protocol'] ?? '') !== 'resumable') {
        return sendJson(res, 400, googleError(400, 'INVALID_ARGUMENT', 'Only resumable uploads are supported.'));
      }
      const file = request.body?.file ?? {};
      const id = randomBytes(8).toString('hex');
      this.sessions.set(id, {
        declared: { displayName: file.displayName, mimeType: file.mimeType ?? request.headers['x-goog-upload-header-content-type'] as string, size: Number(request.headers['x-goog-upload-header-content-length'] ?? 0) },
        chunks: [],
        received: 0,
      });
      res.writeHead(200, {
        'x-goog-upload-url': `${baseUrl}${request.path}?upload_id=${id}&upload_protocol=resumable`,
        'x-goog-upload-status': 'active',
        'x-goog-upload-chunk-granularity': '8388608',
        'Content-Length': 0,
      });
      return void res.end();
    }
    const session = uploadId ? this.sessions.get(uploadId) : undefined;
    if (!session) return sendJson(res, 404, googleError(404, 'NOT_FOUND', 'Upload session not found.'));
    const offset = Number(request.headers['x-goog-upload-offset'] ?? -1);
    if (offset !== session.received) {
      return sendJson(res, 400, googleError(400, 'INVALID_ARGUMENT', `Expected offset ${session.received}, got ${offset}.`));
    }
    session.chunks.push(bytes);
    session.received += bytes.length;
    if (!command.includes('finalize')) {
      res.writeHead(200, { 'x-goog-upload-status': 'active', 'Content-Length': 0 });
      return void res.end();
    }
    this.sessions.delete(uploadId!);
    const record = this.finish(session, baseUrl);
    const text = JSON.stringify({ file: record });
    res.writeHead(200, { 'Content-Type': 'application/json; charset=UTF-8', 'x-goog-upload-status': 'final', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
  }

  private finish(session: Session, baseUrl: string): StoredFile {
    const bytes = Buffer.concat(session.chunks);
    const id = randomBytes(6).toString('hex');
    const now = Date.now();
    const record: StoredFile = {
      name: `files/${id}`,
      ...(session.declared.displayName ? { displayName: session.declared.displayName } : {}),
      mimeType: session.declared.mimeType || 'application/octet-stream',
      sizeBytes: String(bytes.length),
      createTime: new Date(now).toISOString(),
      updateTime: new Date(now).toISOString(),
      expirationTime: new Date(now + LIFETIME_MS).toISOString(),
      sha256Hash: Buffer.from(createHash('sha256').update(bytes).digest('hex')).toString('base64'),
      uri: `${baseUrl}/v1beta/files/${id}`,
      state: this.processingGets > 0 ? 'PROCESSING' : 'ACTIVE',
      source: 'UPLOADED',
    };
    this.files.set(record.name, { record, bytes, getsLeft: this.processingGets });
    return { ...record };
  }
}
