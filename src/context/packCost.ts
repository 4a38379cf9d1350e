// What a workspace pack costs, for the question asked before its first send: the first request
// pays the input rate on every token of the pack, later requests read it from the context cache at
// the cached rate (a tenth of the input rate where the table gives none). The answer's own output
// and the cache's hourly storage come on top and are named in the text, not guessed. Pure.
import { formatTokens, formatUsd } from '../common/format';
import { l10n } from '../common/l10n';
import type { ModelPrice } from '../gemini/pricing';

export interface PackCost {
  firstUsd: number;
  cachedUsd: number;
}

export function packCost(tokens: number, price: ModelPrice): PackCost {
  const rates = price.longContext && tokens > price.longContext.above ? price.longContext : price;
  const cachedRate = rates.cachedInput ?? rates.input / 10;
  return { firstUsd: (tokens * rates.input) / 1_000_000, cachedUsd: (tokens * cachedRate) / 1_000_000 };
}

/** The sentence the confirmation shows under the manifest summary (the user's language). */
export function describePackCost(tokens: number, model: string, price: ModelPrice | undefined, ttlSeconds: number): string {
  const size = l10n.t('The pack is about {0} tokens for {1}.', formatTokens(tokens), model);
  const kept = l10n.t('Google keeps it in a context cache for {0} minutes after its last use (storage is billed per hour) and renews it only when workspace files change.', Math.round(ttlSeconds / 60));
  if (!price) return `${size} ${l10n.t('This model has no known price (add one with the gemini.pricing setting).')} ${kept}`;
  const cost = packCost(tokens, price);
  return `${size} ${l10n.t('Input cost: about {0} for the first question, then about {1} a question while it is cached, plus each answer.', formatUsd(cost.firstUsd), formatUsd(cost.cachedUsd))} ${kept}`;
}
