// "Ask the whole workspace" in VS Code: builds a chat's workspace pack in the background with a
// cancellable progress notification, asks before the first send (token count, cost, manifest),
// and keeps the pack until a file changes (save, create, delete, rename): an unchanged pack is the
// same prefix, so the engine reuses its context cache; a changed one renews it on the next turn.
// Open editors and the files edited recently rank first. The chat asks it for each kept pack's
// size (the token meter) and manifest (reopened after the first send), and hears when one changes.
import * as vscode from 'vscode';
import type { Logger } from '../../common/logger';
import type { SettingsSource } from '../../config/settingValues';
import { estimateTokens } from '../../gemini/contextCache';
import type { ModelCatalog } from '../../gemini/models';
import { priceFor } from '../../gemini/pricing';
import type { TurnRequest } from '../../gemini/turnContract';
import { formatNumber } from '../../common/format';
import { manifestSummary, manifestSummaryForUser, renderManifest } from '../../context/manifest';
import { describePackCost } from '../../context/packCost';
import { buildWorkspacePack, packBudget, type PackProgress, type WorkspacePack } from '../../context/packer';
import type { PackPrefix, WorkspacePackSource } from '../../context/packRunner';
import { packInfoOf, type WorkspacePackStatus } from '../../context/packStatus';
import type { PackManifest } from '../../context/manifest';
import { ChatRejection } from '../../chat/rejection';
import type { WorkspacePackInfo, WorkspacePacks } from '../../protocol/workspacePack';
import { PackCancelled } from '../../context/packWalk';
import { ToolCallContext, toolSettingsFrom } from '../../tools/context';
import { displayPath, type WorkspacePort } from '../../tools/workspacePort';

export type PackConfirmation = (pack: WorkspacePack, details: { model: string; costText: string }) => Promise<boolean>;

export interface WorkspacePackDeps {
  port: WorkspacePort;
  settings: SettingsSource;
  catalog: ModelCatalog;
  log: Logger;
}

interface ChatPack {
  pack: WorkspacePack;
  model: string;
  /** The question the chat's first pack ranked by; renewals rank by it too, so an unchanged workspace gives the same pack. */
  question: string;
  /** The file-change generation the pack was built at. */
  generation: number;
}

/** Packs kept (one per chat that asked); the oldest is dropped first. */
const MAX_KEPT = 4;
/** Recently edited files remembered for ranking. */
const MAX_RECENT = 200;

export class VsCodeWorkspacePacks implements WorkspacePackSource, WorkspacePackStatus, vscode.Disposable {
  private readonly packs = new Map<string, ChatPack>();
  private readonly changes = new vscode.EventEmitter<string>();
  /** A chat's kept pack was built, renewed, went stale (a file changed) or was dropped: its chat id. */
  readonly onDidChange = this.changes.event;
  private readonly confirmed = new Set<string>();
  private readonly recent = new Map<string, number>();
  private readonly disposables: vscode.Disposable[] = [];
  private generation = 0;
  private watcher: vscode.FileSystemWatcher | undefined;
  /** Replaced in tests (the modal cannot be answered there). */
  confirm: PackConfirmation = (pack, details) => askToSend(pack, details);
  /** How many packs were built (tests: a kept pack is not rebuilt). */
  builds = 0;

  constructor(private readonly deps: WorkspacePackDeps) {
    this.disposables.push(
      vscode.workspace.onDidSaveTextDocument((document) => { this.noteEdit(document.uri); this.changed(document.uri); }),
      vscode.workspace.onDidChangeTextDocument((event) => { if (event.contentChanges.length) this.noteEdit(event.document.uri); }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.renewAll()),
      this.changes,
    );
  }

  async prefixFor(request: TurnRequest): Promise<PackPrefix> {
    const key = request.cacheKey ?? '';
    const model = request.model || this.deps.settings().model;
    this.watchFiles();
    const kept = this.packs.get(key);
    if (kept && kept.generation === this.generation && kept.model === model) return { kind: 'pack', contents: kept.pack.contents };
    const generation = this.generation;
    const question = kept?.question ?? (request.message.parts ?? []).map((part) => part.text ?? '').join('\n');
    let pack: WorkspacePack;
    try {
      pack = await this.build(request, model, question);
    } catch (error) {
      if (!(error instanceof PackCancelled)) throw error;
      return { kind: 'declined', message: vscode.l10n.t('Not sent: packing the workspace was cancelled.') };
    }
    if (!this.confirmed.has(key)) {
      const settings = this.deps.settings();
      const costText = describePackCost(pack.manifest.tokens, model, priceFor(model, settings.pricing), settings['contextCache.ttlSeconds']);
      if (!(await this.confirm(pack, { model, costText }))) {
        return { kind: 'declined', message: vscode.l10n.t('Not sent: the whole-workspace pack was declined. Turn "Whole workspace" off to ask without it.') };
      }
      this.confirmed.add(key);
    }
    this.packs.delete(key);
    this.packs.set(key, { pack, model, question, generation });
    this.changes.fire(key);
    while (this.packs.size > MAX_KEPT) {
      const oldest = this.packs.keys().next().value!;
      this.packs.delete(oldest);
      this.changes.fire(oldest);
    }
    this.deps.log.info(`Workspace pack for chat ${key}: ${manifestSummary(pack.manifest)}`);
    return { kind: 'pack', contents: pack.contents };
  }

