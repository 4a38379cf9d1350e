// One round of function calling: every call the model made in one answer runs concurrently, and
// all their responses go back together in ONE role:'user' content, in the order of the calls.
// A functionResponse echoes the model's call id when it sent one (Gemini 3.x) and carries none
// otherwise, as the official SDKs do; our own ids only correlate events in the UI.
import { l10n } from '../common/l10n';
import type { Content, Part } from '@google/genai';
import type { ToolExecution, ToolExecutor } from './turnContract';
import type { ToolCallInfo, TurnEvent } from './events';

export interface PendingCall {
  info: ToolCallInfo;
  /** The id the model gave the call, to echo back; absent on models that send none. */
  serverId?: string;
}

let localCallCounter = 0;

export function toPendingCall(part: Part): PendingCall {
  const call = part.functionCall!;
  const serverId = call.id || undefined;
  const id = serverId ?? `call_${Date.now().toString(36)}_${(localCallCounter++).toString(36)}`;
  return { info: { id, name: call.name ?? '', args: (call.args ?? {}) as Record<string, unknown> }, serverId };
}

export function functionResponsePart(call: PendingCall, response: Record<string, unknown>): Part {
  return {
    functionResponse: {
      ...(call.serverId ? { id: call.serverId } : {}),
      name: call.info.name,
      response,
    },
  };
}

/**
 * Responses for calls that will not run (turn stopped, round limit reached). The history must
 * not end on unanswered function calls, or the next request is rejected.
 */
export function notRunContent(calls: PendingCall[], reason: string): Content {
  return { role: 'user', parts: calls.map((call) => functionResponsePart(call, { error: `Not run: ${reason}` })) };
}

interface Completed {
  index: number;
  execution: ToolExecution;
  durationMs: number;
}

/**
 * Runs the calls concurrently, yielding a toolResult event as each one completes, and returns the
 * user content that answers all of them. A call still running when `signal` aborts is answered
 * as cancelled at once rather than waited for.
 */
export async function* runToolCalls(
  calls: PendingCall[],
  executor: ToolExecutor | undefined,
  signal: AbortSignal,
): AsyncGenerator<TurnEvent, Content, void> {
  const cancelled = new Promise<ToolExecution>((resolve) => {
    const settle = () => resolve({ response: { error: 'Cancelled by the user' }, ok: false, summary: 'cancelled' });
    if (signal.aborted) settle();
    else signal.addEventListener('abort', settle, { once: true });
  });
  const pending = new Map<number, Promise<Completed>>();
  calls.forEach((call, index) => {
    const startedAt = Date.now();
    const execution = Promise.race([execute(call.info, executor, signal), cancelled]);
    pending.set(index, execution.then((result) => ({ index, execution: result, durationMs: Date.now() - startedAt })));
  });

  const results: ToolExecution[] = [];
  while (pending.size > 0) {
    const done = await Promise.race(pending.values());
    pending.delete(done.index);
    results[done.index] = done.execution;
    const call = calls[done.index].info;
    yield {
      type: 'toolResult',
      result: {
        id: call.id,
        name: call.name,
        ok: done.execution.ok,
        summary: done.execution.summary,
        bytes: Buffer.byteLength(JSON.stringify(done.execution.response), 'utf8'),
        durationMs: done.durationMs,
      },
    };
  }
  return { role: 'user', parts: calls.map((call, index) => functionResponsePart(call, results[index].response)) };
}

async function execute(call: ToolCallInfo, executor: ToolExecutor | undefined, signal: AbortSignal): Promise<ToolExecution> {
  if (!executor) {
    return { response: { error: `No tool named "${call.name}" is available.` }, ok: false, summary: l10n.t('unknown tool {0}', call.name) };
  }
  try {
    return await executor.execute(call, signal);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { response: { error: message }, ok: false, summary: l10n.t('{0} failed: {1}', call.name, message) };
  }
}
