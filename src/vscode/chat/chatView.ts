// The chat webview view in the Gemini activity-bar container, and registerChat, which wires the
// chat (controller, store, router, editor port, commands) for extension.ts. The HTML is a shell:
// a strict CSP with a per-load nonce, one script and two stylesheets; the webview bundle renders
// everything else from messages.
import * as vscode from 'vscode';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { GenAIProvider } from '../../gemini/client';
import type { ContextCacheManager } from '../../gemini/contextCache';
import type { TurnRunner } from '../../gemini/turnContract';
import type { ModelCatalog } from '../../gemini/models';
import type { Logger } from '../../common/logger';
import type { HostMessage } from '../../protocol/messages';
import { ChatController } from '../../chat/controller';
import { ChatRejection } from '../../chat/rejection';
import { ChatMessageRouter } from '../../chat/router';
import { FileChatStore, MemoryChatStore, type ChatStore } from '../../chat/store';
import { ProposedChanges } from './chatDiff';
import { VsCodeChatPort } from './chatPort';
import { CHAT_VIEW_ID } from './views';
import type { ChatAgent } from '../agent/registerAgent';
import type { WorkspacePackStatus } from '../../context/packStatus';

export { CHAT_VIEW_ID };

export interface ChatDeps {
  runner: TurnRunner;
  log: Logger;
  /** Whether a key is stored; the key itself never reaches the chat. */
  hasApiKey(): Promise<boolean>;
  onDidChangeKey: vscode.Event<unknown>;
  /** The configured chat model (gemini.model). */
  getModel(): string;
  /** Models offered by the picker (e.g. from models.list); default: only the configured one. */
  listModels?(): Promise<string[]>;
  /** Default: writes gemini.model to the user settings. */
  setModel?(model: string): Promise<void>;
  /** Where chats are stored; default: <workspace storage or global storage>/chats. */
  storageFolder?: string;
  /** Model limits and thinking support in the picker, and the composer's token meter (countTokens). */
  catalog?: ModelCatalog;
  /** The SDK client: attachments above the inline limit are uploaded through the Files API. */
  genai?: GenAIProvider;
  /** The engine's context cache: a chat's cache is deleted when the chat is closed. */
  contextCache?: ContextCacheManager;
  /** Opens a rules file named on a turn's rules chip. */
  openRulesFile?(path: string): Promise<void>;
  /** The picker of VS Code's tools offered in the chat. */
  pickTools?(): Promise<void>;
  /** The last command's output in the active terminal, for "attach terminal output". */
  terminalOutput?(): Promise<{ terminal: string; command?: string; output: string; exitCode?: number } | undefined>;
  /** Agent mode (write tools, Changes card, checkpoints); absent: the chat is read-only. */
  agent?: ChatAgent;
  /** Whole-workspace packs: the meter counts the chat's pack, its manifest reopens; changes are pushed to the view. */
  workspacePacks?: WorkspacePackStatus & { onDidChange: vscode.Event<string> };
}

export interface ChatRegistration {
  controller: ChatController;
  /** Handles the webview's messages (the test API sends them as the webview would). */
  router: ChatMessageRouter;
  provider: ChatViewProvider;
  /** For the view's registration (extension.ts, at activation): the first `ready` waits for the restored chat. */
  resolveView(view: vscode.WebviewView): void;
}

export class ChatViewProvider implements vscode.WebviewViewProvider {
  private view: vscode.WebviewView | undefined;
  /** True between the webview's `ready` and its next unload: messages sent before it are lost anyway. */
  private ready = false;

  /** Without `connection` the view is only the shell (what extension.ts used before registerChat). */
  constructor(private readonly extensionUri: vscode.Uri, private readonly connection?: { router: () => ChatMessageRouter; log: Logger }) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.ready = false;
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist');
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    view.webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: [dist, media] };
    view.webview.html = renderShell(view.webview, dist, media);
    view.webview.onDidReceiveMessage((message: unknown) => {
      if (isReady(message)) this.ready = true;
      void this.connection?.router().handle(message);
    });
    view.onDidChangeVisibility(() => {
      if (!view.visible) this.ready = false;
    });
    view.onDidDispose(() => {
      if (this.view === view) this.view = undefined;
      this.ready = false;
    });
  }

  post(message: HostMessage): void {
    if (!this.view || !this.ready) return;
    this.view.webview.postMessage(message).then(undefined, (error: Error) => this.connection?.log.debug(`Chat webview: post failed: ${error.message}`));
  }

  async reveal(): Promise<void> {
    await vscode.commands.executeCommand(`${CHAT_VIEW_ID}.focus`);
  }
}

