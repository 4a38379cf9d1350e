// Ranking of the whole-workspace pack: the question's terms, and each signal (open, recently
// edited, a term in the path, a term in the text, depth) moving a file up.
import * as assert from 'node:assert/strict';
import { fileScore, pathScore, questionTerms, rankFiles, textHits, type RankSignals } from '../../../src/context/ranking';
import { manifestSummary, renderManifest, type PackManifest } from '../../../src/context/manifest';
import { describePackCost, packCost } from '../../../src/context/packCost';

const none: RankSignals = { open: new Set(), recent: new Map(), terms: [] };

describe('whole workspace: ranking and manifest', () => {
  it('takes the question\'s words and identifier pieces, without common words', () => {
    assert.deepEqual(questionTerms('How does parseConfig handle the user_settings file?'), ['parseconfig', 'parse', 'config', 'handle', 'user_settings', 'user', 'settings']);
    assert.deepEqual(questionTerms('why? what is it'), []);
  });

  it('ranks open over recently edited over path terms over text terms over depth', () => {
    const files = [
      { display: 'a/b/c/deep.ts', depth: 4 },
      { display: 'plain.ts', depth: 1, text: 'nothing here' },
      { display: 'text.ts', depth: 1, text: 'the router routes; router again' },
      { display: 'src/router.ts', depth: 2 },
      { display: 'edited.ts', depth: 1 },
      { display: 'open.ts', depth: 1 },
    ];
    const signals: RankSignals = { open: new Set(['open.ts']), recent: new Map([['edited.ts', 5]]), terms: questionTerms('router') };
    assert.deepEqual(rankFiles(files, (f) => fileScore(f, signals)).map((f) => f.display), ['open.ts', 'edited.ts', 'src/router.ts', 'text.ts', 'plain.ts', 'a/b/c/deep.ts']);
  });

  it('puts the newest edit first among recently edited files', () => {
    const signals: RankSignals = { ...none, recent: new Map([['old.ts', 1], ['new.ts', 9]]) };
    assert.ok(pathScore({ display: 'new.ts', depth: 1 }, signals) > pathScore({ display: 'old.ts', depth: 1 }, signals));
  });

  it('caps a term\'s hits so a long file does not win by length', () => {
    assert.equal(textHits('x '.repeat(10) + 'foo '.repeat(100), ['foo']), 20);
    assert.equal(textHits('Foo fOO', ['foo']), 2);
    assert.equal(textHits(undefined, ['foo']), 0);
  });

  it('lists what was left out per reason, cut to a readable length', () => {
    const manifest: PackManifest = {
      included: [{ display: 'a.ts', tokens: 10, why: 'open' }], tokens: 1234, budgetTokens: 50_000,
      omitted: [...Array.from({ length: 45 }, (_, i) => ({ display: `gen/${i}.ts`, reason: 'budget' as const })), { display: '.env', reason: 'sensitive', detail: '.env' }],
    };
    assert.equal(manifestSummary(manifest), '1 files, 1.2K tokens; left out: 45 over the budget, 1 sensitive');
    const text = renderManifest(manifest);
    assert.match(text, /- a\.ts \(open\)/);
    assert.match(text, /## Left out to stay within the token budget \(45\)/);
    assert.match(text, /- … and 5 more/);
    assert.match(text, /- \.env: \.env/);
  });

  it('prices the first send at the input rate and later ones at the cached rate', () => {
    assert.deepEqual(packCost(1_000_000, { input: 0.3, output: 2.5, cachedInput: 0.03 }), { firstUsd: 0.3, cachedUsd: 0.03 });
    const long = packCost(300_000, { input: 2, output: 12, longContext: { above: 200_000, input: 4, output: 18 } });
    assert.equal(long.firstUsd, 1.2);
    assert.ok(Math.abs(long.cachedUsd - 0.12) < 1e-9, 'a tenth of the input rate without a cached rate');
    assert.match(describePackCost(200_000, 'gemini-2.5-flash', { input: 0.3, output: 2.5, cachedInput: 0.03 }, 600), /about \$0\.060 for the first question, then about \$0\.0060 a question.*10 minutes/);
    assert.match(describePackCost(200_000, 'mystery', undefined, 600), /no known price/);
  });
});
