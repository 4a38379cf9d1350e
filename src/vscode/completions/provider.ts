// The inline completion provider behind the activation shell's registration (loaded with the
// core): turns VS Code's request into a CompletionQuery for the engine, after the same refusals as
// the workspace tools (ignored and sensitive files) plus settings files, very large files and
// anything that is not an editor document (the chat input). VS Code's cancellation token, and the
// next keystroke, abort the request in flight down to its HTTP connection.
import * as vscode from 'vscode';
import type { Logger } from '../../common/logger';
import { CompletionEngine, type CompletionStatus, type CompletionTiming, type Generate } from '../../completions/engine';
import { completionsOnFor } from '../../completions/languages';
import { completionRefusal } from '../../completions/policy';
import type { RelatedFile } from '../../completions/prompt';
import type { SettingValues } from '../../config/settingValues';
import { WorkspaceIgnoreRules } from '../../tools/ignoreRules';
import { VsCodeWorkspacePort } from '../workspace/workspacePort';

/**
 * After this long a document's verdict (ignored or not) is read again, in the background. A
 * watcher on the rule files and the files.exclude setting drop verdicts at once (the next
 * completion waits for fresh rules); this only covers changes a watcher misses. Reading the rules
 * costs file-system round trips: never on every keystroke.
 */
const VERDICT_TTL_MS = 60_000;
/** The enclosing symbol is asked with the typing-pause wait; a slow language server is not waited for longer. */
const SYMBOL_TIMEOUT_MS = 250;
const RELATED_TABS = 2;
const TIMINGS_KEPT = 500;

export interface InlineCompletionsDeps {
  generate: Generate;
  settings(): SettingValues;
  logger: Logger;
  onStatus(status: CompletionStatus): void;
}

/** One completion handed to VS Code: `ownMs` is this provider's whole time minus the wait and the request. */
export interface ShownCompletion extends CompletionTiming {
  source: 'cache' | 'model';
  /** Wall-clock ms (performance.timeOrigin + now) when the item went back to VS Code. */
  returnedAt: number;
}

export class GeminiInlineCompletions implements vscode.InlineCompletionItemProvider, vscode.Disposable {
  readonly engine: CompletionEngine;
  /** Where each shown completion's time went (for the test API and the benchmark). */
  readonly timings: ShownCompletion[] = [];
  /** How often VS Code asked (every keystroke that could take a completion). */
  calls = 0;
  private readonly port = new VsCodeWorkspacePort();
  private readonly verdicts = new Map<string, { refusal: string | undefined; at: number; refreshing?: boolean }>();
  private readonly subscriptions: vscode.Disposable[];
  private readonly ruleFiles = vscode.workspace.createFileSystemWatcher('**/{.gitignore,.geminiignore}');

