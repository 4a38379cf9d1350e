// Routes validated webview messages to the chat controller and to the editor side effects (copy,
// insert, diff preview, links, commands), and answers requests. Pure: the VS Code side implements
// ChatHostPort, so every route is unit-tested without an editor.
import type { Logger } from '../common/logger';
import { assertNever } from '../common/assertNever';
import type { AttachSource, FailureAction, HostMessage, RequestResult, RequestResults, WebviewMessage } from '../protocol/messages';
import { validateWebviewMessage } from '../protocol/validate';
import type { ModelSummary } from '../protocol/view';
import { imageAttachment, type PendingAttachment } from './attachments';
import { ChatController } from './controller';
import { ChatRejection } from './rejection';
import { dataAttachment, type FileUploader } from './dataAttachments';
import { summarizeModels } from './modelSummaries';
import { TokenMeter, type TokenCounter } from './tokenMeter';
import type { ReviewRequest } from '../agent/agentTurns';
import type { WorkspacePackStatus } from '../context/packStatus';
import { l10n } from '../common/l10n';

export interface CodeBlock {
  code: string;
  language?: string;
}

/** What the chat needs from the editor. Methods throw ChatRejection to show the user a reason. */
export interface ChatHostPort {
  hasApiKey(): Promise<boolean>;
  getModel(): string;
  listModels(): Promise<string[]>;
  setModel(model: string): Promise<void>;
  copy(text: string): Promise<void>;
  insertCode(block: CodeBlock): Promise<void>;
  applyCode(block: CodeBlock): Promise<void>;
  saveCodeAsFile(block: CodeBlock): Promise<void>;
  /** Only ever called with an http(s) URL. */
  openExternal(href: string): Promise<void>;
  /** Runs the command behind a recovery action other than retry (set key, select model, …). */
  runFailureAction(action: Exclude<FailureAction, 'retry'>): Promise<void>;
  /** The attachments for a source; an empty list when the user cancelled a picker. */
  collectContext(source: AttachSource): Promise<PendingAttachment[]>;
  saveExport(title: string, markdown: string): Promise<void>;
  /** Limits and thinking support of the listed models (from models.list); absent: ids only. */
  modelSummaries?(ids: string[]): Promise<ModelSummary[]>;
  /** countTokens and input limits for the composer's token meter; absent: no meter. */
  tokenCounter?: TokenCounter;
  /** The Files API for attachments above the inline limit; absent: such files are refused with a reason. */
  uploadFile?: FileUploader;
  /** Opens a rules file a turn applied (by its displayed path); absent: rules files are not read here. */
  openRulesFile?(path: string): Promise<void>;
  /** Lets the user choose which of VS Code's tools Gemini may call; absent: none are offered. */
  pickTools?(): Promise<void>;
  /** Agent mode here: absent when there is none; `reason` when it is off (Restricted Mode…). */
  agentStatus?(): { available: boolean; reason?: string } | undefined;
  /** A decision about a turn's Changes card (accept, reject, open a diff, restore a checkpoint). */
  reviewChanges?(request: ReviewRequest): Promise<void>;
  /** The chats' whole-workspace packs (their size for the meter, their manifests); absent: no packing here. */
  workspacePacks?: WorkspacePackStatus;
}

export class ChatMessageRouter {
  historyOpen = false;
  private readonly meter: TokenMeter | undefined;

  constructor(
    private readonly controller: ChatController,
    private readonly port: ChatHostPort,
    private readonly log: Logger,
    private readonly post: (message: HostMessage) => void,
  ) {
    this.meter = port.tokenCounter && new TokenMeter(port.tokenCounter, log);
  }

  /** Handles one raw message from the webview; never throws. */
  async handle(raw: unknown): Promise<void> {
    const checked = validateWebviewMessage(raw);
    if (!checked.ok) {
      this.log.warn(`Chat webview: rejected a message (${checked.reason}).`);
      return;
    }
    const message = checked.message;
    try {
      this.reply(message, true, undefined, await this.route(message));
    } catch (error) {
      const known = error instanceof ChatRejection;
      if (!known) this.log.error(`Chat webview: ${message.type} failed: ${(error as Error)?.message ?? String(error)}`);
      const text = known ? (error as Error).message : l10n.t('Could not {0}; the Gemini log has details.', describe(message.type));
      this.reply(message, false, text);
    }
  }

