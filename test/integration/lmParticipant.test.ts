// @gemini in a real VS Code: the participant's handler, driven with VS Code's own response-part
// and URI classes, runs our engine and workspace tools against the emulator, streams markdown,
// lists the files it read (and the ones attached) as references, keeps the chat history, and
// turns a failure into its message plus the recovery button.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { chunks, errors, TEST_KEY } from '../emulator';
import { EmulatorRemote } from '../harness/emulatorRemote';
import { cachedGenAIProvider } from '../../src/gemini/client';
import { settingValues } from '../../src/config/settingValues';
import { GeminiEngine } from '../../src/gemini/turnEngine';
import { LM_VENDOR } from '../../src/lm/models';
import { followupsFor, ParticipantMetadata } from '../../src/lm/participant';
import { answerChatRequest } from '../../src/vscode/native/chatParticipant';
import { registerWorkspaceTools } from '../../src/vscode/workspace/toolRegistration';

/** A ChatResponseStream that records what the participant showed. */
class RecordingStream {
  readonly markdown: string[] = [];
  readonly progress: string[] = [];
  readonly references: string[] = [];
  readonly buttons: vscode.Command[] = [];
  readonly stream = {
    markdown: (value: string | vscode.MarkdownString) => this.markdown.push(typeof value === 'string' ? value : value.value),
    progress: (value: string) => this.progress.push(value),
    reference: (value: vscode.Uri | vscode.Location) => this.references.push(vscode.workspace.asRelativePath(value instanceof vscode.Uri ? value : value.uri)),
    button: (command: vscode.Command) => this.buttons.push(command),
    anchor: () => undefined,
    filetree: () => undefined,
    push: () => undefined,
  } as unknown as vscode.ChatResponseStream;
}

describe('@gemini chat participant', function () {
  this.timeout(60_000);
  const emulator = EmulatorRemote.fromEnv();
  const subscriptions: vscode.Disposable[] = [];
  let runner: GeminiEngine;
  let workspace: vscode.Uri;

  before(() => {
    workspace = vscode.workspace.workspaceFolders![0].uri;
    const context = { subscriptions } as unknown as vscode.ExtensionContext;
    const settings = () => settingValues({ model: 'gemini-2.5-flash', 'retry.maxAttempts': 0 });
    const log = { debug() {}, info() {}, warn() {}, error() {} };
    const genai = cachedGenAIProvider(async () => process.env.GEMINI_API_KEY ?? TEST_KEY, () => ({ endpoint: emulator.baseUrl, apiVersion: 'v1beta' }));
    runner = new GeminiEngine({ genai, settings, tools: registerWorkspaceTools(context, { logger: log, settings }), logger: log });
  });
  beforeEach(() => emulator.reset());
  after(() => subscriptions.forEach((d) => d.dispose()));

  function request(prompt: string, extra: Partial<vscode.ChatRequest> & { model?: { vendor: string; id: string } } = {}): vscode.ChatRequest {
    return { prompt, command: undefined, references: [], ...extra } as unknown as vscode.ChatRequest;
  }

  async function ask(chatRequest: vscode.ChatRequest, history: unknown[] = []) {
    const recorder = new RecordingStream();
    const log = { debug() {}, info() {}, warn() {}, error() {} };
    const result = await answerChatRequest(chatRequest, { history } as unknown as vscode.ChatContext, recorder.stream, new vscode.CancellationTokenSource().token, { runner, logger: log });
    return { recorder, result, metadata: result.metadata as ParticipantMetadata };
  }

  it('answers with workspace tools, streaming markdown and listing the files it read and the ones attached', async () => {
    await emulator.enqueue(
      { kind: 'stream', chunks: [chunks.functionCall('read_file', { path: 'src/greet.ts' }), chunks.finish('STOP')] },
      { kind: 'stream', chunkDelayMs: 20, chunks: [chunks.text('`greet` capitalises '), chunks.text('the name.'), chunks.finish('STOP')] },
    );
    const attached = vscode.Uri.joinPath(workspace, 'src', 'util', 'strings.ts');
    const { recorder, result, metadata } = await ask(request('What does greet do?', {
      references: [{ id: 'vscode.file', value: attached }],
      model: { vendor: LM_VENDOR, id: 'gemini-3-pro-preview' },
    }));

    assert.equal(result.errorDetails, undefined);
    assert.equal(recorder.markdown.join(''), '`greet` capitalises the name.');
    assert.ok(recorder.markdown.length >= 2, 'streamed, not sent at the end');
    assert.deepEqual(recorder.progress, ['Reading src/greet.ts']);
    assert.deepEqual(recorder.references, ['src/util/strings.ts', 'src/greet.ts']);
    assert.deepEqual(metadata.filesRead, ['src/greet.ts']);
    assert.deepEqual(followupsFor(metadata).map((f) => f.label), ['Suggest improvements to greet.ts']);

    const [first, second] = await emulator.requests();
    assert.equal(first.path, '/v1beta/models/gemini-3-pro-preview:streamGenerateContent', 'the model picked in the Chat view');
    const sent = first.body.contents[0].parts.map((p: { text: string }) => p.text).join('\n');
    assert.match(sent, /What does greet do\?/);
    assert.match(sent, /Attached file src\/util\/strings\.ts:\n```typescript\n/);
    assert.match(JSON.stringify(second.body.contents[2]), /export function greet/, 'the tool really read the file');
  });

  it('sends the earlier @gemini turns as history', async () => {
    await emulator.enqueue({ kind: 'stream', chunks: [chunks.text('Yes.'), chunks.finish('STOP')] });
    const history = [
      { prompt: 'Is greet exported?', participant: 'gemini-oss.gemini', command: undefined, references: [] },
      { response: [new vscode.ChatResponseMarkdownPart('It is exported from src/greet.ts.')], result: {}, participant: 'gemini-oss.gemini' },
    ];
    await ask(request('Is it tested?'), history);
    const [sent] = await emulator.requests();
    assert.deepEqual(sent.body.contents, [
      { role: 'user', parts: [{ text: 'Is greet exported?' }] },
      { role: 'model', parts: [{ text: 'It is exported from src/greet.ts.' }] },
      { role: 'user', parts: [{ text: 'Is it tested?' }] },
    ]);
  });

  it('a retired model: one line naming it, and one button that switches to its replacement', async () => {
    await emulator.enqueue(errors.notFound('gemini-2.5-flash'));
    const { recorder, result } = await ask(request('Hi'));
    assert.equal(result.errorDetails?.message, 'The model "gemini-2.5-flash" is retired or not available to this key: switch to gemini-3.5-flash-lite.');
    assert.deepEqual(recorder.buttons, [{ command: 'gemini.selectModel', title: 'Switch to gemini-3.5-flash-lite', arguments: ['gemini-3.5-flash-lite'] }]);
  });

  it('shows a failure with what to do and its recovery button', async () => {
    await emulator.enqueue(errors.invalidKey());
    const { recorder, result, metadata } = await ask(request('Hi'));
    assert.match(result.errorDetails?.message ?? '', /API key was rejected/);
    assert.ok(!(result.errorDetails?.message ?? '').includes(process.env.GEMINI_API_KEY!));
    assert.deepEqual(recorder.buttons.map((b) => b.command), ['gemini.setApiKey']);
    assert.deepEqual(followupsFor(metadata), [], 'no retry for a bad key');
  });
});
