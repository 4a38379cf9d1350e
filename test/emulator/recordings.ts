// Reads the real Gemini recordings in test/fixtures/gemini-recordings (copied from pydantic-ai,
// js-genai and llm-gemini; each keeps its upstream licence, see the README there). Three formats:
// - pydantic-ai VCR YAML: `response.body.string` raw SSE, or `response.parsed_body` JSON;
// - js-genai test-server JSON: `bodySegments`, one per SSE event (or the one JSON body);
// - llm-gemini VCR YAML: a gzip `!!binary` body served with its recorded Content-Encoding.
import * as fs from 'fs';
import * as path from 'path';
import { parse as parseYaml } from 'yaml';
import { errorBodyText } from './responder';
import type { RouteKind } from './types';

export interface RecordedExchange {
  request: { method: string; path: string; body: unknown };
  response: { status: number; headers: Record<string, string>; body: Buffer };
}

/** The repository root: the nearest folder above this file holding package.json. */
export function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${__dirname}`);
    dir = parent;
  }
  return dir;
}

/** `GEMINI_RECORDINGS_DIR`, or test/fixtures/gemini-recordings inside the repository. */
export function recordingsDir(): string {
  return process.env.GEMINI_RECORDINGS_DIR ?? path.join(repoRoot(), 'test', 'fixtures', 'gemini-recordings');
}

function resolveRecording(file: string): string {
  return path.isAbsolute(file) ? file : path.join(recordingsDir(), file);
}

/** Every interaction of a recording, as the bytes that went over the wire (as near as the format keeps them). */
export function loadRecording(file: string): RecordedExchange[] {
  const fullPath = resolveRecording(file);
  const text = fs.readFileSync(fullPath, 'utf8');
  if (fullPath.endsWith('.json')) {
    const parsed = JSON.parse(text);
    if (!Array.isArray(parsed.interactions)) throw new Error(`${file}: not a js-genai recording (no interactions)`);
    return parsed.interactions.map(fromTestServerInteraction);
  }
  const cassette = parseYaml(text);
  if (!Array.isArray(cassette?.interactions)) throw new Error(`${file}: not a VCR cassette (no interactions)`);
  return cassette.interactions.map(fromVcrInteraction);
}

function pathOf(uri: string): string {
  return uri.startsWith('/') ? uri : new URL(uri).pathname + new URL(uri).search;
}

function fromTestServerInteraction(interaction: any): RecordedExchange {
  const request = interaction.request;
  const response = interaction.response;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers ?? {})) {
    // The test server stores bodies decoded, so the recorded gzip encoding no longer applies.
    if (name.toLowerCase() !== 'content-encoding') headers[name] = String(value);
  }
  const status: number = response.statusCode;
  const segments: object[] = response.bodySegments ?? [];
  const contentType = headers['Content-Type'] ?? headers['content-type'] ?? '';
  let body: string;
  if (status >= 400) body = segments.length ? errorBodyText(segments[0]) : '';
  else if (contentType.startsWith('text/event-stream')) body = segments.map((s) => `data: ${JSON.stringify(s)}\r\n\r\n`).join('');
  else body = segments.length ? JSON.stringify(segments[0]) : '';
  return {
    request: { method: request.method, path: pathOf(request.url), body: request.bodySegments?.[0] },
    response: { status, headers, body: Buffer.from(body, 'utf8') },
  };
}

function fromVcrInteraction(interaction: any): RecordedExchange {
  const request = interaction.request;
  const response = interaction.response;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers ?? {})) {
    headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  let body: Buffer;
  const recorded = response.body?.string;
  if (recorded instanceof Uint8Array) body = Buffer.from(recorded);
  else if (typeof recorded === 'string') body = Buffer.from(recorded, 'utf8');
  else if (response.parsed_body !== undefined) body = Buffer.from(JSON.stringify(response.parsed_body), 'utf8');
  else body = Buffer.alloc(0);
  let requestBody: unknown = request.parsed_body;
  if (requestBody === undefined && typeof request.body === 'string' && request.body.length > 0) {
    try {
      requestBody = JSON.parse(request.body);
    } catch {
      requestBody = request.body;
    }
  }
  return {
    request: { method: request.method, path: pathOf(request.uri), body: requestBody },
    response: { status: response.status?.code ?? 200, headers, body },
  };
}

/** Which emulator route a recorded request went to, so its replay serves the same kind of call. */
export function routeOfPath(method: string, requestPath: string): RouteKind | undefined {
  const pathname = requestPath.split('?')[0].replace(/^\/(v1|v1beta)\//, '');
  if (pathname === 'models') return method === 'GET' ? 'models.list' : undefined;
  if (pathname.startsWith('cachedContents')) return 'cachedContents';
  const match = /^models\/[^:]+(?::(\w+))?$/.exec(pathname);
  if (!match) return undefined;
  switch (match[1]) {
    case undefined:
      return 'models.get';
    case 'generateContent':
    case 'streamGenerateContent':
    case 'countTokens':
    case 'batchEmbedContents':
    case 'embedContent':
      return match[1];
    default:
      return undefined;
  }
}
