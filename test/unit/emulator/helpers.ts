// Shared by the emulator's own tests: an SDK client aimed at the emulator, a plain-http fetch
// that leaves bodies untouched (no decompression), and stream collection.
import * as http from 'http';
import { GoogleGenAI, type GenerateContentResponse } from '@google/genai';
import { TEST_KEY, type GeminiEmulator } from '../../emulator';

export function sdkFor(emulator: GeminiEmulator, apiKey = TEST_KEY, apiVersion?: string): GoogleGenAI {
  return new GoogleGenAI({ apiKey, httpOptions: { baseUrl: emulator.baseUrl, ...(apiVersion ? { apiVersion } : {}) } });
}

export async function collect(stream: AsyncGenerator<GenerateContentResponse>): Promise<GenerateContentResponse[]> {
  const received: GenerateContentResponse[] = [];
  for await (const chunk of stream) received.push(chunk);
  return received;
}

export interface RawReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** One request through Node's http client: the reply's bytes exactly as they came off the socket. */
export function rawRequest(
  emulator: GeminiEmulator,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = { 'x-goog-api-key': TEST_KEY },
): Promise<RawReply> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${emulator.baseUrl}${path}`,
      { method, headers: { ...headers, ...(payload ? { 'content-type': 'application/json' } : {}) } },
      (response) => {
        const pieces: Buffer[] = [];
        response.on('data', (piece: Buffer) => pieces.push(piece));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(pieces) }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

/** Runs `action`, expecting it to throw; returns what it threw. */
export async function rejection(action: () => Promise<unknown>): Promise<any> {
  try {
    await action();
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, but the call succeeded');
}
