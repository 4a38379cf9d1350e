// HTTP(S) proxy for Gemini requests. VS Code's `http.proxy` setting wins, then the standard
// HTTPS_PROXY / HTTP_PROXY variables; NO_PROXY and `http.noProxy` exempt hosts. When a proxy
// applies, the SDK gets its own fetch (undici's, with an EnvHttpProxyAgent dispatcher) through
// `httpOptions.fetch`, so only our requests are routed and no global dispatcher is replaced.
// When none applies, the SDK's default fetch is left alone (VS Code's own proxy support, e.g. a
// system PAC proxy, still patches it in the extension host). See docs/NATIVE-CHAT.md.
import type { Dispatcher } from 'undici';

export interface ProxySettings {
  /** VS Code's `http.proxy`. Empty: the environment decides. */
  url?: string;
  /** VS Code's `http.proxyStrictSSL`; false accepts proxies (and endpoints) with untrusted certificates. */
  strictSSL?: boolean;
  /** VS Code's `http.proxyAuthorization`: the Proxy-Authorization header value. */
  authorization?: string;
  /** VS Code's `http.noProxy`: hosts reached directly, added to NO_PROXY. */
  noProxy?: readonly string[];
}

/** The proxy a request would use, after settings and environment are combined. */
export interface ResolvedProxy {
  httpProxy?: string;
  httpsProxy?: string;
  /** Comma-separated hosts (NO_PROXY syntax) reached directly. */
  noProxy: string;
  authorization?: string;
  strictSSL: boolean;
}

const LOOPBACK = ['localhost', '127.0.0.1', '[::1]'];

export type FetchFunction = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

function envValue(env: Record<string, string | undefined>, name: string): string | undefined {
  return (env[name.toLowerCase()] ?? env[name.toUpperCase()])?.trim() || undefined;
}

/** Undefined when no proxy is configured anywhere: then requests go out as the SDK sends them. */
export function resolveProxy(settings: ProxySettings | undefined, env: Record<string, string | undefined> = process.env): ResolvedProxy | undefined {
  const configured = settings?.url?.trim();
  const httpProxy = configured || envValue(env, 'http_proxy');
  const httpsProxy = configured || envValue(env, 'https_proxy') || httpProxy;
  if (!httpProxy && !httpsProxy) return undefined;
  // The loopback is never proxied: a local gateway or the test emulator lives there.
  const noProxy = [...LOOPBACK, ...(settings?.noProxy ?? []), envValue(env, 'no_proxy') ?? '']
    .flatMap((entry) => entry.split(/[,\s]+/))
    .map((entry) => entry.trim())
    .filter(Boolean);
  return {
    ...(httpProxy ? { httpProxy } : {}),
    ...(httpsProxy ? { httpsProxy } : {}),
    noProxy: [...new Set(noProxy)].join(','),
    ...(settings?.authorization?.trim() ? { authorization: settings.authorization.trim() } : {}),
    strictSSL: settings?.strictSSL !== false,
  };
}

/** The proxy as a log line, with any credentials in the URL masked. */
export function describeProxy(proxy: ResolvedProxy): string {
  const mask = (url?: string) => url?.replace(/\/\/[^/@]*@/, '//***@');
  const target = proxy.httpsProxy === proxy.httpProxy ? mask(proxy.httpsProxy) : `${mask(proxy.httpsProxy)} (https), ${mask(proxy.httpProxy)} (http)`;
  return `proxy ${target}${proxy.noProxy ? `, direct for ${proxy.noProxy}` : ''}${proxy.strictSSL ? '' : ', certificates not verified'}`;
}

/**
 * A fetch that sends through the proxy. It is undici's own fetch with undici's dispatcher: Node's
 * built-in fetch bundles a different undici version whose dispatcher interface may not match.
 * Long streamed answers must not hit undici's header/body timeouts; the engine's idle timer
 * abandons a silent request instead.
 */
export async function createProxyFetch(proxy: ResolvedProxy): Promise<{ fetch: FetchFunction; dispatcher: Dispatcher }> {
  const undici = await import('undici');
  const tls = proxy.strictSSL ? undefined : { rejectUnauthorized: false };
  const dispatcher = new undici.EnvHttpProxyAgent({
    httpProxy: proxy.httpProxy,
    httpsProxy: proxy.httpsProxy,
    noProxy: proxy.noProxy,
    ...(proxy.authorization ? { token: proxy.authorization } : {}),
    ...(tls ? { requestTls: tls, proxyTls: tls, connect: tls } : {}),
    headersTimeout: 0,
    bodyTimeout: 0,
  });
  const proxiedFetch = ((input: RequestInfo | URL, init?: RequestInit) =>
    undici.fetch(input as never, { ...(init as object), dispatcher } as never)) as unknown as FetchFunction;
  return { fetch: proxiedFetch, dispatcher };
}