/** Wires the chat: controller, store, commands; returns how to resolve the view. Call once. */
export function registerChat(context: vscode.ExtensionContext, deps: ChatDeps): ChatRegistration {
  const folder = deps.storageFolder ?? path.join((context.storageUri ?? context.globalStorageUri).fsPath, 'chats');
  const store: ChatStore = folder ? new FileChatStore(folder, deps.log) : new MemoryChatStore();
  let provider: ChatViewProvider | undefined;
  const post = (message: HostMessage) => provider?.post(message);
  const controller = new ChatController({
    runner: deps.runner, store, log: deps.log, post, getModel: deps.getModel,
    modelThinks: (model) => deps.catalog?.thinks(model),
    onChatClosed: (chatId) => void deps.contextCache?.release(chatId),
    ...(deps.agent ? { turnTools: deps.agent.turnTools, onTurnSettled: deps.agent.onTurnSettled, onChatLoaded: deps.agent.onChatLoaded } : {}),
  });
  deps.agent?.attach(controller);
  const proposals = new ProposedChanges();
  const port = new VsCodeChatPort(deps, proposals);
  const router = new ChatMessageRouter(controller, port, deps.log, post);
  provider = new ChatViewProvider(context.extensionUri, { router: () => router, log: deps.log });
  const restored = (deps.agent?.ready ?? Promise.resolve()).then(() => controller.restore()).catch((error: Error) => deps.log.warn(`Chat history: cannot restore the last chat: ${error.message}`));

  const run = (work: () => Promise<unknown>) => async () => {
    try {
      await restored;
      await work();
    } catch (error) {
      const message = error instanceof ChatRejection ? error.message : vscode.l10n.t('Gemini chat: {0}', (error as Error).message);
      void vscode.window.showWarningMessage(message);
    }
  };
  const pushModelState = () => router.postModelState();

  context.subscriptions.push(
    proposals,
    proposals.register(),
    vscode.commands.registerCommand('gemini.newChat', run(async () => {
      await provider?.reveal();
      await controller.newChat();
      post({ type: 'focusComposer' });
    })),
    vscode.commands.registerCommand('gemini.openChat', (id?: unknown) => run(async () => {
      await provider?.reveal();
      if (typeof id === 'string') {
        await controller.openChat(id);
        await router.postModelState();
      }
      post({ type: 'focusComposer' });
    })()),
    vscode.commands.registerCommand('gemini.exportChat', run(async () => {
      const { title, markdown } = await controller.exportChat();
      await port.saveExport(title, markdown);
    })),
    vscode.commands.registerCommand('gemini.showChatHistory', run(async () => {
      await provider?.reveal();
      post({ type: 'showHistory', visible: !router.historyOpen });
    })),
    deps.onDidChangeKey(async () => post({ type: 'keyState', hasApiKey: await deps.hasApiKey() })),
    ...(deps.workspacePacks ? [deps.workspacePacks.onDidChange((chatId) => router.postWorkspacePack(chatId))] : []),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('gemini.model')) void pushModelState();
    }),
    { dispose: () => void controller.dispose().then(() => deps.contextCache?.releaseAll()) },
  );
  // The first `ready` must wait for the restored chat, so the snapshot shows it.
  const resolveView = (view: vscode.WebviewView) => void restored.then(() => provider?.resolveWebviewView(view));
  return { controller, router, provider, resolveView };
}

export function renderShell(webview: vscode.Webview, dist: vscode.Uri, media: vscode.Uri): string {
  const nonce = randomBytes(16).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(media, 'chat.css'));
  const codicons = webview.asWebviewUri(vscode.Uri.joinPath(media, 'codicons', 'codicon.css'));
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data:`,
    "connect-src 'none'",
    "frame-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
  const language = vscode.env.language.replace(/[^\w-]/g, '') || 'en';
  // The chat's strings in the display language, from the same bundle as the host's (l10n/): an
  // attribute, not a script element, so the shell keeps no inline script at all.
  const l10nData = escapeAttribute(JSON.stringify({ language, bundle: vscode.l10n.bundle ?? {} }));
  return `<!DOCTYPE html>
<html lang="${language}" data-gemini-l10n="${l10nData}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${codicons}">
<link rel="stylesheet" href="${style}">
<title>Gemini</title>
</head>
<body>
<main id="app"></main>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}

function isReady(message: unknown): boolean {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'ready';
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
