// A chat's whole-workspace pack as the chat sees it between sends: its size for the token meter,
// and its manifest on request. The glue (src/vscode/context/workspacePack.ts) keeps the packs and
// implements WorkspacePackStatus; the router asks it, the meter adds the pack's tokens (or, with no
// pack yet, says the workspace is packed at send up to its budget). Never builds a pack: packing
// costs requests and time, so it only runs at send. Pure.
import type { TokenVerdict } from '../protocol/messages';
import type { WorkspacePackInfo, WorkspacePacks, WorkspaceShare } from '../protocol/workspacePack';
import type { WorkspacePack } from './packer';
import { packBudget } from './packer';

export interface WorkspacePackStatus {
  /** The chat's kept pack, if any (built at an earlier send and confirmed). */
  info(chatId: string): WorkspacePackInfo | undefined;
  /** Every kept pack, by chat id. */
  all(): WorkspacePacks;
  /** Opens the manifest of the chat's kept pack; rejects with a reason when there is none. */
  openManifest(chatId: string): Promise<void>;
}

/** What the webview is told about a kept pack. */
export function packInfoOf(pack: WorkspacePack, model: string, stale: boolean): WorkspacePackInfo {
  const { manifest } = pack;
  return { tokens: manifest.tokens, budgetTokens: manifest.budgetTokens, files: manifest.included.length, omitted: manifest.omitted.length, model, stale };
}

/**
 * The workspace part of the next request for a chat with "Whole workspace" on: the kept pack when
 * it was built for this model (stale: renewed at send, about the same size), else the budget the
 * workspace will be packed to at send.
 */
export function workspaceShare(pack: WorkspacePackInfo | undefined, model: string, inputLimit: number | undefined): WorkspaceShare {
  if (pack && pack.model === model) return { tokens: pack.tokens, budgetTokens: pack.budgetTokens, ...(pack.stale ? { renew: true } : {}) };
  return { budgetTokens: packBudget(inputLimit) };
}

/**
 * The verdict with the workspace counted: `counted` already includes a kept pack. A pack still to
 * be built may fill its whole budget, so a request that would not fit then is at least "near".
 */
export function verdictWithWorkspace(verdict: TokenVerdict, counted: number, share: WorkspaceShare, limit: number | undefined): TokenVerdict {
  if (verdict !== 'ok' || share.tokens !== undefined || !limit) return verdict;
  return counted + share.budgetTokens > limit ? 'near' : 'ok';
}
