// Writes one ScriptedResponse onto an HTTP response, including the faults (delays, malformed
// chunks, cut or stalled streams). Framing follows Google's wire: SSE events are
// `data: <json>\r\n\r\n`; error bodies are 2-space JSON plus a newline (recording 06's
// Content-Length matches exactly that).
import type * as http from 'http';
import { mergeChunks } from './chunks';
import type { ScriptedResponse, StreamResponse } from './types';

export const JSON_TYPE = 'application/json; charset=UTF-8';
export const SSE_TYPE = 'text/event-stream';

/** Headers Google sends on every answer; harmless and makes replies look like the real thing. */
const GOOGLE_HEADERS: Record<string, string> = {
  Vary: 'Origin, X-Origin, Referer',
  Server: 'scaffolding on HTTPServer2',
  'X-XSS-Protection': '0',
  'X-Frame-Options': 'SAMEORIGIN',
  'X-Content-Type-Options': 'nosniff',
};

/** Headers that describe framing of the recorded exchange, not the body we now send. */
const FRAMING_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive']);

export function sseEvent(chunk: object): string {
  return `data: ${JSON.stringify(chunk)}\r\n\r\n`;
}

export function errorBodyText(body: object): string {
  return `${JSON.stringify(body, null, 2)}\n`;
}

export interface ResponderContext {
  /** True for `:streamGenerateContent` (answers go out as SSE). */
  streaming: boolean;
  /** Registers a timer so close() can cancel it. */
  schedule(fn: () => void, ms: number): void;
}

export function sendJson(res: http.ServerResponse, status: number, body: object): void {
  const text = status >= 400 ? errorBodyText(body) : JSON.stringify(body);
  res.writeHead(status, { ...GOOGLE_HEADERS, 'Content-Type': JSON_TYPE, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export function respond(res: http.ServerResponse, response: ScriptedResponse, context: ResponderContext): void {
  switch (response.kind) {
    case 'stall':
      return; // hold the socket open; close() destroys it
    case 'raw': {
      const body = typeof response.body === 'string' ? Buffer.from(response.body, 'utf8') : response.body;
      const headers: Record<string, string | number> = {};
      for (const [name, value] of Object.entries(response.headers)) {
        if (!FRAMING_HEADERS.has(name.toLowerCase())) headers[name] = value;
      }
      headers['Content-Length'] = body.length;
      res.writeHead(response.status, headers);
      res.end(body);
      return;
    }
    case 'error': {
      const text = errorBodyText(response.body);
      const type = response.contentType ?? (context.streaming ? SSE_TYPE : JSON_TYPE);
      res.writeHead(response.status, { ...GOOGLE_HEADERS, 'Content-Type': type, 'Content-Length': Buffer.byteLength(text) });
      res.end(text);
      return;
    }
    case 'json': {
      const status = response.status ?? 200;
      if (context.streaming && status < 400) {
        streamChunks(res, { kind: 'stream', chunks: [response.body] }, context);
      } else {
        sendJson(res, status, response.body);
      }
      return;
    }
    case 'stream':
      if (context.streaming) streamChunks(res, response, context);
      else answerMerged(res, response);
      return;
  }
}

/** generateContent scripted with a stream: one merged JSON answer, faults still applied. */
function answerMerged(res: http.ServerResponse, response: StreamResponse): void {
  if (response.then === 'stall') return;
  if (response.then === 'disconnect') {
    res.socket?.destroy();
    return;
  }
  let text = JSON.stringify(mergeChunks(response.chunks));
  if (response.malformedAt !== undefined) text = breakJson(text);
  res.writeHead(200, { ...GOOGLE_HEADERS, 'Content-Type': JSON_TYPE, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function breakJson(json: string): string {
  return json.slice(0, Math.max(1, Math.floor(json.length / 2)));
}

/** Destroys the socket once the chunks already written have reached the kernel, so they arrive. */
function cutAfterFlush(res: http.ServerResponse): void {
  const socket = res.socket;
  if (!socket) return;
  if (socket.writableLength > 0) socket.once('drain', () => socket.destroy());
  else socket.destroy();
}

function streamChunks(res: http.ServerResponse, response: StreamResponse, context: ResponderContext): void {
  res.writeHead(200, { ...GOOGLE_HEADERS, 'Content-Type': SSE_TYPE, 'Content-Disposition': 'attachment' });
  res.flushHeaders();
  const delay = response.chunkDelayMs ?? 0;
  let index = 0;
  const sendNext = (): void => {
    if (res.destroyed || res.writableEnded) return;
    if (index < response.chunks.length) {
      const chunk = response.chunks[index];
      const event = index === response.malformedAt ? `data: ${breakJson(JSON.stringify(chunk))}\r\n\r\n` : sseEvent(chunk);
      index++;
      res.write(event);
      context.schedule(sendNext, delay);
      return;
    }
    if (response.then === 'disconnect') cutAfterFlush(res);
    else if (response.then !== 'stall') res.end();
  };
  if (delay > 0) context.schedule(sendNext, delay);
  else sendNext();
}
