// What Gemini brings to VS Code's own AI features, built when first needed (in the core bundle):
// the language model provider's implementation, @gemini's request handler and our workspace tools
// as language-model tools. src/vscode/native/lmNativeChat.ts registers them with VS Code at activation
// and forwards to these on the first call.
import * as vscode from 'vscode';
import type { Logger } from '../../common/logger';
import type { ApiKeyService } from '../../gemini/apiKey';
import type { GenAIProvider } from '../../gemini/client';
import type { TurnRunner } from '../../gemini/turnContract';
import type { ModelInfo } from '../../gemini/models';
import type { SettingsSource } from '../../config/settingValues';
import { followupsFor, type ParticipantMetadata } from '../../lm/participant';
import { ensureApiKey } from '../key/apiKey';
import { answerChatRequest } from './chatParticipant';
import { chatModelSource, registerVertexCheck } from '../model/connection';
import { hasLanguageModelToolsApi, type ChatModelProvider, type LanguageModelTool } from './lmApi';
import { createLanguageModelProvider } from './lmProvider';
import { createLanguageModelTools, type LmSemanticIndex } from './lmTools';

export interface NativeChatDeps {
  /** The same provider the engine uses (cachedGenAIProvider over connectionSettings). */
  genai: GenAIProvider;
  catalog: { list(): Promise<ModelInfo[]>; thinks(model: string): boolean | undefined };
  /** The engine with the workspace tools, for @gemini. */
  runner: TurnRunner;
  settings: SettingsSource;
  logger: Logger;
  secrets: () => Iterable<string>;
  /** Offered when VS Code asks for our models interactively and no key is set. */
  keys?: ApiKeyService;
  /** The semantic index, for gemini_search_code_semantic. */
  semantic?: LmSemanticIndex;
}

export interface NativeChatParts {
  provider: ChatModelProvider;
  participant: {
    answer(request: vscode.ChatRequest, context: vscode.ChatContext, stream: vscode.ChatResponseStream, token: vscode.CancellationToken): Promise<vscode.ChatResult>;
    followups(result: vscode.ChatResult): vscode.ChatFollowup[];
  };
  /** By registered tool name; empty on a host without the language model tools API. */
  tools: ReadonlyMap<string, LanguageModelTool>;
}

export function createNativeChat(context: vscode.ExtensionContext, deps: NativeChatDeps): NativeChatParts {
  const provider = createLanguageModelProvider({
    genai: deps.genai,
    listModels: chatModelSource(deps.settings, deps.catalog),
    settings: deps.settings,
    logger: deps.logger,
    secrets: deps.secrets,
    modelThinks: (model) => deps.catalog.thinks(model),
    offerCredentials: deps.keys ? () => ensureApiKey(deps.keys!) : undefined,
  });
  const participantDeps = { runner: deps.runner, logger: deps.logger };
  const tools = hasLanguageModelToolsApi() ? createLanguageModelTools(context, { logger: deps.logger, settings: deps.settings, semantic: deps.semantic }) : new Map<string, LanguageModelTool>();
  registerVertexCheck(context, { settings: deps.settings, logger: deps.logger });
  return {
    provider,
    participant: {
      answer: (request, chatContext, stream, token) => answerChatRequest(request, chatContext, stream, token, participantDeps),
      followups: (result) => followupsFor(result.metadata as ParticipantMetadata | undefined),
    },
    tools,
  };
}
