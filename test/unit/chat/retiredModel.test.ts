// A chat on a retired model: the answer fails with one line naming the model and a "Switch to …"
// recovery; one click switches the setting and this chat to the replacement and asks again, and
// the new answer comes from the replacement (through the real SDK against the emulator).
import * as assert from 'node:assert/strict';
import { GeminiEmulator } from '../../emulator';
import { RETIRED_MODELS } from '../../emulator/catalogue';
import {  } from '../gemini/helpers';
import { TEST_KEY } from '../../emulator';
import { emulatorChat } from './emulatorChat';

describe('chat: a retired model', () => {
  let emu: GeminiEmulator;
  before(async () => { emu = await GeminiEmulator.start({ apiKey: TEST_KEY, retiredModels: RETIRED_MODELS }); });
  afterEach(() => emu.reset());
  after(() => emu.close());

  it('one click on the failure switches to the replacement and answers from it', async () => {
    const written: string[] = [];
    const opened: string[] = [];
    const { controller, router } = emulatorChat(emu, {
      model: 'gemini-2.5-pro',
      port: { setModel: async (model) => void written.push(model), runFailureAction: async (action) => void opened.push(action), listModels: async () => ['gemini-3.8-flash'] },
    });
    await controller.send('Hello');
    await controller.idle;
    const failed = controller.current().turns.at(-1)!;
    assert.equal(failed.role, 'model');
    const error = failed.role === 'model' ? failed.error! : undefined;
    assert.equal(error?.message, 'The model "gemini-2.5-pro" is retired or not available to this key: switch to gemini-3.8-flash.');
    assert.equal(error?.replacement, 'gemini-3.8-flash');

    await router.handle({ type: 'runAction', action: 'switchModel', turnId: failed.id });
    await controller.idle;
    assert.deepEqual(written, ['gemini-3.8-flash'], 'the gemini.model setting');
    assert.deepEqual(opened, [], 'no picker: the replacement was offered');
    assert.equal(controller.model(), 'gemini-3.8-flash');
    assert.match(emu.requests.at(-1)!.path, /models\/gemini-3\.8-flash:streamGenerateContent/);
    const answer = controller.current().turns.at(-1)!;
    assert.ok(answer.role === 'model' && !answer.error, 'answered');
  });

  it('without a replacement (the default itself is gone) the picker opens', async () => {
    const future = await GeminiEmulator.start({ apiKey: TEST_KEY, retiredModels: ['gemini-3.8-flash'] });
    try {
      const opened: string[] = [];
      const { controller, router } = emulatorChat(future, { model: 'gemini-3.8-flash', port: { runFailureAction: async (action) => void opened.push(action) } });
      await controller.send('Hello');
      await controller.idle;
      const failed = controller.current().turns.at(-1)!;
      assert.match(failed.role === 'model' ? failed.error!.message : '', /"gemini-3\.8-flash" is retired or not available to this key: pick another model/);
      await router.handle({ type: 'runAction', action: 'switchModel', turnId: failed.id });
      assert.deepEqual(opened, ['switchModel']);
    } finally {
      await future.close();
    }
  });
});
