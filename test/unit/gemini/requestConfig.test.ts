// Settings → GenerateContentConfig: the rules the service enforces with a 400.
import * as assert from 'node:assert/strict';
import { modelTraits } from '../../../src/gemini/modelFamily';
import { ADJUSTABLE_HARM_CATEGORIES, buildRequestConfig, buildThinkingConfig } from '../../../src/gemini/requestConfig';
import { settingValues } from '../../../src/config/settingValues';
import { BUILT_IN_SYSTEM_INSTRUCTION, composeSystemInstruction } from '../../../src/gemini/systemPrompt';

const declarations = [{ name: 'read_file', description: 'Reads a file' }];

describe('buildRequestConfig', () => {
  describe('thinking', () => {
    it('2.5 gets a budget, never a level; -1 leaves the model dynamic', () => {
      assert.deepEqual(buildThinkingConfig('gemini-2.5-flash', settingValues({ 'thinking.budget': 512, 'thinking.level': 'high' })), { includeThoughts: true, thinkingBudget: 512 });
      assert.deepEqual(buildThinkingConfig('gemini-2.5-flash', settingValues()), { includeThoughts: true });
      assert.deepEqual(buildThinkingConfig('models/gemini-2.5-flash-lite', settingValues({ 'thinking.budget': 0 })), { includeThoughts: true, thinkingBudget: 0 });
    });

    it('2.5 Pro cannot switch thinking off: a budget of 0 becomes its minimum, 128', () => {
      assert.deepEqual(buildThinkingConfig('gemini-2.5-pro', settingValues({ 'thinking.budget': 0, 'thinking.includeThoughts': false })), { thinkingBudget: 128 });
    });

    it('3.x gets a level, never a budget; "default" sends no level', () => {
      for (const model of ['gemini-3.1-pro-preview', 'gemini-3.1-flash-lite', 'gemini-3.6-flash', 'gemini-3.8-flash']) {
        const config = buildThinkingConfig(model, settingValues({ 'thinking.level': 'medium', 'thinking.budget': 4096 }));
        assert.deepEqual(config, { includeThoughts: true, thinkingLevel: 'MEDIUM' }, model);
      }
      assert.deepEqual(buildThinkingConfig('gemini-3-flash-preview', settingValues({ 'thinking.budget': 4096 })), { includeThoughts: true });
    });

    it('models that do not think get no thinkingConfig at all; -latest aliases a level, never a budget', () => {
      assert.equal(buildThinkingConfig('gemini-2.0-flash', settingValues({ 'thinking.budget': 100 })), undefined);
      assert.equal(buildThinkingConfig('gemini-2.5-flash-preview-tts', settingValues()), undefined);
      assert.equal(buildThinkingConfig('gemini-2.5-flash', settingValues({ 'thinking.includeThoughts': false })), undefined);
      assert.deepEqual(buildThinkingConfig('gemini-flash-latest', settingValues({ 'thinking.budget': 100, 'thinking.level': 'low' })), { includeThoughts: true, thinkingLevel: 'LOW' });
    });

    it('the catalog\'s thinking flag overrides the guess from the name', () => {
      assert.equal(buildThinkingConfig('gemini-2.5-flash', settingValues(), false), undefined);
      assert.deepEqual(buildThinkingConfig('gemma-4-31b-it', settingValues(), true), { includeThoughts: true });
    });

    it('model traits from ids', () => {
      assert.equal(modelTraits('gemini-2.5-pro').thinkingMandatory, true);
      assert.equal(modelTraits('gemini-2.5-flash').thinkingMandatory, false);
      assert.equal(modelTraits('gemini-3-pro-preview').mixesBuiltInAndFunctionTools, true);
      assert.equal(modelTraits('gemini-2.5-pro').mixesBuiltInAndFunctionTools, false);
      assert.equal(modelTraits('my-tuned-model').thinks, false);
    });
  });

  it('temperature -1 and maxOutputTokens 0 are omitted; other values are sent', () => {
    const defaults = buildRequestConfig({ model: 'gemini-2.5-flash', settings: settingValues() });
    assert.equal('temperature' in defaults, false);
    assert.equal('maxOutputTokens' in defaults, false);
    const set = buildRequestConfig({ model: 'gemini-2.5-flash', settings: settingValues({ temperature: 0, maxOutputTokens: 100 }) });
    assert.equal(set.temperature, 0);
    assert.equal(set.maxOutputTokens, 100);
  });

  it('a safety threshold applies to every adjustable harm category; "default" sends none', () => {
    assert.equal(buildRequestConfig({ model: 'gemini-2.5-flash', settings: settingValues() }).safetySettings, undefined);
    const config = buildRequestConfig({ model: 'gemini-2.5-flash', settings: settingValues({ 'safety.threshold': 'BLOCK_NONE' }) });
    assert.deepEqual(config.safetySettings, ADJUSTABLE_HARM_CATEGORIES.map((category) => ({ category, threshold: 'BLOCK_NONE' })));
  });

  it('system instruction: built-in, then the user addition, then the turn instruction', () => {
    assert.equal(composeSystemInstruction(), BUILT_IN_SYSTEM_INSTRUCTION);
    assert.equal(composeSystemInstruction('  Team rule.  ', 'Write tests.'), `${BUILT_IN_SYSTEM_INSTRUCTION}\n\nTeam rule.\n\nWrite tests.`);
    assert.equal(buildRequestConfig({ model: 'm', settings: settingValues({ systemInstruction: 'X' }) }).systemInstruction, `${BUILT_IN_SYSTEM_INSTRUCTION}\n\nX`);
  });

  describe('tools', () => {
    const build = (model: string, features: object, settings = settingValues()) =>
      buildRequestConfig({ model, settings, features, functionDeclarations: declarations }).tools;

    it('function declarations from the executor', () => {
      assert.deepEqual(build('gemini-2.5-flash', {}), [{ functionDeclarations: declarations }]);
    });
    it('search and code execution on 3.x ride along with the declarations', () => {
      assert.deepEqual(build('gemini-3-pro-preview', { googleSearch: true, codeExecution: true }), [
        { functionDeclarations: declarations }, { googleSearch: {} }, { codeExecution: {} },
      ]);
    });
    it('before 3.x a built-in tool replaces the declarations (mixing them is a 400)', () => {
      assert.deepEqual(build('gemini-2.5-flash', { googleSearch: true }), [{ googleSearch: {} }]);
    });
    it('tools.enabled false or workspaceTools false: no declarations', () => {
      assert.equal(build('gemini-2.5-flash', {}, settingValues({ 'tools.enabled': false })), undefined);
      assert.equal(build('gemini-2.5-flash', { workspaceTools: false }), undefined);
    });
  });

  it('structured output sets the JSON mime type with the schema', () => {
    const schema = { type: 'object' };
    const config = buildRequestConfig({ model: 'gemini-2.5-flash', settings: settingValues(), responseJsonSchema: schema });
    assert.equal(config.responseMimeType, 'application/json');
    assert.equal(config.responseJsonSchema, schema);
  });
});
