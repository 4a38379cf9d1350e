// The one message protocol between the chat webview and the extension host. Both bundles import
// these types; the host also validates every incoming message at run time (validate.ts), because a
// webview is untrusted: it renders model output.
import type { TurnEvent } from '../gemini/events';
import type { AttachmentChip, ChatSummary, ChatView, FailureInfo, TurnView } from './view';

export type FailureAction = NonNullable<FailureInfo['action']>;
export type AttachSource = 'selection' | 'file' | 'editors';

/**
 * Webview → host. Any message may carry `requestId`; the host then answers with one `reply`
 * carrying the same id (ok, or a short error the webview shows), e.g. so the composer clears its
 * draft only once the host has accepted the message.
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
  | { type: 'copy'; text: string }
  | { type: 'insertCode'; code: string; language?: string }
  | { type: 'applyCode'; code: string; language?: string }
  | { type: 'saveCodeAsFile'; code: string; language?: string }
  | { type: 'openLink'; href: string }
  | { type: 'runAction'; action: FailureAction; turnId?: string }
  | { type: 'uiState'; historyOpen: boolean }
);

export type WebviewMessageType = WebviewMessage['type'];

/** Everything the webview needs to draw itself from nothing (sent in answer to `ready`). */
export interface ChatSnapshot {
  chat: ChatView;
  busy: boolean;
  hasApiKey: boolean;
  model: string;
  models: string[];
  attachments: AttachmentChip[];
  history: ChatSummary[];
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
  | { type: 'modelState'; model: string; models: string[] }
  | { type: 'attachments'; items: AttachmentChip[] }
  | { type: 'historyList'; query: string; items: ChatSummary[] }
  | { type: 'reply'; requestId: number; ok: boolean; error?: string }
  /** A short message for the user about something that was not a request (e.g. export refused). */
  | { type: 'notice'; text: string }
  /** Put the focus into the composer, optionally with text (e.g. after "new chat"). */
  | { type: 'focusComposer' }
  | { type: 'showHistory'; visible: boolean };

/** Largest message (JSON characters) the host accepts; an image paste is the largest thing sent. */
export const MAX_MESSAGE_CHARS = 8 * 1024 * 1024;
/** Largest pasted image, in bytes after base64 decoding. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
export const MAX_TEXT_CHARS = 200_000;
export const MAX_ATTACHMENTS = 20;
export const IMAGE_MIME_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif', 'image/heic', 'image/heif'] as const;
