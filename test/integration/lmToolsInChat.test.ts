// VS Code's language-model tools in our chat, in a real extension host: a test extension
// (test/fixtures/lm-tool-extension) contributes two tools, as an MCP server or another extension
// would. Once enabled with Gemini: Select Tools for the Chat…, Gemini (the emulator) gets their
// declarations converted from JSON Schema, calls one through vscode.lm.invokeTool and reads its
// result; a failing tool's error reaches the model and the tool card; ours are never offered twice.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GeminiTestApi } from '../../src/extension';
import { chunks } from '../emulator';
import { EmulatorRemote } from '../harness/emulatorRemote';

const EXTENSION_ID = 'gemini-vscode-oss.gemini-for-vscode';

describe("VS Code's language-model tools in the chat", function () {
  this.timeout(60_000);
  const emulator = EmulatorRemote.fromEnv();
  let api: GeminiTestApi;

  before(async () => {
    api = (await vscode.extensions.getExtension<GeminiTestApi>(EXTENSION_ID)!.activate())!;
    const names = ((vscode as any).lm.tools as { name: string }[]).map((t) => t.name);
    assert.ok(names.includes('fixture_lookup_weather'), `the fixture extension's tools are listed: ${names.join(', ')}`);
  });
  beforeEach(() => emulator.reset());
  after(() => vscode.commands.executeCommand('gemini.selectChatTools', []));

  async function generateBodies(): Promise<any[]> {
    return (await emulator.requests()).filter((r) => r.path.includes('GenerateContent')).map((r) => r.body);
  }

  it('offers nothing of VS Code\'s until the user enables a tool', async () => {
    await vscode.commands.executeCommand('gemini.selectChatTools', []);
    await emulator.enqueue({ kind: 'stream', chunks: [chunks.text('ok'), chunks.finish('STOP')] });
    await api.runTurn('hello');
    const names = (await generateBodies())[0].tools[0].functionDeclarations.map((d: { name: string }) => d.name);
    assert.ok(names.includes('read_file'));
    assert.ok(!names.some((n: string) => n.startsWith('fixture_') || n.startsWith('gemini_')), names.join(', '));
  });

  it('an enabled tool is declared from its JSON Schema, called through vscode.lm.invokeTool, and its result goes back', async () => {
    await vscode.commands.executeCommand('gemini.selectChatTools', ['fixture_lookup_weather', 'fixture_always_fails']);
    await emulator.enqueue(
      { kind: 'stream', chunks: [chunks.functionCall('fixture_lookup_weather', { city: 'Paris', units: 'fahrenheit', extra: '{"hourly":true}' }), chunks.finish('STOP')] },
      { kind: 'stream', chunks: [chunks.text('It is sunny in Paris.'), chunks.finish('STOP')] },
    );
    const { events, outcome } = await api.runTurn('Weather in Paris?');
    assert.equal(outcome.status, 'done');
    const results = events.flatMap((e) => (e.type === 'toolResult' ? [e.result] : []));
    assert.deepEqual(results.map((r) => [r.name, r.ok]), [['fixture_lookup_weather', true]]);

    const bodies = await generateBodies();
    const declared = bodies[0].tools[0].functionDeclarations.find((d: { name: string }) => d.name === 'fixture_lookup_weather');
    assert.ok(declared, 'declared to Gemini');
    assert.equal(declared.description, 'Looks up the current weather of a city.');
    assert.deepEqual(declared.parameters.required, ['city']);
    assert.deepEqual(declared.parameters.properties.units.enum, ['celsius', 'fahrenheit'], 'the $ref was inlined');
    assert.equal(declared.parameters.properties.units.nullable, true);
    assert.equal(declared.parameters.properties.extra.type, 'STRING', 'a free-form object travels as JSON text');
    assert.ok(!JSON.stringify(declared).includes('$'), 'no $schema, $defs or $ref reaches Gemini');

    const last = bodies[1].contents[bodies[1].contents.length - 1];
    const response = last.parts[0].functionResponse;
    assert.equal(response.name, 'fixture_lookup_weather');
    assert.equal(response.response.output, 'Sunny in Paris, 21 degrees fahrenheit; extra={"hourly":true}', 'the JSON text arrived decoded');
  });

  it("a failing tool's error goes to the model and onto the tool card", async () => {
    await vscode.commands.executeCommand('gemini.selectChatTools', ['fixture_always_fails']);
    await emulator.enqueue(
      { kind: 'stream', chunks: [chunks.functionCall('fixture_always_fails', {}), chunks.finish('STOP')] },
      { kind: 'stream', chunks: [chunks.text('The tool failed.'), chunks.finish('STOP')] },
    );
    const { events } = await api.runTurn('Try the failing tool');
    const [result] = events.flatMap((e) => (e.type === 'toolResult' ? [e.result] : []));
    assert.equal(result.ok, false);
    assert.match(result.summary, /fixture_always_fails failed: .*the weather service is down/);
    const bodies = await generateBodies();
    const last = bodies[1].contents[bodies[1].contents.length - 1];
    assert.match(last.parts[0].functionResponse.response.error, /the weather service is down/);
  });
});
