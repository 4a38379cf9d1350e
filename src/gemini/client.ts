// Builds the official SDK client. The SDK is loaded lazily (dynamic import) so activating the
// extension doesn't pay for parsing it until the first request. Every client honours the proxy
// (proxy.ts); in Vertex AI mode (vertex.ts) it authenticates with Google Cloud credentials.
import type { GoogleGenAI, HttpOptions } from '@google/genai';
import { createProxyFetch, ProxySettings, resolveProxy } from './proxy';
import { AccessTokenSource, applicationDefaultCredential, createVertexGenAI, resolveVertexProject, VertexSettings } from './vertex';
import type { GenAIProvider } from './genAIProvider';

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
  /** VS Code's proxy settings; HTTPS_PROXY / HTTP_PROXY / NO_PROXY apply either way. */
  proxy?: ProxySettings;
}

export type { GenAIProvider } from './genAIProvider';

export async function createGenAI(options: ClientOptions): Promise<GoogleGenAI> {
  const { GoogleGenAI } = await import('@google/genai');
  const httpOptions: HttpOptions = {
    apiVersion: options.apiVersion || 'v1beta',
  };
  const endpoint = options.endpoint?.trim();
  if (endpoint) httpOptions.baseUrl = endpoint;
  if (options.timeoutMs && options.timeoutMs > 0) httpOptions.timeout = options.timeoutMs;
  const fetch = await proxyFetch(options.proxy);
  if (fetch) httpOptions.fetch = fetch;
  return new GoogleGenAI({ apiKey: options.apiKey, httpOptions });
}

/** The proxied fetch when a proxy applies (setting or environment), else undefined. */
export async function proxyFetch(settings: ProxySettings | undefined, env?: Record<string, string | undefined>): Promise<HttpOptions['fetch']> {
  const proxy = resolveProxy(settings, env);
  return proxy ? (await createProxyFetch(proxy)).fetch : undefined;
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
  /** Set in Vertex AI mode: requests go to this project with Google Cloud credentials, no API key. */
  vertex?: VertexConnection;
  proxy?: ProxySettings;
}

export interface VertexConnection extends VertexSettings {
  /** Default: Application Default Credentials. Tests inject a fixed token. */
  credential?: AccessTokenSource;
}

/**
 * One client per (key, endpoint, API version, proxy, Vertex project): rebuilt when any of them
 * changes, reused otherwise. `getKey` is asked on every call, so a key set or cleared takes
 * effect on the next request. In Vertex AI mode no key is needed or asked for.
 */
export function cachedGenAIProvider(
  getKey: () => Promise<string | undefined>,
  connection: () => ConnectionSettings,
): GenAIProvider {
  let cached: { signature: string; client: Promise<GoogleGenAI> } | undefined;
  let adc: AccessTokenSource | undefined;
  return async () => {
    const { endpoint, apiVersion, vertex, proxy } = connection();
    if (vertex) {
      const credential = vertex.credential ?? (adc ??= applicationDefaultCredential());
      const project = await resolveVertexProject(vertex, credential);
      const signature = JSON.stringify(['vertex', project, vertex.location, endpoint, apiVersion, proxy ?? null]);
      if (cached?.signature !== signature) {
        cached = { signature, client: proxyFetch(proxy).then((fetch) => createVertexGenAI({ project, location: vertex.location, credential, endpoint, apiVersion, fetch })) };
      }
      return cached.client;
    }
    const apiKey = await getKey();
    if (!apiKey) throw new MissingApiKeyError();
    const signature = JSON.stringify([apiKey, endpoint, apiVersion, proxy ?? null]);
    if (cached?.signature !== signature) {
      cached = { signature, client: createGenAI({ apiKey, endpoint, apiVersion, proxy }) };
    }
    return cached.client;
  };
}
