// GeminiEngine: runs one user turn as a stream of TurnEvents. Each round streams one model answer
// (modelStream.ts); when the answer calls functions, they run (toolRound.ts) and their responses
// go back in the next round, until the model answers without calls or the round cap is reached.
// Every content the turn adds is returned verbatim, also when the turn fails or is stopped, and
// the history is always left valid to send again (no function call without its response).
import type { Content, GenerateContentConfig } from '@google/genai';
import { Logger, silentLogger } from '../common/logger';
import type { GenAIProvider } from './client';
import type { CacheUse, ContextCacheManager } from './contextCache';
import type { ToolExecutor, TurnOutcome, TurnRequest, TurnRunner } from './turnContract';
import { describeAnswerEnd, describeCutOffAnswer } from './errors';
import type { TurnEvent } from './events';
import { answerGrounding } from './grounding';
import { bareModelId } from './modelFamily';
import { StreamDeps, StreamResult, streamModelAnswer } from './modelStream';
import { costOf } from './pricing';
import { buildRequestConfig } from './requestConfig';
import { realClock, RetryClock, RetryPolicy } from './retry';
import type { SettingsSource } from '../config/settingValues';
import { notRunContent, PendingCall, runToolCalls } from './toolRound';

export interface GeminiEngineDeps {
  genai: GenAIProvider;
  settings: SettingsSource;
  tools?: ToolExecutor;
  logger?: Logger;
  /** Injected in tests so retry waits take no real time. */
  clock?: RetryClock;
  /** Values that must never appear in a message (the API key). */
  secrets?: () => Iterable<string>;
  /** The model catalog's cached list (no request), to offer a retired model's replacement the key lists. */
  knownModels?: () => readonly { id: string }[] | undefined;
  /** The model catalog's `thinking` flag, when it has the model cached. */
  modelThinks?: (model: string) => boolean | undefined;
  /** Context caching for requests that carry a `cacheKey` (off unless the setting enables it). */
  contextCache?: ContextCacheManager;
}

export class GeminiEngine implements TurnRunner {
  constructor(private readonly deps: GeminiEngineDeps) {}

