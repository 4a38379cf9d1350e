// The composer's token meter: counts what the next request would carry (history + attached files +
// the draft) with countTokens and compares it with the model's input limit. With "Whole workspace"
// on, the chat's kept pack adds its own countTokens figure (never recounted: it is the largest
// part and would cost a large request per pause); with no pack yet, the answer says the workspace
// is packed at send, up to its budget. The webview asks after the user pauses typing; a newer
// question cancels the count still in flight, so only the latest draft is ever counted to the end
// and an older answer never overwrites a newer one.
import { l10n } from '../common/l10n';
import type { Content } from '@google/genai';
import type { Logger } from '../common/logger';
import type { TokenCount, TokenVerdict } from '../protocol/messages';
import type { WorkspacePackInfo } from '../protocol/workspacePack';
import { verdictWithWorkspace, workspaceShare } from '../context/packStatus';

export interface TokenCounter {
  count(model: string, contents: Content[], signal: AbortSignal): Promise<number>;
  /** The model's input token limit, when the catalog knows it. */
  inputLimit(model: string): Promise<number | undefined>;
}

/** From this share of the input limit on, the meter warns. */
export const NEAR_LIMIT_RATIO = 0.8;

export function verdictFor(tokens: number, limit: number | undefined): TokenVerdict {
  if (!limit) return 'ok';
  if (tokens > limit) return 'over';
  return tokens >= limit * NEAR_LIMIT_RATIO ? 'near' : 'ok';
}

export class TokenMeter {
  private inFlight: AbortController | undefined;
  private latestRequest = -1;

  constructor(private readonly counter: TokenCounter, private readonly log: Logger) {}

  /**
   * Counts for the request with this id (ids grow with each request), unless a request with a
   * higher id supersedes it: then the answer is `{ superseded: true }` and the count is cancelled.
   * `workspace`: "Whole workspace" is on, with the chat's kept pack if there is one.
   */
  async measure(requestId: number, model: string, contents: Content[], workspace?: { pack?: WorkspacePackInfo }): Promise<TokenCount> {
    const superseded: TokenCount = { superseded: true };
    if (requestId < this.latestRequest) return superseded; // arrived after a newer one
    this.latestRequest = requestId;
    this.inFlight?.abort();
    const controller = new AbortController();
    this.inFlight = controller;
    try {
      const empty = !contents.some((c) => c.parts?.length);
      const [counted, limit] = await Promise.all([
        empty ? 0 : this.counter.count(model, contents, controller.signal), this.counter.inputLimit(model).catch(() => undefined),
      ]);
      if (controller.signal.aborted) return superseded;
      if (!workspace) return { tokens: counted, ...(limit ? { limit } : {}), verdict: verdictFor(counted, limit) };
      const share = workspaceShare(workspace.pack, model, limit);
      const tokens = counted + (share.tokens ?? 0);
      return { tokens, ...(limit ? { limit } : {}), verdict: verdictWithWorkspace(verdictFor(tokens, limit), tokens, share, limit), workspace: share };
    } catch (error) {
      if (controller.signal.aborted) return superseded;
      this.log.debug(`Token meter: count failed: ${(error as Error)?.message ?? String(error)}`);
      return { error: l10n.t('Could not count tokens.') };
    } finally {
      if (this.inFlight === controller) this.inFlight = undefined;
    }
  }

  /** Stops a count in flight (the chat changed under it). */
  cancel(): void {
    this.inFlight?.abort();
    this.inFlight = undefined;
  }
}
