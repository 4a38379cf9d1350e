// Gemini in VS Code's own chat: a LanguageModelChatProvider (stable since VS Code 1.104) that
// lists the models the key (or Vertex project) can chat with and answers through the same SDK
// client as our chat. Our engine floor is 1.90, so the API is feature-detected and the few types
// newer than @types/vscode 1.90 are declared here; on older hosts nothing is registered.
import * as vscode from 'vscode';
import type { Logger } from '../../common/logger';
import type { GenAIProvider } from '../../gemini/client';
import { describeFailure } from '../../gemini/errors';
import type { FailureInfo } from '../../gemini/events';
import type { ModelInfo } from '../../gemini/models';
import type { SettingsSource } from '../../config/settingValues';
import { CallMemory, classifyPart, LmMessage, LmPart, promptTsxText } from '../../lm/messages';
import { estimateTokens, LM_VENDOR, LmChatModel, lmChatModels } from '../../lm/models';
import { answerLmRequest, LmRequestError } from '../../lm/providerRequest';
import { languageModelApi, type ChatModelProvider, type LanguageModelApi, type RequestMessage, type ResponseOptions } from './lmApi';

export { LM_VENDOR };

export interface LmProviderDeps {
  genai: GenAIProvider;
  /** The models to offer: the catalog's (models.list), or the Vertex AI list. */
  listModels: () => Promise<ModelInfo[]>;
  settings: SettingsSource;
  logger: Logger;
  /** Values never shown in a message (the API key). */
  secrets: () => Iterable<string>;
  modelThinks?: (model: string) => boolean | undefined;
  /** When VS Code asks interactively and there is no key: offer to set one. True if one was set. */
  offerCredentials?: () => Promise<boolean>;
}

/** The provider's implementation; src/vscode/native/lmNativeChat.ts registers it (and owns its change event). */
export function createLanguageModelProvider(deps: LmProviderDeps): ChatModelProvider {
  return new GeminiChatModelProvider(deps, languageModelApi);
}

class GeminiChatModelProvider implements ChatModelProvider {
  private readonly memory = new CallMemory();

  constructor(private readonly deps: LmProviderDeps, private readonly api: LanguageModelApi) {}

  async provideLanguageModelChatInformation(options: { readonly silent: boolean }): Promise<LmChatModel[]> {
    try {
      return lmChatModels(await this.deps.listModels(), this.deps.settings().model);
    } catch (error) {
      const failure = describeFailure(error, { secrets: this.deps.secrets() });
      this.deps.logger.warn(`lm: could not list Gemini models: ${failure.code}: ${failure.message}`);
      if (options.silent) return [];
      if (failure.code === 'noKey' && (await this.deps.offerCredentials?.())) return lmChatModels(await this.deps.listModels(), this.deps.settings().model);
      throw toLanguageModelError(failure);
    }
  }

  async provideLanguageModelChatResponse(
    model: LmChatModel,
    messages: readonly RequestMessage[],
    options: ResponseOptions,
    progress: vscode.Progress<unknown>,
    token: vscode.CancellationToken,
  ): Promise<void> {
    const controller = new AbortController();
    const cancelled = token.onCancellationRequested(() => controller.abort());
    const { LanguageModelTextPart: TextPart, LanguageModelToolCallPart: ToolCallPart } = this.api;
    try {
      await answerLmRequest(
        {
          model: model.id,
          messages: messages.map((message) => this.toLmMessage(message)),
          tools: options.tools,
          toolMode: options.toolMode,
          modelOptions: options.modelOptions,
          signal: controller.signal,
        },
        {
          text: (value) => progress.report(new TextPart!(value)),
          toolCall: (call) => progress.report(new ToolCallPart!(call.callId, call.name, call.input)),
        },
        { genai: this.deps.genai, settings: this.deps.settings, memory: this.memory, logger: this.deps.logger, secrets: this.deps.secrets, modelThinks: this.deps.modelThinks },
      );
    } catch (error) {
      if (error instanceof LmRequestError) throw toLanguageModelError(error.failure);
      throw toLanguageModelError(describeFailure(error, { model: model.id, secrets: this.deps.secrets() }));
    } finally {
      cancelled.dispose();
    }
  }

  async provideTokenCount(_model: LmChatModel, text: string | RequestMessage): Promise<number> {
    return estimateTokens(typeof text === 'string' ? text : this.toLmMessage(text));
  }

  private toLmMessage(message: RequestMessage): LmMessage {
    const content = typeof message.content === 'string' ? [message.content] : message.content;
    return { role: message.role, parts: content.map((part) => this.toLmPart(part)) };
  }

  private toLmPart(part: unknown): LmPart {
    const { LanguageModelThinkingPart: Thinking, LanguageModelPromptTsxPart: PromptTsx } = this.api;
    if (Thinking && part instanceof Thinking) return { kind: 'ignored', what: 'thinking' };
    if (PromptTsx && part instanceof PromptTsx) return { kind: 'text', text: promptTsxText((part as { value: unknown }).value) };
    const classified = classifyPart(part);
    if (classified.kind === 'toolResult') {
      const inner = (part as { content: unknown[] }).content;
      return { ...classified, content: inner.map((item) => this.toLmPart(item)) };
    }
    return classified;
  }
}

/** The API's own error kinds where one fits, so callers can react; the message is always ours. */
function toLanguageModelError(failure: FailureInfo): Error {
  switch (failure.code) {
    case 'noKey':
    case 'invalidKey':
    case 'keyLeaked':
    case 'apiDisabled':
    case 'permissionDenied':
      return vscode.LanguageModelError.NoPermissions(failure.message);
    case 'quotaPerDay':
    case 'quotaPerMinute':
    case 'blocked':
    case 'safety':
    case 'prohibitedContent':
      return vscode.LanguageModelError.Blocked(failure.message);
    case 'modelNotFound':
      return vscode.LanguageModelError.NotFound(failure.message);
    default:
      return new Error(failure.message);
  }
}