  async *runTurn(request: TurnRequest): AsyncGenerator<TurnEvent, TurnOutcome, void> {
    const settings = this.deps.settings();
    const clock = this.deps.clock ?? realClock;
    const streamDeps: StreamDeps = {
      genai: this.deps.genai,
      policy: new RetryPolicy({ maxAttempts: settings['retry.maxAttempts'], fallbackModel: settings.fallbackModel, random: () => clock.random() }),
      clock,
      logger: this.deps.logger ?? silentLogger,
      secrets: this.deps.secrets ?? (() => []),
      knownModels: this.deps.knownModels,
    };
    const added: Content[] = [request.message];
    const prefix = request.prefix ?? [];
    const contents: Content[] = [...prefix, ...request.history, request.message];
    const tools = request.tools ?? this.deps.tools;
    const declarations = tools && request.features?.workspaceTools !== false ? tools.declarations() : [];
    let model = request.model || settings.model;
    let answerOffset = 0; // where this round's text starts in the turn's answer, for citations
    let toolRounds = 0;
    let cache: CacheUse | undefined;
    let cachePrepared = false;

    const keep = (content: Content) => {
      contents.push(content);
      added.push(content);
    };
    const closeUnanswered = (calls: PendingCall[], reason: string) => {
      if (calls.length > 0) keep(notRunContent(calls, reason));
    };

    for (;;) {
      const config = buildRequestConfig({
        model,
        settings,
        features: request.features,
        functionDeclarations: declarations,
        responseJsonSchema: request.responseJsonSchema,
        turnInstruction: request.systemInstruction,
        modelThinks: this.deps.modelThinks?.(model),
        thinking: request.thinking,
      });
      if (!cachePrepared && request.cacheKey && this.deps.contextCache) {
        cachePrepared = true;
        // A pack prefix is cached on its own (and always): it changes only when files do.
        const cached = prefix.length > 0 ? { history: prefix, force: true } : { history: request.history };
        cache = await this.deps.contextCache.prepare({ key: request.cacheKey, model, ...cached, config, signal: request.signal });
      }
      const cached = cache && cache.model === bareModelId(model) ? cache : undefined;
      const answer: StreamResult = yield* streamModelAnswer(
        { model, ...withCache(contents, config, cached), signal: request.signal, idleTimeoutMs: settings.requestTimeoutSeconds * 1000 },
        streamDeps,
      );
      if (cached && answer.failure && !answer.content && isCacheRefusal(answer.failure.status)) {
        // The cache expired early or was deleted elsewhere: forget it and ask again, uncached.
        this.deps.logger?.warn(`Context cache ${cached.name} was refused (HTTP ${answer.failure.status}); retrying without it`);
        this.deps.contextCache?.invalidate(request.cacheKey!);
        cache = undefined;
        continue;
      }
      model = answer.model;
      if (answer.content) keep(answer.content);
      if (answer.usage) {
        const answeredBy = answer.modelVersion ?? model;
        const costUsd = costOf(answer.usage, answeredBy, settings.pricing) ?? costOf(answer.usage, model, settings.pricing);
        yield { type: 'usage', usage: answer.usage, model: answeredBy, ...(costUsd !== undefined ? { costUsd } : {}) };
      }
      const grounding = answerGrounding(answer.grounding, answer.urlContext, answer.answerText, answerOffset);
      if (grounding) yield { type: 'grounding', grounding };
      answerOffset += answer.answerText.length;

      if (answer.stopped) {
        closeUnanswered(answer.calls, 'the user stopped the turn');
        yield { type: 'finish', reason: 'cancelled' };
        return { contents: added, status: 'stopped' };
      }
      if (answer.failure) {
        closeUnanswered(answer.calls, 'the request failed');
        yield { type: 'error', failure: answer.failure };
        return { contents: added, status: 'error' };
      }
      const finishReason = answer.finishReason;
      const abnormal = answer.blockReason || (finishReason && finishReason !== 'STOP' && finishReason !== 'FINISH_REASON_UNSPECIFIED');
      const empty = !hasAnswer(answer.content) && answer.calls.length === 0;
      if (empty && !finishReason && !answer.blockReason && hasThoughts(answer.content)) {
        // Thoughts, then a clean end without an answer or a finish reason: cut off, not empty.
        yield { type: 'error', failure: describeCutOffAnswer() };
        return { contents: added, status: 'error' };
      }
      if (abnormal || empty) {
        closeUnanswered(answer.calls, `the answer ended with ${finishReason}`);
        const end = describeAnswerEnd({ finishReason, blockReason: answer.blockReason, empty });
        yield { type: 'finish', reason: end.kind, message: end.failure.message, failure: end.failure };
        return { contents: added, status: 'done' };
      }
      if (answer.calls.length === 0) {
        yield { type: 'finish', reason: 'stop' };
        return { contents: added, status: 'done' };
      }
      if (toolRounds >= settings.maxToolRounds) {
        closeUnanswered(answer.calls, 'the tool-round limit of this turn was reached');
        const end = describeAnswerEnd({ maxToolRounds: settings.maxToolRounds });
        yield { type: 'finish', reason: end.kind, message: end.failure.message, failure: end.failure };
        return { contents: added, status: 'done' };
      }
      toolRounds++;
      keep(yield* runToolCalls(answer.calls, tools, request.signal));
      if (request.signal.aborted) {
        yield { type: 'finish', reason: 'cancelled' };
        return { contents: added, status: 'stopped' };
      }
    }
  }
}

/**
 * With a cache, the request sends only what follows the cached prefix, and leaves the system
 * instruction and tools out: they are part of the cache, and naming both is a 400.
 */
function withCache(contents: Content[], config: GenerateContentConfig, cache: CacheUse | undefined): { contents: Content[]; config: GenerateContentConfig } {
  if (!cache) return { contents, config };
  const { systemInstruction: _system, tools: _tools, toolConfig: _toolConfig, ...rest } = config;
  return { contents: contents.slice(cache.prefixLength), config: { ...rest, cachedContent: cache.name } };
}

/** How the service answers a request naming a cache it no longer has (or cannot use). */
function isCacheRefusal(status: number | undefined): boolean {
  return status === 400 || status === 403 || status === 404;
}

function hasThoughts(content: Content | undefined): boolean {
  return !!content?.parts?.some((part) => part.thought && typeof part.text === 'string' && part.text.length > 0);
}

/** The content holds something besides thoughts and signatures: text, a call, code, data… */
function hasAnswer(content: Content | undefined): boolean {
  return !!content?.parts?.some(
    (part) => !part.thought && Object.entries(part).some(([key, value]) => key !== 'thoughtSignature' && !(key === 'text' && value === '')),
  );
}
