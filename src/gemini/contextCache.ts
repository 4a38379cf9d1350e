// Explicit context caching for chats. When a conversation's history (the stable prefix every turn
// resends) is large enough, it is stored once as a `cachedContents` resource with a TTL, together
// with the system instruction and tools (a request that names a cache may not set those itself);
// later turns send only what follows the prefix plus the cache's name, and the cached tokens are
// billed at the cheaper rate. The cache is recreated when the prefix stops matching (an edited or
// regenerated message), when the configuration changes, when it is about to expire, or when the
// part sent uncached has grown past the threshold; it is deleted when its chat is closed.
// Caching never fails a turn: any problem means the turn goes out uncached.
import { createHash } from 'node:crypto';
import type { Content, GenerateContentConfig, Tool } from '@google/genai';
import { Logger, silentLogger } from '../common/logger';
import type { GenAIProvider } from './client';
import { parseServiceError } from './errors';
import { bareModelId } from './modelFamily';
import type { SettingsSource } from '../config/settingValues';

/** What a request does with a cache: send `contents.slice(prefixLength)` and name the cache. */
export interface CacheUse {
  name: string;
  model: string;
  prefixLength: number;
  /** Tokens in the cache, as the service counted them. */
  tokens: number;
}

export interface CachePrepareInput {
  key: string;
  model: string;
  /** Everything before the new message: the prefix candidate. */
  history: Content[];
  /** The request's config; its system instruction, tools and tool config go into the cache. */
  config: GenerateContentConfig;
  signal?: AbortSignal;
  /** Cache even with the setting off, from the model's own minimum size (a whole-workspace pack). */
  force?: boolean;
}

export interface ContextCacheDeps {
  genai: GenAIProvider;
  settings: SettingsSource;
  logger?: Logger;
  now?: () => number;
}

interface Entry extends CacheUse {
  /** Hash of model + system instruction + tools + tool config. */
  configHash: string;
  /** Hash of history.slice(0, prefixLength). */
  prefixHash: string;
  expiresAt: number;
}

/** The smallest cache each family accepts (the service answers "Cached content is too small" below it). */
export function minimumCacheTokens(model: string): number {
  const id = bareModelId(model).toLowerCase();
  if (id.includes('-pro')) return 4096;
  if (id.includes('flash-lite')) return 2048;
  return 1024;
}

/** A cache this close to its expiry is replaced rather than used (a request may take a while). */
const EXPIRY_MARGIN_MS = 30_000;
/** Tokens billed for an image part, whatever its size. */
const IMAGE_TOKENS = 258;

export class ContextCacheManager {
  private readonly entries = new Map<string, Entry>();
  /** key → prefix hash the service refused as too small, so it is not offered again. */
  private readonly refused = new Map<string, string>();
  private readonly now: () => number;
  private readonly log: Logger;

  constructor(private readonly deps: ContextCacheDeps) {
    this.now = deps.now ?? Date.now;
    this.log = deps.logger ?? silentLogger;
  }

  /** The cache to use for this request, creating or replacing it as needed; undefined: send uncached. */
  async prepare(input: CachePrepareInput): Promise<CacheUse | undefined> {
    const settings = this.deps.settings();
    if (!settings['contextCache.enabled'] && !input.force) {
      await this.release(input.key);
      return undefined;
    }
    const threshold = input.force ? minimumCacheTokens(input.model) : Math.max(minimumCacheTokens(input.model), settings['contextCache.minTokens']);
    const configHash = hashOf([bareModelId(input.model), input.config.systemInstruction ?? null, input.config.tools ?? null, input.config.toolConfig ?? null]);
    const current = this.entries.get(input.key);
    if (current && this.stillFits(current, input, configHash, threshold)) return publicUse(current);

    if (current) await this.release(input.key);
    if (input.history.length === 0 || estimateTokens(input.history) < threshold) return undefined;
    const prefixHash = hashOf(input.history);
    if (this.refused.get(input.key) === prefixHash) return undefined;
    return this.create(input, configHash, prefixHash, settings['contextCache.ttlSeconds']);
  }

  /** Forget a cache the service no longer knows (expired early, deleted elsewhere). */
  invalidate(key: string): void {
    this.entries.delete(key);
  }

