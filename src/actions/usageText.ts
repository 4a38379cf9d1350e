// Text for the status bar item: the model, and what the last turn used.
import { formatNumber, formatTokens } from '../common/format';
import { l10n } from '../common/l10n';
import type { UsageInfo } from '../gemini/events';

export function statusText(model: string, usage?: UsageInfo): string {
  const label = `$(sparkle) ${model}`;
  if (!usage) return label;
  return `${label} · ${formatTokens(usage.promptTokens)}↑ ${formatTokens(usage.outputTokens + usage.thoughtsTokens)}↓`;
}

export function statusTooltip(model: string, usage?: UsageInfo, usageModel?: string): string {
  const lines = [l10n.t('Gemini model: {0}', model)];
  if (usage) {
    lines.push(usageModel && usageModel !== model ? l10n.t('Last turn ({0}):', usageModel) : l10n.t('Last turn:'));
    lines.push(`  ${l10n.t('prompt {0} tokens', formatNumber(usage.promptTokens))}${usage.cachedTokens ? ` ${l10n.t('({0} cached)', formatNumber(usage.cachedTokens))}` : ''}`);
    lines.push(`  ${l10n.t('answer {0} tokens', formatNumber(usage.outputTokens))}`);
    if (usage.thoughtsTokens) lines.push(`  ${l10n.t('thinking {0} tokens', formatNumber(usage.thoughtsTokens))}`);
    if (usage.toolUsePromptTokens) lines.push(`  ${l10n.t('tool results {0} tokens', formatNumber(usage.toolUsePromptTokens))}`);
    lines.push(`  ${l10n.t('total {0} tokens', formatNumber(usage.totalTokens))}`);
  } else {
    lines.push(l10n.t('No turn yet.'));
  }
  lines.push(l10n.t('Click to choose another model.'));
  return lines.join('\n');
}
