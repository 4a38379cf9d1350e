// The models VS Code's chat model picker gets from us, from the model catalog (models.list):
// only models that chat in text (gemini/models.ts isChatModel), marked Preview or Stable, with
// their real token limits and what they accept. Also the
// local token estimate VS Code asks for on every prompt it builds (a countTokens request each
// time would cost a round trip per message).
import { isChatModel, modelStage, stageLabel, type ModelInfo } from '../gemini/models';
import type { LmMessage, LmPart } from './messages';
import { l10n } from '../common/l10n';

/** Our vendor in vscode.lm; must equal package.json's contributes.languageModelChatProviders[0].vendor. */
export const LM_VENDOR = 'gemini-oss';

/** What vscode.LanguageModelChatInformation needs, without importing vscode. */
export interface LmChatModel {
  id: string;
  name: string;
  family: string;
  version: string;
  tooltip?: string;
  detail?: string;
  maxInputTokens: number;
  maxOutputTokens: number;
  capabilities: { imageInput: boolean; toolCalling: boolean };
}

export { isChatModel };

/** `gemini-2.0-flash-001` and `gemini-3-pro-preview` belong to `gemini-2.0-flash` and `gemini-3-pro`. */
export function modelFamily(id: string): string {
  return id.replace(/-(preview|exp|latest)(-[\w-]*)?$/, '').replace(/-\d{3}$/, '').replace(/-\d{2}-\d{4}$/, '');
}

/** Gemma on the Gemini API takes no function declarations (and is not offered, see isChatModel). */
function callsTools(id: string): boolean {
  return id.startsWith('gemini-');
}

/** VS Code shows `detail` beside the name in its model picker: Preview, Latest alias or Stable. */
function stageDetail(id: string): string {
  const label = stageLabel(modelStage(id));
  return label ? label.charAt(0).toUpperCase() + label.slice(1) : l10n.t('Stable');
}

const DEFAULT_INPUT_LIMIT = 32_768;
const DEFAULT_OUTPUT_LIMIT = 8_192;

export function toLmChatModel(model: ModelInfo): LmChatModel {
  return {
    id: model.id,
    name: model.displayName || model.id,
    family: modelFamily(model.id),
    version: model.id,
    ...(model.description ? { tooltip: model.description } : {}),
    detail: stageDetail(model.id),
    maxInputTokens: model.inputTokenLimit || DEFAULT_INPUT_LIMIT,
    maxOutputTokens: model.outputTokenLimit || DEFAULT_OUTPUT_LIMIT,
    capabilities: { imageInput: true, toolCalling: callsTools(model.id) },
  };
}

/** The chat models, the configured one first, so a consumer taking the first gets the user's choice. */
export function lmChatModels(models: readonly ModelInfo[], configured?: string): LmChatModel[] {
  const chat = models.filter((model) => isChatModel(model.id)).map(toLmChatModel);
  const preferred = chat.findIndex((model) => model.id === configured);
  if (preferred > 0) chat.unshift(...chat.splice(preferred, 1));
  return chat;
}

/** Gemini bills an image of up to 384×384 px as 258 tokens; larger ones as tiles of that size. */
const IMAGE_TOKENS = 258;
const CHARS_PER_TOKEN = 4;
const MESSAGE_OVERHEAD_TOKENS = 3;

/** A deliberately slightly high estimate: VS Code uses it to decide what still fits. */
export function estimateTokens(input: string | LmMessage): number {
  if (typeof input === 'string') return Math.ceil(input.length / CHARS_PER_TOKEN);
  return MESSAGE_OVERHEAD_TOKENS + input.parts.reduce((sum, part) => sum + partTokens(part), 0);
}

function partTokens(part: LmPart): number {
  switch (part.kind) {
    case 'text':
      return Math.ceil(part.text.length / CHARS_PER_TOKEN);
    case 'data':
      return part.mimeType.startsWith('image/') ? IMAGE_TOKENS : Math.ceil(part.data.byteLength / CHARS_PER_TOKEN);
    case 'toolCall':
      return Math.ceil((part.name.length + JSON.stringify(part.input ?? {}).length) / CHARS_PER_TOKEN);
    case 'toolResult':
      return part.content.reduce((sum, inner) => sum + partTokens(inner), 0);
    case 'ignored':
      return 0;
  }
}
