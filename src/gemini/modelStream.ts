// One streamed model answer (one HTTP request), with retries: chunks become TurnEvents as they
// arrive, parts are merged into the model Content to keep, and an idle timer abandons a request
// that goes silent. Failures are described here; the turn engine decides what follows.
import type { Content, GenerateContentConfig, GenerateContentResponse, GenerateContentResponseUsageMetadata, GroundingMetadata, Part, UrlContextMetadata } from '@google/genai';
import type { Logger } from '../common/logger';
import type { GenAIProvider } from './client';
import { ModelContentBuilder } from './contentBuilder';
import { describeFailure, IdleTimeoutError } from './errors';
import type { FailureInfo, TurnEvent, UsageInfo } from './events';
import { RetryClock, RetryPolicy } from './retry';
import { PendingCall, toPendingCall } from './toolRound';

export interface StreamRequest {
  model: string;
  contents: Content[];
  config: GenerateContentConfig;
  signal: AbortSignal;
  idleTimeoutMs: number;
}

export interface StreamDeps {
  genai: GenAIProvider;
  policy: RetryPolicy;
  clock: RetryClock;
  logger: Logger;
  secrets: () => Iterable<string>;
  /** The key's models when already listed, so a retired model's replacement is one it can use. */
  knownModels?: () => readonly { id: string }[] | undefined;
}

export interface StreamResult {
  /** The model content as merged from the stream; undefined when no part arrived. */
  content?: Content;
  /** The model asked (differs from the request after a quota fallback). */
  model: string;
  /** The exact model version that answered, as the service reports it. */
  modelVersion?: string;
  calls: PendingCall[];
  /** The answer text (not thoughts) of this stream, for grounding offsets. */
  answerText: string;
  finishReason?: string;
  blockReason?: string;
  grounding?: GroundingMetadata;
  /** What the URL context tool read, when it ran. */
  urlContext?: UrlContextMetadata;
  usage?: UsageInfo;
  /** Set when the request ended in failure (after any retries). */
  failure?: FailureInfo;
  /** The user's signal aborted the request. */
  stopped: boolean;
}

export async function* streamModelAnswer(request: StreamRequest, deps: StreamDeps): AsyncGenerator<TurnEvent, StreamResult, void> {
  let model = request.model;
  for (let retriesSoFar = 0; ; retriesSoFar++) {
    const attempt = yield* streamOnce({ ...request, model }, deps);
    if (!attempt.error) return attempt.result;
    const { result, error } = attempt;
    const outputStreamed = result.content !== undefined;
    const failure = describeFailure(error, { model, partial: outputStreamed, secrets: deps.secrets(), availableModels: deps.knownModels?.() });
    const decision = error instanceof IdleTimeoutError ? { retry: false as const } : deps.policy.decide({ error, failure, retriesSoFar, model, outputStreamed });
    deps.logger.warn(`Gemini request to ${model} failed: ${failure.code}${failure.status ? ` (HTTP ${failure.status})` : ''}${decision.retry ? `; retrying in ${decision.delayMs} ms` : ''}`);
    if (!decision.retry) return { ...result, failure };
    yield {
      type: 'retry',
      attempt: retriesSoFar + 1,
      maxAttempts: deps.policy.maxAttempts,
      delayMs: decision.delayMs,
      failure,
      ...(decision.fallbackModel ? { fallbackModel: decision.fallbackModel } : {}),
    };
    if (decision.fallbackModel) {
      model = decision.fallbackModel;
      retriesSoFar = -1; // the fallback model gets its own retries
    }
    try {
      await deps.clock.sleep(decision.delayMs, request.signal);
    } catch {
      return { ...result, model, stopped: true };
    }
  }
}

type Attempt = { result: StreamResult; error?: undefined } | { result: StreamResult; error: unknown };

