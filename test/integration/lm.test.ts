// Gemini in VS Code's own AI API, in a real VS Code 1.139 with the emulator as Gemini: our models
// through vscode.lm.selectChatModels, a streamed sendRequest, a whole tool-call round trip (call
// → vscode.lm.invokeTool → result back to the model with the call's id and thought signature),
// and our workspace tools in vscode.lm.tools, refusing what the policy refuses.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { chunks, errors } from '../emulator';
import { EmulatorRemote } from '../harness/emulatorRemote';
import { LM_VENDOR } from '../../src/lm/models';
import { lmToolContributions, lmToolName } from '../../src/lm/tools';
import { registerNativeChat } from '../../src/vscode/native/lmNativeChat';

const EXTENSION_ID = 'gemini-vscode-oss.gemini-for-vscode';
const READ_FILE = lmToolName('read_file');

// Types of the language-model API newer than our @types/vscode 1.90.
interface ToolCallPart { callId: string; name: string; input: object }
interface LmApi {
  lm: typeof vscode.lm & {
    tools: readonly { name: string; description: string; inputSchema: object | undefined; tags: readonly string[] }[];
    invokeTool(name: string, options: { input: object; toolInvocationToken: undefined }, token?: vscode.CancellationToken): Thenable<{ content: unknown[] }>;
  };
  LanguageModelToolCallPart: new (callId: string, name: string, input: object) => ToolCallPart;
  LanguageModelToolResultPart: new (callId: string, content: unknown[]) => unknown;
  LanguageModelTextPart: new (value: string) => { value: string };
  LanguageModelChatMessage: {
    User(content: string | unknown[]): vscode.LanguageModelChatMessage;
    Assistant(content: string | unknown[]): vscode.LanguageModelChatMessage;
  };
}
const api = vscode as unknown as LmApi;

type StreamingResponse = vscode.LanguageModelChatResponse & { stream: AsyncIterable<unknown> };

function textOf(result: { content: unknown[] }): string {
  return result.content.map((part) => (part instanceof api.LanguageModelTextPart ? part.value : '')).join('');
}

