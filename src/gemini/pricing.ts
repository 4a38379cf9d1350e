// An estimate of what a turn cost, from a per-model price table in USD per million tokens. Thinking
// tokens are billed as output; tokens served from a context cache at the cheaper cached rate; the
// tool-use prompt (search results, code execution) as input. Pro models charge more above 200K
// prompt tokens. The table is a snapshot of Google's published paid-tier prices, so users can
// correct or extend it with the `gemini.pricing` setting; unknown models get no estimate.
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

/** Google's paid-tier list prices (Gemini Developer API, standard tier), checked 2026-03. */
export const DEFAULT_PRICES: Readonly<Record<string, ModelPrice>> = {
  'gemini-3.1-pro': { input: 2, output: 12, cachedInput: 0.2, longContext: { above: 200_000, input: 4, output: 18, cachedInput: 0.4 } },
  'gemini-3-pro': { input: 2, output: 12, cachedInput: 0.2, longContext: { above: 200_000, input: 4, output: 18, cachedInput: 0.4 } },
  'gemini-3-flash': { input: 0.5, output: 3, cachedInput: 0.05 },
  'gemini-3.1-flash-lite': { input: 0.25, output: 1.5, cachedInput: 0.025 },
  'gemini-2.5-pro': { input: 1.25, output: 10, cachedInput: 0.125, longContext: { above: 200_000, input: 2.5, output: 15, cachedInput: 0.25 } },
  'gemini-2.5-flash': { input: 0.3, output: 2.5, cachedInput: 0.03 },
  'gemini-2.5-flash-lite': { input: 0.1, output: 0.4, cachedInput: 0.01 },
  'gemini-2.0-flash': { input: 0.1, output: 0.4, cachedInput: 0.025 },
  'gemini-2.0-flash-lite': { input: 0.075, output: 0.3 },
};

/**
 * The price of a model: the entry whose key is the longest prefix of the model id, looking first
 * in the user's overrides (so `"gemini-2.5"` in the setting covers every 2.5 model) and then in
 * the built-in table. Malformed override entries are skipped.
 */
export function priceFor(model: string, overrides?: unknown): ModelPrice | undefined {
  const id = bareModelId(model).toLowerCase();
  return longestPrefixMatch(id, validOverrides(overrides)) ?? longestPrefixMatch(id, DEFAULT_PRICES);
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
export function costOf(usage: UsageInfo, model: string, overrides?: unknown): number | undefined {
  const price = priceFor(model, overrides);
  return price ? estimateCostUsd(usage, price) : undefined;
}

/** `gemini-2.5-flash` matches itself and `gemini-2.5-flash-001`, never `gemini-2.5-flashy`; `gemini-3` never `gemini-3.1-pro`. */
function longestPrefixMatch(id: string, table: Readonly<Record<string, ModelPrice>>): ModelPrice | undefined {
  let best: string | undefined;
  for (const key of Object.keys(table)) {
    const prefix = bareModelId(key).toLowerCase();
    const matches = id === prefix || id.startsWith(`${prefix}-`);
    if (matches && (best === undefined || prefix.length > bareModelId(best).length)) best = key;
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