  /** Deletes the conversation's cache on the service (best effort) and forgets it. */
  async release(key: string): Promise<void> {
    const entry = this.entries.get(key);
    this.refused.delete(key);
    if (!entry) return;
    this.entries.delete(key);
    try {
      const genai = await this.deps.genai();
      await genai.caches.delete({ name: entry.name });
      this.log.debug(`Context cache ${entry.name} deleted`);
    } catch (error) {
      // It expires by itself; a failed delete only costs storage until then.
      this.log.debug(`Context cache ${entry.name}: delete failed (${describe(error)})`);
    }
  }

  async releaseAll(): Promise<void> {
    await Promise.all([...this.entries.keys()].map((key) => this.release(key)));
  }

  /** For tests and the UI: the cache currently held for a conversation. */
  current(key: string): CacheUse | undefined {
    const entry = this.entries.get(key);
    return entry && publicUse(entry);
  }

  private stillFits(entry: Entry, input: CachePrepareInput, configHash: string, threshold: number): boolean {
    if (entry.configHash !== configHash || entry.model !== bareModelId(input.model)) return false;
    if (this.now() > entry.expiresAt - EXPIRY_MARGIN_MS) return false;
    if (input.history.length < entry.prefixLength) return false;
    if (hashOf(input.history.slice(0, entry.prefixLength)) !== entry.prefixHash) return false;
    // Follow a growing chat: once the uncached part is itself worth a cache, cache the whole prefix.
    return estimateTokens(input.history.slice(entry.prefixLength)) < threshold;
  }

  private async create(input: CachePrepareInput, configHash: string, prefixHash: string, ttlSeconds: number): Promise<CacheUse | undefined> {
    const { config } = input;
    try {
      const genai = await this.deps.genai();
      const created = await genai.caches.create({
        model: input.model,
        config: {
          contents: input.history,
          ...(config.systemInstruction ? { systemInstruction: config.systemInstruction } : {}),
          ...(config.tools ? { tools: config.tools as Tool[] } : {}),
          ...(config.toolConfig ? { toolConfig: config.toolConfig } : {}),
          ttl: `${ttlSeconds}s`,
          displayName: `gemini-vscode chat ${input.key}`.slice(0, 120),
          ...(input.signal ? { abortSignal: input.signal } : {}),
        },
      });
      if (!created.name) throw new Error('the service returned no cache name');
      const expiresAt = created.expireTime ? Date.parse(created.expireTime) : this.now() + ttlSeconds * 1000;
      const entry: Entry = {
        name: created.name, model: bareModelId(input.model), prefixLength: input.history.length,
        tokens: created.usageMetadata?.totalTokenCount ?? estimateTokens(input.history),
        configHash, prefixHash, expiresAt: Number.isFinite(expiresAt) ? expiresAt : this.now() + ttlSeconds * 1000,
      };
      this.entries.set(input.key, entry);
      this.log.info(`Context cache ${entry.name} created: ${entry.prefixLength} contents, ${entry.tokens} tokens, TTL ${ttlSeconds} s`);
      return publicUse(entry);
    } catch (error) {
      if (input.signal?.aborted) return undefined;
      const service = parseServiceError(error);
      if (service?.status === 400 && /too small/i.test(service.body.message ?? '')) {
        this.refused.set(input.key, prefixHash);
        this.log.debug(`Context cache not created: ${service.body.message}`);
      } else {
        this.log.warn(`Context cache not created, the turn goes out uncached: ${describe(error)}`);
      }
      return undefined;
    }
  }
}

/** A cheap local estimate (the service's count decides in the end): 4 characters a token. */
export function estimateTokens(contents: Content[]): number {
  let tokens = 0;
  for (const content of contents) {
    for (const part of content.parts ?? []) {
      if (typeof part.text === 'string') tokens += Math.ceil(part.text.length / 4);
      else if (part.inlineData?.data) {
        const bytes = Math.floor((part.inlineData.data.length * 3) / 4);
        const mime = part.inlineData.mimeType ?? '';
        tokens += mime.startsWith('image/') ? IMAGE_TOKENS : mime.startsWith('text/') ? Math.ceil(bytes / 4) : Math.ceil(bytes / 200);
      } else if (part.fileData) tokens += IMAGE_TOKENS;
      else tokens += Math.ceil(JSON.stringify(part).length / 4);
    }
  }
  return tokens;
}

function publicUse(entry: Entry): CacheUse {
  return { name: entry.name, model: entry.model, prefixLength: entry.prefixLength, tokens: entry.tokens };
}

function hashOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

function describe(error: unknown): string {
  const service = parseServiceError(error);
  if (service) return `HTTP ${service.status} ${service.body.message ?? ''}`.trim();
  return error instanceof Error ? error.message : String(error);
}
