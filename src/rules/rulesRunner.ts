// A TurnRunner that puts the project's rules files into each turn's system instruction and tells
// the UI which applied (a `rules` event, shown as a chip). Wraps the engine for the chat; pure.
import type { TurnOutcome, TurnRequest, TurnRunner } from '../gemini/turnContract';
import type { TurnEvent } from '../gemini/events';
import type { LoadedRules } from './rulesFiles';

export interface RulesSource {
  /** undefined: rules are off (the setting) or cannot be read here. */
  load(request: TurnRequest): Promise<LoadedRules | undefined>;
}

export function withRules(runner: TurnRunner, source: RulesSource, onError?: (error: unknown) => void): TurnRunner {
  return {
    async *runTurn(request: TurnRequest): AsyncGenerator<TurnEvent, TurnOutcome, void> {
      let rules: LoadedRules | undefined;
      try {
        rules = await source.load(request);
      } catch (error) {
        onError?.(error); // rules are an aid: a failure to read them never fails the turn
      }
      if (!rules?.instruction) return yield* runner.runTurn(request);
      yield { type: 'rules', rules: { files: rules.files.map((f) => f.display), ...(rules.omitted.length ? { omitted: rules.omitted } : {}) } };
      const systemInstruction = [rules.instruction, request.systemInstruction].filter(Boolean).join('\n\n');
      return yield* runner.runTurn({ ...request, systemInstruction });
    },
  };
}
