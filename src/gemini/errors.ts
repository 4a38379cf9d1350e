// Every way a Gemini request can fail, translated for a person: what happened and what to do
// next. The SDK throws an ApiError whose message is the service's JSON error body (or, for a
// non-JSON body, that body wrapped in JSON), and plain fetch errors for network trouble; both are
// parsed here. No message ever contains the API key (see `scrub`).
import { redact } from '../common/logger';
import type { FailureInfo, FinishKind } from './events';
import { describeUnavailableModel } from './unavailableModel';
import { stopReasonName } from './displayNames';
import { l10n } from '../common/l10n';

/** The google.rpc.Status body of a failed call. */
export interface ServiceError {
  code?: number;
  message?: string;
  status?: string;
  details?: Array<Record<string, unknown>>;
}

export interface DescribeContext {
  /** Secrets (the API key) that must never appear in a message. */
  secrets?: Iterable<string>;
  /** The model the request was for, to name it in the message. */
  model?: string;
  /** Output had already reached the user when the failure happened. */
  partial?: boolean;
  /** The key's models (the catalog's cache), to offer a replacement that is really listed. */
  availableModels?: readonly { id: string }[];
}

/** No data arrived for `seconds`; raised by the engine's idle timer. */
export class IdleTimeoutError extends Error {
  constructor(readonly seconds: number) {
    super(`No data from the service for ${seconds} s`);
    this.name = 'IdleTimeoutError';
  }
}

/** The answer ended without a usable result (finish reason, prompt block, empty candidate). */
export interface AnswerEnd {
  finishReason?: string;
  blockReason?: string;
  /** No candidate, or a candidate without any part. */
  empty?: boolean;
  maxToolRounds?: number;
}

export class IncompleteAnswerError extends Error {
  constructor(readonly end: AnswerEnd) {
    super(`Answer ended: ${end.blockReason ?? end.finishReason ?? (end.empty ? 'empty' : 'unknown')}`);
    this.name = 'IncompleteAnswerError';
  }
}

/** The service's HTTP status and error body when `err` is the SDK's ApiError. */
export function parseServiceError(err: unknown): { status: number; body: ServiceError } | undefined {
  if (!(err instanceof Error) || err.name !== 'ApiError') return undefined;
  const status = (err as Error & { status?: unknown }).status;
  if (typeof status !== 'number') return undefined;
  let body = parseErrorJson(err.message) ?? { message: err.message };
  // A non-JSON content type (e.g. a 404 served as text/event-stream) leaves the real JSON body
  // as the wrapper's message.
  const inner = typeof body.message === 'string' ? parseErrorJson(body.message) : undefined;
  if (inner) body = inner;
  return { status, body };
}

function parseErrorJson(text: string): ServiceError | undefined {
  const start = text.indexOf('{');
  if (start < 0) return undefined;
  try {
    const parsed = JSON.parse(text.slice(start)) as { error?: ServiceError };
    return parsed && typeof parsed.error === 'object' && parsed.error ? parsed.error : undefined;
  } catch {
    return undefined;
  }
}

function detail(body: ServiceError, type: string): Record<string, unknown> | undefined {
  return body.details?.find((d) => typeof d['@type'] === 'string' && (d['@type'] as string).endsWith(type));
}

/** google.rpc.RetryInfo.retryDelay ("2s", "1.5s", "33.123s") in milliseconds. */
export function retryDelayFromBody(body: ServiceError): number | undefined {
  const delay = detail(body, 'google.rpc.RetryInfo')?.retryDelay;
  if (typeof delay === 'string') {
    const match = /^(\d+(?:\.\d+)?)s$/.exec(delay.trim());
    if (match) return Math.round(Number(match[1]) * 1000);
  }
  if (delay && typeof delay === 'object') {
    const { seconds, nanos } = delay as { seconds?: number | string; nanos?: number };
    return Math.round(Number(seconds ?? 0) * 1000 + Number(nanos ?? 0) / 1e6);
  }
  // The human message also says "Please retry in 33.1s." when the details are missing.
  const inMessage = /retry in (\d+(?:\.\d+)?)s/i.exec(body.message ?? '');
  return inMessage ? Math.round(Number(inMessage[1]) * 1000) : undefined;
}

