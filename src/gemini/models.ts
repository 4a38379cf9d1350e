// The models the key can use, from models.list (every page), with their token limits and whether
// they think; cached for a while because the list rarely changes. Which of them can chat (the
// pickers offer only those) and whether each is a preview. Also counts the tokens of a pending
// request to warn before it exceeds the model's input limit.
import type { Content, Model } from '@google/genai';
import type { GenAIProvider } from './genAIProvider';
import { formatTokens } from '../common/format';
import { bareModelId, isLatestAlias } from './modelFamily';
import { l10n } from '../common/l10n';

export interface ModelInfo {
  /** Bare id for the `model` setting and requests, e.g. `gemini-3.8-flash`. */
  id: string;
  displayName: string;
  description?: string;
  inputTokenLimit?: number;
  outputTokenLimit?: number;
  thinking: boolean;
}

export interface ModelCatalogDeps {
  genai: GenAIProvider;
  /** How long a fetched list stays fresh. Default one hour. */
  ttlMs?: number;
  now?: () => number;
  /** Models asked per page. Default 100. */
  pageSize?: number;
}

export interface InputLimitCheck {
  tokens: number;
  limit?: number;
  verdict: 'ok' | 'near' | 'over';
  /** For 'near' and 'over': what to tell the user. */
  message?: string;
}

/** A guard against a server that keeps handing out new page tokens (a repeated one stops at once). */
const MAX_PAGES = 20;
/** Above this share of the input limit the user is warned before sending. */
const NEAR_LIMIT_RATIO = 0.9;

export class ModelCatalog {
  private cache?: { models: ModelInfo[]; fetchedAt: number };
  private inFlight?: Promise<ModelInfo[]>;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(private readonly deps: ModelCatalogDeps) {
    this.ttlMs = deps.ttlMs ?? 60 * 60 * 1000;
    this.now = deps.now ?? Date.now;
  }

  /** Models that support generateContent, from the cache while it is fresh. */
  async list(options: { refresh?: boolean } = {}): Promise<ModelInfo[]> {
    if (!options.refresh && this.cache && this.now() - this.cache.fetchedAt < this.ttlMs) return this.cache.models;
    // Concurrent callers (picker + limit check) share one round of requests.
    this.inFlight ??= this.fetchAll().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  /** The cached entry for a model, without a request. */
  get(model: string): ModelInfo | undefined {
    const id = bareModelId(model);
    return this.cache?.models.find((m) => m.id === id);
  }

  /** The cached list, without a request (undefined until fetched): to offer a retired model's replacement the key can use. */
  cached(): ModelInfo[] | undefined {
    return this.cache?.models;
  }

  /** The cached `thinking` flag, for the request builder (undefined until the list is fetched). */
  thinks(model: string): boolean | undefined {
    return this.get(model)?.thinking;
  }

  invalidate(): void {
    this.cache = undefined;
  }

  async countTokens(model: string, contents: Content[], signal?: AbortSignal): Promise<number> {
    const genai = await this.deps.genai();
    const result = await genai.models.countTokens({ model, contents, config: signal ? { abortSignal: signal } : undefined });
    return result.totalTokens ?? 0;
  }

  /**
   * Counts the pending request (history + new message) and compares it with the model's input
   * limit. `reservedTokens` covers what countTokens can't see on this API (system instruction,
   * tool declarations).
   */
  async checkInputLimit(model: string, contents: Content[], reservedTokens = 0, signal?: AbortSignal): Promise<InputLimitCheck> {
    const [counted, info] = await Promise.all([
      this.countTokens(model, contents, signal),
      this.list().then(() => this.get(model), () => undefined),
    ]);
    const tokens = counted + reservedTokens;
    const limit = info?.inputTokenLimit;
    if (!limit) return { tokens, verdict: 'ok' };
    const name = info?.displayName || bareModelId(model);
    if (tokens > limit) {
      return { tokens, limit, verdict: 'over',
        message: l10n.t('This request is about {0} tokens, more than the {1}-token input limit of {2}. Remove attachments, start a new chat, or pick a model with a larger limit.', formatTokens(tokens), formatTokens(limit), name) };
    }
    if (tokens > limit * NEAR_LIMIT_RATIO) {
      return { tokens, limit, verdict: 'near',
        message: l10n.t('This request is about {0} tokens, close to the {1}-token input limit of {2}. Consider starting a new chat.', formatTokens(tokens), formatTokens(limit), name) };
    }
    return { tokens, limit, verdict: 'ok' };
  }

  private async fetchAll(): Promise<ModelInfo[]> {
    const genai = await this.deps.genai();
    const pager = await genai.models.list({ config: { pageSize: this.deps.pageSize ?? 100 } });
    const raw: Model[] = [...pager.page];
    // A token seen before would serve a page already read, and so on forever: stop there.
    const seenTokens = new Set<string>();
    for (let pages = 1; pager.hasNextPage() && pages < MAX_PAGES; pages++) {
      const token = String(pager.params.config?.pageToken);
      if (seenTokens.has(token)) break;
      seenTokens.add(token);
      raw.push(...(await pager.nextPage()));
    }
    const byId = new Map<string, ModelInfo>(); // a page served twice must not list a model twice
    for (const model of raw) {
      if (model?.name && (model.supportedActions ?? []).includes('generateContent')) byId.set(bareModelId(model.name), toModelInfo(model));
    }
    const models = [...byId.values()];
    this.cache = { models, fetchedAt: this.now() };
    return models;
  }
}

/** `preview` (and experimental) ids, the moving `-latest` aliases, and everything else: stable. */
export type ModelStage = 'preview' | 'latest' | 'stable';

export function modelStage(model: string): ModelStage {
  const id = bareModelId(model).toLowerCase();
  if (isLatestAlias(id)) return 'latest';
  return /-(preview|exp|experimental)(-|$)/.test(id) ? 'preview' : 'stable';
}

/** What the pickers write after a name: nothing for stable models. */
export function stageLabel(stage: ModelStage): string {
  return stage === 'preview' ? l10n.t('preview') : stage === 'latest' ? l10n.t('latest alias') : '';
}

/**
 * Not for our chat, though models.list gives them generateContent: speech (tts, native-audio),
 * image and music generators (image, nano-banana, imagen, veo, lyria), embeddings, Live-only
 * models, computer-use, robotics, attributed QA, agents with their own tools (deep-research,
 * antigravity), the any-to-any omni model, and Gemma (the Gemini API takes no function
 * declarations for Gemma, and our chat always sends the workspace tools).
 */
const NOT_FOR_CHAT = /(^|-)(tts|image|embedding|computer-use|robotics|native-audio|live|aqa|omni)(-|$)|^(imagen|veo|lyria|nano-banana|deep-research|antigravity|gemma)/;

/** A model our chat can use: a Gemini model answering generateContent with text. */
export function isChatModel(model: string): boolean {
  const id = bareModelId(model).toLowerCase();
  return id.startsWith('gemini-') && !NOT_FOR_CHAT.test(id);
}

/** The models to offer in a picker: chat models only, in the catalogue's order. */
export function chatModels(models: readonly ModelInfo[]): ModelInfo[] {
  return models.filter((model) => isChatModel(model.id));
}

function toModelInfo(model: Model): ModelInfo {
  const id = bareModelId(model.name!);
  return {
    id,
    displayName: model.displayName || id,
    description: model.description,
    inputTokenLimit: model.inputTokenLimit,
    outputTokenLimit: model.outputTokenLimit,
    thinking: model.thinking === true,
  };
}