  constructor(private readonly deps: InlineCompletionsDeps) {
    this.engine = new CompletionEngine({
      generate: deps.generate,
      settings: () => {
        const values = deps.settings();
        return { model: values['completions.model'], debounceMs: values['completions.debounceMs'], maxRequestsPerMinute: values['completions.maxRequestsPerMinute'] };
      },
      logger: deps.logger,
      onStatus: deps.onStatus,
    });
    this.subscriptions = [
      vscode.workspace.onDidCloseTextDocument((document) => {
        this.engine.cache.clear(document.uri.toString());
        this.verdicts.delete(document.uri.toString());
      }),
      // A rule file or a setting changed: every verdict is read again.
      this.ruleFiles,
      this.ruleFiles.onDidCreate(() => this.verdicts.clear()),
      this.ruleFiles.onDidChange(() => this.verdicts.clear()),
      this.ruleFiles.onDidDelete(() => this.verdicts.clear()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('files.exclude')) this.verdicts.clear();
        if (event.affectsConfiguration('gemini.completions.model')) this.engine.cache.clear();
      }),
    ];
  }

  async provideInlineCompletionItems(
    document: vscode.TextDocument, position: vscode.Position, context: vscode.InlineCompletionContext, token: vscode.CancellationToken,
  ): Promise<vscode.InlineCompletionItem[] | undefined> {
    this.calls++;
    const started = performance.now();
    // The suggest widget is open: its item, not ours, is what Tab takes.
    if (context.selectedCompletionInfo) return undefined;
    // The shell checks these before forwarding; checked again so no caller can skip them.
    const values = this.deps.settings();
    if (!values['completions.enabled'] || !completionsOnFor(values['completions.languages'], document.languageId)) return undefined;
    const refusal = await this.refusal(document);
    if (refusal) {
      this.deps.logger.debug(`No completion in ${vscode.workspace.asRelativePath(document.uri)}: ${refusal}`);
      return undefined;
    }
    if (token.isCancellationRequested) return undefined;
    const text = document.getText();
    const offset = document.offsetAt(position);
    const controller = new AbortController();
    const cancel = token.onCancellationRequested(() => controller.abort());
    try {
      const result = await this.engine.complete({
        document: document.uri.toString(),
        input: { path: vscode.workspace.asRelativePath(document.uri), languageId: document.languageId, prefix: text.slice(0, offset), suffix: text.slice(offset) },
        context: (signal) => this.context(document, position, signal),
        signal: controller.signal,
      });
      if (!result || token.isCancellationRequested) return undefined;
      const { waitMs, requestMs, contextMs } = result.timing;
      const shown: ShownCompletion = { ownMs: performance.now() - started - waitMs - requestMs, waitMs, requestMs, contextMs, source: result.source, returnedAt: performance.timeOrigin + performance.now() };
      this.timings.push(shown);
      if (this.timings.length > TIMINGS_KEPT) this.timings.shift();
      this.deps.logger.debug(`Completion shown (${result.source}, ${result.text.length} characters): own ${shown.ownMs.toFixed(2)} ms, wait ${waitMs.toFixed(0)} ms, request ${requestMs.toFixed(0)} ms`);
      // Plain text, never a snippet: what the ghost text shows is exactly what Tab inserts.
      return [new vscode.InlineCompletionItem(result.text, new vscode.Range(position, position))];
    } finally {
      cancel.dispose();
    }
  }

  /** Why no completion may be made here (policy, then the tools' ignore rules), cached briefly per document. */
  async refusal(document: vscode.TextDocument): Promise<string | undefined> {
    const key = document.uri.toString();
    const path = vscode.workspace.asRelativePath(document.uri, false);
    const fixed = completionRefusal({ scheme: document.uri.scheme, path, languageId: document.languageId, length: document.offsetAt(document.lineAt(document.lineCount - 1).range.end) });
    if (fixed) return fixed;
    const known = this.verdicts.get(key);
    if (known) {
      // Old: read the rules again off the keystroke's path (the watcher drops verdicts at once on a real change).
      if (Date.now() - known.at >= VERDICT_TTL_MS && !known.refreshing) {
        known.refreshing = true;
        void this.ignoredBy(document.uri).then((refusal) => {
          if (this.verdicts.get(key) === known) this.verdicts.set(key, { refusal, at: Date.now() });
        });
      }
      return known.refusal;
    }
    const refusal = await this.ignoredBy(document.uri);
    this.verdicts.set(key, { refusal, at: Date.now() });
    return refusal;
  }

  private async ignoredBy(uri: vscode.Uri): Promise<string | undefined> {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return undefined;
    const relative = uri.path.slice(folder.uri.path.replace(/\/$/, '').length + 1);
    const info = this.port.folders().find((f) => f.index === folder.index);
    if (!info || !relative) return undefined;
    try {
      const verdict = await new WorkspaceIgnoreRules(this.port).verdict({ folder: info, path: relative }, false);
      return verdict ? `ignored (${verdict.source}: ${verdict.rule})` : undefined;
    } catch (error) {
      // Rules that cannot be read: refuse rather than risk sending an ignored file.
      return `ignore rules unreadable (${error instanceof Error ? error.message : String(error)})`;
    }
  }

  private async context(document: vscode.TextDocument, position: vscode.Position, signal: AbortSignal): Promise<{ symbol?: { name: string; text: string }; related: RelatedFile[] }> {
    const [symbol, related] = await Promise.all([this.enclosingSymbol(document, position, signal), this.relatedTabs(document)]);
    return { symbol, related };
  }

  private async enclosingSymbol(document: vscode.TextDocument, position: vscode.Position, signal: AbortSignal): Promise<{ name: string; text: string } | undefined> {
    const symbols = vscode.commands.executeCommand<(vscode.DocumentSymbol | vscode.SymbolInformation)[] | undefined>('vscode.executeDocumentSymbolProvider', document.uri);
    const timeout = new Promise<undefined>((resolve) => {
      const timer = setTimeout(resolve, SYMBOL_TIMEOUT_MS);
      signal.addEventListener('abort', () => { clearTimeout(timer); resolve(undefined); }, { once: true });
    });
    const found = await Promise.race([Promise.resolve(symbols).catch(() => undefined), timeout]);
    let innermost: vscode.DocumentSymbol | undefined;
    for (let level = (found ?? []).filter((s): s is vscode.DocumentSymbol => 'children' in s); level.length > 0;) {
      const inside = level.find((s) => s.range.contains(position));
      if (!inside) break;
      innermost = inside;
      level = inside.children;
    }
    return innermost ? { name: `${vscode.SymbolKind[innermost.kind].toLowerCase()} ${innermost.name}`, text: document.getText(innermost.range) } : undefined;
  }

  /** Open tabs in the same language that pass the same policy, visible editors first. */
  private async relatedTabs(document: vscode.TextDocument): Promise<RelatedFile[]> {
    const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
    const visible = vscode.window.visibleTextEditors.map((e) => e.document.uri.toString());
    const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs)
      .map((tab) => (tab.input instanceof vscode.TabInputText ? tab.input.uri.toString() : undefined))
      .filter((uri): uri is string => uri !== undefined);
    const candidates = [...new Set([...visible, ...tabs])]
      .filter((uri) => uri !== document.uri.toString())
      .map((uri) => open.get(uri))
      .filter((d): d is vscode.TextDocument => d !== undefined && d.languageId === document.languageId);
    const related: RelatedFile[] = [];
    for (const candidate of candidates) {
      if (related.length >= RELATED_TABS) break;
      if (await this.refusal(candidate)) continue;
      related.push({ path: vscode.workspace.asRelativePath(candidate.uri), text: candidate.getText().slice(0, 4000) });
    }
    return related;
  }

  dispose(): void {
    this.engine.cancel();
    this.port.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
