// Runs one turn for an editor action and gathers what the action needs: the answer text, how the
// turn ended, the failure to show and the usage for the status bar.
import type { TurnOutcome, TurnRequest, TurnRunner } from '../gemini/turnContract';
import { l10n } from '../common/l10n';
import type { FailureInfo, FinishKind, TurnEvent, UsageInfo } from '../gemini/events';

export interface TurnSummary {
  text: string;
  status: TurnOutcome['status'];
  failure?: FailureInfo;
  finish?: { reason: FinishKind; message?: string };
  usage?: { usage: UsageInfo; model: string };
}

export async function summarizeTurn(
  runner: TurnRunner,
  request: TurnRequest,
  onEvent: (event: TurnEvent) => void = () => {},
): Promise<TurnSummary> {
  const collected: TurnSummary = { text: '', status: 'done' };
  try {
    const turn = runner.runTurn(request);
    for (;;) {
      const step = await turn.next();
      if (step.done) {
        collected.status = step.value?.status ?? collected.status;
        break;
      }
      const event = step.value;
      onEvent(event);
      if (event.type === 'text') collected.text += event.text;
      else if (event.type === 'usage') collected.usage = { usage: event.usage, model: event.model };
      else if (event.type === 'finish') collected.finish = { reason: event.reason, message: event.message };
      else if (event.type === 'error') collected.failure = event.failure;
    }
  } catch (error) {
    // The engine reports failures as events; a throw is either our abort or an engine bug.
    if (!request.signal.aborted) {
      const message = error instanceof Error ? error.message : String(error);
      collected.failure = { code: 'unexpected', message: l10n.t('Something went wrong while talking to Gemini: {0}', message), action: 'openLog', retryable: false };
    }
  }
  if (request.signal.aborted || collected.finish?.reason === 'cancelled') collected.status = 'stopped';
  else if (collected.failure) collected.status = 'error';
  return collected;
}

/** Why a finished turn's text cannot be used as an answer, or undefined when it can. */
export function unusableAnswer(turn: TurnSummary): string | undefined {
  const finish = turn.finish;
  if (!finish || finish.reason === 'stop') return undefined;
  if (finish.message) return finish.message;
  switch (finish.reason) {
    case 'maxTokens': return l10n.t("Gemini's answer was cut off at the output token limit. Raise gemini.maxOutputTokens or select less code.");
    case 'safety': return l10n.t('Gemini stopped the answer for safety reasons.');
    case 'recitation': return l10n.t('Gemini stopped the answer because it resembled existing published material.');
    case 'blocked': return l10n.t('Gemini blocked the request.');
    case 'empty': return l10n.t('Gemini sent an empty answer.');
    case 'malformedFunctionCall': return l10n.t('Gemini produced a malformed tool call.');
    case 'toolRoundsExceeded': return l10n.t('Gemini used too many tool rounds.');
    case 'other': return l10n.t('Gemini stopped before finishing the answer.');
    default: return undefined;
  }
}

/** A runner that tells `listener` about every turn's usage, e.g. for the status bar. */
export function observeUsage(runner: TurnRunner, listener: (usage: UsageInfo, model: string) => void): TurnRunner {
  return {
    async *runTurn(request: TurnRequest): AsyncGenerator<TurnEvent, TurnOutcome, void> {
      const turn = runner.runTurn(request);
      let finished = false;
      try {
        for (;;) {
          const step = await turn.next();
          if (step.done) {
            finished = true;
            return step.value;
          }
          if (step.value.type === 'usage') {
            try {
              listener(step.value.usage, step.value.model);
            } catch {
              // A display problem must never break the turn.
            }
          }
          yield step.value;
        }
      } finally {
        // The consumer stopped early: let the engine run its own cleanup.
        if (!finished) await turn.return(undefined as never).catch(() => undefined);
      }
    },
  };
}
