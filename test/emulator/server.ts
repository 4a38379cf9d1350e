// GeminiEmulator: a loopback HTTP server speaking the Gemini Developer API wire protocol, so the
// real @google/genai SDK can be exercised offline. Tests script it with a FIFO queue of answers
// and faults; with an empty queue it echoes the user, so a person can chat with it.
import * as http from 'http';
import type { AddressInfo, Socket } from 'net';
import { CacheStore } from './caches';
import { batchEmbed, singleEmbed, defaultAnswer, estimateTokens, loadCatalogue, paginate } from './catalogue';
import { googleError, invalidKeyBody, modelNotFoundBody, notFoundMessage } from './errors';
import { demoAnswer } from './demo';
import { FileStore } from './files';
import { loadRecording, routeOfPath } from './recordings';
import { respond, sendJson } from './responder';
import { TEST_KEY, type EmulatorOptions, type QueuedResponse, type RecordedRequest, type RouteKind, type ScriptedResponse } from './types';
import { parseVertexRoute, vertexAuthFailure, VERTEX_TEST_TOKEN } from './vertex';
import { toolRequestError } from './toolRules';

interface Route {
  kind: RouteKind | undefined;
  apiVersion: string;
  /** The model id (no `models/` prefix) or the cachedContents id. */
  target?: string;
}

const GENERATE_ROUTES: ReadonlySet<RouteKind | undefined> = new Set<RouteKind | undefined>([
  'generateContent',
  'streamGenerateContent',
]);

function parseRoute(method: string, pathname: string): Route | undefined {
  const match = /^\/(v1|v1beta)\/(.+)$/.exec(pathname);
  if (!match) return undefined;
  const [, apiVersion, rest] = match;
  const cache = /^cachedContents(?:\/([^/]+))?$/.exec(rest);
  if (cache) return { kind: 'cachedContents', apiVersion, target: cache[1] };
  const kind = routeOfPath(method, pathname);
  const model = /^models\/([^:]+)/.exec(rest)?.[1];
  return { kind, apiVersion, target: model ? decodeURIComponent(model) : undefined };
}

export class GeminiEmulator {
  /** Every request received, oldest first. */
  readonly requests: RecordedRequest[] = [];
  /** Overrides countTokens' ceil(chars/4) estimate when set. */
  tokenCounter: ((body: any) => number) | undefined;
  /** The bearer token Vertex AI routes (vertex.ts) accept. */
  vertexAccessToken = VERTEX_TEST_TOKEN;
  /**
   * A models.list fault: `repeatToken` hands out the same nextPageToken on every page, `endless` a
   * new one each time (a client must stop by itself); `none` pages the catalogue normally.
   */
  modelPages: 'none' | 'repeatToken' | 'endless' = 'none';
  /** What an empty queue answers (EmulatorOptions.script); a test may switch it, reset() restores it. */
  script: 'echo' | 'demo';
  /** The Files API (files.ts): uploaded files, and `files.supported = false` for an endpoint without it. */
  readonly files = new FileStore();

