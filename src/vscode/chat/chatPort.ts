// The editor side of the chat: clipboard, inserting and applying code (as a diff preview the user
// accepts), saving code and exports, links, recovery commands, and collecting context to attach.
import * as vscode from 'vscode';
import type { Logger } from '../../common/logger';
import type { AttachSource, FailureAction } from '../../protocol/messages';
import { textAttachment, type PendingAttachment } from '../../chat/attachments';
import { ChatRejection } from '../../chat/rejection';
import { dataAttachment, type FileUploader } from '../../chat/dataAttachments';
import { toModelSummary } from '../../chat/modelSummaries';
import type { ChatHostPort, CodeBlock } from '../../chat/router';
import type { TokenCounter } from '../../chat/tokenMeter';
import type { GenAIProvider } from '../../gemini/client';
import { uploadToFilesApi } from '../../gemini/files';
import type { ModelCatalog } from '../../gemini/models';
import { MAX_UPLOAD_BYTES } from '../../protocol/messages';
import type { ModelSummary } from '../../protocol/view';
import { ProposedChanges } from './chatDiff';
import type { ChatAgent } from '../agent/registerAgent';
import type { ReviewRequest } from '../../agent/agentTurns';
import type { WorkspacePackStatus } from '../../context/packStatus';

const OPEN = vscode.l10n.t('Open');

export interface ChatPortDeps {
  log: Logger;
  hasApiKey(): Promise<boolean>;
  getModel(): string;
  listModels?(): Promise<string[]>;
  setModel?(model: string): Promise<void>;
  /** Model limits and thinking support for the picker, and countTokens for the token meter. */
  catalog?: ModelCatalog;
  /** The SDK client, for Files API uploads of large attachments. */
  genai?: GenAIProvider;
  /** Opens a rules file a chip names (src/vscode/rules.ts). */
  openRulesFile?(path: string): Promise<void>;
  /** The picker of VS Code's tools offered in the chat (src/vscode/lmToolsInChat.ts). */
  pickTools?(): Promise<void>;
  /** The last command's output in the active terminal (src/vscode/agent/terminalPort.ts). */
  terminalOutput?(): Promise<{ terminal: string; command?: string; output: string; exitCode?: number; outputLost?: boolean } | undefined>;
  /** Agent mode: the review of Changes cards and whether the mode is available. */
  agent?: Pick<ChatAgent, 'review' | 'unavailable'>;
  /** The chats' whole-workspace packs: size for the token meter, manifest on request (src/vscode/context/). */
  workspacePacks?: WorkspacePackStatus;
}

/** Files the picker attaches as data rather than as a text excerpt. */
const DATA_FILE_TYPES: Record<string, string> = {
  pdf: 'application/pdf', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', webp: 'image/webp', gif: 'image/gif', heic: 'image/heic', heif: 'image/heif',
};

const FAILURE_COMMANDS: Record<Exclude<FailureAction, 'retry'>, [string, ...unknown[]]> = {
  setKey: ['gemini.setApiKey'],
  switchModel: ['gemini.selectModel'],
  openSettings: ['workbench.action.openSettings', 'gemini.'],
  openLog: ['gemini.showLog'],
};

const EXTENSIONS: Record<string, string> = {
  typescript: 'ts', ts: 'ts', tsx: 'tsx', javascript: 'js', js: 'js', jsx: 'jsx', python: 'py', py: 'py', json: 'json', bash: 'sh', sh: 'sh',
  shell: 'sh', css: 'css', html: 'html', xml: 'xml', go: 'go', rust: 'rs', java: 'java', c: 'c', cpp: 'cpp', csharp: 'cs', cs: 'cs',
  sql: 'sql', yaml: 'yaml', yml: 'yaml', markdown: 'md', md: 'md', diff: 'diff', ruby: 'rb', php: 'php', kotlin: 'kt', swift: 'swift',
};
const MAX_PICKED_FILES = 10;
const FIND_LIMIT = 5000;

export class VsCodeChatPort implements ChatHostPort {
  readonly tokenCounter: TokenCounter | undefined;
  readonly uploadFile: FileUploader | undefined;
  readonly openRulesFile: ((path: string) => Promise<void>) | undefined;
  readonly pickTools: (() => Promise<void>) | undefined;
  readonly workspacePacks: WorkspacePackStatus | undefined;

