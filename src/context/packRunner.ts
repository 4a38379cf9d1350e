// A TurnRunner for chats with "Whole workspace" on: before the turn, it gets the chat's workspace
// pack (built in the background, or the one kept since no file changed) and sends it as the
// request's prefix, which the engine caches with context caching. When the user declines the
// cost, or cancels the packing, the turn ends stopped with a note and nothing is sent. Pure.
import type { Content } from '@google/genai';
import type { TurnEvent } from '../gemini/events';
import type { TurnOutcome, TurnRequest, TurnRunner } from '../gemini/turnContract';

export type PackPrefix =
  | { kind: 'pack'; contents: Content[] }
  | { kind: 'declined'; message: string };

export interface WorkspacePackSource {
  /** The prefix for this whole-workspace turn; throws when the pack cannot be built. */
  prefixFor(request: TurnRequest): Promise<PackPrefix>;
}

export function withWorkspacePack(runner: TurnRunner, source: WorkspacePackSource): TurnRunner {
  return {
    async *runTurn(request: TurnRequest): AsyncGenerator<TurnEvent, TurnOutcome, void> {
      if (!request.wholeWorkspace) return yield* runner.runTurn(request);
      let prefix: PackPrefix;
      try {
        prefix = await source.prefixFor(request);
      } catch (error) {
        const message = `The workspace could not be packed: ${(error as Error)?.message ?? String(error)}. Turn "Whole workspace" off to ask without it.`;
        yield { type: 'error', failure: { code: 'workspacePack', message, retryable: true, action: 'retry' } };
        return { contents: [request.message], status: 'error' };
      }
      if (prefix.kind === 'declined') {
        yield { type: 'finish', reason: 'cancelled', message: prefix.message };
        return { contents: [request.message], status: 'stopped' };
      }
      return yield* runner.runTurn({ ...request, prefix: prefix.contents });
    },
  };
}
