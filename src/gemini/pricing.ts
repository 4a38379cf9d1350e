// An estimate of what a turn cost, from a per-model price table in USD per million tokens. Thinking
// tokens are billed as output; tokens served from a context cache at the cheaper cached rate; the
// tool-use prompt (search results, code execution) as input. Pro models charge more above 200K
// prompt tokens. The table is a snapshot of Google's published paid-tier prices, so users can
// correct or extend it with the `gemini.pricing` setting; unknown models get no estimate. Every
// built-in price names the day it was checked and its source.
import type { UsageInfo } from './events';
import { bareModelId } from './modelFamily';

export interface ModelPrice {
  /** USD per 1M input tokens. */
  input: number;
  /** USD per 1M output tokens (thinking included). */
  output: number;
  /** USD per 1M input tokens served from a cache. Default: a tenth of `input`. */
  cachedInput?: number;
  /** Prices for prompts larger than `above` tokens. */
  longContext?: { above: number; input: number; output: number; cachedInput?: number };
}

/** A row of the built-in table: a price, where it was read and when, and the last day it holds. */
export interface PriceEntry extends ModelPrice {
  /** ISO date the price was last checked against its source. */
  checked: string;
  /** Where it was read. */
  source: string;
  /** ISO date of the last day this price applies (a launch price); later: `next`, or no estimate. */
  until?: string;
  next?: ModelPrice;
}

const PRICING_PAGE = 'ai.google.dev/gemini-api/docs/pricing (transcribed 2026-10-07, api-evangelist/deepmind plans)';
const PRICING_PAGE_MARCH = 'ai.google.dev/gemini-api/docs/pricing';
const WHATS_NEW_36 = 'ai.google.dev/gemini-api/docs/whats-new-gemini-3.6';

/**
 * Google's paid-tier list prices (Gemini Developer API, standard tier), each with its date and
 * source. Keys match the exact model id or the id plus a version suffix (see `sameModel`).
 * Left out on purpose: `gemini-3.7-flash` (deprecated and routed to 3.8 Flash; only third parties
 * publish its price) and the `-latest` aliases (their target moves; the answer's modelVersion is
 * priced instead). Where the source gives no cached-input rate, a tenth of the input rate applies.
 */
export const DEFAULT_PRICES: Readonly<Record<string, PriceEntry>> = {
  'gemini-3.8-flash': { input: 0.75, output: 3.75, checked: '2026-12-06', source: PRICING_PAGE, until: '2026-12-31', next: { input: 1.5, output: 7.5 } },
  'gemini-3.6-flash': { input: 1.5, output: 7.5, checked: '2026-12-06', source: WHATS_NEW_36 },
  'gemini-3.5-flash': { input: 1.5, output: 9, checked: '2026-12-06', source: PRICING_PAGE },
  'gemini-3.5-flash-lite': { input: 0.3, output: 2.5, cachedInput: 0.03, checked: '2026-12-06', source: `${PRICING_PAGE}; ${WHATS_NEW_36}` },
  'gemini-3.1-pro': { input: 2, output: 12, cachedInput: 0.2, longContext: { above: 200_000, input: 4, output: 18, cachedInput: 0.4 }, checked: '2026-12-06', source: PRICING_PAGE },
  'gemini-3.1-flash-lite': { input: 0.25, output: 1.5, cachedInput: 0.025, checked: '2026-03-01', source: PRICING_PAGE_MARCH },
  'gemini-3-pro': { input: 2, output: 12, cachedInput: 0.2, longContext: { above: 200_000, input: 4, output: 18, cachedInput: 0.4 }, checked: '2026-03-01', source: PRICING_PAGE_MARCH },
  'gemini-3-flash': { input: 0.5, output: 3, cachedInput: 0.05, checked: '2026-03-01', source: PRICING_PAGE_MARCH },
  'gemini-2.5-pro': { input: 1.25, output: 10, cachedInput: 0.125, longContext: { above: 200_000, input: 2.5, output: 15, cachedInput: 0.25 }, checked: '2026-12-06', source: PRICING_PAGE },
  'gemini-2.5-flash': { input: 0.3, output: 2.5, cachedInput: 0.03, checked: '2026-12-06', source: PRICING_PAGE },
  'gemini-2.5-flash-lite': { input: 0.1, output: 0.4, cachedInput: 0.01, checked: '2026-12-06', source: PRICING_PAGE },
  'gemini-2.0-flash': { input: 0.1, output: 0.4, cachedInput: 0.025, checked: '2026-03-01', source: PRICING_PAGE_MARCH },
  'gemini-2.0-flash-lite': { input: 0.075, output: 0.3, checked: '2026-03-01', source: PRICING_PAGE_MARCH },
};

