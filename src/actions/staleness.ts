// "Did the document change while Gemini was working?" A proposal is computed against one version
// of the document; applying it to another would silently overwrite the user's newer edits.
import { l10n } from '../common/l10n';

export interface DocumentSnapshot {
  /** Shown in the message, e.g. `src/a.ts`. */
  path: string;
  version: number;
  /** The target text at snapshot time. */
  text: string;
}

export interface CurrentDocumentState {
  closed: boolean;
  version: number;
  /** The text now at the snapshot's range. */
  text: string;
}

export type StalenessCheck = { stale: false } | { stale: true; message: string };

/**
 * Any edit since the snapshot makes the proposal stale, even one elsewhere in the file: the
 * range was computed against the old version, and a shifted range would replace the wrong text.
 */
export function checkStaleness(snapshot: DocumentSnapshot, current: CurrentDocumentState): StalenessCheck {
  if (current.closed) {
    return { stale: true, message: l10n.t('{0} was closed while Gemini was working, so nothing was applied.', snapshot.path) };
  }
  if (current.version !== snapshot.version || current.text !== snapshot.text) {
    return {
      stale: true,
      message: l10n.t('{0} changed while Gemini was working, so the proposal was not applied and your edits are kept. Run the action again on the current code.', snapshot.path),
    };
  }
  return { stale: false };
}
