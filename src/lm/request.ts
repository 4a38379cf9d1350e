// One LanguageModelChatProvider request → the SDK's GenerateContentConfig. The caller's system
// messages replace our built-in instruction (the chat that calls us has its own); thinking and
// safety follow the user's settings like every other request; the request's modelOptions may
// override sampling.
import type { FunctionCallingConfigMode, FunctionDeclaration, GenerateContentConfig } from '@google/genai';
import { buildSafetySettings, buildThinkingConfig } from '../gemini/requestConfig';
import type { SettingValues } from '../config/settingValues';

/** vscode.LanguageModelChatToolMode. */
export const LmToolMode = { Auto: 1, Required: 2 } as const;

export interface LmRequestConfigInput {
  model: string;
  settings: SettingValues;
  modelThinks?: boolean;
  systemInstruction?: string;
  declarations: FunctionDeclaration[];
  toolMode?: number;
  modelOptions?: Readonly<Record<string, unknown>>;
}

export function buildLmRequestConfig(input: LmRequestConfigInput): GenerateContentConfig {
  const { settings } = input;
  const config: GenerateContentConfig = {};
  if (input.systemInstruction) config.systemInstruction = input.systemInstruction;

  const options = input.modelOptions ?? {};
  const temperature = numberOption(options, 'temperature') ?? (settings.temperature >= 0 ? settings.temperature : undefined);
  if (temperature !== undefined) config.temperature = temperature;
  const maxOutputTokens = numberOption(options, 'maxOutputTokens', 'max_tokens', 'maxTokens') ?? (settings.maxOutputTokens > 0 ? settings.maxOutputTokens : undefined);
  if (maxOutputTokens !== undefined) config.maxOutputTokens = Math.round(maxOutputTokens);
  const topP = numberOption(options, 'topP', 'top_p');
  if (topP !== undefined) config.topP = topP;
  const topK = numberOption(options, 'topK', 'top_k');
  if (topK !== undefined) config.topK = topK;
  const stop = options.stopSequences ?? options.stop;
  if (Array.isArray(stop) && stop.every((s) => typeof s === 'string')) config.stopSequences = stop as string[];

  // Thought summaries have nowhere to go in VS Code's stable response parts, so none are asked for.
  const thinking = buildThinkingConfig(input.model, { ...settings, 'thinking.includeThoughts': false }, input.modelThinks);
  if (thinking) config.thinkingConfig = thinking;
  const safety = buildSafetySettings(settings['safety.threshold']);
  if (safety) config.safetySettings = safety;

  if (input.declarations.length > 0) {
    config.tools = [{ functionDeclarations: input.declarations }];
    if (input.toolMode === LmToolMode.Required) {
      // A type-only import keeps the SDK out of activation; 'ANY' is the enum's wire value.
      config.toolConfig = { functionCallingConfig: { mode: 'ANY' as FunctionCallingConfigMode } };
    }
  }
  return config;
}

function numberOption(options: Readonly<Record<string, unknown>>, ...names: string[]): number | undefined {
  for (const name of names) {
    const value = options[name];
    if (typeof value === 'number' && Number.isFinite(value)) return value;
  }
  return undefined;
}