/**
 * The price of a model. The user's overrides match by id prefix (so `"gemini-2.5"` in the setting
 * covers every 2.5 model); the built-in table only matches the same model, with a version or stage
 * suffix at most (`gemini-3.8-flash` never prices `gemini-3.8-flash-lite`). A launch price past
 * its last day gives the next price, or none. Malformed override entries are skipped.
 */
export function priceFor(model: string, overrides?: unknown, today: Date = new Date()): ModelPrice | undefined {
  const id = bareModelId(model).toLowerCase();
  const override = longestMatch(id, validOverrides(overrides), (id, key) => id === key || id.startsWith(`${key}-`));
  if (override) return override;
  const entry = longestMatch(id, DEFAULT_PRICES, sameModel);
  return entry && priceOn(entry, today);
}

function priceOn(entry: PriceEntry, today: Date): ModelPrice | undefined {
  const { checked: _checked, source: _source, until, next, ...price } = entry;
  if (!until || today.toISOString().slice(0, 10) <= until) return price;
  return next;
}

export function estimateCostUsd(usage: UsageInfo, price: ModelPrice): number {
  const promptTokens = usage.promptTokens + usage.toolUsePromptTokens;
  const rates = price.longContext && promptTokens > price.longContext.above ? price.longContext : price;
  const cachedRate = rates.cachedInput ?? rates.input / 10;
  const cached = Math.min(usage.cachedTokens, usage.promptTokens);
  const input = (promptTokens - cached) * rates.input + cached * cachedRate;
  const output = (usage.outputTokens + usage.thoughtsTokens) * rates.output;
  return (input + output) / 1_000_000;
}

/** The cost of one request, or undefined when the model has no known price. */
export function costOf(usage: UsageInfo, model: string, overrides?: unknown, today?: Date): number | undefined {
  const price = priceFor(model, overrides, today);
  return price ? estimateCostUsd(usage, price) : undefined;
}

/** A version or stage suffix: `-001`, `-preview`, `-preview-09-2025`, `-exp`. Never `-lite`, `-image`, `-tts`. */
const VERSION_SUFFIX = /^(-(preview|exp|\d{3}|\d{2}-\d{4}|\d{2}-\d{2}))+$/;

/** The table's key names this model: the same id, or the id plus a version suffix. */
function sameModel(id: string, key: string): boolean {
  return id === key || (id.startsWith(key) && VERSION_SUFFIX.test(id.slice(key.length)));
}

function longestMatch<T>(id: string, table: Readonly<Record<string, T>>, matches: (id: string, key: string) => boolean): T | undefined {
  let best: string | undefined;
  for (const key of Object.keys(table)) {
    const prefix = bareModelId(key).toLowerCase();
    if (matches(id, prefix) && (best === undefined || prefix.length > bareModelId(best).length)) best = key;
  }
  return best === undefined ? undefined : table[best];
}

function validOverrides(raw: unknown): Record<string, ModelPrice> {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
  const valid: Record<string, ModelPrice> = {};
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const price = asPrice(value);
    if (price && key.trim()) valid[key.trim()] = price;
  }
  return valid;
}

function asPrice(value: unknown): ModelPrice | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  if (!isRate(v.input) || !isRate(v.output) || (v.cachedInput !== undefined && !isRate(v.cachedInput))) return undefined;
  const price: ModelPrice = { input: v.input, output: v.output, ...(isRate(v.cachedInput) ? { cachedInput: v.cachedInput } : {}) };
  const long = v.longContext as Record<string, unknown> | undefined;
  if (long && typeof long === 'object' && isRate(long.above) && isRate(long.input) && isRate(long.output)) {
    price.longContext = { above: long.above, input: long.input, output: long.output, ...(isRate(long.cachedInput) ? { cachedInput: long.cachedInput } : {}) };
  }
  return price;
}

function isRate(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}
