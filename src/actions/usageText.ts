// Text for the status bar item: the model, and what the last turn used.
import { formatTokens } from '../common/format';
import type { UsageInfo } from '../gemini/events';

export function statusText(model: string, usage?: UsageInfo): string {
  const label = `$(sparkle) ${model}`;
  if (!usage) return label;
  return `${label} · ${formatTokens(usage.promptTokens)}↑ ${formatTokens(usage.outputTokens + usage.thoughtsTokens)}↓`;
}

export function statusTooltip(model: string, usage?: UsageInfo, usageModel?: string): string {
  const lines = [`Gemini model: ${model}`];
  if (usage) {
    lines.push(`Last turn${usageModel && usageModel !== model ? ` (${usageModel})` : ''}:`);
    lines.push(`  prompt ${usage.promptTokens.toLocaleString('en-US')} tokens${usage.cachedTokens ? ` (${usage.cachedTokens.toLocaleString('en-US')} cached)` : ''}`);
    lines.push(`  answer ${usage.outputTokens.toLocaleString('en-US')} tokens`);
    if (usage.thoughtsTokens) lines.push(`  thinking ${usage.thoughtsTokens.toLocaleString('en-US')} tokens`);
    if (usage.toolUsePromptTokens) lines.push(`  tool results ${usage.toolUsePromptTokens.toLocaleString('en-US')} tokens`);
    lines.push(`  total ${usage.totalTokens.toLocaleString('en-US')} tokens`);
  } else {
    lines.push('No turn yet.');
  }
  lines.push('Click to choose another model.');
  return lines.join('\n');
}
