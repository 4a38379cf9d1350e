// The core of the extension (its own bundle, dist/core.js): the Gemini client and engine, the
// workspace tools, the chat, the editor actions and what VS Code's AI features call. extension.ts
// loads it on first use (src/vscode/lazyCore.ts) and hands over what it built at activation.
import * as vscode from 'vscode';
import { ApiKeyService } from './gemini/apiKey';
import { cachedGenAIProvider } from './gemini/client';
import type { TurnEvent, UsageInfo } from './gemini/events';
import type { TurnOutcome } from './gemini/engine';
import { ModelCatalog } from './gemini/models';
import { GeminiEngine } from './gemini/turnEngine';
import { ContextCacheManager } from './gemini/contextCache';
import { textAttachment } from './chat/attachments';
import { ChatRejection } from './chat/controller';
import { observeUsage } from './actions/collectTurn';
import type { OutputLog } from './vscode/log';
import type { Config } from './vscode/config';
import { registerKeyCommands } from './vscode/apiKey';
import { registerModelPicker } from './vscode/modelPicker';
import { registerWorkspaceTools } from './vscode/toolRegistration';
import { registerChat } from './vscode/chatView';
import { registerAgent } from './vscode/agent/registerAgent';
import { registerEditorActions, type ChatAttachment } from './vscode/editorActions';
import { registerCommitMessage } from './vscode/commitMessage';
import { chatModelSource, connectionSettings } from './vscode/lmConnection';
import { createNativeChat, type NativeChatParts } from './vscode/nativeChatParts';

/** What extension.ts built at activation and the core shares. */
export interface ShellServices {
  log: OutputLog;
  config: Config;
  /** Fired after the API key was set or cleared, or Vertex AI mode switched. */
  keyChanged: vscode.EventEmitter<void>;
  /** Whether requests can be authenticated (a key, or Vertex AI mode). */
  hasApiKey(): Promise<boolean>;
  /** The status bar's usage display. */
  recordUsage(usage: UsageInfo, model: string): void;
}

export interface Core {
  resolveChatView(view: vscode.WebviewView): void;
  native: NativeChatParts;
  /** For the test API (extension development and test mode only). */
  runTurn(text: string): Promise<{ events: TurnEvent[]; outcome: TurnOutcome }>;
}

export function activateCore(context: vscode.ExtensionContext, shell: ShellServices): Core {
  const { log, config, keyChanged, hasApiKey } = shell;
  // Endpoint, API version, Vertex AI project and VS Code's proxy settings, read per request.
  const connection = () => connectionSettings(config.snapshot());
  const keys = new ApiKeyService({ secrets: context.secrets, connection });
  const genai = cachedGenAIProvider(() => keys.getKey(), connection);
  const catalog = new ModelCatalog({ genai });
  const tools = registerWorkspaceTools(context, { logger: log, settings: () => config.snapshot() });
  const contextCache = new ContextCacheManager({ genai, settings: () => config.snapshot(), logger: log });
  const engine = new GeminiEngine({
    genai, settings: () => config.snapshot(), tools, logger: log, contextCache,
    secrets: () => keys.knownSecrets(), modelThinks: (model) => catalog.thinks(model),
  });
  const listModels = chatModelSource(() => config.snapshot(), catalog);
  // Every UI runs turns through one runner, so the status bar sees each turn's usage.
  const runner = observeUsage(engine, shell.recordUsage);

  registerKeyCommands(context, { keys, redact: (secret) => log.addSecret(secret), onKeyChanged: () => { catalog.invalidate(); keyChanged.fire(); } });
  registerModelPicker(context, { catalog, config, secrets: () => keys.knownSecrets() });
  context.subscriptions.push(config.onDidChange((changed) => {
    if (changed.some((key) => key === 'endpoint' || key === 'apiVersion' || key.startsWith('vertex.'))) catalog.invalidate();
  }));

  const agent = registerAgent(context, {
    tools, log,
    settings: () => {
      const values = config.snapshot();
      return { autoApply: values['agent.autoApply'], maxEditBytes: values['agent.maxFileBytes'], maxToolRounds: values.maxToolRounds };
    },
  });
  const chat = registerChat(context, {
    runner, log, hasApiKey, onDidChangeKey: keyChanged.event,
    getModel: () => config.get('model'),
    listModels: async () => (await listModels()).map((model) => model.id),
    setModel: (model) => config.update('model', model),
    catalog, genai, contextCache, agent,
  });
  const askInChat = async (prompt: string, attachment: ChatAttachment) => {
    await chat.provider.reveal();
    const pending = textAttachment({
      kind: 'selection', path: vscode.workspace.asRelativePath(attachment.uri), languageId: attachment.languageId, text: attachment.text,
      lines: { start: attachment.range.start.line + 1, end: attachment.range.end.line + 1 },
    });
    chat.controller.addAttachments([pending]);
    try {
      await chat.controller.send(prompt, [pending.chip.id]);
    } catch (error) {
      // Busy with another answer: the selection stays attached as a chip, nothing is lost.
      if (!(error instanceof ChatRejection)) throw error;
      void vscode.window.showWarningMessage(error.message);
    }
  };
  registerEditorActions(context, { runner, chat: { ask: askInChat }, log, getModel: () => config.get('model') });
  registerCommitMessage(context, { runner, log });
  const native = createNativeChat(context, {
    genai, catalog, runner, settings: () => config.snapshot(), logger: log, secrets: () => keys.knownSecrets(), keys,
  });
  return { resolveChatView: chat.resolveView, native, runTurn: (text) => collectTurn(engine, text) };
}

async function collectTurn(engine: GeminiEngine, text: string): Promise<{ events: TurnEvent[]; outcome: TurnOutcome }> {
  const events: TurnEvent[] = [];
  const turn = engine.runTurn({ history: [], message: { role: 'user', parts: [{ text }] }, signal: new AbortController().signal });
  for (;;) {
    const next = await turn.next();
    if (next.done) return { events, outcome: next.value };
    events.push(next.value);
  }
}