  constructor(private readonly deps: ChatPortDeps, private readonly proposals: ProposedChanges) {
    const { catalog, genai } = deps;
    this.tokenCounter = catalog && {
      count: (model, contents, signal) => catalog.countTokens(model, contents, signal),
      inputLimit: async (model) => (await catalog.list().catch(() => []), catalog.get(model)?.inputTokenLimit),
    };
    this.uploadFile = genai && ((input) => uploadToFilesApi(genai, input));
    this.openRulesFile = deps.openRulesFile;
    this.pickTools = deps.pickTools;
    this.workspacePacks = deps.workspacePacks;
  }

  async modelSummaries(ids: string[]): Promise<ModelSummary[]> {
    const catalog = this.deps.catalog;
    if (!catalog) return [];
    await catalog.list();
    return ids.flatMap((id) => {
      const info = catalog.get(id);
      return info ? [toModelSummary(info)] : [];
    });
  }

  hasApiKey(): Promise<boolean> { return this.deps.hasApiKey(); }

  agentStatus(): { available: boolean; reason?: string } | undefined {
    if (!this.deps.agent) return undefined;
    const reason = this.deps.agent.unavailable();
    return reason ? { available: false, reason } : { available: true };
  }

  async reviewChanges(request: ReviewRequest): Promise<void> {
    if (!this.deps.agent) throw new ChatRejection(vscode.l10n.t('Agent mode is not available here.'));
    try {
      await this.deps.agent.review(request);
    } catch (error) {
      throw error instanceof ChatRejection ? error : new ChatRejection((error as Error).message);
    }
  }
  getModel(): string { return this.deps.getModel(); }

  async listModels(): Promise<string[]> {
    return this.deps.listModels ? this.deps.listModels() : [];
  }

  async setModel(model: string): Promise<void> {
    if (this.deps.setModel) return this.deps.setModel(model);
    await vscode.workspace.getConfiguration('gemini').update('model', model, vscode.ConfigurationTarget.Global);
  }

  async copy(text: string): Promise<void> {
    await vscode.env.clipboard.writeText(text);
  }

  async insertCode(block: CodeBlock): Promise<void> {
    const editor = targetEditor();
    const ok = await editor.edit((edit) => {
      for (const selection of editor.selections) edit.replace(selection, block.code);
    });
    if (!ok) throw new ChatRejection(vscode.l10n.t('The editor refused the insertion (is it read-only?).'));
    await vscode.window.showTextDocument(editor.document, editor.viewColumn);
  }

  async applyCode(block: CodeBlock): Promise<void> {
    await this.proposals.propose(targetEditor(), block.code);
  }

