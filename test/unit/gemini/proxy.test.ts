// Proxy support for every Gemini client (API key and Vertex AI): VS Code's http.proxy setting,
// then HTTPS_PROXY / HTTP_PROXY; NO_PROXY, http.noProxy and the loopback go direct. A real
// tunnelling proxy sits between the SDK and the emulator; the endpoint's host name only exists
// inside the proxy, so an answer proves the request went through it.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import * as net from 'node:net';
import { createGenAI, proxyFetch } from '../../../src/gemini/client';
import { describeFailure } from '../../../src/gemini/errors';
import { describeProxy, resolveProxy } from '../../../src/gemini/proxy';
import { createVertexGenAI } from '../../../src/gemini/vertex';
import { chunks } from '../../emulator';
import { TEST_KEY, useEmulator } from '../../harness/useEmulator';
import { VERTEX_TEST_TOKEN } from '../../emulator/vertex';

const HIDDEN_HOST = 'gemini.proxy-only.test';

interface Tunnel {
  target: string;
  proxyAuthorization?: string;
}

/** A CONNECT proxy that sends every tunnel to the emulator, optionally demanding credentials. */
class TunnellingProxy {
  readonly tunnels: Tunnel[] = [];
  requiredAuthorization: string | undefined;
  private readonly sockets = new Set<Socket>();
  private constructor(private readonly server: http.Server, private readonly upstreamPort: number) {}

