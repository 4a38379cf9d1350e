// The one message protocol between the chat webview and the extension host. Both bundles import
// these types; the host also validates every incoming message at run time (validate.ts), because a
// webview is untrusted: it renders model output.
import type { TurnEvent } from '../gemini/events';
import type { ChangesView, ReviewAction } from './changes';
import type { AttachmentChip, ChatOptions, ChatSummary, ChatView, FailureInfo, ModelSummary, TurnView } from './view';
import type { WorkspacePackInfo, WorkspacePacks, WorkspaceShare } from './workspacePack';

export type FailureAction = NonNullable<FailureInfo['action']>;
export type AttachSource = 'selection' | 'file' | 'editors' | 'terminal';

/**
 * Webview → host. Any message may carry `requestId`; the host then answers with exactly one `reply`
 * carrying the same id: ok with the result RequestResults declares for that type, or a short error
 * the webview shows (e.g. the composer clears its draft only once the host has accepted the
 * message). That id is the only way an answer is matched to its question.
 */
export type WebviewMessage = { requestId?: number } & (
  | { type: 'ready' }
  | { type: 'send'; text: string; attachments: string[] }
  | { type: 'stop' }
  | { type: 'regenerate'; turnId?: string }
  | { type: 'editAndResend'; turnId: string; text: string }
  | { type: 'newChat' }
  | { type: 'openChat'; id: string }
  | { type: 'deleteChat'; id: string }
  | { type: 'searchHistory'; query: string }
  | { type: 'exportChat'; id?: string }
  | { type: 'setModel'; model: string }
  | { type: 'attach'; kind: AttachSource }
  | { type: 'removeAttachment'; id: string }
  | { type: 'pasteImage'; mimeType: string; base64: string; name: string }
  /** A pasted or dropped file (image, PDF, text), up to MAX_DROP_BYTES; large ones go through the Files API. */
  | { type: 'attachData'; mimeType: string; base64: string; name: string }
  /** Changes this chat's options (model, search, code execution, thinking); only the given fields. */
  | { type: 'setChatOptions'; model?: string; googleSearch?: boolean; codeExecution?: boolean; urlContext?: boolean; wholeWorkspace?: boolean; thinking?: string; mode?: 'ask' | 'agent' }
  /** Agent mode: a decision or request about a turn's Changes card (see src/protocol/changes.ts). */
  | { type: 'reviewChanges'; turnId: string; action: ReviewAction; fileId?: string; hunkId?: number; reason?: string }
  /** Count the tokens of history + attachments + this draft; the reply carries a TokenCount. */
  | { type: 'countTokens'; text: string }
  | { type: 'copy'; text: string }
  | { type: 'insertCode'; code: string; language?: string }
  | { type: 'applyCode'; code: string; language?: string }
  | { type: 'saveCodeAsFile'; code: string; language?: string }
  | { type: 'openLink'; href: string }
  /** Opens a project rules file (AGENTS.md, GEMINI.md) named on a turn's rules chip. */
  | { type: 'openRulesFile'; path: string }
  /** Opens the picker of VS Code's tools (MCP servers, other extensions) Gemini may call. */
  | { type: 'pickTools' }
  /** Opens the manifest of the open chat's whole-workspace pack (what was packed, what was left out). */
  | { type: 'openPackManifest' }
  | { type: 'runAction'; action: FailureAction; turnId?: string }
  | { type: 'uiState'; historyOpen: boolean }
);

export type WebviewMessageType = WebviewMessage['type'];

/** What a `reply` carries besides ok, per request type; the types not listed answer ok or an error only. */
export interface RequestResults {
  countTokens: TokenCount;
  /** The chats whose title or text match the query. */
  searchHistory: { items: ChatSummary[] };
}

/** The result of a request of type T: RequestResults[T], or nothing. */
export type RequestResult<T extends WebviewMessageType> = T extends keyof RequestResults ? RequestResults[T] : undefined;

/**
 * The token meter: counted tokens vs the model's input limit. `unavailable`: no counting here,
 * hide the meter; `superseded`: a newer count replaced this one before it finished.
 */
