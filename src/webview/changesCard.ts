// The Changes card under an Agent-mode answer: each proposed file with +/- counts and its hunks,
// Accept / Reject per file, a checkbox per hunk (partial accept), Accept all / Reject all with an
// optional reason for Gemini, then the outcome of each file, and "Restore to before this turn".
// Buttons carry data-review-action; ChatApp turns a click into a `reviewChanges` message. The
// host owns every decision: the card is redrawn from the host's `turnChanges`.
import type { ChangesView, FileChangeView, ReviewAction } from '../protocol/changes';
import { h, icon } from './dom';
import { l10n } from '../common/l10n';

const KIND_ICONS: Record<FileChangeView['kind'], string> = { edit: 'edit', create: 'new-file', delete: 'trash', rename: 'arrow-right' };
const OUTCOME_LABELS: Record<NonNullable<FileChangeView['outcome']>, string> = {
  applied: l10n.t('Applied'), rejected: l10n.t('Rejected'), conflict: l10n.t('Not applied (conflict)'), failed: l10n.t('Not applied'), dropped: l10n.t('Dropped'),
};
const STATUS_LABELS: Record<ChangesView['status'], string> = {
  proposing: l10n.t('Gemini is proposing changes…'),
  review: l10n.t('Nothing is written until you accept.'),
  applied: l10n.t('Review done.'),
  dropped: l10n.t('Nothing was written.'),
};

function button(action: ReviewAction, label: string, attributes: Record<string, string> = {}, iconName?: string, primary = false): HTMLButtonElement {
  return h('button', { type: 'button', class: primary ? 'button' : 'button secondary', 'data-review-action': action, ...attributes },
    iconName ? icon(iconName) : null, iconName ? ' ' : null, label);
}

function counts(added: number, removed: number): HTMLElement {
  return h('span', { class: 'change-counts', 'aria-label': l10n.t('{0} lines added, {1} removed', added, removed) },
    h('span', { class: 'added' }, `+${added}`), ' ', h('span', { class: 'removed' }, `−${removed}`));
}

function fileRow(file: FileChangeView, reviewing: boolean): HTMLElement {
  const name = file.newPath ? `${file.path} → ${file.newPath}` : file.path;
  const state = file.outcome ? OUTCOME_LABELS[file.outcome] : file.decision === 'accepted' ? l10n.t('Accepted') : file.decision === 'rejected' ? l10n.t('Rejected') : '';
  const open = h('button', { type: 'button', class: 'change-open link-button', 'data-review-action': 'open', title: l10n.t('Open the proposed change to {0} as a diff', name) },
    icon(KIND_ICONS[file.kind]), ' ', name);
  const actions = reviewing && file.decision === 'pending'
    ? [button('accept', l10n.t('Accept'), { title: l10n.t('Accept the change to {0}', name) }, 'check'), button('reject', l10n.t('Reject'), { title: l10n.t('Reject the change to {0}', name) }, 'close')]
    : [];
  const hunks = file.hunks.length > 1 && reviewing
    ? h('ul', { class: 'change-hunks', 'aria-label': l10n.t('Hunks of {0}', name) }, ...file.hunks.map((hunk) => h('li', {},
      h('label', {}, h('input', { type: 'checkbox', 'data-review-action': 'toggleHunk', 'data-hunk-id': String(hunk.id), checked: hunk.accepted }),
        ` ${l10n.t('line {0}', hunk.line)} `, counts(hunk.added, hunk.removed)))))
    : null;
  const detail = file.detail || (file.reason ? l10n.t('Reason: {0}', file.reason) : '');
  return h('li', { class: `change-file ${file.outcome ?? file.decision}`, 'data-file-id': file.id },
    h('div', { class: 'change-row' }, open, counts(file.added, file.removed), h('span', { class: 'change-state' }, state), h('span', { class: 'spacer' }), ...actions),
    hunks,
    detail ? h('div', { class: 'change-detail' }, detail) : null);
}

export function renderChangesCard(view: ChangesView): HTMLElement {
  const reviewing = view.status === 'review';
  const added = view.files.reduce((n, f) => n + f.added, 0);
  const removed = view.files.reduce((n, f) => n + f.removed, 0);
  const heading = h('div', { class: 'changes-heading' }, icon('diff'), h('strong', {}, ' ' + l10n.t('Changes')),
    ` ${view.files.length === 1 ? l10n.t('1 file') : l10n.t('{0} files', view.files.length)} `, counts(added, removed));
  const pending = view.files.some((f) => f.decision === 'pending');
  const footer: (HTMLElement | null)[] = [];
  if (reviewing && pending) {
    footer.push(h('input', { type: 'text', class: 'changes-reason', maxlength: '2000', placeholder: l10n.t('Reason for rejecting (optional, sent to Gemini)'), 'aria-label': l10n.t('Reason for rejecting') }));
    footer.push(h('div', { class: 'changes-actions' }, button('acceptAll', l10n.t('Accept all'), {}, 'check-all', true), button('rejectAll', l10n.t('Reject all'), {}, 'close-all')));
  }
  if (view.checkpoint && !view.restored) footer.push(h('div', { class: 'changes-actions' }, button('restore', l10n.t('Restore to before this turn'), { title: l10n.t('Shows what will be restored, then puts the files back as they were before this turn') }, 'history')));
  if (view.restored) footer.push(h('div', { class: 'note' }, icon('history'), ' ' + l10n.t('Restored to before this turn.')));
  return h('section', { class: `changes-card ${view.status}`, 'data-changes-status': view.status, 'aria-label': l10n.t('Changes proposed by Gemini') },
    heading,
    h('div', { class: 'changes-status', role: 'status' }, view.note ?? STATUS_LABELS[view.status]),
    h('ul', { class: 'change-files' }, ...view.files.map((file) => fileRow(file, reviewing))),
    ...footer);
}

/** The `reviewChanges` fields a click on the card asks for, or undefined when it was not on a card control. */
export function reviewRequestOf(target: Element): { turnId: string; action: ReviewAction; fileId?: string; hunkId?: number; reason?: string } | undefined {
  const control = target.closest('[data-review-action]');
  const turnId = control?.closest('[data-turn-id]')?.getAttribute('data-turn-id');
  if (!control || !turnId) return undefined;
  const action = control.getAttribute('data-review-action') as ReviewAction;
  const fileId = control.closest('[data-file-id]')?.getAttribute('data-file-id') ?? undefined;
  const hunk = control.getAttribute('data-hunk-id');
  const reasonBox = control.closest('.changes-card')?.querySelector<HTMLInputElement>('.changes-reason');
  const reason = action === 'reject' || action === 'rejectAll' ? reasonBox?.value.trim() || undefined : undefined;
  return { turnId, action, ...(fileId ? { fileId } : {}), ...(hunk ? { hunkId: Number(hunk) } : {}), ...(reason ? { reason } : {}) };
}