  async saveCodeAsFile(block: CodeBlock): Promise<void> {
    const extension = EXTENSIONS[(block.language ?? '').toLowerCase()] ?? 'txt';
    const target = await vscode.window.showSaveDialog({ defaultUri: defaultUri(`snippet.${extension}`), saveLabel: vscode.l10n.t('Save code') });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(block.code));
    await vscode.window.showTextDocument(target);
  }

  async openExternal(href: string): Promise<void> {
    await vscode.env.openExternal(vscode.Uri.parse(href, true));
  }

  async runFailureAction(action: Exclude<FailureAction, 'retry'>): Promise<void> {
    const [command, ...args] = FAILURE_COMMANDS[action];
    await vscode.commands.executeCommand(command, ...args);
  }

  async collectContext(source: AttachSource): Promise<PendingAttachment[]> {
    if (source === 'selection') return [selectionAttachment()];
    if (source === 'editors') return openEditorAttachments();
    if (source === 'terminal') return this.terminalAttachment();
    return this.pickFiles();
  }

  async saveExport(title: string, markdown: string): Promise<void> {
    const name = `${title.replace(/[^\w\- ]+/g, '').trim().replace(/\s+/g, '-').slice(0, 60) || 'chat'}.md`;
    const target = await vscode.window.showSaveDialog({ defaultUri: defaultUri(name), filters: { Markdown: ['md'] }, saveLabel: vscode.l10n.t('Export chat') });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(markdown));
    const open = await vscode.window.showInformationMessage(vscode.l10n.t('Chat exported to {0}.', vscode.workspace.asRelativePath(target)), OPEN);
    if (open) await vscode.window.showTextDocument(target);
  }

  private async terminalAttachment(): Promise<PendingAttachment[]> {
    const last = await this.deps.terminalOutput?.();
    if (!last) throw new ChatRejection(vscode.l10n.t('No terminal output to attach: run a command in a terminal with shell integration first (VS Code shows a circle beside each command there).'));
    if (last.outputLost && !last.output) throw new ChatRejection(vscode.l10n.t("The output of the last command in {0} could not be read: VS Code's terminal passed none of it on. Run the command again, then attach its output.", last.terminal));
    const text = [...(last.command ? [`$ ${last.command}`] : []), last.output, ...(last.exitCode !== undefined ? [`[exit code ${last.exitCode}]`] : [])].join('\n');
    return [textAttachment({ kind: 'document', path: `Terminal ${last.terminal}`, languageId: 'text', text })];
  }

  private async pickFiles(): Promise<PendingAttachment[]> {
    const files = await vscode.workspace.findFiles('**/*', undefined, FIND_LIMIT);
    const items = files.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri }))
      .sort((a, b) => a.label.localeCompare(b.label));
    const picked = await vscode.window.showQuickPick(items, { canPickMany: true, placeHolder: vscode.l10n.t('Files to attach to your next message'), matchOnDescription: true });
    if (!picked?.length) return [];
    if (picked.length > MAX_PICKED_FILES) throw new ChatRejection(vscode.l10n.t('Attach at most {0} files at a time.', MAX_PICKED_FILES));
    const attachments: PendingAttachment[] = [];
    for (const { uri } of picked) {
      const mimeType = DATA_FILE_TYPES[uri.path.split('.').pop()?.toLowerCase() ?? ''];
      attachments.push(mimeType ? await this.dataFile(uri, mimeType) : await fileAttachment(uri, 'file'));
    }
    return attachments;
  }

  /** A PDF or image from the workspace, inline or (when large) through the Files API. */
  private async dataFile(uri: vscode.Uri, mimeType: string): Promise<PendingAttachment> {
    const name = vscode.workspace.asRelativePath(uri);
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.size > MAX_UPLOAD_BYTES) throw new ChatRejection(vscode.l10n.t('{0} is {1} MB; attachments can be up to {2} MB.', name, (stat.size / 1024 / 1024).toFixed(0), MAX_UPLOAD_BYTES / 1024 / 1024));
    const bytes = await vscode.workspace.fs.readFile(uri);
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Attaching {0}…', name) },
      () => dataAttachment({ name, mimeType, bytes }, this.uploadFile),
    );
  }
}

/** The editor code goes to: the active one, else the first visible one (the chat view has focus). */
function targetEditor(): vscode.TextEditor {
  const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
  if (!editor) throw new ChatRejection(vscode.l10n.t('Open the file you want the code in, put the cursor where it goes, and try again.'));
  return editor;
}

function selectionAttachment(): PendingAttachment {
  const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
  const selection = editor?.selection;
  if (!editor || !selection || selection.isEmpty) throw new ChatRejection(vscode.l10n.t('Select some code in an editor first.'));
  return textAttachment({
    kind: 'selection', path: vscode.workspace.asRelativePath(editor.document.uri), languageId: editor.document.languageId,
    text: editor.document.getText(selection), lines: { start: selection.start.line + 1, end: selection.end.line + 1 },
  });
}

async function openEditorAttachments(): Promise<PendingAttachment[]> {
  const uris = new Map<string, vscode.Uri>();
  for (const tab of vscode.window.tabGroups.all.flatMap((g) => g.tabs)) {
    if (tab.input instanceof vscode.TabInputText && ['file', 'untitled'].includes(tab.input.uri.scheme)) uris.set(tab.input.uri.toString(), tab.input.uri);
  }
  if (!uris.size) throw new ChatRejection(vscode.l10n.t('No text editors are open.'));
  const attachments: PendingAttachment[] = [];
  for (const uri of uris.values()) attachments.push(await fileAttachment(uri, 'editor'));
  return attachments;
}

async function fileAttachment(uri: vscode.Uri, kind: 'file' | 'editor'): Promise<PendingAttachment> {
  const document = await vscode.workspace.openTextDocument(uri).then(undefined, () => undefined);
  const path = vscode.workspace.asRelativePath(uri);
  if (!document) throw new ChatRejection(vscode.l10n.t('{0} cannot be attached: it is not a text file.', path));
  return textAttachment({ kind, path, languageId: document.languageId, text: document.getText() });
}

function defaultUri(name: string): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder ? vscode.Uri.joinPath(folder, name) : undefined;
}
