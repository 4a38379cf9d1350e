// Client of emulatorControl.ts for tests running in another process (the VS Code extension host):
// the same verbs as GeminiEmulator, over loopback HTTP. Build responses with the pure builders
// exported by test/emulator (`chunks`, `errors`); they are plain JSON.
import type { QueuedResponse, RecordedRequest } from '../emulator';
import { EMULATOR_CONTROL_ENV, EMULATOR_URL_ENV } from './emulatorControl';

export class EmulatorRemote {
  constructor(
    /** The emulator's base URL, i.e. what `gemini.endpoint` points at. */
    readonly baseUrl: string,
    private readonly controlUrl: string,
  ) {}

  /** The emulator the test runner started, found through the environment it passed down. */
  static fromEnv(env: NodeJS.ProcessEnv = process.env): EmulatorRemote {
    const baseUrl = env[EMULATOR_URL_ENV];
    const controlUrl = env[EMULATOR_CONTROL_ENV];
    if (!baseUrl || !controlUrl) {
      throw new Error(`${EMULATOR_URL_ENV} / ${EMULATOR_CONTROL_ENV} are not set: run through test/integration/run.ts`);
    }
    return new EmulatorRemote(baseUrl, controlUrl);
  }

  async enqueue(...responses: QueuedResponse[]): Promise<void> {
    await this.call('POST', '/enqueue', responses);
  }

  async enqueueRecording(file: string): Promise<void> {
    await this.call('POST', '/enqueueRecording', { file });
  }

  requests(): Promise<RecordedRequest[]> {
    return this.call('GET', '/requests') as Promise<RecordedRequest[]>;
  }

  waitForRequests(count: number, timeoutMs = 5000): Promise<RecordedRequest[]> {
    return this.call('POST', '/waitForRequests', { count, timeoutMs }) as Promise<RecordedRequest[]>;
  }

  async reset(): Promise<void> {
    await this.call('POST', '/reset');
  }

  async setApiKey(key: string): Promise<void> {
    await this.call('POST', '/apiKey', { key });
  }

  async setTokenCount(total: number | undefined): Promise<void> {
    await this.call('POST', '/tokenCount', { total });
  }

  pending(): Promise<number> {
    return this.state().then((s) => s.pending);
  }

  state(): Promise<{ baseUrl: string; pending: number; requestCount: number }> {
    return this.call('GET', '/state') as Promise<{ baseUrl: string; pending: number; requestCount: number }>;
  }

  private async call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.controlUrl}${path}`, {
      method,
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const value = (await response.json()) as { error?: string };
    if (!response.ok) throw new Error(value.error ?? `emulator control ${method} ${path}: HTTP ${response.status}`);
    return value;
  }
}
