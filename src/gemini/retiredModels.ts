// Which model to offer when the service says the configured one is gone (retired, shut down, or
// not found), and the default model itself. The table follows Google's published replacements
// (deprecations page and migration guides, as collected on 2026-12-06); a model it does not name
// gets the newest stable Flash the key can use, else our default. Pure.
import type { ModelInfo } from './models';
import { bareModelId, modelTraits } from './modelFamily';

/**
 * The `gemini.model` default: the newest GA Flash model with no shutdown date announced (Gemini
 * 3.8 Flash, released 2026-09-02). A named model rather than `gemini-flash-latest`, so the price
 * and the thinking levels are known and nothing changes under the user; when it retires, the
 * failure offers its replacement in one click (see describeUnavailableModel).
 */
export const DEFAULT_MODEL = 'gemini-3.8-flash';

/** Retired or retiring model → the replacement we offer. */
export const REPLACEMENTS: Readonly<Record<string, string>> = {
  'gemini-2.5-pro': 'gemini-3.8-flash', // Google's recommended replacement
  'gemini-2.5-flash': 'gemini-3.5-flash-lite', // Google's recommended replacement
  'gemini-2.5-flash-lite': 'gemini-3.5-flash-lite',
  'gemini-2.0-flash': 'gemini-3.5-flash-lite', // shut down 2026-06-01
  'gemini-2.0-flash-lite': 'gemini-3.5-flash-lite',
  'gemini-3-pro-preview': 'gemini-3.1-pro-preview', // shut down 2026-03-09; Google's replacement
  'gemini-3-flash-preview': 'gemini-3.8-flash',
  'gemini-3.5-flash': 'gemini-3.6-flash', // deprecated; Google routes it to 3.6 Flash
  'gemini-3.7-flash': 'gemini-3.8-flash', // deprecated; Google routes it to 3.8 Flash
  'gemini-3.1-flash-lite-preview': 'gemini-3.1-flash-lite',
};

/** `gemini-3.8-flash`, `gemini-3.6-flash`: a stable Flash model (not Lite, not a preview or variant). */
const STABLE_FLASH = /^gemini-\d+(\.\d+)?-flash$/;

/** The newest stable Flash among `models`, by generation. */
export function newestStableFlash(models: readonly Pick<ModelInfo, 'id'>[]): string | undefined {
  let best: { id: string; generation: number } | undefined;
  for (const { id } of models) {
    const generation = modelTraits(id).generation;
    if (STABLE_FLASH.test(id) && generation !== undefined && (!best || generation > best.generation)) best = { id, generation };
  }
  return best?.id;
}

/**
 * The model to offer instead of `model`: the table's replacement (when the key's model list is
 * known, only if it is listed), else the newest stable Flash of that list, else the default.
 * Undefined when that would be the same model.
 */
export function replacementFor(model: string, available?: readonly Pick<ModelInfo, 'id'>[]): string | undefined {
  const id = bareModelId(model).toLowerCase();
  const base = Object.keys(REPLACEMENTS).find((key) => id === key || /^-(\d{3}|preview-\d{2}-\d{4}|\d{2}-\d{4})$/.test(id.slice(key.length)) && id.startsWith(key));
  const listed = (candidate: string | undefined) => candidate && (!available?.length || available.some((m) => m.id === candidate)) ? candidate : undefined;
  const choice = listed(base && REPLACEMENTS[base]) ?? (available?.length ? newestStableFlash(available) : DEFAULT_MODEL);
  return choice && choice !== id ? choice : undefined;
}