  /** Gathers what the snapshot needs, then builds and posts it in one tick (see ChatController.snapshot). */
  async postSnapshot(): Promise<void> {
    const [hasApiKey, models, history] = await Promise.all([
      this.port.hasApiKey(), this.port.listModels().catch(() => []), this.controller.history(),
    ]);
    const modelInfos = await this.modelInfos(models);
    const agent = this.port.agentStatus?.();
    const workspacePacks = this.port.workspacePacks?.all();
    this.post({ type: 'snapshot', snapshot: this.controller.snapshot({
      hasApiKey, model: this.port.getModel(), models, history, modelInfos, ...(agent ? { agent } : {}), ...(workspacePacks ? { workspacePacks } : {}),
    }) });
  }

  /** Tells the webview that this chat's whole-workspace pack changed (built, renewed, stale, dropped). */
  postWorkspacePack(chatId: string): void {
    const pack = this.port.workspacePacks?.info(chatId);
    this.post({ type: 'workspacePack', chatId, ...(pack ? { pack } : {}) });
  }

  /** Posts the model list with limits and thinking controls (after a settings or key change). */
  async postModelState(): Promise<void> {
    const models = await this.port.listModels().catch(() => []);
    this.post({ type: 'modelState', model: this.port.getModel(), models, infos: await this.modelInfos(models) });
  }

  /**
   * The answer failed because its model is retired: switch the setting (and this chat, if it
   * names its own model) to the replacement the failure offered, then ask again. False when the
   * failure offered none (the picker opens instead).
   */
  private async switchToReplacement(turnId: string | undefined): Promise<boolean> {
    const c = this.controller;
    const replacement = c.failureOf(turnId)?.replacement;
    if (!replacement) return false;
    await this.port.setModel(replacement);
    if (c.model() !== replacement) c.setOptions({ model: replacement });
    await this.postModelState();
    await this.requireKey();
    await c.regenerate(turnId);
    return true;
  }

  /** Summaries of the offered models plus the open chat's own model, which may not be listed. */
  private async modelInfos(models: string[]): Promise<ModelSummary[]> {
    const ids = [...new Set([...models, this.port.getModel(), this.controller.model()])];
    const known = this.port.modelSummaries ? await this.port.modelSummaries(ids).catch(() => []) : [];
    return summarizeModels(ids, known);
  }

  /** Does what the message asks; returns the result its reply carries (RequestResults), if any. */
  private async route(message: WebviewMessage): Promise<RequestResults[keyof RequestResults] | void> {
    const c = this.controller;
    switch (message.type) {
      case 'ready': return this.postSnapshot();
      case 'send':
        await this.requireKey();
        return c.send(message.text, message.attachments);
      case 'stop': return c.stop();
      case 'regenerate':
        await this.requireKey();
        return c.regenerate(message.turnId);
      case 'editAndResend':
        await this.requireKey();
        return c.editAndResend(message.turnId, message.text);
      case 'newChat': return c.newChat();
      case 'openChat':
        await c.openChat(message.id);
        return this.postModelState(); // the chat may have its own model, with its own limits
      case 'deleteChat': return c.deleteChat(message.id);
      case 'searchHistory':
        return { items: await c.searchHistory(message.query) } satisfies RequestResult<'searchHistory'>;
      case 'exportChat': {
        const { title, markdown } = await c.exportChat(message.id);
        return this.port.saveExport(title, markdown);
      }
      case 'setModel':
        await this.port.setModel(message.model);
        return this.postModelState();
      case 'setChatOptions': {
        const { type: _type, requestId: _id, ...patch } = message;
        if (patch.mode === 'agent') {
          const agent = this.port.agentStatus?.();
          if (!agent?.available) throw new ChatRejection(agent?.reason ?? l10n.t('Agent mode is not available here.'));
        }
        const before = c.model();
        c.setOptions(patch);
        if (c.model() !== before) await this.postModelState(); // the picker shows the new model's limits
        return;
      }
      case 'countTokens': {
        if (!this.meter) return { unavailable: true } satisfies RequestResult<'countTokens'>;
        // "Whole workspace" on: the next request also carries the chat's pack (or one built at send).
        const workspace = c.current().options?.wholeWorkspace && this.port.workspacePacks ? { pack: this.port.workspacePacks.info(c.chatId) } : undefined;
        return this.meter.measure(message.requestId ?? 0, c.model(), c.pendingContents(message.text), workspace);
      }
      case 'attachData': {
        const bytes = Buffer.from(message.base64, 'base64');
        return c.addAttachments([await dataAttachment({ name: message.name, mimeType: message.mimeType, bytes }, this.port.uploadFile)]);
      }
      case 'attach': return c.addAttachments(await this.port.collectContext(message.kind));
      case 'removeAttachment': return c.removeAttachment(message.id);
      case 'pasteImage': return c.addAttachments([imageAttachment(message.mimeType, message.base64, message.name)]);
      case 'copy': return this.port.copy(message.text);
      case 'insertCode': return this.port.insertCode({ code: message.code, language: message.language });
      case 'applyCode': return this.port.applyCode({ code: message.code, language: message.language });
      case 'saveCodeAsFile': return this.port.saveCodeAsFile({ code: message.code, language: message.language });
      case 'openLink':
        if (!isWebLink(message.href)) throw new ChatRejection(l10n.t('Only http and https links can be opened.'));
        return this.port.openExternal(message.href);
      case 'pickTools':
        if (!this.port.pickTools) throw new ChatRejection(l10n.t("VS Code's tools cannot be offered here."));
        return this.port.pickTools();
      case 'openPackManifest':
        if (!this.port.workspacePacks) throw new ChatRejection(l10n.t('The whole workspace cannot be packed here.'));
        return this.port.workspacePacks.openManifest(c.chatId);
      case 'openRulesFile':
        if (!this.port.openRulesFile) throw new ChatRejection(l10n.t('Rules files cannot be opened here.'));
        return this.port.openRulesFile(message.path);
      case 'runAction':
        if (message.action === 'retry') {
          await this.requireKey();
          return c.regenerate(message.turnId);
        }
        if (message.action === 'switchModel' && await this.switchToReplacement(message.turnId)) return;
        return this.port.runFailureAction(message.action);
      case 'reviewChanges': {
        if (!this.port.reviewChanges) throw new ChatRejection(l10n.t('Agent mode is not available here.'));
        const { type: _type, requestId: _id, ...request } = message;
        return this.port.reviewChanges(request);
      }
      case 'uiState':
        this.historyOpen = message.historyOpen;
        return;
      default:
        return assertNever(message);
    }
  }