/** Which quota a 429 exhausted, from google.rpc.QuotaFailure violations' quotaId. */
export function quotaScope(body: ServiceError): 'perDay' | 'perMinute' {
  const violations = (detail(body, 'google.rpc.QuotaFailure')?.violations ?? []) as Array<Record<string, unknown>>;
  const ids = violations.map((v) => `${v.quotaId ?? ''} ${v.quotaMetric ?? ''}`).join(' ');
  return /PerDay|per_day|daily/i.test(ids) ? 'perDay' : 'perMinute';
}

function errorReason(body: ServiceError): string | undefined {
  const reason = detail(body, 'google.rpc.ErrorInfo')?.reason;
  return typeof reason === 'string' ? reason : undefined;
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_CLOSED']);
const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN']);
const CERT_CODES = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS|DEPTH_ZERO/;

/** The first `code` along an error's cause chain (Node puts socket errors under `cause`). */
function networkCode(err: unknown): string | undefined {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string') return e.code;
  }
  return undefined;
}

function messageChain(err: unknown): string {
  const parts: string[] = [];
  for (let e = err as { message?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.message === 'string') parts.push(e.message);
  }
  return parts.join(' | ');
}

export function isAbortError(err: unknown): boolean {
  return err instanceof Error && (err.name === 'AbortError' || (err as { code?: unknown }).code === 'ABORT_ERR');
}

/**
 * Never let a key through: the registered secrets (also percent-encoded) and anything shaped like
 * a key (see redact). Scrub before cutting a text short, so a key at the cut leaves no prefix.
 */
function scrub(text: string, secrets?: Iterable<string>): string {
  return redact(text, secrets ?? []);
}

/** Turns any thrown value into a FailureInfo a person can act on. */
export function describeFailure(err: unknown, context: DescribeContext = {}): FailureInfo {
  const failure = classify(err, context);
  return { ...failure, message: scrub(failure.message, context.secrets) };
}

function classify(err: unknown, context: DescribeContext): FailureInfo {
  if (err instanceof IncompleteAnswerError) return describeAnswerEnd(err.end).failure;
  if (err instanceof Error && err.name === 'MissingApiKeyError') {
    return { code: 'noKey', retryable: false, action: 'setKey',
      message: l10n.t('No Gemini API key is set. Set one with "Gemini: Set API Key" (get a key at https://aistudio.google.com/apikey), or set the GEMINI_API_KEY environment variable.') };
  }
  if (err instanceof IdleTimeoutError) {
    const kept = context.partial ? ' ' + l10n.t('The part of the answer that arrived is kept.') : '';
    return {
      code: 'timeout',
      message: l10n.t('Gemini sent nothing for {0} seconds, so the request was abandoned.{1} Retry, or raise the "gemini.requestTimeoutSeconds" setting for long answers.', err.seconds, kept),
      action: 'retry',
      retryable: true,
    };
  }
  const service = parseServiceError(err);
  if (service) return describeServiceError(service.status, service.body, context);
  // The engine handles the user's own Stop before describing; an abort that reaches here is a
  // deadline (e.g. the key check's timeout).
  if (isAbortError(err)) {
    return { code: 'timeout', retryable: true, action: 'retry',
      message: l10n.t('The Gemini service did not answer in time. Check your connection and retry.') };
  }
  return describeLocalError(err, context);
}

function modelName(context: DescribeContext, body?: ServiceError): string {
  const fromMessage = /models\/([\w.\-]+)/.exec(body?.message ?? '')?.[1];
  return context.model ?? fromMessage ?? 'the selected model';
}

