// What the model is told after the user reviewed its proposals: per file applied, applied in part,
// rejected (with the user's reason), conflict or failure, then the diagnostics of the files that
// were written, so it can fix its own errors. Pure.
import type { ChangeSet, FileChange } from './changeSet';
import { fileView } from './changeSet';

export const REPORT_HEADING = '[Review of your proposed changes]';
const MAX_REASON_CHARS = 500;

function describe(change: FileChange): string {
  return change.kind === 'rename' ? `${change.display} → ${change.newDisplay}` : change.display;
}

function verb(change: FileChange): string {
  return { edit: 'edited', create: 'created', delete: 'deleted', rename: 'renamed' }[change.kind];
}

export function reviewReport(set: ChangeSet, diagnostics: readonly string[]): string {
  const lines = [REPORT_HEADING];
  for (const change of set.files) {
    const view = fileView(change);
    const name = describe(change);
    switch (change.outcome) {
      case 'applied': {
        const rejected = change.hunks.filter((h) => !h.accepted);
        if (rejected.length) {
          const at = view.hunks.filter((h) => !h.accepted).map((h) => h.line).join(', ');
          lines.push(`- applied in part: ${name} (${change.hunks.length - rejected.length} of ${change.hunks.length} hunks; the user rejected the hunk${rejected.length > 1 ? 's' : ''} at line ${at})`);
        } else lines.push(`- applied (${verb(change)}): ${name} (+${view.added} −${view.removed})`);
        break;
      }
      case 'conflict':
        lines.push(`- NOT applied, conflict: ${name}: ${change.detail ?? 'the file changed after your proposal'}. Read it again before proposing a new change.`);
        break;
      case 'failed':
        lines.push(`- NOT applied, failed: ${name}: ${change.detail ?? 'the editor refused the change'}.`);
        break;
      default: {
        const reason = change.reason ? `; the user's reason: ${JSON.stringify(change.reason.slice(0, MAX_REASON_CHARS))}` : ' (no reason given)';
        lines.push(`- rejected: ${name}${reason}`);
      }
    }
  }
  if (set.files.some((f) => f.outcome === 'applied')) {
    lines.push('', diagnostics.length ? 'Diagnostics of the changed files after applying:' : 'No errors or warnings in the changed files after applying.');
    lines.push(...diagnostics);
  }
  lines.push('', 'Continue the task if something is left (for example, fix the errors above); otherwise answer in one short sentence.');
  return lines.join('\n');
}
