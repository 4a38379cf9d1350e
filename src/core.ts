// The core of the extension (its own bundle, dist/core.js): the Gemini client and engine, the
// workspace tools, the chat, the editor actions and what VS Code's AI features call. extension.ts
// loads it on first use (src/vscode/lazyCore.ts) and hands over what it built at activation.
import './vscode/l10nSetup';
import * as vscode from 'vscode';
import { ApiKeyService } from './gemini/apiKey';
import { cachedGenAIProvider } from './gemini/client';
import type { TurnEvent, UsageInfo } from './gemini/events';
import type { TurnOutcome } from './gemini/turnContract';
import { ModelCatalog } from './gemini/models';
import { GeminiEngine } from './gemini/turnEngine';
import { ContextCacheManager } from './gemini/contextCache';
import { textAttachment } from './chat/attachments';
import { ChatRejection } from './chat/rejection';
import { observeUsage } from './actions/actionTurn';
import type { OutputLog } from './vscode/log';
import type { Config } from './vscode/config';
import { registerKeyCommands } from './vscode/key/apiKey';
import { registerModelPicker } from './vscode/model/modelPicker';
import { registerWorkspaceTools } from './vscode/workspace/toolRegistration';
import { registerChat } from './vscode/chat/chatView';
import { registerEditorActions, type ChatAttachment } from './vscode/editor/editorActions';
import { registerInlineEditing } from './vscode/inline/registerInline';
import { InlineExplainer } from './vscode/inline/inlineExplain';
import { registerCommitMessage } from './vscode/editor/commitMessage';
import { chatModelSource, connectionSettings } from './vscode/model/connection';
import { createNativeChat, type NativeChatParts } from './vscode/native/nativeChatParts';
import { VsCodeRules } from './vscode/chat/rules';
import { VsCodeWorkspacePort } from './vscode/workspace/workspacePort';
import { withRules } from './rules/rulesRunner';
import { combineTools, ExternalTools } from './tools/externalTools';
import { CHAT_TOOLS } from './tools/table';
import { VsCodeExternalTools } from './vscode/native/lmToolsInChat';
import { VsCodeTerminalPort } from './vscode/agent/terminalPort';
import { GeminiInlineCompletions } from './vscode/completions/provider';
import { registerLanguageToggle } from './vscode/completions/languageToggle';
import { geminiGenerate } from './completions/request';
import type { CompletionStatus } from './completions/engine';
import { registerAgent } from './vscode/agent/registerAgent';
import { withWorkspacePack } from './context/packRunner';
import { VsCodeWorkspacePacks } from './vscode/context/workspacePack';
import { registerSemanticIndex } from './vscode/semantic/semanticIndex';

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
  /** The completions status item: paused after a 429, or capped for the minute. */
  completionStatus(status: CompletionStatus): void;
}

export interface Core {
  resolveChatView(view: vscode.WebviewView): void;
  native: NativeChatParts;
  /** What the shell's inline completion registration forwards to. */
  completions: GeminiInlineCompletions;
  /** For the test API (extension development and test mode only). */
  runTurn(text: string): Promise<{ events: TurnEvent[]; outcome: TurnOutcome }>;
  /** For the test API: the chat, its webview message router and its whole-workspace packs. */
  chatForTests(): { controller: import('./chat/controller').ChatController; router: import('./chat/router').ChatMessageRouter; packs: VsCodeWorkspacePacks };
}

