// The status bar text and tooltip: the model and what the last turn used.
import * as assert from 'node:assert/strict';
import { statusText, statusTooltip } from '../../../src/actions/usageText';

describe('status bar text', () => {
  const usage = { promptTokens: 12_345, outputTokens: 800, thoughtsTokens: 400, cachedTokens: 0, toolUsePromptTokens: 0, totalTokens: 13_545 };
  it('shows the model and the last turn in compact numbers', () => {
    assert.equal(statusText('gemini-2.5-flash'), '$(sparkle) gemini-2.5-flash');
    assert.equal(statusText('gemini-2.5-flash', usage), '$(sparkle) gemini-2.5-flash · 12.3K↑ 1.2K↓');
  });
  it('details the usage in the tooltip, naming a fallback model that answered', () => {
    const tooltip = statusTooltip('gemini-2.5-pro', usage, 'gemini-2.5-flash');
    assert.match(tooltip, /Last turn \(gemini-2\.5-flash\):/);
    assert.match(tooltip, /prompt 12,345 tokens/);
    assert.match(tooltip, /thinking 400 tokens/);
    assert.match(tooltip, /Click to choose another model\./);
  });
});
