// A chat's own choices (model, Google Search, code execution, URL context, whole workspace, thinking), stored with the chat and
// turned into the engine's TurnRequest fields. Pure.
import type { TurnRequest } from '../gemini/turnContract';
import { DEFAULT_THINKING, fitsModel, parseThinkingChoice } from '../gemini/thinking';
import type { ChatOptions } from '../protocol/view';

export type OptionsPatch = Partial<Record<keyof ChatOptions, unknown>>;

/** The TurnRequest fields a chat's options set; nothing for options left at their defaults. */
export function turnSettings(options: ChatOptions | undefined): Pick<TurnRequest, 'model' | 'features' | 'thinking' | 'wholeWorkspace'> {
  if (!options) return {};
  const settings: Pick<TurnRequest, 'model' | 'features' | 'thinking' | 'wholeWorkspace'> = {};
  if (options.wholeWorkspace) settings.wholeWorkspace = true;
  if (options.model) settings.model = options.model;
  if (options.googleSearch || options.codeExecution || options.urlContext) {
    settings.features = {
      ...(options.googleSearch ? { googleSearch: true } : {}), ...(options.codeExecution ? { codeExecution: true } : {}),
      ...(options.urlContext ? { urlContext: true } : {}),
    };
  }
  const thinking = parseThinkingChoice(options.thinking);
  if (thinking) settings.thinking = thinking;
  return settings;
}

/**
 * Applies a patch from the webview. A thinking choice the chat's model does not offer (a budget
 * after switching to a 3.x model) falls back to the settings, so nothing invalid is ever sent.
 */
export function mergeOptions(current: ChatOptions | undefined, patch: OptionsPatch, defaultModel: string, thinkingHint?: (model: string) => boolean | undefined): ChatOptions {
  const next: ChatOptions = { ...current };
  if (typeof patch.model === 'string') {
    const model = patch.model.trim().replace(/^models\//, '');
    if (model && model !== defaultModel) next.model = model;
    else delete next.model;
  }
  for (const key of ['googleSearch', 'codeExecution', 'urlContext', 'wholeWorkspace'] as const) {
    if (typeof patch[key] === 'boolean') {
      if (patch[key]) next[key] = true;
      else delete next[key];
    }
  }
  if (patch.mode === 'agent') next.mode = 'agent';
  else if (patch.mode === 'ask') delete next.mode;
  if (typeof patch.thinking === 'string') {
    if (patch.thinking === DEFAULT_THINKING) delete next.thinking;
    else next.thinking = patch.thinking;
  }
  const model = next.model ?? defaultModel;
  if (next.thinking && !fitsModel(next.thinking, model, thinkingHint?.(model))) delete next.thinking;
  return next;
}
