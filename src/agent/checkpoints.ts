// Checkpoints: what the files a turn touches were before its changes were applied (their bytes, or
// the fact that they did not exist), so "Restore to before this turn" can put them back and remove
// what the turn created. Bounded: at most `maxCount` checkpoints and MAX_CHECKPOINT_BYTES in all
// per workspace; the oldest go first, the newest is always kept. Pure.
import { l10n } from '../common/l10n';

/** All checkpoints of a workspace together, at most (the newest is kept even when larger). */
export const MAX_CHECKPOINT_BYTES = 200 * 1024 * 1024;

export interface CheckpointFile {
  /** The workspace folder's URI and the path inside it. */
  folder: string;
  path: string;
  display: string;
  existed: boolean;
  /** The file's bytes before the turn, base64 (absent when it did not exist). */
  base64?: string;
}

export interface Checkpoint {
  version: 1;
  chatId: string;
  turnId: string;
  createdAt: number;
  files: CheckpointFile[];
}

export interface CheckpointEntry {
  chatId: string;
  turnId: string;
  createdAt: number;
  bytes: number;
}

/** The checkpoints to delete so that at most `maxCount` and `maxBytes` remain; oldest first. */
export function checkpointsToPrune(index: readonly CheckpointEntry[], maxCount: number, maxBytes = MAX_CHECKPOINT_BYTES): CheckpointEntry[] {
  const newestFirst = [...index].sort((a, b) => b.createdAt - a.createdAt);
  const keep: CheckpointEntry[] = [];
  let bytes = 0;
  for (const entry of newestFirst) {
    if (keep.length === 0 || (keep.length < maxCount && bytes + entry.bytes <= maxBytes)) {
      keep.push(entry);
      bytes += entry.bytes;
    }
  }
  return newestFirst.filter((entry) => !keep.includes(entry));
}

export type RestoreStep = 'restore' | 'recreate' | 'delete' | 'unchanged';

export interface RestorePlanItem {
  file: CheckpointFile;
  step: RestoreStep;
}

/**
 * What restoring does to each file, given what is there now (`current`: its bytes as base64, or
 * undefined when it does not exist).
 */
export function restorePlan(checkpoint: Checkpoint, current: (file: CheckpointFile) => string | undefined): RestorePlanItem[] {
  return checkpoint.files.map((file) => {
    const now = current(file);
    if (!file.existed) return { file, step: now === undefined ? 'unchanged' : 'delete' };
    if (now === undefined) return { file, step: 'recreate' };
    return { file, step: now === file.base64 ? 'unchanged' : 'restore' };
  });
}

function stepLabel(step: RestoreStep): string {
  switch (step) {
    case 'restore': return l10n.t('put back as before the turn');
    case 'recreate': return l10n.t('recreate (deleted or renamed since)');
    case 'delete': return l10n.t('delete (created by the turn)');
    default: return l10n.t('already as before the turn');
  }
}

/** The preview the user confirms: one line per file. */
export function describePlan(plan: readonly RestorePlanItem[], maxLines = 40): string {
  const lines = plan.filter((item) => item.step !== 'unchanged').map((item) => `${item.file.display}: ${stepLabel(item.step)}`);
  const more = lines.length > maxLines ? [l10n.t('… and {0} more', lines.length - maxLines)] : [];
  return [...lines.slice(0, maxLines), ...more].join('\n');
}
