// Composition root, in two stages. Activation (this file, dist/extension.js) registers what must
// exist from the start: every command, the chat view, the code actions, the status bar, the
// `gemini.hasApiKey` context and VS Code's AI registrations. None of them needs the rest of the
// extension yet: the core (src/core.ts, dist/core.js) loads the first time one of them is used.
import './vscode/l10nSetup';
import type { NativeChatParts } from './vscode/native/nativeChatParts';
import * as vscode from 'vscode';
import { COMMANDS } from './commands/table';
import type { Core, ShellServices } from './core';
import { findApiKey } from './gemini/keySource';
import type { TurnEvent } from './gemini/events';
import type { TurnOutcome } from './gemini/turnContract';
import type { GeminiInlineCompletions } from './vscode/completions/provider';
import { Config } from './vscode/config';
import { COMPLETION_COMMANDS, CompletionsShell } from './vscode/completions/shell';
import { registerCodeActions } from './vscode/editor/codeActions';
import { registerGettingStarted } from './vscode/key/gettingStarted';
import { LazyCore } from './vscode/lazyCore';
import { registerNativeChat } from './vscode/native/lmNativeChat';
import { OutputLog } from './vscode/log';
import { registerStatusBar } from './vscode/model/statusBar';
import { CHAT_VIEW_ID, CHAT_VIEW_OPTIONS } from './vscode/chat/views';

/** Exported to tests only (extension development / test mode), never to other extensions. */
export interface GeminiTestApi {
  runTurn(text: string): Promise<{ events: TurnEvent[]; outcome: TurnOutcome }>;
  /** Whether the core bundle has been loaded (it loads on first use, not at activation). */
  coreLoaded(): boolean;
  /** The core's inline completion provider (loads the core), and what the status item shows. */
  inlineCompletions(): GeminiInlineCompletions;
  completionsStatusText(): string;
  /** The chat controller and the whole-workspace packs (loads the core). */
  chatForTests(): ReturnType<Core['chatForTests']>;
  /** @gemini's request handler as the Chat view calls it (loads the core). */
  answerChatRequest(...args: Parameters<NativeChatParts['participant']['answer']>): Promise<vscode.ChatResult>;
}

export function activate(context: vscode.ExtensionContext): GeminiTestApi | undefined {
  const log = new OutputLog();
  const config = new Config();
  const keyChanged = new vscode.EventEmitter<void>();
  context.subscriptions.push(log, config, keyChanged, vscode.commands.registerCommand('gemini.showLog', () => log.show()));
  context.subscriptions.push(config.onDidChange((changed) => {
    if (changed.includes('vertex.enabled')) keyChanged.fire();
  }));

  // Vertex AI mode authenticates with Google Cloud credentials: no API key to ask for.
  const hasApiKey = async () => config.get('vertex.enabled') || Boolean(await findApiKey(context.secrets));
  const status = registerStatusBar(context, { getModel: () => config.get('model') });
  const completions = new CompletionsShell({ config, provider: () => core.get().completions });
  const shell: ShellServices = { log, config, keyChanged, hasApiKey, recordUsage: status.recordUsage, completionStatus: completions.setStatus };
  // A plain require of the sibling bundle (esbuild leaves it external), synchronous on purpose:
  // whoever asks gets the core in the same call.
  const core = new LazyCore<Core>(() => (require('./core.js') as typeof import('./core')).activateCore(context, shell), log);
  context.subscriptions.push(core, completions);

  const shellCommands: readonly string[] = ['gemini.showLog', ...COMPLETION_COMMANDS];
  core.deferCommands(Object.keys(COMMANDS).filter((id) => !shellCommands.includes(id)));
  context.subscriptions.push(vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, {
    resolveWebviewView: (view) => core.get().resolveChatView(view),
  }, CHAT_VIEW_OPTIONS));
  registerCodeActions(context);
  registerGettingStarted(context, { hasApiKey, onDidChangeKey: keyChanged.event });
  registerNativeChat(context, { parts: () => core.get().native, logger: log, onDidChangeKey: keyChanged.event });

  log.info(`Gemini for VS Code ${context.extension.packageJSON.version} activated`);
  if (context.extensionMode === vscode.ExtensionMode.Production) return undefined;
  return {
    runTurn: (text) => core.get().runTurn(text), coreLoaded: () => core.loaded,
    inlineCompletions: () => core.get().completions, completionsStatusText: () => completions.text,
    chatForTests: () => core.get().chatForTests(),
    answerChatRequest: (...args) => core.get().native.participant.answer(...args),
  };
}

export function deactivate(): void {}