  static async start(upstreamPort: number): Promise<TunnellingProxy> {
    const server = http.createServer((_req, res) => res.writeHead(405).end('tunnels only'));
    const proxy = new TunnellingProxy(server, upstreamPort);
    server.on('connect', (req: http.IncomingMessage, client: Socket, head: Buffer) => proxy.onConnect(req, client, head));
    server.on('connection', (socket: Socket) => { proxy.sockets.add(socket); socket.on('close', () => proxy.sockets.delete(socket)); });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  private onConnect(req: http.IncomingMessage, client: Socket, head: Buffer): void {
    const proxyAuthorization = req.headers['proxy-authorization'];
    this.tunnels.push({ target: req.url ?? '', proxyAuthorization });
    if (this.requiredAuthorization && proxyAuthorization !== this.requiredAuthorization) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="corp"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const upstream = net.connect(this.upstreamPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    this.sockets.add(upstream);
    upstream.on('close', () => this.sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

async function collect(stream: AsyncIterable<{ text?: string }>): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += chunk.text ?? '';
  return text;
}

describe('proxy support', () => {
  const emu = useEmulator();
  let proxy: TunnellingProxy;
  let hiddenEndpoint: string;
  before(async () => {
    proxy = await TunnellingProxy.start(emu.port);
    hiddenEndpoint = `http://${HIDDEN_HOST}:${emu.port}`;
  });
  afterEach(() => {
    proxy.tunnels.length = 0;
    proxy.requiredAuthorization = undefined;
  });
  after(() => proxy.close());

  describe('resolveProxy', () => {
    it('is undefined when neither the setting nor the environment names a proxy', () => {
      assert.equal(resolveProxy(undefined, {}), undefined);
      assert.equal(resolveProxy({ url: '  ', strictSSL: true, noProxy: ['corp.local'] }, { NO_PROXY: 'x' }), undefined);
    });

    it('prefers http.proxy over the environment, and merges http.noProxy, NO_PROXY and the loopback', () => {
      const resolved = resolveProxy(
        { url: 'http://setting-proxy:3128', strictSSL: false, authorization: 'Basic abc', noProxy: ['intranet.corp'] },
        { HTTPS_PROXY: 'http://env-proxy:8080', no_proxy: 'build.corp, .internal' },
      );
      assert.deepEqual(resolved, {
        httpProxy: 'http://setting-proxy:3128', httpsProxy: 'http://setting-proxy:3128',
        noProxy: 'localhost,127.0.0.1,[::1],intranet.corp,build.corp,.internal', authorization: 'Basic abc', strictSSL: false,
      });
    });

    it('reads HTTPS_PROXY and HTTP_PROXY in either case; https falls back to the http proxy', () => {
      assert.deepEqual(resolveProxy(undefined, { https_proxy: 'http://s:1', HTTP_PROXY: 'http://h:2' }), {
        httpProxy: 'http://h:2', httpsProxy: 'http://s:1', noProxy: 'localhost,127.0.0.1,[::1]', strictSSL: true,
      });
      assert.equal(resolveProxy(undefined, { HTTP_PROXY: 'http://h:2' })?.httpsProxy, 'http://h:2');
    });

    it('describes the proxy for the log without the credentials in its URL', () => {
      const line = describeProxy(resolveProxy({ url: 'http://alice:s3cret@proxy.corp:3128', strictSSL: false }, {})!);
      assert.doesNotMatch(line, /s3cret|alice/);
      assert.match(line, /proxy\.corp:3128/);
      assert.match(line, /certificates not verified/);
    });
  });

  it('sends a streamed Gemini API request through http.proxy (a CONNECT tunnel) and streams the answer back', async () => {
    emu.enqueue({ kind: 'stream', chunkDelayMs: 20, chunks: [chunks.text('through '), chunks.text('the '), chunks.text('proxy'), chunks.finish('STOP')] });
    const genai = await createGenAI({ apiKey: TEST_KEY, endpoint: hiddenEndpoint, proxy: { url: proxy.url, strictSSL: true } });
    const text = await collect(await genai.models.generateContentStream({ model: 'gemini-2.5-flash', contents: 'Hi' }));
    assert.equal(text, 'through the proxy');
    assert.deepEqual(proxy.tunnels.map((t) => t.target), [`${HIDDEN_HOST}:${emu.port}`]);
    assert.equal(emu.requests[0].headers['x-goog-api-key'], TEST_KEY);
  });

  it('sends the Proxy-Authorization of http.proxyAuthorization, or of credentials in the proxy URL', async () => {
    proxy.requiredAuthorization = 'Basic Y29ycDp0b2tlbg==';
    const viaSetting = await createGenAI({ apiKey: TEST_KEY, endpoint: hiddenEndpoint, proxy: { url: proxy.url, authorization: 'Basic Y29ycDp0b2tlbg==' } });
    assert.equal((await viaSetting.models.generateContent({ model: 'gemini-2.5-flash', contents: 'one' })).text, 'You said: one');

    const withUser = proxy.url.replace('http://', 'http://corp:token@');
    const viaUrl = await createGenAI({ apiKey: TEST_KEY, endpoint: hiddenEndpoint, proxy: { url: withUser } });
    assert.equal((await viaUrl.models.generateContent({ model: 'gemini-2.5-flash', contents: 'two' })).text, 'You said: two');
    assert.deepEqual(proxy.tunnels.map((t) => t.proxyAuthorization), ['Basic Y29ycDp0b2tlbg==', 'Basic Y29ycDp0b2tlbg==']);
  });

  it('reports a proxy that refuses our credentials (407) as a network failure that names proxy authentication', async () => {
    proxy.requiredAuthorization = 'Basic right';
    const genai = await createGenAI({ apiKey: TEST_KEY, endpoint: hiddenEndpoint, proxy: { url: proxy.url, authorization: 'Basic wrong' } });
    const error = await genai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'x' }).then(() => undefined, (e: unknown) => e);
    assert.ok(error, 'the request must fail');
    const failure = describeFailure(error, { secrets: [TEST_KEY] });
    assert.equal(failure.code, 'network');
    assert.match(failure.message, /proxy/i);
    assert.equal(emu.requests.length, 0);
  });

  it('honours HTTPS_PROXY / HTTP_PROXY from the environment when http.proxy is empty', async () => {
    const saved = { HTTP_PROXY: process.env.HTTP_PROXY, http_proxy: process.env.http_proxy };
    try {
      delete process.env.http_proxy;
      process.env.HTTP_PROXY = proxy.url;
      const genai = await createGenAI({ apiKey: TEST_KEY, endpoint: hiddenEndpoint, proxy: { url: '' } });
      assert.equal((await genai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'env' })).text, 'You said: env');
      assert.equal(proxy.tunnels.length, 1);
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  it('goes direct for NO_PROXY / http.noProxy hosts and for the loopback', async () => {
    const direct = await createGenAI({ apiKey: TEST_KEY, endpoint: emu.baseUrl, proxy: { url: proxy.url } });
    assert.equal((await direct.models.generateContent({ model: 'gemini-2.5-flash', contents: 'loop' })).text, 'You said: loop');
    assert.equal(proxy.tunnels.length, 0, 'the loopback never goes through the proxy');

    const fetch = await proxyFetch({ url: proxy.url, noProxy: [HIDDEN_HOST] }, {});
    const response = await fetch!(`${hiddenEndpoint}/v1beta/models`).then(() => 'answered', (e: Error) => e);
    assert.ok(response instanceof Error, 'the hidden host only resolves inside the proxy, so going direct must fail');
    assert.equal(proxy.tunnels.length, 0);
  });

  it('routes Vertex AI requests through the proxy too, bearer token intact', async () => {
    emu.enqueue({ kind: 'stream', chunks: [chunks.text('vertex via proxy'), chunks.finish('STOP')] });
    const fetch = await proxyFetch({ url: proxy.url }, {});
    const genai = await createVertexGenAI({ project: 'p', location: 'global', endpoint: hiddenEndpoint, fetch,
      credential: { getAccessToken: async () => VERTEX_TEST_TOKEN } });
    assert.equal(await collect(await genai.models.generateContentStream({ model: 'gemini-2.5-flash', contents: 'x' })), 'vertex via proxy');
    assert.equal(proxy.tunnels.length, 1);
    assert.equal(emu.requests[0].headers.authorization, `Bearer ${VERTEX_TEST_TOKEN}`);
  });
});
