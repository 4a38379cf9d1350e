// Lets code in another process (tests inside the VS Code extension host) script the Gemini
// emulator that the test runner started. A second loopback port serves a tiny JSON control API;
// the emulator itself stays untouched so its wire behaviour is exactly what the SDK sees.
//
//   POST /enqueue           body: QueuedResponse[]             -> { pending }
//   POST /enqueueRecording  body: { file }                     -> { pending }
//   GET  /requests                                             -> RecordedRequest[]
//   POST /waitForRequests   body: { count, timeoutMs? }        -> RecordedRequest[]
//   POST /reset                                                -> {}
//   POST /apiKey            body: { key }                      -> {}
//   POST /tokenCount        body: { total? }                   -> {}
//   GET  /state                                                -> { baseUrl, pending, requestCount }
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GeminiEmulator, QueuedResponse } from '../emulator';

/** Env var carrying the emulator's base URL (what `gemini.endpoint` is set to). */
export const EMULATOR_URL_ENV = 'GEMINI_TEST_EMULATOR_URL';
/** Env var carrying the control server's URL. */
export const EMULATOR_CONTROL_ENV = 'GEMINI_TEST_EMULATOR_CONTROL';

export interface EmulatorControlServer {
  url: string;
  close(): Promise<void>;
}

export async function startEmulatorControl(emulator: GeminiEmulator): Promise<EmulatorControlServer> {
  const server = http.createServer((req, res) => {
    const pieces: Buffer[] = [];
    req.on('data', (piece: Buffer) => pieces.push(piece));
    req.on('end', () => {
      const text = Buffer.concat(pieces).toString('utf8');
      handle(emulator, req.method ?? 'GET', new URL(req.url ?? '/', 'http://127.0.0.1').pathname, text ? JSON.parse(text) : undefined)
        .then((result) => reply(res, 200, result ?? {}))
        .catch((error: Error) => reply(res, 500, { error: error.message }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections?.();
      }),
  };
}

async function handle(emulator: GeminiEmulator, method: string, path: string, body: any): Promise<unknown> {
  switch (`${method} ${path}`) {
    case 'POST /enqueue':
      emulator.enqueue(...(body as QueuedResponse[]));
      return { pending: emulator.pending };
    case 'POST /enqueueRecording':
      emulator.enqueueRecording(String(body.file));
      return { pending: emulator.pending };
    case 'GET /requests':
      return emulator.requests;
    case 'POST /waitForRequests':
      return emulator.waitForRequests(Number(body.count), body.timeoutMs);
    case 'POST /reset':
      emulator.reset();
      return {};
    case 'POST /apiKey':
      emulator.setApiKey(String(body.key));
      return {};
    case 'POST /tokenCount':
      emulator.setTokenCount(body?.total);
      return {};
    case 'GET /state':
      return { baseUrl: emulator.baseUrl, pending: emulator.pending, requestCount: emulator.requests.length };
    default:
      throw new Error(`emulator control: no route ${method} ${path}`);
  }
}

function reply(res: http.ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}
