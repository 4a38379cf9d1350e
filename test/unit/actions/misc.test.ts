import * as assert from 'node:assert/strict';
import { checkStaleness } from '../../../src/actions/staleness';
import { buildCommitPrompt, cleanCommitMessage } from '../../../src/actions/commitMessage';
import { statusText, statusTooltip } from '../../../src/actions/usageText';
import { CODE_ACTION_KINDS } from '../../../src/actions/kinds';

describe('staleness check', () => {
  const snapshot = { path: 'src/a.ts', version: 7, text: 'a();' };
  it('passes only when the version and the target text are unchanged', () => {
    assert.deepEqual(checkStaleness(snapshot, { closed: false, version: 7, text: 'a();' }), { stale: false });
  });
  it('fails with a message naming the file when the document was edited or closed', () => {
    const edited = checkStaleness(snapshot, { closed: false, version: 8, text: 'a();' });
    assert.ok(edited.stale && /src\/a\.ts changed while Gemini was working, so the proposal was not applied/.test(edited.message));
    const closed = checkStaleness(snapshot, { closed: true, version: 7, text: 'a();' });
    assert.ok(closed.stale && /was closed/.test(closed.message));
  });
});

describe('commit message prompt', () => {
  const diff = [
    'diff --git a/src/a.ts b/src/a.ts', '--- a/src/a.ts', '+++ b/src/a.ts', '@@ -1 +1 @@', '-old()', '+renamed()',
    'diff --git a/package-lock.json b/package-lock.json', '--- a/package-lock.json', '+++ b/package-lock.json', '@@ -1 +1 @@', '-"1"', '+"2"',
  ].join('\n');

  it('shows source diffs, names lockfiles without their content', () => {
    const prompt = buildCommitPrompt(diff);
    assert.match(prompt.text, /\+renamed\(\)/);
    assert.doesNotMatch(prompt.text, /"2"/);
    assert.match(prompt.text, /Also changed \(diff not shown\): package-lock\.json/);
    assert.match(prompt.systemInstruction, /imperative summary of at most 72 characters/);
  });

  it('cuts a huge diff to the budget', () => {
    const huge = `diff --git a/big.txt b/big.txt\n${'+line\n'.repeat(20_000)}`;
    const prompt = buildCommitPrompt(huge, { budget: 5_000 });
    assert.ok(prompt.text.length < 6_000);
    assert.match(prompt.text, /rest of the diff of big\.txt cut/);
  });

  it('strips fences, labels and quotes from the answer', () => {
    assert.equal(cleanCommitMessage('```\nFix parser crash on empty input\n```'), 'Fix parser crash on empty input');
    assert.equal(cleanCommitMessage('Commit message: "Add retry to uploads"'), 'Add retry to uploads');
    assert.equal(cleanCommitMessage('Add retry\n\nBecause uploads flake.  \n'), 'Add retry\n\nBecause uploads flake.');
  });
});

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

describe('code action kinds', () => {
  it('are refactor.rewrite or quickfix, never source.* (codeActionsOnSave only asks for source.*)', () => {
    for (const [action, kind] of Object.entries(CODE_ACTION_KINDS)) {
      assert.ok(kind === 'quickfix' || kind.startsWith('refactor.rewrite.gemini.'), action);
      assert.ok(!kind.startsWith('source'), action);
    }
  });
});
