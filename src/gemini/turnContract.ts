// The contract between the Gemini engine (src/gemini), the workspace tools (src/tools) and the
// UIs (chat webview, editor actions, LM provider). Types only; implementations live beside it.
import type { Content, FunctionDeclaration } from '@google/genai';
import type { ToolCallInfo, TurnEvent } from './events';
import type { ThinkingChoice } from './thinking';

export interface TurnFeatures {
  /** Google Search grounding (tools: [{googleSearch: {}}]). */
  googleSearch?: boolean;
  /** Server-side code execution (tools: [{codeExecution: {}}]). */
  codeExecution?: boolean;
  /** Gemini reads the web pages named in the prompt (tools: [{urlContext: {}}]). */
  urlContext?: boolean;
  /** Workspace tools (function calling). Default true when a ToolExecutor is present. */
  workspaceTools?: boolean;
}

export interface TurnRequest {
  /** Prior contents, sent back verbatim (thoughts and thoughtSignature included). */
  history: Content[];
  /** The new user content: text parts plus inlineData attachments. */
  message: Content;
  /** Overrides the configured model for this turn. */
  model?: string;
  signal: AbortSignal;
  features?: TurnFeatures;
  /** Structured output: the answer must be JSON matching this schema. */
  responseJsonSchema?: Record<string, unknown>;
  /** Extra system instruction for this turn (e.g. an editor action's task). */
  systemInstruction?: string;
  /** This conversation's thinking choice (budget on 2.5, level on 3.x); unset: the settings. */
  thinking?: ThinkingChoice;
  /**
   * Identifies the conversation (a chat id) for context caching: with caching on, a large stable
   * history is cached once and later turns send only what follows it.
   */
  cacheKey?: string;
  /** This turn's tools instead of the engine's (Agent mode: the write tools and the turn's proposals). */
  tools?: ToolExecutor;
  /** The chat's "Whole workspace" toggle: src/context/packRunner.ts turns it into `prefix`. */
  wholeWorkspace?: boolean;
  /**
   * Contents sent before the history (a whole-workspace pack). With a `cacheKey` the engine caches
   * exactly this prefix, whatever the caching setting, so later turns reuse it until it changes.
   */
  prefix?: Content[];
}

export interface TurnOutcome {
  /**
   * Every content this turn adds to the history, in order and verbatim: the user message, each
   * model content, each tool-response content. Present even when the turn failed or was stopped
   * (then the last model content holds the partial answer).
   */
  contents: Content[];
  /** How the turn ended; mirrors the last 'finish' or 'error' event. */
  status: 'done' | 'stopped' | 'error';
}

/** Runs one user turn, including every function-calling round, as a stream of events. */
export interface TurnRunner {
  runTurn(request: TurnRequest): AsyncGenerator<TurnEvent, TurnOutcome, void>;
}

export interface ToolExecution {
  /** The functionResponse.response object sent back to the model ({output} or {error}). */
  response: Record<string, unknown>;
  ok: boolean;
  /** Short human summary for the tool card and the log. */
  summary: string;
}

/** Implemented by src/tools (the workspace tools registry). */
export interface ToolExecutor {
  declarations(): FunctionDeclaration[];
  execute(call: ToolCallInfo, signal: AbortSignal): Promise<ToolExecution>;
}
