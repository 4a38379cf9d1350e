// The commit message prompt: which parts of the staged diff Gemini sees, and the answer's clean-up.
import * as assert from 'node:assert/strict';
import { buildCommitPrompt, cleanCommitMessage } from '../../../src/actions/commitMessage';

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
