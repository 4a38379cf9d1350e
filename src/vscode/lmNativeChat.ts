// Gemini inside VS Code's own AI features, in one call for the composition root: the language
// model provider (models in the Chat view's picker, usable by any extension through vscode.lm),
// the @gemini chat participant, our workspace tools as language-model tools, and the Vertex AI
// credentials check. Each part is feature-detected and simply absent on hosts that lack its API.
import * as vscode from 'vscode';
import type { Logger } from '../common/logger';
import type { ApiKeyService } from '../gemini/apiKey';
import type { GenAIProvider } from '../gemini/client';
import type { TurnRunner } from '../gemini/engine';
import type { ModelInfo } from '../gemini/models';
import type { SettingsSource } from '../gemini/settingValues';
import { ensureApiKey } from './apiKey';
import { registerChatParticipant } from './chatParticipant';
import { chatModelSource, CONNECTION_SETTINGS, registerVertexCheck } from './lmConnection';
import { registerLanguageModelProvider } from './lmProvider';
import { registerLanguageModelTools } from './lmTools';

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
  /** Fires after the API key was set or cleared. */
  onDidChangeKey?: vscode.Event<void>;
}

export interface NativeChatRegistration {
  provider: boolean;
  participant: boolean;
  tools: boolean;
}

export function registerNativeChat(context: vscode.ExtensionContext, deps: NativeChatDeps): NativeChatRegistration {
  const modelsChanged = new vscode.EventEmitter<void>();
  context.subscriptions.push(
    modelsChanged,
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (CONNECTION_SETTINGS.some((key) => event.affectsConfiguration(key))) modelsChanged.fire();
    }),
  );
  if (deps.onDidChangeKey) context.subscriptions.push(deps.onDidChangeKey(() => modelsChanged.fire()));

  const provider = registerLanguageModelProvider(context, {
    genai: deps.genai,
    listModels: chatModelSource(deps.settings, deps.catalog),
    settings: deps.settings,
    logger: deps.logger,
    secrets: deps.secrets,
    modelThinks: (model) => deps.catalog.thinks(model),
    onDidChangeModels: modelsChanged.event,
    offerCredentials: deps.keys ? () => ensureApiKey(deps.keys!) : undefined,
  });
  const participant = registerChatParticipant(context, { runner: deps.runner, logger: deps.logger });
  const tools = registerLanguageModelTools(context, { logger: deps.logger, settings: deps.settings });
  registerVertexCheck(context, { settings: deps.settings, logger: deps.logger });
  deps.logger.info(`VS Code AI integration: model provider ${on(provider)}, @gemini ${on(participant)}, language model tools ${on(tools)}`);
  return { provider, participant, tools };
}

function on(registered: boolean): string {
  return registered ? 'on' : 'unavailable in this VS Code';
}
