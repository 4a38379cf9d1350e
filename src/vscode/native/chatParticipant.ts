// `@gemini` in VS Code's built-in Chat view: quick questions answered by our engine with our
// workspace tools (same policy, same confirmations), streamed as markdown, with the files the
// answer read listed as references and follow-ups offered afterwards. Attached files and
// selections (#file, drag and drop) go along as prompt text.
import type { Content, Part } from '@google/genai';
import * as vscode from 'vscode';
import type { Logger } from '../../common/logger';
import type { TurnRunner } from '../../gemini/turnContract';
import type { FailureInfo, ToolCallInfo } from '../../gemini/events';
import { LM_VENDOR } from '../../lm/models';
import { attachmentText, fileReadBy, historyContents, PARTICIPANT_ID, ParticipantMetadata, ParticipantTurn, toolProgress } from '../../lm/participant';
import { parseWorkspacePath } from '../../tools/pathPolicy';

export { PARTICIPANT_ID };

/** Attached files are cut at this many characters each. */
const MAX_ATTACHMENT_CHARS = 100_000;

export interface ChatParticipantDeps {
  runner: TurnRunner;
  logger: Logger;
}

/** ChatRequest.model arrived after 1.90: the model picked in the Chat view. */
interface RequestWithModel {
  readonly model?: { readonly vendor: string; readonly id: string };
}

const RECOVERY_COMMANDS: Record<NonNullable<FailureInfo['action']>, { command: string; title: string; arguments?: unknown[] } | undefined> = {
  setKey: { command: 'gemini.setApiKey', title: vscode.l10n.t('Set API Key') },
  switchModel: { command: 'gemini.selectModel', title: vscode.l10n.t('Select Model') },
  openSettings: { command: 'workbench.action.openSettings', title: vscode.l10n.t('Open Settings'), arguments: ['gemini'] },
  openLog: { command: 'gemini.showLog', title: vscode.l10n.t('Show Log') },
  retry: undefined, // offered as a follow-up instead
};

/** The participant's request handler (exported for the in-host tests). */
export async function answerChatRequest(
  request: vscode.ChatRequest,
  chatContext: vscode.ChatContext,
  stream: vscode.ChatResponseStream,
  token: vscode.CancellationToken,
  deps: ChatParticipantDeps,
): Promise<vscode.ChatResult> {
  const controller = new AbortController();
  const cancelled = token.onCancellationRequested(() => controller.abort());
  const metadata: ParticipantMetadata = { prompt: request.prompt, filesRead: [] };
  try {
    const attachments = await attachedText(request.references, stream, deps.logger);
    const message: Content = { role: 'user', parts: [{ text: request.prompt }, ...attachments] };
    const picked = (request as RequestWithModel).model;
    const turn = deps.runner.runTurn({
      history: historyContents(chatContext.history.map(toTurn)),
      message,
      signal: controller.signal,
      ...(picked?.vendor === LM_VENDOR ? { model: picked.id } : {}),
    });
    const calls = new Map<string, ToolCallInfo>();
    for (let step = await turn.next(); !step.done; step = await turn.next()) {
      const event = step.value;
      switch (event.type) {
        case 'text':
          stream.markdown(event.text);
          break;
        case 'toolCall':
          calls.set(event.call.id, event.call);
          stream.progress(toolProgress(event.call));
          break;
        case 'toolResult': {
          const call = calls.get(event.result.id);
          const path = call && event.result.ok ? fileReadBy(call) : undefined;
          if (path && !metadata.filesRead.includes(path)) {
            metadata.filesRead.push(path);
            const uri = workspaceUri(path);
            if (uri) stream.reference(uri);
          }
          break;
        }
        case 'rules':
          // The project's rules files (AGENTS.md, GEMINI.md) this answer followed, listed like files read.
          for (const file of event.rules.files) {
            const uri = workspaceUri(file);
            if (uri) stream.reference(uri);
          }
          break;
        case 'retry':
          stream.progress(vscode.l10n.t('{0} Retrying in {1} s…', event.failure.message, Math.ceil(event.delayMs / 1000)));
          break;
        case 'finish':
        case 'error': {
          const failure = event.type === 'error' ? event.failure : event.failure;
          if (!failure) break;
          metadata.failure = { code: failure.code, retryable: failure.retryable, action: failure.action };
          const recovery = failure.action === 'switchModel' && failure.replacement
            ? { command: 'gemini.selectModel', title: vscode.l10n.t('Switch to {0}', failure.replacement), arguments: [failure.replacement] }
            : failure.action && RECOVERY_COMMANDS[failure.action];
          if (recovery) stream.button(recovery);
          return { metadata, errorDetails: { message: failure.message } };
        }
      }
    }
    return { metadata };
  } finally {
    cancelled.dispose();
  }
}

/** By shape, not class: newer hosts hand over subclasses (ChatRequestTurn2 and the like). */
function toTurn(turn: vscode.ChatRequestTurn | vscode.ChatResponseTurn): ParticipantTurn {
  if ('prompt' in turn) return { kind: 'request', prompt: turn.prompt };
  const text = turn.response
    .map((part) => {
      const value = (part as { value?: unknown }).value;
      return value instanceof vscode.MarkdownString ? value.value : '';
    })
    .join('');
  return { kind: 'response', text };
}

/** A workspace path from a tool call as a URI, when it names a file inside an open folder. */
function workspaceUri(path: string): vscode.Uri | undefined {
  const folders = vscode.workspace.workspaceFolders ?? [];
  try {
    const location = parseWorkspacePath(path, folders.map((f) => ({ index: f.index, name: f.name, uri: f.uri.toString(), fsPath: f.uri.scheme === 'file' ? f.uri.fsPath : undefined })));
    return location ? vscode.Uri.joinPath(folders[location.folder.index].uri, location.path) : undefined;
  } catch {
    return undefined;
  }
}

/** #file and selection references as prompt text; each one is also listed as a reference. */
async function attachedText(references: readonly vscode.ChatPromptReference[], stream: vscode.ChatResponseStream, logger: Logger): Promise<Part[]> {
  const parts: Part[] = [];
  for (const reference of references) {
    const value = reference.value;
    try {
      if (value instanceof vscode.Uri || value instanceof vscode.Location) {
        const uri = value instanceof vscode.Uri ? value : value.uri;
        const document = await vscode.workspace.openTextDocument(uri);
        const range = value instanceof vscode.Location ? value.range : undefined;
        const label = `${range ? 'selection from ' : 'file '}${vscode.workspace.asRelativePath(uri)}${range ? ` (lines ${range.start.line + 1}-${range.end.line + 1})` : ''}`; // l10n-ignore: only the model reads it
        parts.push({ text: attachmentText(label, document.getText(range), document.languageId, MAX_ATTACHMENT_CHARS) });
        stream.reference(value);
      } else if (typeof value === 'string' && value.trim()) {
        parts.push({ text: attachmentText(`context ${reference.id}`, value, undefined, MAX_ATTACHMENT_CHARS) });
      }
    } catch (error) {
      logger.warn(`@gemini: could not read the attached ${reference.id}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return parts;
}
