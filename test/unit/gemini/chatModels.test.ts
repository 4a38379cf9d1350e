// Which models the pickers offer (chat models only, marked preview or stable), and what a retired
// model is replaced with: the table, else the newest stable Flash the key can use, else the default.
import * as assert from 'node:assert/strict';
import { cachedGenAIProvider } from '../../../src/gemini/client';
import { chatModels, isChatModel, ModelCatalog, modelStage } from '../../../src/gemini/models';
import { DEFAULT_MODEL, newestStableFlash, replacementFor } from '../../../src/gemini/retiredModels';
import { SETTINGS } from '../../../src/config/settings';
import { GeminiEmulator } from '../../emulator';

describe('chat models and replacements', () => {
  let emu: GeminiEmulator;
  before(async () => { emu = await GeminiEmulator.start({ apiKey: 'test-key' }); });
  after(() => emu.close());
  const catalog = () => new ModelCatalog({ genai: cachedGenAIProvider(async () => 'test-key', () => ({ endpoint: emu.baseUrl, apiVersion: 'v1beta' })) });

  it("offers only models that chat in text, from today's models.list", async () => {
    const all = await catalog().list();
    const ids = chatModels(all).map((m) => m.id);
    for (const id of ['gemini-3.8-flash', 'gemini-3.6-flash', 'gemini-3.5-flash-lite', 'gemini-3.1-flash-lite', 'gemini-3.1-pro-preview', 'gemini-flash-latest', 'gemini-pro-latest']) {
      assert.ok(ids.includes(id), `${id} is offered`);
    }
    const left = ['gemini-2.5-flash-preview-tts', 'gemini-3.1-flash-tts-preview', 'gemini-3.1-flash-image', 'gemini-3-pro-image', 'nano-banana-pro-preview', 'lyria-3-pro-preview',
      'gemini-robotics-er-2-preview', 'gemini-2.5-computer-use-preview-10-2025', 'deep-research-preview-04-2026', 'antigravity-preview-05-2026', 'gemma-4-31b-it', 'gemini-omni-flash-preview'];
    for (const id of left) {
      assert.ok(all.some((m) => m.id === id), `${id} is in models.list with generateContent`);
      assert.ok(!ids.includes(id), `${id} is not offered`);
    }
    assert.equal(isChatModel('gemini-3.8-live'), false, 'Live-only');
    assert.equal(isChatModel('gemini-embedding-2'), false);
  });

  it('marks preview, moving alias and stable', () => {
    assert.equal(modelStage('gemini-3.1-pro-preview'), 'preview');
    assert.equal(modelStage('models/gemini-3.1-pro-preview-customtools'), 'preview');
    assert.equal(modelStage('gemini-flash-latest'), 'latest');
    assert.equal(modelStage('gemini-3.8-flash'), 'stable');
    assert.equal(modelStage('gemini-3.1-flash-lite'), 'stable');
  });

  it('the default model is a current stable Flash the emulator lists, and the settings table agrees', async () => {
    assert.equal(SETTINGS.model.default, DEFAULT_MODEL);
    const all = await catalog().list();
    assert.ok(all.some((m) => m.id === DEFAULT_MODEL));
    assert.equal(newestStableFlash(chatModels(all)), DEFAULT_MODEL);
  });

  it("replaces a retired model by Google's table, with version suffixes, only with a listed model", () => {
    assert.equal(replacementFor('gemini-2.5-pro'), 'gemini-3.8-flash');
    assert.equal(replacementFor('models/gemini-2.5-flash'), 'gemini-3.5-flash-lite');
    assert.equal(replacementFor('gemini-2.0-flash-001'), 'gemini-3.5-flash-lite');
    assert.equal(replacementFor('gemini-3-pro-preview'), 'gemini-3.1-pro-preview');
    const listed = [{ id: 'gemini-3.6-flash' }, { id: 'gemini-3.8-flash' }, { id: 'gemini-3.8-flash-lite' }, { id: 'gemini-3.1-pro-preview' }];
    assert.equal(replacementFor('gemini-2.5-flash', listed), 'gemini-3.8-flash', 'not listed: the newest stable Flash instead');
    assert.equal(replacementFor('custom-gemini-2.0-flash'), DEFAULT_MODEL, 'unknown: the default');
    assert.equal(replacementFor('my-tuned', listed), 'gemini-3.8-flash');
    assert.equal(replacementFor('gemini-3.8-flash', listed), undefined, 'never itself');
  });
});
