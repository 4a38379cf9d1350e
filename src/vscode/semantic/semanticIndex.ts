// The semantic index in VS Code: its storage (the workspace's storageUri), the file watcher that
// re-indexes what changes, the status bar item (indexing n/N, paused, ready), the context key
// gemini.semanticIndexReady (VS Code's chat is offered gemini_search_code_semantic only while it
// holds), and the command "Gemini: Index Workspace for Semantic Search", which shows the cost
// estimate before the first index and turns gemini.semanticSearch.enabled on. The logic is in
// src/semantic/.
import * as vscode from 'vscode';
import type { Logger } from '../../common/logger';
import type { GenAIProvider } from '../../gemini/genAIProvider';
import { describeEstimate, estimateIndexCost } from '../../semantic/cost';
import { GeminiEmbedder } from '../../semantic/embedder';
import { IndexStatus, IndexStorage, SemanticIndexer, semanticSearchOver } from '../../semantic/indexer';
import { SEMANTIC_CONSENT_KEY, SEMANTIC_INDEX_CONTEXT } from '../../semantic/contextKeys';
import { PolicyFileSource } from '../../semantic/policyFiles';
import type { SemanticSearchService } from '../../tools/searchBackend';
import type { Config } from '../config';
import { VsCodeWorkspacePort } from '../workspace/workspacePort';

const INDEX_FILE = 'semantic-index.bin';
const WATCH_DEBOUNCE_MS = 1000;

export interface SemanticDeps {
  genai: GenAIProvider;
  config: Config;
  log: Logger;
}

export interface IndexCommandOptions {
  /** Integration tests: start without the cost dialog (the estimate is still logged). */
  skipConfirmation?: boolean;
}

/** The index where the workspace keeps its extension data (globalStorageUri when no folder is open). */
class UriStorage implements IndexStorage {
  constructor(private readonly dir: vscode.Uri) {}
  private get file(): vscode.Uri { return vscode.Uri.joinPath(this.dir, INDEX_FILE); }
  async load(): Promise<Uint8Array | undefined> {
    try { return await vscode.workspace.fs.readFile(this.file); } catch { return undefined; }
  }
  async save(bytes: Uint8Array): Promise<void> {
    await vscode.workspace.fs.createDirectory(this.dir);
    await vscode.workspace.fs.writeFile(this.file, bytes);
  }
}

export class SemanticIndexService implements SemanticSearchService, vscode.Disposable {
  readonly indexer: SemanticIndexer;
  private readonly searchService: SemanticSearchService;
  private readonly port = new VsCodeWorkspacePort();
  private readonly files: PolicyFileSource;
  private readonly item = vscode.window.createStatusBarItem('gemini.semanticIndex', vscode.StatusBarAlignment.Right, 99);
  private watcher: vscode.FileSystemWatcher | undefined;
  private readonly changed = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private started = false;
  private settled: Promise<void> = Promise.resolve();
  /** What the context key was last set to (the shell set it before the core loaded). */
  private contextValue: boolean | undefined;

  constructor(private readonly context: vscode.ExtensionContext, private readonly deps: SemanticDeps) {
    this.files = new PolicyFileSource(this.port, () => deps.config.get('tools.maxFileBytes'), deps.log);
    this.indexer = new SemanticIndexer({
      files: this.files,
      embedder: new GeminiEmbedder(deps.genai),
      storage: new UriStorage(context.storageUri ?? context.globalStorageUri),
      onStatus: (status) => this.show(status),
      maxRequestsPerMinute: deps.config.get('semanticSearch.maxRequestsPerMinute'),
      log: (line) => deps.log.info(line),
    });
    this.searchService = semanticSearchOver(this.indexer, () => this.enabled);
    this.item.name = vscode.l10n.t('Gemini Semantic Index');
    this.item.command = { command: 'gemini.indexWorkspace', title: vscode.l10n.t('Index Workspace for Semantic Search') };
    this.disposables.push(this.port, this.item, deps.config.onDidChange((keys) => {
      if (keys.includes('semanticSearch.enabled')) void this.applySetting();
    }));
  }

  /** The setting (user-only) and this workspace's own consent, given through the command. */
  private get enabled(): boolean {
    return this.deps.config.get('semanticSearch.enabled') && this.context.workspaceState.get<boolean>(SEMANTIC_CONSENT_KEY, false);
  }

  /** A saved index still loading counts as ready, and a search waits for it (semanticSearchOver). */
  ready(): boolean {
    return this.searchService.ready();
  }

  search(query: string, k: number, signal: AbortSignal) {
    return this.searchService.search(query, k, signal);
  }

  /** At core load: an enabled index is loaded, then caught up with what changed while closed. */
  applySetting(): Promise<void> {
    const applying = this.apply();
    this.settled = applying.catch(() => undefined);
    return applying;
  }

  /** Resolves once the saved index is loaded (if enabled): a tool call that woke the core waits for it. */
  whenLoaded(): Promise<void> {
    return this.settled;
  }

  private async apply(): Promise<void> {
    if (!this.enabled) { this.stopWatching(); this.item.hide(); this.syncContext(); return; }
    if (this.started) { this.syncContext(); return; }
    this.started = true;
    // An index still in memory (the setting turned off and on again) is newer than the saved one.
    if (!this.indexer.hasIndex) await this.indexer.load();
    this.watch();
    this.syncContext();
    void this.indexer.sync();
  }

