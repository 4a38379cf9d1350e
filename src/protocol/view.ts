// The display model of a chat, shared by the extension host (which owns it) and the webview (which
// renders it). Plain JSON: it crosses postMessage and is what the chat store writes to disk, minus
// the verbatim Gemini contents the host keeps beside it.
import type { ChangesView } from './changes';
import type {
  CodeExecutionInfo, FailureInfo, FinishKind, GroundingInfo, RulesInfo, ToolCallInfo, ToolResultInfo, UrlContextSource, UsageInfo,
} from '../gemini/events';

export type { CodeExecutionInfo, FailureInfo, FinishKind, GroundingInfo, RulesInfo, ToolCallInfo, ToolResultInfo, UrlContextSource, UsageInfo };

/** `pdf` and `document` (a text file) are sent as data (inline, or through the Files API when large). */
export type AttachmentKind = 'selection' | 'file' | 'editor' | 'image' | 'pdf' | 'document';

/** Per-chat choices, stored with the chat; unset fields fall back to the settings. */
export interface ChatOptions {
  /** The model of this chat; unset: `gemini.model`. */
  model?: string;
  /** Google Search grounding. */
  googleSearch?: boolean;
  /** Server-side code execution. */
  codeExecution?: boolean;
  /** Gemini's URL context tool: it reads the pages whose URLs the message names. */
  urlContext?: boolean;
  /** Send the workspace's text files with each question (packed, cached; see src/context/). */
  wholeWorkspace?: boolean;
  /** `default`, `budget:<tokens>` or `level:<name>` (see src/gemini/thinking.ts). */
  thinking?: string;
  /** `ask` (read-only, the default) or `agent` (adds the write tools; see docs/AGENT.md). */
  mode?: 'ask' | 'agent';
}

/** A model as the picker shows it: limits and how thinking is controlled. */
export interface ModelSummary {
  id: string;
  displayName?: string;
  inputTokenLimit?: number;
  outputTokenLimit?: number;
  /** Shown after the name in the picker: `preview`, `latest` (a moving alias) or `stable`. */
  stage?: 'preview' | 'latest' | 'stable';
  /** `budget` (2.5), `level` (3.x) or `none`, with the choices the chat's thinking picker offers. */
  thinking: { kind: 'budget' | 'level' | 'none'; options: { value: string; label: string }[]; hint: string };
}

/** What the webview shows for an attached piece of context; the content itself stays on the host. */
export interface AttachmentChip {
  id: string;
  kind: AttachmentKind;
  /** Short label, e.g. "a.ts:3-10" or "screenshot.png". */
  label: string;
  /** Longer description for the tooltip, e.g. the workspace-relative path. */
  detail?: string;
  bytes: number;
}

export interface UserTurnView {
  role: 'user';
  id: string;
  text: string;
  attachments: AttachmentChip[];
  createdAt: number;
}

/** `interrupted`: the window reloaded or crashed while the answer streamed; the partial answer is kept. */
export type ModelTurnStatus = 'streaming' | 'done' | 'stopped' | 'error' | 'interrupted';

export type ModelSegment =
  | { kind: 'text'; text: string }
  | { kind: 'thought'; text: string }
  | { kind: 'tool'; call: ToolCallInfo; result?: ToolResultInfo }
  | { kind: 'codeExecution'; execution: CodeExecutionInfo };

export interface RetryView {
  attempt: number;
  maxAttempts: number;
  /** Epoch milliseconds when the retry fires; the webview counts down to it. */
  until: number;
  failure: FailureInfo;
}

export interface ModelTurnView {
  role: 'model';
  id: string;
  status: ModelTurnStatus;
  /** In arrival order; consecutive text (or thought) deltas grow the last segment. */
  segments: ModelSegment[];
  /** The model that answered (from the usage event), else the one requested. */
  model?: string;
  /** The last request's usage (a turn with tool rounds makes several requests). */
  usage?: UsageInfo;
  /** Estimated cost of every request of the turn, in USD, when the model has a price. */
  costUsd?: number;
  grounding?: GroundingInfo;
  /** The project rules files the answer's instruction carried. */
  rules?: RulesInfo;
  finish?: { reason: FinishKind; message?: string };
  error?: FailureInfo;
  retry?: RetryView;
  /** Agent mode: the files this turn proposes to change, the review and its outcome. */
  changes?: ChangesView;
  createdAt: number;
  endedAt?: number;
}

export type TurnView = UserTurnView | ModelTurnView;

export interface ChatView {
  id: string;
  title: string;
  turns: TurnView[];
  options?: ChatOptions;
  createdAt: number;
  updatedAt: number;
}

export interface ChatSummary {
  id: string;
  title: string;
  updatedAt: number;
  turnCount: number;
  /** For a search hit: a short excerpt around the first match. */
  snippet?: string;
}

/** The answer's markdown: its text segments joined, as "copy answer" and the export use it. */
export function answerText(turn: ModelTurnView): string {
  return turn.segments.filter((s) => s.kind === 'text').map((s) => (s as { text: string }).text).join('\n\n');
}
