// What the chat webview knows about a chat's whole-workspace pack: its size and what it left out,
// for the token meter's "of which workspace" part and the "Manifest" control in the chat options
// bar. The host owns the packs; the snapshot carries every kept pack by chat id, and a
// `workspacePack` message replaces one chat's entry when it is built, renewed, goes stale or is
// dropped. Both sides fold those messages with applyWorkspacePack. Shared by both bundles.

/** A chat's kept pack, as the webview shows it (the manifest itself stays on the host). */
export interface WorkspacePackInfo {
  /** The pack's size as countTokens measured it. */
  tokens: number;
  /** The most it could take: half the model's input limit. */
  budgetTokens: number;
  /** Files packed. */
  files: number;
  /** Files and folders left out (ignored, sensitive, binary, too large, over the budget…). */
  omitted: number;
  /** The model it was measured and budgeted for. */
  model: string;
  /** A file changed since it was built: the next whole-workspace question packs again. */
  stale: boolean;
}

/** Every kept pack, by chat id. */
export type WorkspacePacks = Record<string, WorkspacePackInfo>;

/**
 * The workspace part of a token count. `tokens` present: the chat's kept pack, included in the
 * count's total. Absent: no pack yet (or one for another model); the workspace is packed at send,
 * up to `budgetTokens`.
 */
export interface WorkspaceShare {
  tokens?: number;
  budgetTokens: number;
  /** The kept pack is stale: it is packed again at send (about this size). */
  renew?: boolean;
}

/** The packs after one chat's entry changed (`pack` absent: that chat has none any more). */
export function applyWorkspacePack(packs: WorkspacePacks, chatId: string, pack: WorkspacePackInfo | undefined): WorkspacePacks {
  const next = { ...packs };
  if (pack) next[chatId] = pack;
  else delete next[chatId];
  return next;
}
