// A chat as a Markdown document: what "Export chat" writes. The headings and notes are in the
// display language (the person reads the file), with the date and token counts formatted for it;
// the chat's own text, tool calls and code stay as they were.
import { l10n } from '../common/l10n';
import { formatDate, formatNumber } from '../common/format';
import type { ModelSegment } from '../protocol/view';
import type { ChatSession, StoredModelTurn, StoredUserTurn } from './session';

function statusNote(status: string): string | undefined {
  if (status === 'stopped') return `_${l10n.t('Stopped by the user.')}_`;
  if (status === 'interrupted') return `_${l10n.t('Interrupted: the window was reloaded while this answer streamed.')}_`;
  return undefined;
}

export function chatToMarkdown(session: ChatSession): string {
  const out: string[] = [`# ${session.title}`, '', `_${l10n.t('Exported {0}', formatDate(session.updatedAt))}_`, ''];
  for (const turn of session.turns) {
    out.push(...(turn.role === 'user' ? userSection(turn) : modelSection(turn)), '');
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}

/** The same names as the chat's code execution card (src/webview/codeExecution.ts); an unknown id as it came. */
function outcomeName(outcome: string): string {
  switch (outcome) {
    case 'OUTCOME_OK': return l10n.t('Succeeded');
    case 'OUTCOME_FAILED': return l10n.t('Failed');
    case 'OUTCOME_DEADLINE_EXCEEDED': return l10n.t('Timed out');
    default: return outcome || l10n.t('Unknown outcome');
  }
}

/** The same notes as the chat's list of pages read (src/webview/citations.ts). */
function urlStatusNote(status: string): string {
  switch (status) {
    case 'failed': return l10n.t('could not be read');
    case 'paywall': return l10n.t('behind a paywall: not read');
    case 'unsafe': return l10n.t('flagged unsafe: not read');
    default: return l10n.t('status unknown');
  }
}

function userSection(turn: StoredUserTurn): string[] {
  const lines = [`## ${l10n.t('You')}`, ''];
  if (turn.attachments.length) lines.push(l10n.t('Attached: {0}', turn.attachments.map((a) => `\`${a.detail ?? a.label}\``).join(', ')), '');
  lines.push(turn.text);
  return lines;
}

function modelSection(turn: StoredModelTurn): string[] {
  const lines = [`## Gemini${turn.model ? ` (${turn.model})` : ''}`, ''];
  for (const segment of turn.segments) lines.push(...segmentLines(segment), '');
  if (turn.grounding?.sources.length) {
    lines.push(l10n.t('Sources:'), ...turn.grounding.sources.map((s, i) => `${i + 1}. [${s.title || s.uri}](${s.uri})`), '');
  }
  if (turn.grounding?.urls?.length) {
    lines.push(l10n.t('Pages read:'), ...turn.grounding.urls.map((u) => `- <${u.uri}>${u.status === 'ok' ? '' : ` (${urlStatusNote(u.status)})`}`), '');
  }
  if (turn.error) lines.push(`> **${l10n.t('Error:')}** ${turn.error.message}`, '');
  const note = statusNote(turn.status);
  if (note) lines.push(note, '');
  if (turn.usage) {
    const u = turn.usage;
    const tokens = u.thoughtsTokens
      ? l10n.t('Tokens: {0} in, {1} out, {2} thinking.', formatNumber(u.promptTokens), formatNumber(u.outputTokens), formatNumber(u.thoughtsTokens))
      : l10n.t('Tokens: {0} in, {1} out.', formatNumber(u.promptTokens), formatNumber(u.outputTokens));
    lines.push(`_${tokens}_`);
  }
  return lines;
}

function segmentLines(segment: ModelSegment): string[] {
  switch (segment.kind) {
    case 'text':
      return [segment.text];
    case 'thought':
      return [`<details><summary>${l10n.t('Thinking')}</summary>`, '', segment.text, '', '</details>'];
    case 'tool': {
      const outcome = segment.result ? ` — ${segment.result.ok ? segment.result.summary : l10n.t('failed: {0}', segment.result.summary)}` : '';
      return [`> 🔧 \`${segment.call.name}(${JSON.stringify(segment.call.args)})\`${outcome}`];
    }
    case 'codeExecution': {
      const { code, result } = segment.execution;
      if (code) return ['```' + code.language.toLowerCase(), code.code, '```'];
      return result ? [l10n.t('Output ({0}):', outcomeName(result.outcome)), '```', result.output, '```'] : [];
    }
  }
}
