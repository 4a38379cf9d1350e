// In-memory cachedContents (context caching): create / get / list / patch / delete, with
// expireTime derived from ttl. Unknown or expired names answer like Google does: 403
// "CachedContent not found (or permission denied)".
import { randomBytes } from 'crypto';
import { estimateTokens, paginate } from './catalogue';
import { googleError, type GoogleErrorBody } from './errors';

interface StoredCache {
  name: string;
  model: string;
  displayName?: string;
  createTime: string;
  updateTime: string;
  expireTime: string;
  usageMetadata: { totalTokenCount: number };
}

export type CacheResult = { status: number; body: object };

const DEFAULT_TTL_SECONDS = 3600;

function notFound(): CacheResult {
  const body: GoogleErrorBody = googleError(403, 'PERMISSION_DENIED', 'CachedContent not found (or permission denied)');
  return { status: 403, body };
}

function badRequest(message: string): CacheResult {
  return { status: 400, body: googleError(400, 'INVALID_ARGUMENT', message) };
}

/** Parses Google's Duration JSON ("3600s", "1.5s"). */
function ttlSeconds(ttl: unknown): number | undefined {
  if (typeof ttl !== 'string') return undefined;
  const match = /^(\d+(?:\.\d+)?)s$/.exec(ttl);
  return match ? Number(match[1]) : undefined;
}

export class CacheStore {
  private readonly entries = new Map<string, StoredCache>();

  constructor(private readonly now: () => number = Date.now) {}

  clear(): void {
    this.entries.clear();
  }

  handle(method: string, id: string | undefined, query: Record<string, string>, body: any): CacheResult {
    this.dropExpired();
    if (id === undefined) {
      if (method === 'POST') return this.create(body);
      if (method === 'GET') return this.list(query);
    } else {
      const entry = this.entries.get(`cachedContents/${id}`);
      if (!entry) return notFound();
      if (method === 'GET') return { status: 200, body: entry };
      if (method === 'PATCH') return this.update(entry, body);
      if (method === 'DELETE') {
        this.entries.delete(entry.name);
        return { status: 200, body: {} };
      }
    }
    return { status: 404, body: googleError(404, 'NOT_FOUND', 'Method not found.') };
  }

  private create(body: any): CacheResult {
    if (typeof body?.model !== 'string') return badRequest('* CreateCachedContentRequest.cached_content.model: model is required');
    const nowMs = this.now();
    const expire = this.expiry(body, nowMs) ?? nowMs + DEFAULT_TTL_SECONDS * 1000;
    const stamp = new Date(nowMs).toISOString();
    const entry: StoredCache = {
      name: `cachedContents/${randomBytes(6).toString('hex')}`,
      model: body.model.startsWith('models/') ? body.model : `models/${body.model}`,
      createTime: stamp,
      updateTime: stamp,
      expireTime: new Date(expire).toISOString(),
      usageMetadata: { totalTokenCount: estimateTokens({ contents: body.contents, systemInstruction: body.systemInstruction }) },
    };
    if (typeof body.displayName === 'string') entry.displayName = body.displayName;
    this.entries.set(entry.name, entry);
    return { status: 200, body: entry };
  }

  private list(query: Record<string, string>): CacheResult {
    const page = paginate([...this.entries.values()], query.pageSize, query.pageToken, 100);
    const body: Record<string, unknown> = { cachedContents: page.items };
    if (page.nextPageToken) body.nextPageToken = page.nextPageToken;
    return { status: 200, body };
  }

  /** Only the expiration can change, as in the real API. */
  private update(entry: StoredCache, body: any): CacheResult {
    const nowMs = this.now();
    const expire = this.expiry(body, nowMs);
    if (expire === undefined) return badRequest('Either ttl or expireTime must be set.');
    entry.expireTime = new Date(expire).toISOString();
    entry.updateTime = new Date(nowMs).toISOString();
    return { status: 200, body: entry };
  }

  private expiry(body: any, nowMs: number): number | undefined {
    const seconds = ttlSeconds(body?.ttl);
    if (seconds !== undefined) return nowMs + seconds * 1000;
    if (typeof body?.expireTime === 'string' && !Number.isNaN(Date.parse(body.expireTime))) return Date.parse(body.expireTime);
    return undefined;
  }

  private dropExpired(): void {
    const nowMs = this.now();
    for (const [name, entry] of this.entries) {
      if (Date.parse(entry.expireTime) <= nowMs) this.entries.delete(name);
    }
  }
}
