// Gemini inside VS Code's own AI features, registered at activation: the language model provider
// (models in the Chat view's picker, usable by any extension through vscode.lm), the @gemini chat
// participant and our workspace tools as language-model tools (semantic search once this workspace
// has an index). Each is feature-detected and simply absent on hosts that lack its API. Their
// implementations (src/vscode/native/nativeChatParts.ts) live in the core bundle: each
// registration forwards to them, so the first call loads it, not activation.
import * as vscode from 'vscode';
import type { Logger } from '../../common/logger';
import { LM_VENDOR } from '../../lm/models';
import { PARTICIPANT_ID } from '../../lm/participant';
import { SEMANTIC_CONSENT_KEY, SEMANTIC_INDEX_CONTEXT } from '../../semantic/contextKeys';
import {
  CONNECTION_SETTINGS, hasChatParticipantApi, hasLanguageModelProviderApi, hasLanguageModelToolsApi, languageModelApi,
  type ChatModelProvider, type LanguageModelTool, type ToolApi,
} from './lmApi';
import type { NativeChatParts } from './nativeChatParts';

export interface NativeChatRegistrationDeps {
  /** The implementations; loads the core bundle on the first call. */
  parts: () => NativeChatParts;
  logger: Logger;
  /** Fires after the API key was set or cleared: the model list may have changed. */
  onDidChangeKey?: vscode.Event<void>;
}

export interface NativeChatRegistration {
  provider: boolean;
  participant: boolean;
  tools: boolean;
}

export function registerNativeChat(context: vscode.ExtensionContext, deps: NativeChatRegistrationDeps): NativeChatRegistration {
  const provider = hasLanguageModelProviderApi() && registerProvider(context, deps);
  const participant = hasChatParticipantApi() && registerParticipant(context, deps);
  const tools = hasLanguageModelToolsApi() && registerTools(context, deps);
  if (!provider) deps.logger.info('VS Code has no language model provider API here (needs 1.104); Gemini is not offered in its chat model picker.');
  if (!tools) deps.logger.info('VS Code has no language model tools API here (needs 1.95); the workspace tools stay private to Gemini.');
  deps.logger.info(`VS Code AI integration: model provider ${on(provider)}, @gemini ${on(participant)}, language model tools ${on(tools)}`);
  return { provider, participant, tools };
}

function registerProvider(context: vscode.ExtensionContext, deps: NativeChatRegistrationDeps): true {
  const modelsChanged = new vscode.EventEmitter<void>();
  context.subscriptions.push(
    modelsChanged,
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (CONNECTION_SETTINGS.some((key) => event.affectsConfiguration(key))) modelsChanged.fire();
    }),
  );
  if (deps.onDidChangeKey) context.subscriptions.push(deps.onDidChangeKey(() => modelsChanged.fire()));
  const forwarding: ChatModelProvider = {
    onDidChangeLanguageModelChatInformation: modelsChanged.event,
    provideLanguageModelChatInformation: (...args) => deps.parts().provider.provideLanguageModelChatInformation(...args),
    provideLanguageModelChatResponse: (...args) => deps.parts().provider.provideLanguageModelChatResponse(...args),
    provideTokenCount: (...args) => deps.parts().provider.provideTokenCount(...args),
  };
  context.subscriptions.push(languageModelApi.lm.registerLanguageModelChatProvider!(LM_VENDOR, forwarding));
  return true;
}

function registerParticipant(context: vscode.ExtensionContext, deps: NativeChatRegistrationDeps): true {
  const participant = vscode.chat.createChatParticipant(PARTICIPANT_ID, (...args) => deps.parts().participant.answer(...args));
  participant.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'icon.png');
  participant.followupProvider = { provideFollowups: (result) => deps.parts().participant.followups(result) };
  context.subscriptions.push(participant);
  return true;
}

function registerTools(context: vscode.ExtensionContext, deps: NativeChatRegistrationDeps): true {
  const api = vscode as unknown as ToolApi;
  // gemini_search_code_semantic's `when`: until the core loads and checks the index itself
  // (src/vscode/semantic/semanticIndex.ts), offer it where the user indexed this workspace and
  // the setting is on; a call that finds no index is told how to build one.
  const indexed = context.workspaceState.get<boolean>(SEMANTIC_CONSENT_KEY, false) && vscode.workspace.getConfiguration('gemini').get<boolean>('semanticSearch.enabled', false);
  if (indexed) void vscode.commands.executeCommand('setContext', SEMANTIC_INDEX_CONTEXT, true);
  // The manifest's contributes.languageModelTools (generated from the tools table) names them all.
  const contributed = (context.extension.packageJSON as { contributes?: { languageModelTools?: { name: string }[] } }).contributes?.languageModelTools ?? [];
  const tool = (name: string): LanguageModelTool => {
    const found = deps.parts().tools.get(name);
    if (!found) throw new Error(`Gemini has no language model tool named ${name}.`);
    return found;
  };
  for (const { name } of contributed) {
    context.subscriptions.push(api.lm.registerTool!(name, {
      prepareInvocation: (options, token) => tool(name).prepareInvocation(options, token),
      invoke: (options, token) => tool(name).invoke(options, token),
    }));
  }
  return true;
}

function on(registered: boolean): string {
  return registered ? 'on' : 'unavailable in this VS Code';
}
