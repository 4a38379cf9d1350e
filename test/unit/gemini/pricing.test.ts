// The cost estimate: per-model prices in USD per 1M tokens, thinking billed as output, cached input
// cheaper, tool-use prompt as input, the long-context tier, and the user's overrides; the engine
// attaches the estimate to each usage event it streams from the emulator.
import * as assert from 'node:assert/strict';
import { chunks } from '../../emulator';
import type { UsageInfo } from '../../../src/gemini/events';
import { costOf, DEFAULT_PRICES, estimateCostUsd, priceFor } from '../../../src/gemini/pricing';
import { engineFor, runTurn, turn } from './helpers';
import { TEST_KEY, useEmulator } from '../../harness/useEmulator';

function usage(overrides: Partial<UsageInfo>): UsageInfo {
  return { promptTokens: 0, outputTokens: 0, thoughtsTokens: 0, cachedTokens: 0, toolUsePromptTokens: 0, totalTokens: 0, ...overrides };
}

const close = (actual: number | undefined, expected: number) => assert.ok(actual !== undefined && Math.abs(actual - expected) < 1e-12, `${actual} ≈ ${expected}`);

describe('power features: cost estimate', () => {
  it('matches a model by its longest id prefix, never a neighbour', () => {
    assert.equal(priceFor('gemini-2.5-flash')?.input, 0.3);
    assert.equal(priceFor('models/gemini-2.5-flash-preview-09-2025')?.input, 0.3);
    assert.equal(priceFor('gemini-2.5-flash-lite')?.input, 0.1, 'flash-lite is not priced as flash');
    assert.equal(priceFor('gemini-3-pro-preview')?.output, 12);
    assert.equal(priceFor('gemini-3.1-pro-preview')?.input, 2);
    assert.equal(priceFor('gemini-2.5-flashy'), undefined);
    assert.equal(priceFor('my-tuned-model'), undefined);
  });

  it("prices today's models, and never gives a neighbour's price to a lite, image or tts variant", () => {
    const dec = new Date('2026-12-06T12:00:00Z');
    assert.deepEqual(priceFor('gemini-3.8-flash', undefined, dec), { input: 0.75, output: 3.75 });
    assert.equal(priceFor('gemini-3.6-flash', undefined, dec)?.output, 7.5);
    assert.equal(priceFor('gemini-3.5-flash-lite', undefined, dec)?.input, 0.3);
    assert.equal(priceFor('gemini-3.5-flash', undefined, dec)?.output, 9);
    assert.equal(priceFor('gemini-3.8-flash-lite', undefined, dec), undefined, 'no 3.8 Flash-Lite price is published');
    assert.equal(priceFor('gemini-3.1-flash-image', undefined, dec), undefined);
    assert.equal(priceFor('gemini-3.1-flash-tts-preview', undefined, dec), undefined);
    assert.equal(priceFor('gemini-3.1-pro-preview-customtools', undefined, dec), undefined);
    assert.equal(priceFor('gemini-3.7-flash', undefined, dec), undefined, 'routed to 3.8 Flash; no first-party price');
    assert.equal(priceFor('gemini-flash-latest', undefined, dec), undefined, 'an alias moves; its answer is priced by modelVersion');
  });

  it('a launch price ends on its last day: 3.8 Flash costs the standard rate from 2027', () => {
    assert.equal(priceFor('gemini-3.8-flash', undefined, new Date('2026-12-31T23:00:00Z'))?.input, 0.75);
    assert.deepEqual(priceFor('gemini-3.8-flash', undefined, new Date('2027-01-01T00:00:00Z')), { input: 1.5, output: 7.5 });
  });

  it('every built-in price names the day it was checked and its source', () => {
    for (const [id, entry] of Object.entries(DEFAULT_PRICES)) {
      assert.match(entry.checked, /^\d{4}-\d{2}-\d{2}$/, id);
      assert.match(entry.source, /ai\.google\.dev/, id);
    }
  });

  it('bills thinking as output, cached tokens at the cached rate and the tool-use prompt as input', () => {
    // 2.5 Flash: $0.30 in, $2.50 out, $0.03 cached (per 1M).
    const cost = costOf(usage({ promptTokens: 100_000, cachedTokens: 80_000, toolUsePromptTokens: 1_000, outputTokens: 2_000, thoughtsTokens: 3_000 }), 'gemini-2.5-flash');
    close(cost, (21_000 * 0.3 + 80_000 * 0.03 + 5_000 * 2.5) / 1e6);
  });

  it('uses the long-context rates above 200K prompt tokens', () => {
    const price = priceFor('gemini-2.5-pro')!;
    close(estimateCostUsd(usage({ promptTokens: 100_000, outputTokens: 1_000 }), price), (100_000 * 1.25 + 1_000 * 10) / 1e6);
    close(estimateCostUsd(usage({ promptTokens: 300_000, outputTokens: 1_000 }), price), (300_000 * 2.5 + 1_000 * 15) / 1e6);
  });

  it('the gemini.pricing setting overrides and extends the table; malformed entries are ignored', () => {
    const overrides = {
      'gemini-2.5': { input: 1, output: 2 },
      'my-tuned-model': { input: 5, output: 5, cachedInput: 1 },
      'gemini-3-pro': { input: 'free', output: 1 },
    };
    close(costOf(usage({ promptTokens: 1_000_000 }), 'gemini-2.5-flash', overrides), 1);
    close(costOf(usage({ promptTokens: 1_000_000, cachedTokens: 1_000_000 }), 'my-tuned-model', overrides), 1);
    close(costOf(usage({ promptTokens: 100_000 }), 'gemini-3-pro-preview', overrides), 0.2);
    close(costOf(usage({ promptTokens: 1_000_000, cachedTokens: 500_000 }), 'gemini-2.5-flash', overrides), 0.5 + 0.05);
  });

  describe('in the engine', () => {
    const emu = useEmulator();

    it('each usage event carries the estimate for the model that answered, with the user override applied', async () => {
      emu.enqueue({ kind: 'stream', chunks: [chunks.text('Hi'), { ...chunks.finish('STOP', { promptTokenCount: 1000, candidatesTokenCount: 100, thoughtsTokenCount: 50, cachedContentTokenCount: 400 }), modelVersion: 'gemini-2.5-flash' }] });
      const { engine } = engineFor(emu);
      const priced = await runTurn(engine, turn('hi'));
      close(priced.of('usage')[0].costUsd, (600 * 0.3 + 400 * 0.03 + 150 * 2.5) / 1e6);

      emu.enqueue({ kind: 'stream', chunks: [chunks.text('Hi'), { ...chunks.finish('STOP', { promptTokenCount: 1000, candidatesTokenCount: 0 }), modelVersion: 'gemini-2.5-flash' }] });
      const { engine: custom } = engineFor(emu, { settings: { pricing: { 'gemini-2.5-flash': { input: 10, output: 10 } } } });
      close((await runTurn(custom, turn('hi'))).of('usage')[0].costUsd, 0.01);
    });

    it('an unknown model gets no estimate rather than a wrong one', async () => {
      emu.enqueue({ kind: 'stream', chunks: [chunks.text('Hi'), { ...chunks.finish('STOP', { promptTokenCount: 10, candidatesTokenCount: 1 }), modelVersion: 'tuned-xyz' }] });
      const { engine } = engineFor(emu, { settings: { model: 'tuned-xyz' } });
      assert.equal('costUsd' in (await runTurn(engine, turn('hi'))).of('usage')[0], false);
    });
  });
});