  /** The context key of VS Code's `when` clauses: gemini_search_code_semantic is offered only while ready(). */
  private syncContext(): void {
    const ready = this.ready();
    if (ready === this.contextValue) return;
    this.contextValue = ready;
    void vscode.commands.executeCommand('setContext', SEMANTIC_INDEX_CONTEXT, ready);
  }

  /** The command: estimate, ask (first time), enable, index. Later runs re-check every file. */
  async indexWorkspace(options: IndexCommandOptions = {}): Promise<void> {
    if (!vscode.workspace.workspaceFolders?.length) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Open a folder first: the semantic index covers the workspace folders.'));
      return;
    }
    const first = !this.context.workspaceState.get<boolean>(SEMANTIC_CONSENT_KEY, false) || (!this.indexer.hasIndex && !(await this.indexer.load()));
    if (first) {
      const estimate = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Gemini: counting the files to index…') },
        () => this.estimate(),
      );
      const { tokens, cost } = describeEstimate(estimate);
      this.deps.log.info(`semantic index: ${estimate.files} files, about ${tokens} tokens, ${cost} with ${estimate.model}`);
      if (!options.skipConfirmation) {
        const index = vscode.l10n.t('Index');
        const answer = await vscode.window.showInformationMessage(
          vscode.l10n.t('Index {0} files for semantic search?', estimate.files),
          {
            modal: true,
            detail: vscode.l10n.t('Their text (about {0} tokens) goes to Google\'s {1} model: {2} at the paid tier\'s price, free on the free tier. Ignored and sensitive files are never sent. The index is kept on this machine and updated as files change.', tokens, estimate.model, cost),
          },
          index,
        );
        if (answer !== index) return;
      }
    }
    await this.context.workspaceState.update(SEMANTIC_CONSENT_KEY, true);
    if (!this.deps.config.get('semanticSearch.enabled')) await this.deps.config.update('semanticSearch.enabled', true);
    this.started = true;
    this.watch();
    await this.indexer.sync();
  }

  private async estimate() {
    const paths = await this.files.list(new AbortController().signal);
    const ctx = this.port.folders();
    const sizes: number[] = [];
    for (const path of paths) {
      const slash = path.indexOf('/');
      const folder = ctx.length > 1 ? ctx.find((f) => f.name === path.slice(0, slash)) : ctx[0];
      const stat = folder && await this.port.stat({ folder, path: ctx.length > 1 ? path.slice(slash + 1) : path }).catch(() => undefined);
      if (stat && stat.size <= this.deps.config.get('tools.maxFileBytes')) sizes.push(stat.size);
    }
    return estimateIndexCost(sizes);
  }

  private watch(): void {
    if (this.watcher) return;
    this.watcher = vscode.workspace.createFileSystemWatcher('**/*');
    const note = (uri: vscode.Uri) => {
      if (uri.scheme !== 'file' && uri.scheme !== 'vscode-remote' && uri.scheme !== 'vscode-vfs') return;
      if (!vscode.workspace.getWorkspaceFolder(uri)) return;
      this.changed.add(vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1));
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        const paths = [...this.changed];
        this.changed.clear();
        void this.indexer.refresh(paths);
      }, WATCH_DEBOUNCE_MS);
    };
    this.watcher.onDidCreate(note);
    this.watcher.onDidChange(note);
    this.watcher.onDidDelete(note);
  }

  private stopWatching(): void {
    this.watcher?.dispose();
    this.watcher = undefined;
    this.started = false;
  }

  private show(status: IndexStatus): void {
    this.syncContext();
    if (!this.enabled && status.state !== 'indexing') { this.item.hide(); return; }
    switch (status.state) {
      case 'indexing':
        this.item.text = `$(sync~spin) ${vscode.l10n.t('Indexing {0}/{1}', status.done, status.total)}`;
        this.item.tooltip = vscode.l10n.t('Gemini is embedding changed files for semantic search ({0} chunks indexed so far).', status.chunks);
        break;
      case 'paused':
        this.item.text = `$(debug-pause) ${vscode.l10n.t('Index paused')}`;
        this.item.tooltip = vscode.l10n.t('{0} Indexing resumes at {1}; nothing is lost.', status.message ?? '', new Date(status.resumeAt ?? Date.now()).toLocaleTimeString());
        break;
      case 'error':
        this.item.text = `$(warning) ${vscode.l10n.t('Index failed')}`;
        this.item.tooltip = vscode.l10n.t('The semantic index stopped: {0} Select to try again.', status.message ?? '');
        break;
      default:
        this.item.text = `$(database) ${vscode.l10n.t('Index ready')}`;
        this.item.tooltip = vscode.l10n.t('Semantic index: {0} files, {1} chunks. Select to re-check every file.', status.files, status.chunks);
    }
    this.item.show();
  }

  /** For tests: what the status item shows. */
  get statusText(): string {
    return this.item.text;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.stopWatching();
    void this.indexer.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}

export function registerSemanticIndex(context: vscode.ExtensionContext, deps: SemanticDeps): SemanticIndexService {
  const service = new SemanticIndexService(context, deps);
  context.subscriptions.push(service, vscode.commands.registerCommand('gemini.indexWorkspace', (options?: IndexCommandOptions) =>
    service.indexWorkspace(options && typeof options === 'object' ? options : {})));
  void service.applySetting();
  return service;
}