  private async requireKey(): Promise<void> {
    if (await this.port.hasApiKey()) return;
    this.post({ type: 'keyState', hasApiKey: false });
    throw new ChatRejection(l10n.t('Set your Gemini API key first (Gemini: Set API Key); your message is kept.'));
  }

  private reply(message: WebviewMessage, ok: boolean, error?: string, result?: RequestResults[keyof RequestResults] | void): void {
    if (message.requestId === undefined) {
      if (!ok && error) this.post({ type: 'notice', text: error });
      return;
    }
    this.post({ type: 'reply', requestId: message.requestId, ok, ...(error ? { error } : {}), ...(result ? { result } : {}) });
  }
}

export function isWebLink(href: string): boolean {
  if (href.trim() !== href) return false;
  try {
    const url = new URL(href);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** What a failed request was doing, for "Could not {0}": a verb phrase in the display language. */
function describe(type: string): string {
  switch (type) {
    case 'send': return l10n.t('send the message');
    case 'stop': return l10n.t('stop the answer');
    case 'regenerate': return l10n.t('regenerate the answer');
    case 'editAndResend': return l10n.t('edit and resend the message');
    case 'newChat': return l10n.t('start a new chat');
    case 'openChat': return l10n.t('open the chat');
    case 'deleteChat': return l10n.t('delete the chat');
    case 'searchHistory': return l10n.t('search the chat history');
    case 'exportChat': return l10n.t('export the chat');
    case 'setModel': return l10n.t('change the model');
    case 'attach': case 'attachData': case 'pasteImage': return l10n.t('attach it');
    case 'removeAttachment': return l10n.t('remove the attachment');
    case 'setChatOptions': return l10n.t('change the chat options');
    case 'reviewChanges': return l10n.t('review the changes');
    case 'countTokens': return l10n.t('count the tokens');
    case 'copy': return l10n.t('copy');
    case 'insertCode': return l10n.t('insert the code');
    case 'applyCode': return l10n.t('apply the code');
    case 'saveCodeAsFile': return l10n.t('save the code as a file');
    case 'openLink': return l10n.t('open the link');
    case 'openRulesFile': return l10n.t('open the rules file');
    case 'openPackManifest': return l10n.t('open the manifest of the workspace pack');
    case 'pickTools': return l10n.t('choose the tools');
    case 'runAction': return l10n.t('run the action');
    default: return l10n.t('do that');
  }
}
