// The webview's side of the protocol: typed posting, request/reply pairs, and the small UI state
// kept by VS Code across hide/show (draft and scroll only; the chat itself lives on the host).
import type { HostMessage, RequestResult, WebviewMessage } from '../protocol/messages';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

export interface UiState {
  draft: string;
  /** The user message being edited, when the composer is in edit mode. */
  editingTurnId?: string;
  scrollTop?: number;
  stickToBottom?: boolean;
  /** Index of the first turn in the DOM when scrollTop was saved (older turns are rendered on demand). */
  firstTurn?: number;
  historyOpen?: boolean;
}

type Reply = Extract<HostMessage, { type: 'reply' }>;
type Outgoing = WebviewMessage extends infer M ? (M extends { type: string } ? Omit<M, 'requestId'> : never) : never;
/** The host's reply to a request of type T, its result typed as that request declares (RequestResults). */
export type ReplyTo<T extends Outgoing['type']> = Omit<Reply, 'result'> & { result?: RequestResult<T> };

export class HostConnection {
  private readonly api: VsCodeApi;
  private nextId = 1;
  private readonly waiting = new Map<number, (reply: Reply) => void>();

  constructor(api?: VsCodeApi) {
    this.api = api ?? acquireVsCodeApi();
  }

  post(message: Outgoing): void {
    this.api.postMessage(message);
  }

  /** Posts and resolves with the host's reply: ok with the request's result, or an error to show. */
  request<M extends Outgoing>(message: M): Promise<ReplyTo<M['type']>> {
    const requestId = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(requestId, resolve as (reply: Reply) => void);
      this.api.postMessage({ ...message, requestId });
    });
  }

  /** Returns true when the message was a reply this connection was waiting for. */
  settle(message: HostMessage): boolean {
    if (message.type !== 'reply') return false;
    const resolve = this.waiting.get(message.requestId);
    this.waiting.delete(message.requestId);
    resolve?.(message);
    return true;
  }

  get state(): UiState {
    const value = this.api.getState() as Partial<UiState> | undefined;
    return { draft: typeof value?.draft === 'string' ? value.draft : '', ...value } as UiState;
  }

  saveState(patch: Partial<UiState>): void {
    this.api.setState({ ...this.state, ...patch });
  }
}