  info(chatId: string): WorkspacePackInfo | undefined {
    const kept = this.packs.get(chatId);
    return kept && packInfoOf(kept.pack, kept.model, kept.generation !== this.generation);
  }

  all(): WorkspacePacks {
    const packs: WorkspacePacks = {};
    for (const chatId of this.packs.keys()) packs[chatId] = this.info(chatId)!;
    return packs;
  }

  /** The same manifest view as the confirmation's "Show manifest", for the chat's kept pack. */
  async openManifest(chatId: string): Promise<void> {
    const kept = this.packs.get(chatId);
    if (!kept) throw new ChatRejection(vscode.l10n.t('This chat has no workspace pack yet: it is built when you send a message with "Whole workspace" on.'));
    await showManifest(kept.pack.manifest);
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }

  private async build(request: TurnRequest, model: string, question: string): Promise<WorkspacePack> {
    const settings = this.deps.settings();
    // The catalogue's input limit for the model (listed once, then cached); unknown: a fallback.
    await this.deps.catalog.list().catch(() => undefined);
    const budgetTokens = packBudget(this.deps.catalog.get(model)?.inputTokenLimit);
    const multiRoot = this.deps.port.folders().length > 1;
    const open = (await this.deps.port.openEditors().catch(() => []))
      .flatMap((editor) => (editor.location ? [displayPath(editor.location, multiRoot)] : []));
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Gemini: packing the workspace'), cancellable: true },
      async (progress, token) => {
        const abort = new AbortController();
        const stop = () => abort.abort();
        const cancelled = token.onCancellationRequested(stop);
        request.signal.addEventListener('abort', stop);
        try {
          const ctx = new ToolCallContext(this.deps.port, toolSettingsFrom(settings), abort.signal, this.deps.log);
          this.builds++;
          return await buildWorkspacePack({
            ctx, question, open, recent: this.recentDisplayPaths(multiRoot), budgetTokens,
            countTokens: (contents, signal) => this.deps.catalog.countTokens(model, contents, signal).catch((error: Error) => {
              if (signal.aborted) throw error;
              // The count only decides where the pack stops: a local estimate is better than no answer.
              this.deps.log.warn(`Workspace pack: countTokens failed (${error.message}); using the local estimate`);
              return estimateTokens(contents);
            }),
            onProgress: (step) => progress.report({ message: progressText(step) }),
          });
        } catch (error) {
          if (abort.signal.aborted || error instanceof PackCancelled) throw new PackCancelled();
          throw error;
        } finally {
          cancelled.dispose();
          request.signal.removeEventListener('abort', stop);
        }
      },
    );
  }

  /** Files created, deleted or changed on disk (not only saved in the editor) renew packs too; watched from the first use on. */
  private watchFiles(): void {
    if (this.watcher) return;
    this.watcher = vscode.workspace.createFileSystemWatcher('**/*');
    const changed = (uri: vscode.Uri) => this.changed(uri);
    this.disposables.push(this.watcher, this.watcher.onDidCreate(changed), this.watcher.onDidDelete(changed), this.watcher.onDidChange(changed));
  }

  private changed(uri: vscode.Uri): void {
    if (!vscode.workspace.getWorkspaceFolder(uri)) return;
    if (/\/\.git(\/|$)/.test(uri.path)) return; // git's own bookkeeping is never packed
    this.renewAll();
  }

  /** Every kept pack is renewed at its chat's next send; the chats whose pack was current hear that it went stale. */
  private renewAll(): void {
    const current = [...this.packs].filter(([, kept]) => kept.generation === this.generation).map(([chatId]) => chatId);
    this.generation++;
    for (const chatId of current) this.changes.fire(chatId);
  }

  private noteEdit(uri: vscode.Uri): void {
    if (!vscode.workspace.getWorkspaceFolder(uri)) return;
    const key = uri.toString();
    this.recent.delete(key);
    this.recent.set(key, Date.now());
    if (this.recent.size > MAX_RECENT) this.recent.delete(this.recent.keys().next().value!);
  }

  private recentDisplayPaths(multiRoot: boolean): Map<string, number> {
    const paths = new Map<string, number>();
    for (const [uri, time] of this.recent) paths.set(vscode.workspace.asRelativePath(vscode.Uri.parse(uri), multiRoot), time);
    return paths;
  }
}

function progressText(step: PackProgress): string {
  if (step.phase === 'walking') return vscode.l10n.t('{0} files and folders looked at', formatNumber(step.done));
  if (step.phase === 'reading') return vscode.l10n.t('reading {0} of {1} files', formatNumber(step.done), formatNumber(step.total ?? 0));
  return vscode.l10n.t('counting tokens of {0} files', formatNumber(step.done));
}

/** The modal before the first send: summary and cost; "Show manifest" opens it and asks again. */
async function askToSend(pack: WorkspacePack, details: { costText: string }): Promise<boolean> {
  const send = vscode.l10n.t('Send');
  const show = vscode.l10n.t('Show manifest');
  for (;;) {
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t('Send the whole workspace to Gemini?'),
      { modal: true, detail: `${manifestSummaryForUser(pack.manifest)}.\n\n${details.costText}` },
      send, show,
    );
    if (choice !== show) return choice === send;
    await showManifest(pack.manifest);
  }
}

/** The manifest as an untitled Markdown document in a preview editor. */
async function showManifest(manifest: PackManifest): Promise<void> {
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: renderManifest(manifest) });
  await vscode.window.showTextDocument(document, { preview: true });
}