export interface TokenCount {
  tokens?: number;
  limit?: number;
  verdict?: TokenVerdict;
  error?: string;
  unavailable?: boolean;
  superseded?: boolean;
  /** With "Whole workspace" on: the pack's part of `tokens`, or the budget it will be packed to at send. */
  workspace?: WorkspaceShare;
}

/** Everything the webview needs to draw itself from nothing (sent in answer to `ready`). */
export interface ChatSnapshot {
  chat: ChatView;
  busy: boolean;
  hasApiKey: boolean;
  model: string;
  models: string[];
  attachments: AttachmentChip[];
  history: ChatSummary[];
  /** Limits and thinking controls of the models offered (and of the chat's model). */
  modelInfos?: ModelSummary[];
  /** Agent mode here: absent when the host has none; `reason` says why it is off (Restricted Mode…). */
  agent?: { available: boolean; reason?: string };
  /** The whole-workspace packs kept, by chat id (absent: none, or no packing here). */
  workspacePacks?: WorkspacePacks;
}

/** Host → webview. */
export type HostMessage =
  | { type: 'snapshot'; snapshot: ChatSnapshot }
  /** The open chat changed as a whole (new, opened, truncated by regenerate or edit). */
  | { type: 'chat'; chat: ChatView }
  | { type: 'turnAppended'; chatId: string; turn: TurnView }
  /** One engine event for a streaming model turn; the webview folds it with applyTurnEvent. */
  | { type: 'turnEvent'; chatId: string; turnId: string; event: TurnEvent; at: number }
  | { type: 'turnSettled'; chatId: string; turnId: string; status: 'done' | 'stopped' | 'error'; at: number }
  | { type: 'busy'; busy: boolean }
  | { type: 'keyState'; hasApiKey: boolean }
  | { type: 'modelState'; model: string; models: string[]; infos?: ModelSummary[] }
  | { type: 'chatOptions'; chatId: string; options: ChatOptions }
  /** A turn's Changes card changed (proposals, decisions, outcome, checkpoint restored). */
  | { type: 'turnChanges'; chatId: string; turnId: string; changes: ChangesView }
  | { type: 'attachments'; items: AttachmentChip[] }
  /** A chat's whole-workspace pack was built, renewed, went stale or was dropped (`pack` absent). */
  | { type: 'workspacePack'; chatId: string; pack?: WorkspacePackInfo }
  /** The whole chat list changed (a chat was saved or deleted); shown unless a search is open. */
  | { type: 'historyList'; items: ChatSummary[] }
  /** The answer to the webview message with this requestId; `result` is its RequestResult. */
  | { type: 'reply'; requestId: number; ok: boolean; error?: string; result?: RequestResults[keyof RequestResults] }
  /** A short message for the user about something that was not a request (e.g. export refused). */
  | { type: 'notice'; text: string }
  /** Put the focus into the composer, optionally with text (e.g. after "new chat"). */
  | { type: 'focusComposer' }
  | { type: 'showHistory'; visible: boolean };

export type TokenVerdict = 'ok' | 'near' | 'over';

/** Largest pasted image, in bytes after base64 decoding; also the largest attachment sent inline. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
/** Attachments above this go through the Files API (inline data is resent with every turn). */
export const MAX_INLINE_BYTES = MAX_IMAGE_BYTES;
/** Largest file the webview hands to the host by paste or drop (bigger: the host's file picker). */
export const MAX_DROP_BYTES = 20 * 1024 * 1024;
/** Largest file attached through the host's picker (the Files API takes PDFs up to 50 MB). */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
/** Largest message (JSON characters) the host accepts: a dropped file of MAX_DROP_BYTES, base64. */
export const MAX_MESSAGE_CHARS = Math.ceil(MAX_DROP_BYTES / 3) * 4 + 4096;
/** What can be attached as data: images, PDFs, and text (sent as text/plain). */
export const ATTACHABLE_MIME_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif', 'image/heic', 'image/heif', 'application/pdf', 'text/plain'] as const;
export const MAX_TEXT_CHARS = 200_000;
export const MAX_ATTACHMENTS = 20;
export const IMAGE_MIME_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif', 'image/heic', 'image/heif'] as const;
