// Folds one TurnEvent into a model turn's display model. The host and the webview run this same
// function on the same events, so the webview can apply small deltas and still end up with exactly
// the state the host would send in a snapshot.
import type { TurnEvent } from '../gemini/events';
import type { ModelSegment, ModelTurnView } from './view';

/** What changed, so a renderer can touch only that part of the DOM. */
export type TurnChange =
  | { kind: 'segment'; index: number; created: boolean; appended?: string }
  | { kind: 'meta' };

export function newModelTurn(id: string, now: number, model?: string): ModelTurnView {
  return { role: 'model', id, status: 'streaming', segments: [], model, createdAt: now };
}

export function applyTurnEvent(turn: ModelTurnView, event: TurnEvent, now: number): TurnChange {
  switch (event.type) {
    case 'text':
    case 'thought':
      turn.retry = undefined;
      return appendStreamed(turn, event.type, event.text);
    case 'toolCall':
      turn.retry = undefined;
      return pushSegment(turn, { kind: 'tool', call: event.call });
    case 'toolResult': {
      const index = findToolSegment(turn, event.result.id, event.result.name);
      if (index < 0) return pushSegment(turn, { kind: 'tool', call: { id: event.result.id, name: event.result.name, args: {} }, result: event.result });
      (turn.segments[index] as Extract<ModelSegment, { kind: 'tool' }>).result = event.result;
      return { kind: 'segment', index, created: false };
    }
    case 'codeExecution': {
      // A result completes the card of the code it ran (same id, else the last code still waiting).
      const index = event.execution.result && !event.execution.code ? findCodeAwaitingResult(turn, event.execution.id) : -1;
      if (index < 0) return pushSegment(turn, { kind: 'codeExecution', execution: { ...event.execution } });
      const segment = turn.segments[index] as Extract<ModelSegment, { kind: 'codeExecution' }>;
      segment.execution = { ...segment.execution, result: event.execution.result };
      return { kind: 'segment', index, created: false };
    }
    case 'grounding':
      // The engine reports a turn's grounding whole (the service repeats it per chunk): keep the latest.
      turn.grounding = event.grounding;
      return { kind: 'meta' };
    case 'rules':
      turn.rules = event.rules;
      return { kind: 'meta' };
    case 'usage':
      turn.usage = event.usage;
      if (event.costUsd !== undefined) turn.costUsd = (turn.costUsd ?? 0) + event.costUsd;
      if (event.model) turn.model = event.model;
      return { kind: 'meta' };
    case 'retry':
      turn.retry = { attempt: event.attempt, maxAttempts: event.maxAttempts, until: now + event.delayMs, failure: event.failure };
      return { kind: 'meta' };
    case 'finish':
      turn.retry = undefined;
      turn.finish = { reason: event.reason, message: event.message };
      turn.status = event.reason === 'cancelled' ? 'stopped' : 'done';
      turn.endedAt = now;
      return { kind: 'meta' };
    case 'error':
      turn.retry = undefined;
      turn.error = event.failure;
      turn.status = 'error';
      turn.endedAt = now;
      return { kind: 'meta' };
    default:
      return { kind: 'meta' };
  }
}

/** Sets the final status from the engine's outcome (covers a runner that ends without a finish event). */
export function settleTurn(turn: ModelTurnView, status: 'done' | 'stopped' | 'error' | 'interrupted', now: number): void {
  turn.retry = undefined;
  if (turn.status === 'streaming' || status === 'stopped' || status === 'interrupted') turn.status = status;
  turn.endedAt ??= now;
}

function appendStreamed(turn: ModelTurnView, kind: 'text' | 'thought', text: string): TurnChange {
  const last = turn.segments[turn.segments.length - 1];
  if (last && last.kind === kind) {
    last.text += text;
    return { kind: 'segment', index: turn.segments.length - 1, created: false, appended: text };
  }
  return pushSegment(turn, { kind, text });
}

function pushSegment(turn: ModelTurnView, segment: ModelSegment): TurnChange {
  turn.segments.push(segment);
  return { kind: 'segment', index: turn.segments.length - 1, created: true };
}

function findCodeAwaitingResult(turn: ModelTurnView, id: string | undefined): number {
  for (let i = turn.segments.length - 1; i >= 0; i--) {
    const s = turn.segments[i];
    if (s.kind !== 'codeExecution' || !s.execution.code || s.execution.result) continue;
    if (!id || !s.execution.id || s.execution.id === id) return i;
  }
  return -1;
}

function findToolSegment(turn: ModelTurnView, id: string, name: string): number {
  for (let i = turn.segments.length - 1; i >= 0; i--) {
    const s = turn.segments[i];
    if (s.kind === 'tool' && !s.result && s.call.id === id && s.call.name === name) return i;
  }
  return -1;
}