export function activateCore(context: vscode.ExtensionContext, shell: ShellServices): Core {
  const { log, config, keyChanged, hasApiKey } = shell;
  // Endpoint, API version, Vertex AI project and VS Code's proxy settings, read per request.
  const connection = () => connectionSettings(config.snapshot());
  const keys = new ApiKeyService({ secrets: context.secrets, connection });
  const genai = cachedGenAIProvider(() => keys.getKey(), connection);
  const catalog = new ModelCatalog({ genai });
  const terminal = new VsCodeTerminalPort(log, { secrets: () => keys.knownSecrets() });
  const semantic = registerSemanticIndex(context, { genai, config, log });
  const tools = registerWorkspaceTools(context, { logger: log, settings: () => config.snapshot(), terminal, semantic });
  const contextCache = new ContextCacheManager({ genai, settings: () => config.snapshot(), logger: log });
  // VS Code's own language-model tools (MCP servers, other extensions), once enabled in the tools picker.
  const vsCodeTools = new VsCodeExternalTools(context.globalState, log);
  const external = new ExternalTools({ port: vsCodeTools, logger: log, maxResultBytes: () => config.get('tools.maxResultBytes'), reserved: () => CHAT_TOOLS.map((tool) => tool.name) });
  context.subscriptions.push(vscode.commands.registerCommand('gemini.selectChatTools', (names?: unknown) => vsCodeTools.pick(names)));
  const engine = new GeminiEngine({
    genai, settings: () => config.snapshot(), tools: combineTools(tools, external), logger: log, contextCache,
    secrets: () => keys.knownSecrets(), modelThinks: (model) => catalog.thinks(model), knownModels: () => catalog.cached(),
  });
  const listModels = chatModelSource(() => config.snapshot(), catalog);
  // Every UI runs turns through one runner, so the status bar sees each turn's usage.
  const runner = observeUsage(engine, shell.recordUsage);

  registerKeyCommands(context, { keys, redact: (secret) => log.addSecret(secret), onKeyChanged: () => { catalog.invalidate(); keyChanged.fire(); } });
  registerModelPicker(context, { catalog, config, secrets: () => keys.knownSecrets() });
  context.subscriptions.push(config.onDidChange((changed) => {
    if (changed.some((key) => key === 'endpoint' || key === 'apiVersion' || key.startsWith('vertex.'))) catalog.invalidate();
  }));

  const rulesPort = new VsCodeWorkspacePort();
  context.subscriptions.push(rulesPort);
  const rules = new VsCodeRules({ port: rulesPort, log, enabled: () => config.get('rules.enabled'), session: () => chat.controller.current() });
  // The editor actions, the commit message and @gemini read the same rules (same cap and setting);
  // their file in play is the active editor's.
  const editorRules = new VsCodeRules({ port: rulesPort, log, enabled: () => config.get('rules.enabled'), session: () => undefined });
  const runnerWithRules = withRules(runner, editorRules, (error) => log.warn(`Rules files: ${(error as Error)?.message ?? String(error)}`));
  const agent = registerAgent(context, {
    // An Agent turn's own executor: the write tools and its proposals, still beside VS Code's tools.
    tools: { forTurn: (scope) => combineTools(tools.forTurn(scope), external) }, log,
    settings: () => {
      const values = config.snapshot();
      return { autoApply: values['agent.autoApply'], maxEditBytes: values['agent.maxFileBytes'], maxToolRounds: values.maxToolRounds };
    },
  });
  const packPort = new VsCodeWorkspacePort();
  const packs = new VsCodeWorkspacePacks({ port: packPort, settings: () => config.snapshot(), catalog, log });
  context.subscriptions.push(packPort, packs);
  const chat = registerChat(context, {
    runner: withWorkspacePack(withRules(runner, rules, (error) => log.warn(`Rules files: ${(error as Error)?.message ?? String(error)}`)), packs), log,
    openRulesFile: (path) => rules.open(path),
    pickTools: () => vsCodeTools.pick(),
    terminalOutput: () => terminal.lastOutput(60_000), hasApiKey, onDidChangeKey: keyChanged.event,
    getModel: () => config.get('model'),
    listModels: async () => (await listModels()).map((model) => model.id),
    setModel: (model) => config.update('model', model),
    catalog, genai, contextCache, agent, workspacePacks: packs,
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
  const inlineEditing = registerInlineEditing(context, { runner: runnerWithRules, log });
  const explainer = new InlineExplainer({ runner: runnerWithRules, log, chat: { ask: askInChat } });
  context.subscriptions.push(explainer);
  registerEditorActions(context, {
    runner: runnerWithRules, chat: { ask: askInChat }, log, getModel: () => config.get('model'),
    inline: { controller: inlineEditing, style: () => config.get('editor.previewStyle') === 'diffTab' ? 'diffTab' : 'inline' },
    explainInline: { explainer, style: () => config.get('editor.explainStyle') === 'chat' ? 'chat' : 'inline' },
  });
  registerCommitMessage(context, { runner: runnerWithRules, log });
  const native = createNativeChat(context, {
    genai, catalog, runner: runnerWithRules, settings: () => config.snapshot(), logger: log, secrets: () => keys.knownSecrets(), keys, semantic,
  });
  const completions = new GeminiInlineCompletions({ generate: geminiGenerate(genai), settings: () => config.snapshot(), logger: log, onStatus: shell.completionStatus });
  context.subscriptions.push(completions);
  registerLanguageToggle(context, config);
  return {
    resolveChatView: chat.resolveView, native, completions, runTurn: (text) => recordTurn(engine, text),
    chatForTests: () => ({ controller: chat.controller, router: chat.router, packs }),
  };
}

/** Every event of a one-message turn and its outcome (the test API's runTurn). */
async function recordTurn(engine: GeminiEngine, text: string): Promise<{ events: TurnEvent[]; outcome: TurnOutcome }> {
  const events: TurnEvent[] = [];
  const turn = engine.runTurn({ history: [], message: { role: 'user', parts: [{ text }] }, signal: new AbortController().signal });
  for (;;) {
    const next = await turn.next();
    if (next.done) return { events, outcome: next.value };
    events.push(next.value);
  }
}
