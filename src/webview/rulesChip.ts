// The project rules files an answer's instruction carried (AGENTS.md, GEMINI.md), as one chip per
// file above the answer; a click asks the host to open that file (the host only opens files it
// applied itself).
import type { RulesInfo } from '../protocol/view';
import { h, icon } from './dom';
import { l10n } from '../common/l10n';

export function renderRules(rules: RulesInfo): HTMLElement {
  const omitted = rules.omitted?.length ? l10n.t('; left out for size: {0}', rules.omitted.join(', ')) : '';
  return h('div', { class: 'rules-applied', role: 'note', 'aria-label': l10n.t('Rules applied: {0}', rules.files.join(', ')) + omitted },
    icon('law'), h('span', { class: 'caption' }, ' ' + l10n.t('Rules') + ' '),
    ...rules.files.map((file) => h('button', { type: 'button', class: 'chip rules-chip', 'data-rules-file': file, title: l10n.t('Open {0}', file) + omitted }, file)));
}
