// The typed stream of one chat turn, produced by the Gemini engine and consumed by every UI
// (chat webview, editor actions, VS Code's LM provider). Pure data: safe to serialise.

export interface ToolCallInfo {
  /** The model's id when it sent one (Gemini 3.x), otherwise one we made; echoed in the response. */
  id: string;
  name: string;
  args: Record<string, unknown>;
}

export interface ToolResultInfo {
  id: string;
  name: string;
  ok: boolean;
  /** Short human summary, e.g. "read src/a.ts lines 1-120 (3.1 KB)" or the tool error. */
  summary: string;
  /** Size of the result sent back to the model, in bytes of JSON. */
  bytes: number;
  durationMs: number;
}

export interface GroundingSource {
  uri: string;
  title: string;
}

export interface GroundingCitation {
  /** Character offsets into the answer text (UTF-16, as the UI sees it). */
  start: number;
  end: number;
  text: string;
  /** Indexes into `sources`. */
  sources: number[];
}

/** A page Gemini's URL context tool read (or failed to read) for the answer. */
export interface UrlContextSource {
  uri: string;
  status: 'ok' | 'failed' | 'paywall' | 'unsafe' | 'unknown';
}

export interface GroundingInfo {
  sources: GroundingSource[];
  citations: GroundingCitation[];
  queries: string[];
  /** Pages the URL context tool read (urlContextMetadata). */
  urls?: UrlContextSource[];
}

export interface CodeExecutionInfo {
  /** The service pairs a result with its code by this id (Gemini 3.x); older models send none. */
  id?: string;
  /** Present on an executableCode part. */
  code?: { language: string; code: string };
  /** Present on a codeExecutionResult part. */
  result?: { outcome: string; output: string };
}

/** The project rules files (AGENTS.md, GEMINI.md) a chat turn's system instruction carried. */
export interface RulesInfo {
  /** As displayed: workspace-relative, nearest first. */
  files: string[];
  /** Found but left out for size. */
  omitted?: string[];
}

export interface UsageInfo {
  promptTokens: number;
  outputTokens: number;
  thoughtsTokens: number;
  cachedTokens: number;
  toolUsePromptTokens: number;
  totalTokens: number;
}

/** Why a turn ended. `stop` is a normal end; everything else is shown to the user. */
export type FinishKind =
  | 'stop'
  | 'maxTokens'
  | 'safety'
  | 'recitation'
  | 'malformedFunctionCall'
  | 'blocked'
  | 'empty'
  | 'cancelled'
  | 'toolRoundsExceeded'
  | 'other';

/** A failure translated for a person: what happened and what to do next. */
export interface FailureInfo {
  /** Stable machine code, e.g. 'invalidKey', 'quotaPerMinute', 'modelNotFound', 'streamCut'. */
  code: string;
  /** One or two sentences, never containing the API key. */
  message: string;
  /** The recovery a UI offers as a button. */
  action?: 'retry' | 'setKey' | 'switchModel' | 'openSettings' | 'openLog';
  /** HTTP status when the failure came from the service. */
  status?: number;
  retryable: boolean;
  /** With `switchModel`: the model the one-click recovery switches to (a retired model's replacement). */
  replacement?: string;
}

export type TurnEvent =
  | { type: 'text'; text: string }
  | { type: 'thought'; text: string }
  | { type: 'toolCall'; call: ToolCallInfo }
  | { type: 'toolResult'; result: ToolResultInfo }
  | { type: 'grounding'; grounding: GroundingInfo }
  | { type: 'codeExecution'; execution: CodeExecutionInfo }
  | { type: 'rules'; rules: RulesInfo }
  /** One request's usage; `costUsd` is the estimate from the price table when the model has a price. */
  | { type: 'usage'; usage: UsageInfo; model: string; costUsd?: number }
  /**
   * A retry is scheduled: the UI shows a countdown of `delayMs`. With `fallbackModel` the retry
   * goes to that model (the main model's quota is exhausted) for the rest of the turn.
   */
  | { type: 'retry'; attempt: number; maxAttempts: number; delayMs: number; failure: FailureInfo; fallbackModel?: string }
  /** For any reason but 'stop', `message` (and `failure`, with its recovery action) says why. */
  | { type: 'finish'; reason: FinishKind; message?: string; failure?: FailureInfo }
  /** The turn failed; partial output already emitted is kept by the session. */
  | { type: 'error'; failure: FailureInfo };
