// The emulator's demo script (`npm start -- --emulator`) driving real turns through the engine and
// the workspace tools: thinking, a read_file round trip for README.md, streamed Markdown with a
// code block, and a structured edit proposal that parses and changes the selected code.
import * as assert from 'node:assert/strict';
import { editPrompt } from '../../../src/actions/prompts';
import { parseCodeProposal } from '../../../src/actions/proposal';
import { GeminiEmulator } from '../../emulator';
import { engineFor, runTurn, turn } from '../gemini/helpers';
import { TEST_KEY } from '../../emulator';
import { harness, makeSandbox, type Sandbox } from '../tools/fixture';

describe('emulator: demo script', () => {
  let emu: GeminiEmulator;
  let sandbox: Sandbox;
  before(async () => {
    emu = await GeminiEmulator.start({ apiKey: TEST_KEY, script: 'demo' });
    sandbox = makeSandbox(); // its README.md: "# Demo\nA demo workspace.\n"
  });
  afterEach(() => emu.reset());
  after(async () => {
    await emu.close();
    sandbox.cleanup();
  });

  it('a chat turn thinks, reads README.md through the tool, then streams Markdown with a code block', async () => {
    const { registry } = harness(sandbox);
    const { engine } = engineFor(emu, { tools: registry, settings: { model: 'gemini-3.8-flash' } });
    const result = await runTurn(engine, turn('What is this project?'));

    assert.equal(result.of('error').length, 0);
    assert.ok(result.of('thought').length >= 2, 'a thinking section in each round');
    const [call] = result.of('toolCall');
    assert.deepEqual([call.call.name, call.call.args], ['read_file', { path: 'README.md' }]);
    const [toolResult] = result.of('toolResult');
    assert.equal(toolResult.result.ok, true, toolResult.result.summary);
    assert.match(result.text, /I read \*\*README\.md\*\*: it is titled \*Demo\* and has 2 non-empty lines\./);
    assert.match(result.text, /```typescript\nexport function greet/);
    assert.ok(result.of('text').length >= 3, 'streamed in pieces');
    assert.equal(result.of('finish')[0].reason, 'stop');
    const usage = result.of('usage').at(-1)!;
    assert.equal(usage.model, 'gemini-3.8-flash', 'priced as the requested model');
    assert.ok(usage.usage.thoughtsTokens > 0);
    const second = emu.requests.at(-1)!.body;
    assert.ok(second.contents.some((c: any) => c.parts.some((p: any) => p.functionResponse?.name === 'read_file')), 'the tool result went back');
  });

  it('an editor action gets a valid structured proposal that changes the selection', async () => {
    const code = '  var total = 0;\n  if (total == 0) total = 1;';
    const prompt = editPrompt('refactor', { languageId: 'javascript', path: 'src/a.js', code, lines: { startLine: 1, endLine: 2 }, before: 'function f() {', after: '}', diagnostics: [] });
    const { engine } = engineFor(emu, { settings: { model: 'gemini-3.8-flash' } });
    const result = await runTurn(engine, turn(prompt.text, { responseJsonSchema: prompt.responseJsonSchema, systemInstruction: prompt.systemInstruction }));
    const proposal = parseCodeProposal(result.text);
    assert.equal(proposal.code, '  let total = 0;\n  if (total === 0) total = 1;');
    assert.match(proposal.rationale, /demo proposal/i);
  });

  it('a selection with nothing to tidy still gets a visible edit', async () => {
    const prompt = editPrompt('fix', { languageId: 'python', path: 'a.py', code: 'def f():\n    return 1', lines: { startLine: 0, endLine: 1 }, before: '', after: '', diagnostics: [] });
    const { engine } = engineFor(emu);
    const proposal = parseCodeProposal((await runTurn(engine, turn(prompt.text, { responseJsonSchema: prompt.responseJsonSchema }))).text);
    assert.equal(proposal.code, '# Demo edit from the Gemini emulator: no model was asked.\ndef f():\n    return 1');
  });
});