export function describeServiceError(status: number, body: ServiceError, context: DescribeContext = {}): FailureInfo {
  const reason = errorReason(body);
  const text = body.message ?? '';
  if (reason === 'API_KEY_INVALID' || status === 401 || /API key not valid|API key expired/i.test(text)) {
    return { code: 'invalidKey', status, retryable: false, action: 'setKey',
      message: l10n.t('Your Gemini API key was rejected as invalid or expired. Set a valid key (Gemini: Set API Key); you can create one at https://aistudio.google.com/apikey.') };
  }
  if (status === 403) {
    if (/leaked/i.test(text)) {
      return { code: 'keyLeaked', status, retryable: false, action: 'setKey',
        message: l10n.t('Google blocked this API key because it was reported as leaked. Create a new key at https://aistudio.google.com/apikey and set it (Gemini: Set API Key).') };
    }
    if (reason === 'SERVICE_DISABLED' || /has not been used in project|is disabled/i.test(text)) {
      return { code: 'apiDisabled', status, retryable: false, action: 'setKey',
        message: l10n.t('The Generative Language API is not enabled for the project of this key. Enable it in the Google Cloud console, or use a key created in Google AI Studio.') };
    }
    return { code: 'permissionDenied', status, retryable: false, action: 'setKey',
      message: l10n.t("Your API key is not allowed to use {0}. Check the key's restrictions, or set a key from Google AI Studio (Gemini: Set API Key).", modelName(context, body)) };
  }
  const unavailable = describeUnavailableModel(status, body, context);
  if (unavailable) return unavailable;
  if (status === 429) {
    if (quotaScope(body) === 'perDay') {
      return { code: 'quotaPerDay', status, retryable: false, action: 'switchModel',
        message: l10n.t('You have used today\'s quota for {0}. Switch to another model (or set "gemini.fallbackModel"), or wait until the daily quota resets.', modelName(context, body)) };
    }
    return { code: 'quotaPerMinute', status, retryable: true, action: 'retry',
      message: l10n.t('Too many requests to {0} this minute (rate limit). Wait a few seconds and retry.', modelName(context, body)) };
  }
  if (status === 400 && /location is not supported/i.test(text)) {
    return { code: 'regionUnsupported', status, retryable: false, action: 'openSettings',
      message: l10n.t('The Gemini API is not available in your region. Use a supported region or a gateway ("gemini.endpoint").') };
  }
  if (status === 407) {
    return { code: 'proxyAuth', status, retryable: false, action: 'openSettings',
      message: l10n.t('Your proxy asked for authentication. Check VS Code\'s "http.proxy" settings.') };
  }
  if (status === 413) {
    return { code: 'requestTooLarge', status, retryable: false,
      message: l10n.t('The request is too large for the service. Remove attachments or start a new chat.') };
  }
  if (status === 408 || status === 504) {
    return { code: 'timeout', status, retryable: true, action: 'retry',
      message: l10n.t('The service timed out before answering. Retry; a shorter request or a faster model helps.') };
  }
  if (status === 503) {
    return { code: 'overloaded', status, retryable: true, action: 'retry',
      message: l10n.t('{0} is overloaded right now. Retry in a moment, or switch to another model.', capitalise(modelName(context, body))) };
  }
  if (status >= 500) {
    return { code: status === 500 ? 'internal' : 'serverError', status, retryable: true, action: 'retry',
      message: l10n.t('The Gemini service had an internal error (HTTP {0}). Retry in a moment.', status) };
  }
  const said = text ? ' ' + l10n.t('The service said: {0}', truncate(scrub(text, context.secrets), 300)) : '';
  return { code: 'badRequest', status, retryable: false, action: 'openLog',
    message: l10n.t('Gemini rejected the request (HTTP {0}).{1}', status, said) };
}

function describeLocalError(err: unknown, context: DescribeContext): FailureInfo {
  const code = networkCode(err);
  const chain = messageChain(err);
  const kept = ' ' + l10n.t('What arrived so far is kept; retry to get the full answer.');
  if (/exception parsing stream chunk|Incomplete JSON segment|Unexpected token|JSON/i.test(chain) && !code) {
    return { code: context.partial ? 'streamCut' : 'malformedResponse', retryable: true, action: 'retry',
      message: l10n.t('The answer stream from the service was malformed.') + (context.partial ? kept : ' ' + l10n.t('Retry the request.')) };
  }
  if (context.partial) {
    return { code: 'streamCut', retryable: true, action: 'retry', message: l10n.t('The connection dropped in the middle of the answer.{0}', kept) };
  }
  if (code && CERT_CODES.test(code)) {
    return { code: 'certificate', retryable: false, action: 'openSettings',
      message: l10n.t("The TLS certificate of the Gemini endpoint could not be verified — usually a proxy that inspects HTTPS. Add its CA certificate (NODE_EXTRA_CA_CERTS) or check VS Code's proxy settings.") };
  }
  if (code && DNS_CODES.has(code)) {
    return { code: 'dns', retryable: true, action: 'openSettings',
      message: l10n.t('The Gemini endpoint\'s host name could not be resolved. Check your internet connection, proxy, and the "gemini.endpoint" setting.') };
  }
  if ((code && NETWORK_CODES.has(code)) || /fetch failed|terminated|socket|network/i.test(chain)) {
    return { code: 'network', retryable: true, action: 'retry',
      message: l10n.t('Could not reach the Gemini service (network or proxy error, e.g. a proxy that wants authentication). Check your connection, VS Code\'s proxy settings and the "gemini.endpoint" setting, then retry.') };
  }
  return { code: 'unknown', retryable: true, action: 'openLog',
    message: l10n.t('The request failed unexpectedly: {0}. See the Gemini log for details.', truncate(scrub(chain || String(err), context.secrets), 300)) };
}

