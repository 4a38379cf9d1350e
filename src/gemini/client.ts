// Builds the official SDK client. The SDK is loaded lazily (dynamic import) so activating the
// extension doesn't pay for parsing it until the first request.
import type { GoogleGenAI, HttpOptions } from '@google/genai';

export interface ClientOptions {
  apiKey: string;
  /** Base URL override (proxy, gateway, the test emulator). Empty: Google's endpoint. */
  endpoint?: string;
  apiVersion?: string;
  /**
   * Total deadline of each request in ms. Leave unset for clients that stream chat turns: a long
   * answer may legitimately stream for minutes; the engine has its own idle timeout for those.
   */
  timeoutMs?: number;
}

export type GenAIProvider = () => Promise<GoogleGenAI>;

export async function createGenAI(options: ClientOptions): Promise<GoogleGenAI> {
  const { GoogleGenAI } = await import('@google/genai');
  const httpOptions: HttpOptions = {
    apiVersion: options.apiVersion || 'v1beta',
  };
  const endpoint = options.endpoint?.trim();
  if (endpoint) httpOptions.baseUrl = endpoint;
  if (options.timeoutMs && options.timeoutMs > 0) httpOptions.timeout = options.timeoutMs;
  return new GoogleGenAI({ apiKey: options.apiKey, httpOptions });
}

/** Raised when a request is about to be made and no API key is configured anywhere. */
export class MissingApiKeyError extends Error {
  constructor() {
    super('No Gemini API key is set');
    this.name = 'MissingApiKeyError';
  }
}

export interface ConnectionSettings {
  endpoint: string;
  apiVersion: string;
}

/**
 * One client per (key, endpoint, API version): rebuilt when any of them changes, reused otherwise.
 * `getKey` is asked on every call, so a key set or cleared takes effect on the next request.
 */
export function cachedGenAIProvider(
  getKey: () => Promise<string | undefined>,
  connection: () => ConnectionSettings,
): GenAIProvider {
  let cached: { signature: string; client: Promise<GoogleGenAI> } | undefined;
  return async () => {
    const apiKey = await getKey();
    if (!apiKey) throw new MissingApiKeyError();
    const { endpoint, apiVersion } = connection();
    const signature = JSON.stringify([apiKey, endpoint, apiVersion]);
    if (cached?.signature !== signature) {
      cached = { signature, client: createGenAI({ apiKey, endpoint, apiVersion }) };
    }
    return cached.client;
  };
}