async function* streamOnce(request: StreamRequest, deps: StreamDeps): AsyncGenerator<TurnEvent, Attempt, void> {
  const builder = new ModelContentBuilder();
  const state: StreamResult = { model: request.model, calls: [], answerText: '', stopped: false };
  const result = (): StreamResult => ({ ...state, content: builder.isEmpty ? undefined : builder.content() });

  // The SDK gets its own controller: aborted by the user's signal, by the idle timer, or when the
  // consumer abandons this generator, so the HTTP stream never outlives its reader.
  const controller = new AbortController();
  const onUserAbort = () => controller.abort();
  request.signal.addEventListener('abort', onUserAbort, { once: true });
  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const armIdleTimer = () => {
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, request.idleTimeoutMs);
  };
  const disarmIdleTimer = () => clearTimeout(timer);

  try {
    if (request.signal.aborted) return { result: { ...result(), stopped: true } };
    armIdleTimer();
    const genai = await deps.genai();
    deps.logger.debug(`Gemini request: ${request.model}, ${request.contents.length} contents`);
    const stream = await genai.models.generateContentStream({
      model: request.model,
      contents: request.contents,
      config: { ...request.config, abortSignal: controller.signal },
    });
    for await (const chunk of stream) {
      disarmIdleTimer(); // time spent in the consumer doesn't count as the service being silent
      yield* readChunk(chunk, builder, state);
      armIdleTimer();
    }
    disarmIdleTimer();
    return { result: result() };
  } catch (err) {
    disarmIdleTimer();
    if (request.signal.aborted) return { result: { ...result(), stopped: true } };
    const error = timedOut ? new IdleTimeoutError(Math.round(request.idleTimeoutMs / 1000)) : err;
    return { result: result(), error };
  } finally {
    disarmIdleTimer();
    request.signal.removeEventListener('abort', onUserAbort);
    controller.abort(); // no-op after a complete stream; closes the socket if abandoned mid-way
  }
}

function* readChunk(chunk: GenerateContentResponse, builder: ModelContentBuilder, state: StreamResult): Generator<TurnEvent, void, void> {
  if (chunk.promptFeedback?.blockReason) state.blockReason = chunk.promptFeedback.blockReason;
  if (chunk.usageMetadata) state.usage = toUsageInfo(chunk.usageMetadata);
  if (chunk.modelVersion) state.modelVersion = chunk.modelVersion;
  const candidate = chunk.candidates?.[0];
  if (!candidate) return;
  for (const part of candidate.content?.parts ?? []) {
    builder.add(part);
    yield* partEvents(part, state);
  }
  if (candidate.finishReason) state.finishReason = candidate.finishReason;
  const grounding = candidate.groundingMetadata;
  if (grounding && Object.keys(grounding).length > 0) state.grounding = grounding;
  if (candidate.urlContextMetadata?.urlMetadata?.length) state.urlContext = candidate.urlContextMetadata;
}

function* partEvents(part: Part, state: StreamResult): Generator<TurnEvent, void, void> {
  if (part.functionCall) {
    const call = toPendingCall(part);
    state.calls.push(call);
    yield { type: 'toolCall', call: call.info };
  } else if (part.executableCode) {
    const id = part.executableCode.id;
    yield { type: 'codeExecution', execution: { ...(id ? { id } : {}), code: { language: String(part.executableCode.language ?? ''), code: part.executableCode.code ?? '' } } };
  } else if (part.codeExecutionResult) {
    const id = part.codeExecutionResult.id;
    yield { type: 'codeExecution', execution: { ...(id ? { id } : {}), result: { outcome: String(part.codeExecutionResult.outcome ?? ''), output: part.codeExecutionResult.output ?? '' } } };
  } else if (typeof part.text === 'string' && part.text.length > 0) {
    if (part.thought) {
      yield { type: 'thought', text: part.text };
    } else {
      state.answerText += part.text;
      yield { type: 'text', text: part.text };
    }
  }
}

export function toUsageInfo(usage: GenerateContentResponseUsageMetadata): UsageInfo {
  return {
    promptTokens: usage.promptTokenCount ?? 0,
    outputTokens: usage.candidatesTokenCount ?? 0,
    thoughtsTokens: usage.thoughtsTokenCount ?? 0,
    cachedTokens: usage.cachedContentTokenCount ?? 0,
    toolUsePromptTokens: usage.toolUsePromptTokenCount ?? 0,
    totalTokens: usage.totalTokenCount ?? 0,
  };
}