/**
 * The stream ended cleanly after thoughts, with no answer text and no finish reason: the answer
 * was cut off (not an empty answer). The thoughts are kept; Retry asks again.
 */
export function describeCutOffAnswer(): FailureInfo {
  return { code: 'cutOff', retryable: true, action: 'retry',
    message: l10n.t("The answer was cut off: Gemini's thinking arrived, then the stream ended before any answer text. The thoughts are kept; retry to get the answer.") };
}

export interface AnswerEndDescription {
  kind: FinishKind;
  failure: FailureInfo;
}

/** Finish reasons, prompt blocks and empty candidates, as a finish kind plus a message. */
export function describeAnswerEnd(end: AnswerEnd): AnswerEndDescription {
  if (end.blockReason) {
    return { kind: 'blocked', failure: { code: 'blocked', retryable: false,
      message: l10n.t('The request was blocked before Gemini answered (reason: {0}). Rephrase it or remove the flagged content or attachment.', stopReasonName(end.blockReason)) } };
  }
  if (end.maxToolRounds !== undefined) {
    return { kind: 'toolRoundsExceeded', failure: { code: 'toolRoundsExceeded', retryable: false, action: 'openSettings',
      message: l10n.t('Gemini used workspace tools for {0} rounds without finishing, the limit for one turn. Ask it to continue, or raise "gemini.maxToolRounds".', end.maxToolRounds) } };
  }
  switch (end.finishReason) {
    case 'MAX_TOKENS':
      return { kind: 'maxTokens', failure: { code: 'maxTokens', retryable: false, action: 'openSettings',
        message: l10n.t('The answer reached the output token limit and was cut off. Ask Gemini to continue, or raise "gemini.maxOutputTokens" (0 = the model\'s maximum).') } };
    case 'SAFETY':
    case 'IMAGE_SAFETY':
      return { kind: 'safety', failure: { code: 'safety', retryable: false, action: 'openSettings',
        message: l10n.t('Gemini stopped the answer because it triggered a safety filter. Rephrase the request; for false positives the "gemini.safety.threshold" setting can relax the filter.') } };
    case 'PROHIBITED_CONTENT':
    case 'BLOCKLIST':
    case 'SPII':
      return { kind: 'safety', failure: { code: 'prohibitedContent', retryable: false,
        message: l10n.t('Gemini stopped the answer because it touched content the service does not allow ({0}). Rephrase the request.', stopReasonName(end.finishReason)) } };
    case 'RECITATION':
      return { kind: 'recitation', failure: { code: 'recitation', retryable: true, action: 'retry',
        message: l10n.t('Gemini stopped because the answer closely repeated existing published text. Ask for an original explanation or a different approach.') } };
    case 'MALFORMED_FUNCTION_CALL':
    case 'UNEXPECTED_TOOL_CALL':
      return { kind: 'malformedFunctionCall', failure: { code: 'malformedFunctionCall', retryable: true, action: 'retry',
        message: l10n.t('Gemini produced a tool call that could not be used. Retry; rephrasing the request often helps.') } };
  }
  if (end.empty) {
    return { kind: 'empty', failure: { code: 'empty', retryable: true, action: 'retry',
      message: l10n.t('Gemini returned an empty answer. Retry, or rephrase the request.') } };
  }
  return { kind: 'other', failure: { code: 'finishOther', retryable: true, action: 'retry',
    message: l10n.t('Gemini stopped early (reason: {0}). Retry the request.', stopReasonName(end.finishReason)) } };
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
