// One request of VS Code's language-model API, answered by Gemini: one streamed model answer, no
// tool loop of our own (VS Code runs the tools and calls again with their results). Text is
// reported as it arrives; function calls once the answer is complete, each with the id VS Code
// echoes later. Retries and failure descriptions are the engine's (modelStream.ts), so a
// rate limit behaves here as it does in our own chat.
import { l10n } from '../common/l10n';
import type { Logger } from '../common/logger';
import type { GenAIProvider } from '../gemini/client';
import { describeAnswerEnd } from '../gemini/errors';
import type { FailureInfo } from '../gemini/events';
import { streamModelAnswer } from '../gemini/modelStream';
import { realClock, RetryClock, RetryPolicy } from '../gemini/retry';
import type { SettingsSource } from '../config/settingValues';
import { CallMemory, LmMessage, LmTool, ReportedToolCall, reportToolCalls, toFunctionDeclarations, toGeminiRequest, ToolNames } from './messages';
import { buildLmRequestConfig } from './request';

export interface LmRequest {
  model: string;
  messages: readonly LmMessage[];
  tools?: readonly LmTool[];
  toolMode?: number;
  modelOptions?: Readonly<Record<string, unknown>>;
  signal: AbortSignal;
}

/** Where the answer goes (VS Code's progress callback, in the glue). */
export interface LmResponseSink {
  text(value: string): void;
  toolCall(call: ReportedToolCall): void;
}

export interface LmRequestDeps {
  genai: GenAIProvider;
  settings: SettingsSource;
  memory: CallMemory;
  logger: Logger;
  secrets: () => Iterable<string>;
  modelThinks?: (model: string) => boolean | undefined;
  clock?: RetryClock;
}

/** The request failed; `failure` says why and what to do. Never carries the key. */
export class LmRequestError extends Error {
  constructor(readonly failure: FailureInfo) {
    super(failure.message);
    this.name = 'LmRequestError';
  }
}

/** Resolves when the answer is complete or cancelled; rejects with an LmRequestError. */
export async function answerLmRequest(request: LmRequest, sink: LmResponseSink, deps: LmRequestDeps): Promise<void> {
  const settings = deps.settings();
  const names = new ToolNames();
  const declarations = toFunctionDeclarations(request.tools ?? [], names);
  const { contents, systemInstruction } = toGeminiRequest(request.messages, { memory: deps.memory, names, model: request.model });
  if (contents.length === 0) {
    throw new LmRequestError({ code: 'emptyRequest', retryable: false, message: l10n.t('The request has no message for Gemini to answer.') });
  }
  const config = buildLmRequestConfig({
    model: request.model, settings, systemInstruction, declarations,
    toolMode: request.toolMode, modelOptions: request.modelOptions, modelThinks: deps.modelThinks?.(request.model),
  });
  const clock = deps.clock ?? realClock;
  // The caller chose this model: a quota fallback to another one would answer as someone else.
  const policy = new RetryPolicy({ maxAttempts: settings['retry.maxAttempts'], random: () => clock.random() });
  const answer = streamModelAnswer(
    { model: request.model, contents, config, signal: request.signal, idleTimeoutMs: settings.requestTimeoutSeconds * 1000 },
    { genai: deps.genai, policy, clock, logger: deps.logger, secrets: deps.secrets },
  );
  let step = await answer.next();
  while (!step.done) {
    const event = step.value;
    if (event.type === 'text') sink.text(event.text);
    else if (event.type === 'retry') deps.logger.info(`lm: ${request.model} ${event.failure.code}, retry ${event.attempt}/${event.maxAttempts} in ${event.delayMs} ms`);
    step = await answer.next();
  }
  const result = step.value;
  if (result.stopped) return;
  if (result.failure) throw new LmRequestError(result.failure);
  if (result.usage) {
    deps.logger.info(`lm: ${request.model} answered, ${result.usage.promptTokens} prompt + ${result.usage.outputTokens} output tokens`);
  }
  const finish = result.finishReason;
  const abnormal = result.blockReason || (finish && finish !== 'STOP' && finish !== 'FINISH_REASON_UNSPECIFIED');
  const empty = result.answerText.length === 0 && result.calls.length === 0;
  // Calls of an answer that was cut or blocked are not handed out: VS Code would run them.
  if (abnormal || empty) {
    throw new LmRequestError(describeAnswerEnd({ finishReason: finish, blockReason: result.blockReason, empty }).failure);
  }
  const ids = result.calls.map((call) => ({ id: call.info.id, fromService: !!call.serverId }));
  for (const call of reportToolCalls(result.content, ids, { memory: deps.memory, names })) sink.toolCall(call);
}
