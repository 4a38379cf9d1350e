// Per-chat thinking controls: the choices that fit each model family, and what reaches the wire
// through the real SDK — a budget on 2.5 (dynamic -1, off 0 where allowed), a level on 3.x, never
// both; thinking tokens of a real recording reach the usage event.
import * as assert from 'node:assert/strict';

import { buildThinkingConfig } from '../../../src/gemini/requestConfig';
import { settingValues } from '../../../src/config/settingValues';
import { fitsModel, formatThinkingChoice, parseThinkingChoice, thinkingControl, thinkingLevelsFor } from '../../../src/gemini/thinking';
import { engineFor, runTurn, turn } from './helpers';
import { TEST_KEY, useEmulator } from '../../harness/useEmulator';

const values = (model: string, thinking?: string) => thinkingControl(model).options.map((o) => o.value).filter((v) => v !== 'default' && (!thinking || v.startsWith(thinking)));

describe('power features: thinking controls per model family', () => {
  it('2.5 Flash offers dynamic, off and budgets up to 24K; 2.5 Pro cannot switch thinking off', () => {
    const flash = thinkingControl('gemini-2.5-flash');
    assert.equal(flash.kind, 'budget');
    assert.deepEqual(values('gemini-2.5-flash'), ['budget:-1', 'budget:0', 'budget:1024', 'budget:4096', 'budget:8192', 'budget:16384', 'budget:24576']);
    const pro = thinkingControl('models/gemini-2.5-pro');
    assert.equal(pro.kind, 'budget');
    assert.ok(!values('gemini-2.5-pro').includes('budget:0'), 'no "off" for 2.5 Pro');
    assert.ok(values('gemini-2.5-pro').includes('budget:32768'));
    assert.match(pro.hint, /cannot be switched off/);
  });

  it('3.x offers levels, by model: 3 Pro low/high, 3.1 Pro adds medium, Flash all four, Flash 3.7+ without minimal', () => {
    assert.equal(thinkingControl('gemini-3-pro-preview').kind, 'level');
    assert.deepEqual(thinkingLevelsFor('gemini-3-pro-preview'), ['low', 'high']);
    assert.deepEqual(thinkingLevelsFor('gemini-3.1-pro-preview'), ['low', 'medium', 'high']);
    assert.deepEqual(thinkingLevelsFor('gemini-3-flash-preview'), ['minimal', 'low', 'medium', 'high']);
    assert.deepEqual(thinkingLevelsFor('gemini-3.7-flash'), ['low', 'medium', 'high']);
    assert.deepEqual(values('gemini-3-flash-preview'), ['level:minimal', 'level:low', 'level:medium', 'level:high']);
  });

  it("today's generations: 3.5 and 3.6 Flash and every Flash-Lite all four levels, 3.7 and 3.8 Flash no minimal, 3.1 Pro three", () => {
    const all = ['minimal', 'low', 'medium', 'high'];
    for (const id of ['gemini-3.5-flash', 'gemini-3.6-flash', 'gemini-3.1-flash-lite', 'gemini-3.5-flash-lite']) assert.deepEqual(thinkingLevelsFor(id), all, id);
    for (const id of ['gemini-3.7-flash', 'gemini-3.8-flash', 'gemini-3.1-pro-preview']) assert.deepEqual(thinkingLevelsFor(id), ['low', 'medium', 'high'], id);
    for (const id of ['gemini-3.5-flash', 'gemini-3.8-flash', 'gemini-3.5-flash-lite']) assert.equal(thinkingControl(id).kind, 'level', id);
  });

  it('-latest aliases take a level every target accepts (low/medium/high), never a budget', () => {
    for (const alias of ['gemini-flash-latest', 'gemini-flash-lite-latest', 'gemini-pro-latest']) {
      assert.equal(thinkingControl(alias).kind, 'level', alias);
      assert.deepEqual(values(alias), ['level:low', 'level:medium', 'level:high'], alias);
    }
    const settings = settingValues({ 'thinking.level': 'minimal' });
    assert.deepEqual(buildThinkingConfig('gemini-flash-latest', settings), { includeThoughts: true, thinkingLevel: 'LOW' });
    assert.deepEqual(buildThinkingConfig('gemini-flash-latest', settingValues({})), { includeThoughts: true });
  });

  it('a level from the settings that the model refuses moves to the nearest one it accepts', () => {
    assert.deepEqual(buildThinkingConfig('gemini-3.8-flash', settingValues({ 'thinking.level': 'minimal' })), { includeThoughts: true, thinkingLevel: 'LOW' });
    assert.deepEqual(buildThinkingConfig('gemini-3.5-flash-lite', settingValues({ 'thinking.level': 'minimal' })), { includeThoughts: true, thinkingLevel: 'MINIMAL' });
    assert.deepEqual(buildThinkingConfig('gemini-3-pro-preview', settingValues({ 'thinking.level': 'medium' })), { includeThoughts: true, thinkingLevel: 'HIGH' });
  });

  it('models that do not think get no control', () => {
    assert.equal(thinkingControl('gemini-2.0-flash').kind, 'none');
    assert.equal(thinkingControl('gemma-3-27b-it').options.length, 0);
  });

  it('choices round-trip through their picker values, and a choice that does not fit the model is recognised', () => {
    assert.deepEqual(parseThinkingChoice('budget:-1'), { budget: -1 });
    assert.deepEqual(parseThinkingChoice('level:low'), { level: 'low' });
    assert.equal(parseThinkingChoice('level:extreme'), undefined);
    assert.equal(parseThinkingChoice('default'), undefined);
    assert.equal(formatThinkingChoice({ budget: 0 }), 'budget:0');
    assert.equal(fitsModel('budget:4096', 'gemini-2.5-flash'), true);
    assert.equal(fitsModel('budget:4096', 'gemini-3-pro-preview'), false);
    assert.equal(fitsModel('level:medium', 'gemini-3-pro-preview'), false, '3 Pro has no medium');
    assert.equal(fitsModel('budget:0', 'gemini-2.5-pro'), false);
  });

  it('a chat choice wins over the settings, and never puts a budget and a level in one config', () => {
    const settings = settingValues({ 'thinking.budget': 2048, 'thinking.level': 'high' });
    assert.deepEqual(buildThinkingConfig('gemini-2.5-flash', settings, undefined, { budget: 0 }), { includeThoughts: true, thinkingBudget: 0 });
    assert.deepEqual(buildThinkingConfig('gemini-2.5-flash', settings, undefined, { level: 'low' }), { includeThoughts: true, thinkingBudget: 2048 }, 'a level does not apply to 2.5');
    assert.deepEqual(buildThinkingConfig('gemini-3-pro-preview', settings, undefined, { budget: 0 }), { includeThoughts: true, thinkingLevel: 'HIGH' }, 'a budget does not apply to 3.x');
    assert.deepEqual(buildThinkingConfig('gemini-3-pro-preview', settings, undefined, { level: 'low' }), { includeThoughts: true, thinkingLevel: 'LOW' });
    assert.deepEqual(buildThinkingConfig('gemini-3-pro-preview', settings, undefined, { level: 'medium' }), { includeThoughts: true, thinkingLevel: 'HIGH' }, '3 Pro has no medium: the setting applies');
    assert.deepEqual(buildThinkingConfig('gemini-2.5-pro', settings, undefined, { budget: 0 }), { includeThoughts: true, thinkingBudget: 128 }, '2.5 Pro cannot be switched off');
  });

  describe('on the wire, through the SDK', () => {
    const emu = useEmulator();

    const sentThinking = () => emu.requests.at(-1)!.body.generationConfig?.thinkingConfig;

    it('2.5: dynamic is -1, off is 0; 3.x: the level only', async () => {
      const { engine } = engineFor(emu, { settings: { 'thinking.level': 'high', 'thinking.budget': 2048 } });
      await runTurn(engine, turn('hi', { model: 'gemini-2.5-flash' }));
      assert.deepEqual(sentThinking(), { includeThoughts: true, thinkingBudget: 2048 }, 'the setting, without a chat choice');
      await runTurn(engine, turn('hi', { model: 'gemini-2.5-flash', thinking: { budget: -1 } }));
      assert.deepEqual(sentThinking(), { includeThoughts: true, thinkingBudget: -1 }, 'dynamic, sent explicitly (Flash-Lite would not think otherwise)');
      await runTurn(engine, turn('hi', { model: 'gemini-2.5-flash', thinking: { budget: 0 } }));
      assert.deepEqual(sentThinking(), { includeThoughts: true, thinkingBudget: 0 });
      await runTurn(engine, turn('hi', { model: 'gemini-3-flash-preview', thinking: { level: 'minimal' } }));
      assert.deepEqual(sentThinking(), { includeThoughts: true, thinkingLevel: 'MINIMAL' });
      await runTurn(engine, turn('hi', { model: 'gemini-3-flash-preview', thinking: { budget: 4096 } }));
      assert.deepEqual(sentThinking(), { includeThoughts: true, thinkingLevel: 'HIGH' }, 'never a budget on 3.x');
      for (const request of emu.requests) {
        const thinking = request.body.generationConfig.thinkingConfig;
        assert.ok(!('thinkingBudget' in thinking && 'thinkingLevel' in thinking), 'never both in one request');
      }
    });

    it('recording 01: thoughts stream as thought events and their tokens reach the usage event', async () => {
      emu.enqueueRecording('01_pydantic-ai_sse_thoughts_gemini-2.5-pro.yaml');
      const { engine } = engineFor(emu, { settings: { model: 'gemini-2.5-pro' } });
      const result = await runTurn(engine, turn('How do I cross the street?', { thinking: { budget: 8192 } }));
      assert.deepEqual(sentThinking(), { includeThoughts: true, thinkingBudget: 8192 });
      assert.ok(result.of('thought').length >= 4);
      const usage = result.of('usage')[0];
      assert.ok(usage.usage.thoughtsTokens > 0);
      assert.ok(usage.costUsd! > 0, '2.5 Pro has a price: the usage event carries an estimate');
    });
  });
});
