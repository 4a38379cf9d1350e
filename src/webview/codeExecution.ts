// A card for code Gemini ran with its code execution tool: the code (highlighted, with the usual
// copy / insert toolbar), its language, the outcome and the output. The result arrives as its own
// part after the code; the reducer folds it into the same segment, so the card is redrawn whole.
import type { CodeExecutionInfo } from '../protocol/view';
import { h, icon } from './dom';
import { StreamingMarkdown } from './markdown';
import { l10n } from '../common/l10n';

const OUTCOMES: Record<string, { label: string; icon: string; state: string }> = {
  OUTCOME_OK: { label: l10n.t('Succeeded'), icon: 'pass', state: 'ok' },
  OUTCOME_FAILED: { label: l10n.t('Failed'), icon: 'error', state: 'failed' },
  OUTCOME_DEADLINE_EXCEEDED: { label: l10n.t('Timed out'), icon: 'watch', state: 'failed' },
};

export function renderCodeExecution(execution: CodeExecutionInfo): HTMLElement {
  const { code, result } = execution;
  const outcome = result ? OUTCOMES[result.outcome] ?? { label: result.outcome || l10n.t('Unknown outcome'), icon: 'question', state: 'failed' } : undefined;
  const language = code ? prettyLanguage(code.language) : '';
  const header = h('div', { class: 'code-exec-header' }, icon('terminal'), ' ',
    h('span', { class: 'code-exec-title' }, code ? l10n.t('Code run by Gemini') : l10n.t('Code execution result')),
    language ? h('span', { class: 'code-exec-language' }, language) : null,
    h('span', { class: 'spacer' }),
    outcome
      ? h('span', { class: `code-exec-outcome ${outcome.state}`, role: 'status' }, icon(outcome.icon), ` ${outcome.label}`)
      : h('span', { class: 'code-exec-outcome pending' }, icon('loading', 'codicon-modifier-spin'), ' ' + l10n.t('Running')));
  const card = h('section', { class: `code-exec-card ${outcome?.state ?? 'pending'}`, 'aria-label': `${l10n.t('Code execution')}${language ? ` (${language})` : ''}${outcome ? `: ${outcome.label}` : ''}` }, header);
  if (code) {
    const markdown = new StreamingMarkdown('markdown code-exec-code');
    const fence = '`'.repeat(Math.max(3, ...(code.code.match(/`+/g) ?? []).map((run) => run.length + 1)));
    markdown.reset(`${fence}${code.language.toLowerCase()}\n${code.code}\n${fence}`);
    card.append(markdown.element);
  }
  if (result) {
    card.append(h('div', { class: 'code-exec-output' }, h('div', { class: 'caption' }, icon('output'), ' ' + l10n.t('Output')),
      result.output ? h('pre', {}, result.output) : h('div', { class: 'note' }, l10n.t('No output.'))));
  }
  return card;
}

/** The API's enum (`PYTHON`) as people write it. */
function prettyLanguage(language: string): string {
  const known: Record<string, string> = { PYTHON: 'Python', LANGUAGE_UNSPECIFIED: '' };
  return known[language] ?? language.charAt(0) + language.slice(1).toLowerCase();
}
