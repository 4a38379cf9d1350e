// A retired model: the service's 404 NOT_FOUND (or a 400 naming the model) becomes one line that
// names the model and offers its replacement, through the real SDK against the emulator.
import * as assert from 'node:assert/strict';
import { describeFailure, describeServiceError, type ServiceError } from '../../../src/gemini/errors';
import { GeminiEmulator, googleError, notFoundMessage } from '../../emulator';
import { RETIRED_MODELS } from '../../emulator/catalogue';
import { createGenAI } from '../../../src/gemini/client';
import { settingValues } from '../../../src/config/settingValues';
import { GeminiEngine } from '../../../src/gemini/turnEngine';
import { engineFor, RecordingClock, runTurn, turn } from './helpers';
import { TEST_KEY } from '../../emulator';

describe('a retired model', () => {
  let emu: GeminiEmulator;
  before(async () => { emu = await GeminiEmulator.start({ apiKey: TEST_KEY, retiredModels: RETIRED_MODELS }); });
  afterEach(() => emu.reset());
  after(() => emu.close());

  it('the engine reports the 404 in one line naming the model, with its replacement, and does not retry', async () => {
    const { engine, clock } = engineFor(emu, { settings: { model: 'gemini-2.5-flash' } });
    const result = await runTurn(engine, turn('Hello'));
    const failure = result.of('error')[0].failure;
    assert.equal(failure.code, 'modelNotFound');
    assert.equal(failure.action, 'switchModel');
    assert.equal(failure.replacement, 'gemini-3.5-flash-lite');
    assert.equal(failure.message, 'The model "gemini-2.5-flash" is retired or not available to this key: switch to gemini-3.5-flash-lite.');
    assert.ok(!failure.message.includes('\n'));
    assert.equal(emu.requests.length, 1);
    assert.equal((clock as any).sleeps.length, 0);
  });

  it('names the model from the message when the caller does not, and 2.5 Pro goes to 3.8 Flash', async () => {
    const failure = describeServiceError(404, googleError(404, 'NOT_FOUND', notFoundMessage('gemini-2.5-pro')).error as ServiceError);
    assert.equal(failure.replacement, 'gemini-3.8-flash');
    assert.match(failure.message, /"gemini-2\.5-pro"/);
  });

  it('a 400 that names the model as not found or retired is the same failure; other 400s are not', () => {
    const notSupported = describeServiceError(400, googleError(400, 'INVALID_ARGUMENT', notFoundMessage('gemini-3-pro-preview')).error as ServiceError);
    assert.equal(notSupported.code, 'modelNotFound');
    assert.equal(notSupported.replacement, 'gemini-3.1-pro-preview');
    const retired = describeServiceError(400, googleError(400, 'FAILED_PRECONDITION', 'models/gemini-2.0-flash has been retired.').error as ServiceError, { model: 'gemini-2.0-flash' });
    assert.equal(retired.code, 'modelNotFound');
    assert.equal(describeServiceError(400, googleError(400, 'INVALID_ARGUMENT', 'Request contains an invalid argument.').error as ServiceError).code, 'badRequest');
  });

  it('a 404 about an expired context cache or a wrong path is not blamed on the model', () => {
    assert.notEqual(describeServiceError(404, googleError(404, 'NOT_FOUND', 'CachedContent not found (or permission denied)').error as ServiceError).code, 'modelNotFound');
    assert.notEqual(describeServiceError(404, googleError(404, 'NOT_FOUND', 'Method not found.').error as ServiceError).code, 'modelNotFound');
  });

  it("the engine offers the table's replacement only when the key's cached model list has it", async () => {
    const client = createGenAI({ apiKey: TEST_KEY, endpoint: emu.baseUrl });
    const engine = new GeminiEngine({
      genai: () => client, settings: () => settingValues({ model: 'gemini-2.5-flash' }), clock: new RecordingClock(),
      knownModels: () => [{ id: 'gemini-3.8-flash' }, { id: 'gemini-3.6-flash' }],
    });
    const failure = (await runTurn(engine, turn('Hello'))).of('error')[0].failure;
    assert.equal(failure.replacement, 'gemini-3.8-flash', '3.5 Flash-Lite is not listed for this key: the newest stable Flash');
  });

  it('offers only a model the key lists, when the list is known', () => {
    const apiError = Object.assign(new Error(JSON.stringify(googleError(404, 'NOT_FOUND', notFoundMessage('gemini-2.5-flash')))), { name: 'ApiError', status: 404 });
    const failure = describeFailure(apiError, { model: 'gemini-2.5-flash', availableModels: [{ id: 'gemini-3.8-flash' }, { id: 'gemini-3.6-flash' }] });
    assert.equal(failure.replacement, 'gemini-3.8-flash', '3.5 Flash-Lite is not listed: the newest stable Flash');
  });
});
