// The Gemini wire emulator: see docs/EMULATOR.md.
export { GeminiEmulator } from './server';
export { chunks, mergeChunks } from './chunks';
export type { UsageCounts, TextOptions, FunctionCallOptions, GroundingSpec } from './chunks';
export { errors, googleError, invalidKeyBody, modelNotFoundBody, notFoundMessage, INVALID_KEY_MESSAGE } from './errors';
export type { GoogleErrorBody, QuotaOptions } from './errors';
export { loadRecording, recordingsDir, repoRoot } from './recordings';
export type { RecordedExchange } from './recordings';
export { sseEvent } from './responder';
export { TEST_KEY } from './types';
export { RETIRED_MODELS } from './catalogue';
export { demoAnswer } from './demo';
export type {
  EmulatorOptions,
  RecordedRequest,
  ScriptedResponse,
  QueuedResponse,
  StreamResponse,
  JsonResponse,
  ErrorResponse,
  RawResponse,
  StallResponse,
  RouteKind,
} from './types';
