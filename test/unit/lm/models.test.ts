// The models VS Code's picker gets: the real recorded models.list (through the SDK and the
// emulator) filtered to chat models, with their token limits and capabilities; and the local
// token estimate.
import * as assert from 'node:assert/strict';
import { cachedGenAIProvider } from '../../../src/gemini/client';
import { ModelCatalog } from '../../../src/gemini/models';
import { estimateTokens, isChatModel, lmChatModels, modelFamily, toLmChatModel } from '../../../src/lm/models';
import { TEST_KEY, useEmulator } from '../../harness/useEmulator';

describe('LM chat models', () => {
  const emu = useEmulator();

  it('offers the chat models of models.list, with real limits, marked Preview or Stable, the configured model first', async () => {
    const catalog = new ModelCatalog({ genai: cachedGenAIProvider(async () => TEST_KEY, () => ({ endpoint: emu.baseUrl, apiVersion: 'v1beta' })) });
    const models = lmChatModels(await catalog.list(), 'gemini-3.1-pro-preview');
    const ids = models.map((model) => model.id);
    assert.equal(ids[0], 'gemini-3.1-pro-preview');
    for (const id of ['gemini-3.8-flash', 'gemini-3.6-flash', 'gemini-3.5-flash-lite', 'gemini-3.1-flash-lite', 'gemini-flash-latest']) assert.ok(ids.includes(id), id);
    for (const id of ids) assert.ok(isChatModel(id), id);
    const excluded = ['gemini-2.5-flash-preview-tts', 'gemini-3.1-flash-image', 'gemini-3-pro-image', 'gemini-embedding-001', 'imagen-4.0-generate-001', 'gemma-4-31b-it',
      'veo-3.1-generate-preview', 'aqa', 'lyria-3-pro-preview', 'gemini-2.5-computer-use-preview-10-2025', 'gemini-robotics-er-1.5-preview', 'deep-research-preview-04-2026'];
    for (const id of excluded) assert.ok(!ids.includes(id), `${id} is not a chat model`);

    const flash = models.find((model) => model.id === 'gemini-3.8-flash')!;
    assert.deepEqual(flash, {
      id: 'gemini-3.8-flash', name: 'Gemini 3.8 Flash', family: 'gemini-3.8-flash', version: 'gemini-3.8-flash', detail: 'Stable',
      tooltip: flash.tooltip, maxInputTokens: 1_048_576, maxOutputTokens: 65_536, capabilities: { imageInput: true, toolCalling: true },
    });
    assert.ok(flash.tooltip && flash.tooltip.length > 10, 'the description becomes the tooltip');
    assert.equal(models.find((model) => model.id === 'gemini-3.1-pro-preview')!.detail, 'Preview');
    assert.equal(models.find((model) => model.id === 'gemini-flash-latest')!.detail, 'Latest alias');
  });

  it('names families without version suffixes', () => {
    assert.equal(modelFamily('gemini-3-pro-preview'), 'gemini-3-pro');
    assert.equal(modelFamily('gemini-2.0-flash-001'), 'gemini-2.0-flash');
    assert.equal(modelFamily('gemini-flash-latest'), 'gemini-flash');
    assert.equal(modelFamily('gemini-2.5-flash'), 'gemini-2.5-flash');
  });

  it('falls back to safe limits for a model that reports none', () => {
    const model = toLmChatModel({ id: 'gemini-custom', displayName: '', thinking: false });
    assert.equal(model.detail, 'Stable');
    assert.equal(model.name, 'gemini-custom');
    assert.ok(model.maxInputTokens > 0 && model.maxOutputTokens > 0);
  });

  it('estimates tokens locally: text by length, images at Gemini\'s per-image cost, tool traffic by its JSON', () => {
    assert.equal(estimateTokens('abcdefgh'), 2);
    const message = {
      role: 1,
      parts: [
        { kind: 'text' as const, text: 'x'.repeat(400) },
        { kind: 'data' as const, mimeType: 'image/png', data: new Uint8Array(10_000) },
        { kind: 'toolResult' as const, callId: 'c', content: [{ kind: 'text' as const, text: 'y'.repeat(40) }] },
        { kind: 'ignored' as const, what: 'thinking' },
      ],
    };
    assert.equal(estimateTokens(message), 3 + 100 + 258 + 10);
  });
});