  private readonly queue: QueuedResponse[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly caches = new CacheStore();
  private readonly waiters: (() => void)[] = [];
  private apiKey: string;

  private constructor(
    private readonly server: http.Server,
    private readonly options: EmulatorOptions,
  ) {
    this.apiKey = options.apiKey ?? TEST_KEY;
    this.script = options.script ?? 'echo';
  }

  static async start(options: EmulatorOptions = {}): Promise<GeminiEmulator> {
    const server = http.createServer();
    const emulator = new GeminiEmulator(server, options);
    server.on('request', (req, res) => emulator.onRequest(req, res));
    server.on('connection', (socket) => {
      emulator.sockets.add(socket);
      socket.on('close', () => emulator.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    return emulator;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** `http://127.0.0.1:PORT`: pass as `httpOptions.baseUrl` (the SDK adds `/v1beta/...`). */
  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get key(): string {
    return this.apiKey;
  }

  /** Answers still waiting in the queue. */
  get pending(): number {
    return this.queue.length;
  }

  enqueue(...responses: QueuedResponse[]): this {
    this.queue.push(...responses);
    return this;
  }

  /** Queues every response of a recording, byte for byte, each bound to the route it was recorded on. */
  enqueueRecording(file: string): this {
    for (const exchange of loadRecording(file)) {
      this.queue.push({
        kind: 'raw',
        status: exchange.response.status,
        headers: exchange.response.headers,
        body: exchange.response.body,
        route: routeOfPath(exchange.request.method, exchange.request.path),
      });
    }
    return this;
  }

  /** Sets the count countTokens reports (undefined: back to the estimate). */
  setTokenCount(total: number | undefined): this {
    this.tokenCounter = total === undefined ? undefined : () => total;
    return this;
  }

  setApiKey(key: string): this {
    this.apiKey = key;
    return this;
  }

  /** Resolves once at least `count` requests have arrived (for stalls and cut streams). */
  async waitForRequests(count: number, timeoutMs = 5000): Promise<RecordedRequest[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.requests.length < count) {
      if (Date.now() > deadline) throw new Error(`emulator: ${this.requests.length} of ${count} requests after ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50).unref();
      });
    }
    return this.requests;
  }

  /** Forgets requests, queued answers, caches and overrides; keeps the server and the key. */
  reset(): void {
    this.requests.length = 0;
    this.queue.length = 0;
    this.caches.clear();
    this.files.clear();
    this.tokenCounter = undefined;
    this.modelPages = 'none';
    this.script = this.options.script ?? 'echo';
  }

  /** Stops listening and destroys open sockets (stalled answers included). */
  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    this.server.closeAllConnections?.();
    await closed;
  }

  private schedule = (fn: () => void, ms: number): void => {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  };

  private onRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
    const pieces: Buffer[] = [];
    req.on('data', (piece: Buffer) => pieces.push(piece));
    req.on('end', () => {
      const bytes = Buffer.concat(pieces);
      const raw = bytes.toString('utf8');
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      let body: any;
      if (raw.length > 0) {
        try {
          body = JSON.parse(raw);
        } catch {
          body = undefined;
        }
      }
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: { ...req.headers },
        body,
        raw,
      };
      this.requests.push(recorded);
      // An aborted fetch closes the connection before the answer ended: tests assert the abort reached the wire.
      res.once('close', () => {
        if (!res.writableFinished) recorded.closedEarly = true;
      });
      this.waiters.splice(0).forEach((wake) => wake());
      try {
        this.dispatch(recorded, res, bytes);
      } catch (error) {
        sendJson(res, 500, googleError(500, 'INTERNAL', `emulator failure: ${(error as Error).message}`));
      }
    });
  }

  private dispatch(request: RecordedRequest, res: http.ServerResponse, bytes: Buffer): void {
    if (FileStore.owns(request.path)) {
      const sentKey = request.headers['x-goog-api-key'] ?? request.query.key;
      if (sentKey !== this.apiKey) sendJson(res, 400, invalidKeyBody());
      else this.files.handle(request, bytes, res, this.baseUrl);
      return;
    }
    const vertex = parseVertexRoute(request.method, request.path);
    const route = vertex ?? parseRoute(request.method, request.path);
    if (!route) {
      sendJson(res, 404, googleError(404, 'NOT_FOUND', 'Method not found.'));
      return;
    }
    const authFailure = vertex ? vertexAuthFailure(request, this.vertexAccessToken) : undefined;
    if (authFailure) {
      sendJson(res, 401, authFailure);
      return;
    }
    const sentKey = request.headers['x-goog-api-key'] ?? request.query.key;
    if (!vertex && sentKey !== this.apiKey) {
      sendJson(res, 400, invalidKeyBody());
      return;
    }
    const streaming = route.kind === 'streamGenerateContent';
    if (GENERATE_ROUTES.has(route.kind) && route.target && this.options.retiredModels?.includes(route.target)) {
      respond(res, { kind: 'error', status: 404, body: modelNotFoundBody(route.target, route.apiVersion) }, { streaming, schedule: this.schedule });
      return;
    }
    const combination = GENERATE_ROUTES.has(route.kind) ? toolRequestError(route.target, request.body) : undefined;
    if (combination) {
      sendJson(res, 400, combination);
      return;
    }
    const scripted = this.takeQueued(route.kind);
    if (scripted) {
      const answer = (): void => respond(res, scripted, { streaming, schedule: this.schedule });
      if (scripted.delayMs) this.schedule(() => { if (!res.destroyed) answer(); }, scripted.delayMs);
      else answer();
      return;
    }
    this.answerBuiltIn(request, route, res);
  }

  /** The head of the queue, if it may serve this route. */
  private takeQueued(kind: RouteKind | undefined): QueuedResponse | undefined {
    const head = this.queue[0];
    if (!head) return undefined;
    const serves = head.route ? head.route === kind : GENERATE_ROUTES.has(kind);
    return serves ? this.queue.shift() : undefined;
  }

  private answerBuiltIn(request: RecordedRequest, route: Route, res: http.ServerResponse): void {
    const streaming = route.kind === 'streamGenerateContent';
    switch (route.kind) {
      case 'generateContent':
      case 'streamGenerateContent':
        respond(
          res,
          { kind: 'stream', chunks: this.script === 'demo' ? demoAnswer(request.body, route.target) : defaultAnswer(request.body), chunkDelayMs: this.options.defaultChunkDelayMs },
          { streaming, schedule: this.schedule },
        );
        return;
      case 'countTokens': {
        const counted = request.body?.generateContentRequest ?? request.body;
        const totalTokens = this.tokenCounter ? this.tokenCounter(request.body) : estimateTokens(counted);
        sendJson(res, 200, { totalTokens, promptTokensDetails: [{ modality: 'TEXT', tokenCount: totalTokens }] });
        return;
      }
      case 'batchEmbedContents':
        sendJson(res, 200, batchEmbed(request.body));
        return;
      case 'embedContent':
        sendJson(res, 200, singleEmbed(request.body));
        return;
      case 'models.list': {
        const page = paginate(loadCatalogue(), request.query.pageSize, request.query.pageToken);
        const next = this.modelPages === 'repeatToken' ? 'c2FtZS10b2tlbg' : this.modelPages === 'endless' ? `more-${this.requests.length}` : page.nextPageToken;
        sendJson(res, 200, next ? { models: page.items, nextPageToken: next } : { models: page.items });
        return;
      }
      case 'models.get': {
        const model = loadCatalogue().find((m) => m.name === `models/${route.target}`);
        if (model) sendJson(res, 200, model);
        else sendJson(res, 404, googleError(404, 'NOT_FOUND', notFoundMessage(route.target ?? '', route.apiVersion)));
        return;
      }
      case 'cachedContents': {
        const result = this.caches.handle(request.method, route.target, request.query, request.body);
        sendJson(res, result.status, result.body);
        return;
      }
      default:
        sendJson(res, 404, googleError(404, 'NOT_FOUND', 'Method not found.'));
    }
  }
}
