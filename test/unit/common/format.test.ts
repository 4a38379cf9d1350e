// The one number format every surface shows (chat, status bar, model picker, warnings).
import * as assert from 'node:assert/strict';
import { formatBytes, formatTokens } from '../../../src/common/format';
import { statusText } from '../../../src/actions/usageText';

describe('formatTokens / formatBytes', () => {
  it('formats token counts for people: exact binary limits whole, others to one decimal', () => {
    assert.deepEqual([1048576, 65536, 1_050_000, 12_345, 1500, 1000, 999, 900].map(formatTokens), ['1M', '64K', '1.1M', '12.3K', '1.5K', '1K', '999', '900']);
  });

  it('formats sizes in B, KB and MB', () => {
    assert.deepEqual([900, 1536, 5 * 1024 * 1024].map(formatBytes), ['900 B', '1.5 KB', '5.0 MB']);
  });

  it('is the format of the status bar too, where the chat says "12.3K"', () => {
    const usage = { promptTokens: 12_345, outputTokens: 800, thoughtsTokens: 400, cachedTokens: 0, toolUsePromptTokens: 0, totalTokens: 13_545 };
    assert.equal(statusText('gemini-2.5-flash', usage), `$(sparkle) gemini-2.5-flash · ${formatTokens(12_345)}↑ ${formatTokens(1200)}↓`);
  });
});