describe('VS Code language model API', function () {
  this.timeout(60_000);
  const emulator = EmulatorRemote.fromEnv();
  // The extension's own registrations, made at activation (the core loads on the first call).
  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
  });
  beforeEach(() => emulator.reset());

  async function ourModel(id = 'gemini-3.8-flash'): Promise<vscode.LanguageModelChat> {
    const [model] = await vscode.lm.selectChatModels({ vendor: LM_VENDOR, id });
    assert.ok(model, `no ${id} from vendor ${LM_VENDOR}`);
    return model;
  }

  it('selectChatModels({vendor}) returns the chat models of models.list with their token limits', async () => {
    const models = await vscode.lm.selectChatModels({ vendor: LM_VENDOR });
    const ids = models.map((model) => model.id);
    assert.ok(ids.includes('gemini-3.8-flash') && ids.includes('gemini-3.5-flash-lite') && ids.includes('gemini-3.1-pro-preview'), ids.join(', '));
    assert.ok(!ids.some((id) => /tts|image|embedding|imagen|veo/.test(id)), `no speech, image or embedding models: ${ids.join(', ')}`);
    const flash = models.find((model) => model.id === 'gemini-3.8-flash')!;
    assert.equal(flash.vendor, LM_VENDOR);
    assert.equal(flash.name, 'Gemini 3.8 Flash');
    assert.equal(flash.family, 'gemini-3.8-flash');
    assert.equal(flash.maxInputTokens, 1_048_576);
    const requests = await emulator.requests();
    assert.ok(requests.every((request) => !('key' in request.query)), 'the key goes in a header, never the URL');
  });

  it('sendRequest streams the answer text from Gemini as it arrives', async () => {
    await emulator.enqueue({ kind: 'stream', chunkDelayMs: 30, chunks: [chunks.text('Hello'), chunks.text(' from'), chunks.text(' Gemini'), chunks.finish('STOP')] });
    const model = await ourModel();
    const response = await model.sendRequest([vscode.LanguageModelChatMessage.User('Say hello')], {}, new vscode.CancellationTokenSource().token);
    const fragments: string[] = [];
    for await (const fragment of response.text) fragments.push(fragment);
    assert.equal(fragments.join(''), 'Hello from Gemini');
    assert.ok(fragments.length >= 2, `streamed in pieces: ${JSON.stringify(fragments)}`);
    const [request] = await emulator.requests();
    assert.equal(request.path, '/v1beta/models/gemini-3.8-flash:streamGenerateContent');
    assert.deepEqual(request.body.contents, [{ role: 'user', parts: [{ text: 'Say hello' }] }]);
    assert.equal(request.headers['x-goog-api-key'], process.env.GEMINI_API_KEY);
  });

  it('a tool call round trip: the call, vscode.lm.invokeTool, and the result back with id and signature', async () => {
    await emulator.enqueue(
      { kind: 'stream', chunks: [chunks.text('Let me look.'), chunks.functionCall(READ_FILE, { path: 'src/greet.ts' }, { id: 'call-7', thoughtSignature: 'c2lnLTc=' }), chunks.finish('STOP')] },
      { kind: 'stream', chunks: [chunks.text('greet() capitalises the name.'), chunks.finish('STOP')] },
    );
    const model = await ourModel('gemini-3.1-pro-preview');
    const tool = api.lm.tools.find((t) => t.name === READ_FILE)!;
    const options = { tools: [{ name: tool.name, description: tool.description, inputSchema: tool.inputSchema }] } as vscode.LanguageModelChatRequestOptions;
    const token = new vscode.CancellationTokenSource().token;
    const question = vscode.LanguageModelChatMessage.User('What does greet do?');

    const first = (await model.sendRequest([question], options, token)) as StreamingResponse;
    const calls: ToolCallPart[] = [];
    let said = '';
    for await (const part of first.stream) {
      if (part instanceof api.LanguageModelToolCallPart) calls.push(part);
      else if (part instanceof api.LanguageModelTextPart) said += part.value;
    }
    assert.equal(said, 'Let me look.');
    assert.equal(calls.length, 1);
    assert.deepEqual([calls[0].callId, calls[0].name, calls[0].input], ['call-7', READ_FILE, { path: 'src/greet.ts' }]);

    const result = await api.lm.invokeTool(calls[0].name, { input: calls[0].input, toolInvocationToken: undefined }, token);
    assert.match(textOf(result), /export function greet/);

    const second = await model.sendRequest([
      question,
      api.LanguageModelChatMessage.Assistant([new api.LanguageModelTextPart('Let me look.'), calls[0]]),
      api.LanguageModelChatMessage.User([new api.LanguageModelToolResultPart(calls[0].callId, result.content)]),
    ], options, token);
    let answer = '';
    for await (const fragment of second.text) answer += fragment;
    assert.equal(answer, 'greet() capitalises the name.');

    const requests = await emulator.requests();
    const generate = requests.filter((r) => r.path.endsWith(':streamGenerateContent'));
    assert.equal(generate.length, 2);
    const declarations = generate[0].body.tools[0].functionDeclarations;
    assert.equal(declarations[0].name, READ_FILE);
    assert.equal(declarations[0].parametersJsonSchema.required[0], 'path');
    const [, modelTurn, toolTurn] = generate[1].body.contents;
    assert.equal(modelTurn.role, 'model');
    assert.deepEqual(modelTurn.parts[1], { functionCall: { id: 'call-7', name: READ_FILE, args: { path: 'src/greet.ts' } }, thoughtSignature: 'c2lnLTc=' });
    assert.equal(toolTurn.role, 'user');
    assert.equal(toolTurn.parts[0].functionResponse.id, 'call-7');
    assert.equal(toolTurn.parts[0].functionResponse.name, READ_FILE);
    assert.match(toolTurn.parts[0].functionResponse.response.output, /export function greet/);
  });

  it('reports a service failure to the caller with our message, never the key', async () => {
    await emulator.enqueue(errors.quota({ perDay: true }));
    const model = await ourModel();
    const failed = await (async () => {
      const response = await model.sendRequest([vscode.LanguageModelChatMessage.User('Hi')], {}, new vscode.CancellationTokenSource().token);
      for await (const _fragment of response.text) void _fragment;
    })().then(() => undefined, (error: Error) => error);
    assert.ok(failed, 'the request must fail');
    assert.match(failed.message, /today's quota/);
    assert.ok(!failed.message.includes(process.env.GEMINI_API_KEY!), 'no key in the message');
  });

  it('cancelling the request stops the stream', async () => {
    await emulator.enqueue({ kind: 'stream', chunkDelayMs: 400, chunks: [chunks.text('one '), chunks.text('two '), chunks.text('three '), chunks.text('four'), chunks.finish('STOP')] });
    const model = await ourModel();
    const source = new vscode.CancellationTokenSource();
    const response = await model.sendRequest([vscode.LanguageModelChatMessage.User('Count')], {}, source.token);
    const fragments: string[] = [];
    const started = Date.now();
    await (async () => {
      for await (const fragment of response.text) {
        fragments.push(fragment);
        source.cancel();
      }
    })().catch(() => undefined);
    assert.ok(Date.now() - started < 1500, 'the stream ended soon after cancelling');
    assert.ok(!fragments.join('').includes('four'), `nothing after the cancel: ${fragments.join('')}`);
  });

  it('vscode.lm.tools lists our workspace tools with the descriptions and schemas of the tools table', () => {
    for (const contributed of lmToolContributions()) {
      const listed = api.lm.tools.find((tool) => tool.name === contributed.name);
      assert.ok(listed, `${contributed.name} is not in vscode.lm.tools`);
      assert.equal(listed.description, contributed.modelDescription);
      assert.deepEqual(listed.inputSchema, contributed.inputSchema);
    }
  });

  it('invoking a tool obeys the path policy and the ignore rules, reading nothing it refuses', async () => {
    const token = new vscode.CancellationTokenSource().token;
    const outside = await Promise.resolve(api.lm.invokeTool(READ_FILE, { input: { path: '../../etc/passwd' }, toolInvocationToken: undefined }, token)).then(() => undefined, (e: Error) => e);
    assert.ok(outside, 'reading outside the workspace must be refused');
    assert.match(outside.message, /refused/);
    const ignored = await Promise.resolve(api.lm.invokeTool(READ_FILE, { input: { path: 'build/output.txt' }, toolInvocationToken: undefined }, token)).then(() => undefined, (e: Error) => e);
    assert.ok(ignored, 'a git-ignored file must be refused');
    assert.match(ignored.message, /ignore/i);
    const listed = await api.lm.invokeTool(lmToolName('list_directory'), { input: {}, toolInvocationToken: undefined }, token);
    assert.match(textOf(listed), /src\//);
    assert.doesNotMatch(textOf(listed), /output\.txt/, 'ignored files are not even listed');
  });
});
