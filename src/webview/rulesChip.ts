// The project rules files an answer's instruction carried (AGENTS.md, GEMINI.md), as one chip per
// file above the answer; a click asks the host to open that file (the host only opens files it
// applied itself).
import type { RulesInfo } from '../protocol/view';
import { h, icon } from './dom';

export function renderRules(rules: RulesInfo): HTMLElement {
  const omitted = rules.omitted?.length ? `; left out for size: ${rules.omitted.join(', ')}` : '';
  return h('div', { class: 'rules-applied', role: 'note', 'aria-label': `Rules applied: ${rules.files.join(', ')}${omitted}` },
    icon('law'), h('span', { class: 'caption' }, ' Rules '),
    ...rules.files.map((file) => h('button', { type: 'button', class: 'chip rules-chip', 'data-rules-file': file, title: `Open ${file}${omitted}` }, file)));
}
