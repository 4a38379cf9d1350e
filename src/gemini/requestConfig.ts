// Settings + one turn's request → the SDK's GenerateContentConfig. Pure, so every rule that the
// service enforces with a 400 (budget vs level, built-in vs function tools) is unit-tested here.
import type { FunctionDeclaration, GenerateContentConfig, SafetySetting, Tool } from '@google/genai';
import type { TurnFeatures } from './turnContract';
import { modelTraits } from './modelFamily';
import type { SettingValues } from '../config/settingValues';
import { composeSystemInstruction } from './systemPrompt';
import { levelFor, thinkingLevelsFor, type ThinkingChoice, type ThinkingLevel } from './thinking';

/**
 * The harm categories the Gemini Developer API lets a caller adjust. (The image and jailbreak
 * categories are Vertex-only; civic integrity is deprecated in favour of a separate switch.)
 */
export const ADJUSTABLE_HARM_CATEGORIES = [
  'HARM_CATEGORY_HARASSMENT',
  'HARM_CATEGORY_HATE_SPEECH',
  'HARM_CATEGORY_SEXUALLY_EXPLICIT',
  'HARM_CATEGORY_DANGEROUS_CONTENT',
] as const;

/** 2.5 Pro rejects a budget of 0; this is its smallest accepted budget. */
const SMALLEST_MANDATORY_BUDGET = 128;

export interface RequestConfigInput {
  model: string;
  settings: SettingValues;
  features?: TurnFeatures;
  /** Declarations of the workspace tools, when a ToolExecutor is present. */
  functionDeclarations?: FunctionDeclaration[];
  responseJsonSchema?: Record<string, unknown>;
  turnInstruction?: string;
  /** The catalog's `thinking` flag for the model, when known. */
  modelThinks?: boolean;
  /** This chat's thinking choice; the settings apply where it is unset or does not fit the model. */
  thinking?: ThinkingChoice;
}

export function buildRequestConfig(input: RequestConfigInput): GenerateContentConfig {
  const { settings } = input;
  const config: GenerateContentConfig = {
    systemInstruction: composeSystemInstruction(settings.systemInstruction, input.turnInstruction),
  };
  if (settings.temperature >= 0) config.temperature = settings.temperature;
  if (settings.maxOutputTokens > 0) config.maxOutputTokens = settings.maxOutputTokens;

  const thinkingConfig = buildThinkingConfig(input.model, settings, input.modelThinks, input.thinking);
  if (thinkingConfig) config.thinkingConfig = thinkingConfig;

  const safetySettings = buildSafetySettings(settings['safety.threshold']);
  if (safetySettings) config.safetySettings = safetySettings;

  const tools = buildTools(input);
  if (tools.length > 0) config.tools = tools;

  if (input.responseJsonSchema) {
    config.responseMimeType = 'application/json';
    config.responseJsonSchema = input.responseJsonSchema;
  }
  return config;
}

export function buildThinkingConfig(
  model: string,
  settings: SettingValues,
  modelThinks?: boolean,
  choice?: ThinkingChoice,
): GenerateContentConfig['thinkingConfig'] | undefined {
  const traits = modelTraits(model, modelThinks);
  if (!traits.thinks) return undefined;
  const thinking: NonNullable<GenerateContentConfig['thinkingConfig']> = {};
  if (settings['thinking.includeThoughts']) thinking.includeThoughts = true;
  if (traits.usesThinkingLevel) {
    // A chat's level is only used where this model accepts it; the setting is moved to the nearest
    // level the model accepts (minimal is a 400 on 3.7+ Flash), never sent as is.
    const chosen = choice?.level && thinkingLevelsFor(model).includes(choice.level) ? choice.level : undefined;
    const setting = settings['thinking.level'];
    const level = chosen ?? (setting === 'default' ? undefined : levelFor(model, setting as ThinkingLevel));
    if (level) thinking.thinkingLevel = level.toUpperCase() as never;
  } else if (traits.usesThinkingBudget) {
    let budget = choice?.budget ?? settings['thinking.budget'];
    if (budget === 0 && traits.thinkingMandatory) budget = SMALLEST_MANDATORY_BUDGET;
    // Dynamic (-1) is most 2.5 models' default, not Flash-Lite's (off): a chat's explicit choice is sent.
    if (budget >= 0 || choice?.budget === -1) thinking.thinkingBudget = budget;
  }
  return Object.keys(thinking).length > 0 ? thinking : undefined;
}

export function buildSafetySettings(threshold: string): SafetySetting[] | undefined {
  if (!threshold || threshold === 'default') return undefined;
  return ADJUSTABLE_HARM_CATEGORIES.map((category) => ({ category, threshold }) as SafetySetting);
}

function buildTools(input: RequestConfigInput): Tool[] {
  const features = input.features ?? {};
  const builtIn: Tool[] = [];
  if (features.googleSearch) builtIn.push({ googleSearch: {} });
  if (features.codeExecution) builtIn.push({ codeExecution: {} });
  if (features.urlContext) builtIn.push({ urlContext: {} });

  const declarations = input.functionDeclarations ?? [];
  const wantsFunctions =
    declarations.length > 0 && features.workspaceTools !== false && input.settings['tools.enabled'];
  // Before Gemini 3 a request mixing built-in tools and function declarations is rejected, so the
  // turn's explicit choice (search / code execution) wins over the workspace tools there.
  const canMix = modelTraits(input.model).mixesBuiltInAndFunctionTools;
  if (wantsFunctions && (builtIn.length === 0 || canMix)) {
    return [{ functionDeclarations: declarations }, ...builtIn];
  }
  return builtIn;
}
