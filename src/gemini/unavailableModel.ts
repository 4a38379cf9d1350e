// The service says the model is not found, retired or unavailable: one line that names the model
// and, where there is one, the replacement a single click switches to (retiredModels.ts). Kept
// apart from errors.ts, which calls it for every service error.
import { l10n } from '../common/l10n';
import type { FailureInfo } from './events';
import { bareModelId } from './modelFamily';
import { replacementFor } from './retiredModels';

/** A 400 that names a model and says it is gone or cannot generate content. */
const MODEL_GONE = /models\/[\w.-]+ is not (found|supported)|\b(model|models\/[\w.-]+)\b.*\b(retired|deprecated|discontinued|shut ?down|no longer (available|supported|served))\b/i;
/** 404s that are not about the model: a wrong endpoint path, a context cache that expired. */
const OTHER_NOT_FOUND = /Method not found|cachedContents?\b|CachedContent/i;

/**
 * The service says the model is not found, retired or unavailable (404 NOT_FOUND, or a 400 naming
 * the model): one line naming the model, and one click to its replacement (retiredModels.ts).
 */
export function describeUnavailableModel(
  status: number,
  body: { message?: string },
  context: { model?: string; availableModels?: readonly { id: string }[] } = {},
): FailureInfo | undefined {
  const text = body.message ?? '';
  const gone = (status === 404 && !OTHER_NOT_FOUND.test(text)) || (status === 400 && MODEL_GONE.test(text));
  if (!gone) return undefined;
  const fromMessage = /models\/([\w.-]+)/.exec(text)?.[1];
  const model = bareModelId(context.model ?? fromMessage ?? '');
  if (!model) {
    return { code: 'modelNotFound', status, retryable: false, action: 'switchModel',
      message: l10n.t('The selected model is retired or not available to this key. Pick another model (Gemini: Select Model).') };
  }
  const replacement = replacementFor(model, context.availableModels);
  return { code: 'modelNotFound', status, retryable: false, action: 'switchModel', ...(replacement ? { replacement } : {}),
    message: replacement
      ? l10n.t('The model "{0}" is retired or not available to this key: switch to {1}.', model, replacement)
      : l10n.t('The model "{0}" is retired or not available to this key: pick another model (Gemini: Select Model).', model) };
}
