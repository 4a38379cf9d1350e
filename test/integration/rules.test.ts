// Rules files in a real extension host: AGENTS.md / GEMINI.md at three depths around the file the
// user asks about go into the chat's system instruction, nearest first; the one inside an ignored
// folder (build/, in the fixture's .gitignore) is never read; the setting turns them all off. The
// editor actions (Refactor, through its real command) and @gemini (the extension's own handler)
// read the same files for the active editor, under the same setting.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { chunks } from '../emulator';
import { EmulatorRemote } from '../harness/emulatorRemote';
import type { GeminiTestApi } from '../../src/extension';

const EXTENSION_ID = 'gemini-vscode-oss.gemini-for-vscode';
const FILES: Record<string, string> = {
  'AGENTS.md': 'RULE-ROOT: answer in English.',
  'rules-pkg/GEMINI.md': 'RULE-MIDDLE: prefer small functions.',
  'rules-pkg/deep/AGENTS.md': 'RULE-DEEP: this folder uses tabs.',
  'rules-pkg/deep/code.ts': 'export const answer = 42;\n',
  'build/AGENTS.md': 'RULE-IGNORED: must never be read.',
  'build/gen.ts': 'export const generated = 1;\n',
};

describe('rules files (AGENTS.md, GEMINI.md)', function () {
  this.timeout(60_000);
  const emulator = EmulatorRemote.fromEnv();
  const root = () => vscode.workspace.workspaceFolders![0].uri;

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    for (const [file, text] of Object.entries(FILES)) await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(root(), file), new TextEncoder().encode(text));
  });
  beforeEach(() => emulator.reset());
  after(async () => {
    await vscode.workspace.getConfiguration('gemini').update('rules.enabled', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const file of ['AGENTS.md', 'rules-pkg', 'build/AGENTS.md', 'build/gen.ts']) {
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(root(), file), { recursive: true, useTrash: false });
    }
  });

  /** The first generate request within 3 s (the chat may also list models or count tokens). */
  async function generateRequest(): Promise<{ body: any } | undefined> {
    for (let i = 0; i < 30; i++) {
      const found = (await emulator.requests()).find((r) => r.path.includes('GenerateContent'));
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return undefined;
  }

  /** Asks the chat to explain `file` (its editor active, the code attached); the system instruction the service got. */
  async function explain(file: string): Promise<string> {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(root(), file));
    const editor = await vscode.window.showTextDocument(document, { preview: false });
    const whole = new vscode.Range(0, 0, document.lineCount, 0);
    // The chat refuses a question while an earlier answer still streams: ask again until it is taken.
    for (let attempt = 0; attempt < 20; attempt++) {
      await emulator.reset();
      await emulator.enqueue({ kind: 'stream', chunks: [chunks.text('Explained.'), chunks.finish('STOP')] });
      await vscode.commands.executeCommand('gemini.explainSelection', editor.document.uri, whole);
      const request = await generateRequest();
      if (request) {
        const system = request.body.systemInstruction as { parts: { text: string }[] } | undefined;
        await new Promise((resolve) => setTimeout(resolve, 300)); // let the answer settle
        return (system?.parts ?? []).map((p) => p.text).join('\n');
      }
    }
    throw new Error('the chat never sent the question');
  }

  it('adds the rules of three depths, nearest first, and skips the ignored folder', async () => {
    const system = await explain('rules-pkg/deep/code.ts');
    const deep = system.indexOf('RULE-DEEP');
    const middle = system.indexOf('RULE-MIDDLE');
    const top = system.indexOf('RULE-ROOT');
    assert.ok(deep >= 0 && middle > deep && top > middle, `nearest first:\n${system}`);
    assert.match(system, /Rules from rules-pkg\/deep\/AGENTS\.md/);
    assert.ok(!system.includes('RULE-IGNORED'));

    const inIgnored = await explain('build/gen.ts');
    assert.match(inIgnored, /RULE-ROOT/);
    assert.ok(!inIgnored.includes('RULE-IGNORED'), 'rules inside an ignored folder are never read');
    assert.ok(!inIgnored.includes('RULE-DEEP'), 'rules of folders not in play are not read');
  });

  /** Runs Refactor (an editor action, not the chat) on `file`; the system instruction the service got. */
  async function refactor(file: string): Promise<string> {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(root(), file));
    await vscode.window.showTextDocument(document, { preview: false });
    await emulator.reset();
    const json = JSON.stringify({ rationale: 'Same.', code: document.getText() });
    await emulator.enqueue({ kind: 'stream', chunks: [chunks.text(json), chunks.finish('STOP')] });
    await vscode.commands.executeCommand('gemini.refactorSelection', document.uri, new vscode.Range(0, 0, document.lineCount, 0), 'tidy');
    await vscode.commands.executeCommand('gemini.rejectProposal').then(undefined, () => undefined);
    const request = await generateRequest();
    assert.ok(request, 'the action asked Gemini');
    return ((request.body.systemInstruction?.parts ?? []) as { text: string }[]).map((p) => p.text).join('\n');
  }

  /** Asks @gemini (the extension's own handler) with `file` active; the system instruction and the references shown. */
  async function askParticipant(file: string): Promise<{ system: string; references: string[] }> {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(root(), file));
    await vscode.window.showTextDocument(document, { preview: false });
    await emulator.reset();
    await emulator.enqueue({ kind: 'stream', chunks: [chunks.text('Answered.'), chunks.finish('STOP')] });
    const api = vscode.extensions.getExtension<GeminiTestApi>(EXTENSION_ID)!.exports;
    const references: string[] = [];
    const stream = {
      markdown: () => undefined, progress: () => undefined, button: () => undefined, anchor: () => undefined, filetree: () => undefined, push: () => undefined,
      reference: (value: vscode.Uri | vscode.Location) => references.push(vscode.workspace.asRelativePath(value instanceof vscode.Uri ? value : value.uri)),
    } as unknown as vscode.ChatResponseStream;
    const chatRequest = { prompt: 'What does this file export?', command: undefined, references: [] } as unknown as vscode.ChatRequest;
    const result = await api.answerChatRequest(chatRequest, { history: [] } as unknown as vscode.ChatContext, stream, new vscode.CancellationTokenSource().token);
    assert.equal(result.errorDetails, undefined, result.errorDetails?.message);
    const request = await generateRequest();
    assert.ok(request, '@gemini asked Gemini');
    return { system: ((request.body.systemInstruction?.parts ?? []) as { text: string }[]).map((p) => p.text).join('\n'), references };
  }

  function assertThreeDepths(system: string): void {
    const deep = system.indexOf('RULE-DEEP');
    const middle = system.indexOf('RULE-MIDDLE');
    const top = system.indexOf('RULE-ROOT');
    assert.ok(deep >= 0 && middle > deep && top > middle, `nearest first:\n${system}`);
    assert.ok(!system.includes('RULE-IGNORED'));
  }

  it('editor actions read the same rules for the active file, with their own instruction kept', async () => {
    const system = await refactor('rules-pkg/deep/code.ts');
    assertThreeDepths(system);
    assert.ok(system.indexOf('RULE-ROOT') < system.length - 200, 'the action\'s own instruction follows the rules');
    const inIgnored = await refactor('build/gen.ts');
    assert.match(inIgnored, /RULE-ROOT/);
    assert.ok(!/RULE-(IGNORED|DEEP)/.test(inIgnored), inIgnored);
  });

  it('@gemini reads them too, and lists each file applied as a reference', async () => {
    const { system, references } = await askParticipant('rules-pkg/deep/code.ts');
    assertThreeDepths(system);
    assert.deepEqual(references, ['rules-pkg/deep/AGENTS.md', 'rules-pkg/GEMINI.md', 'AGENTS.md']);
  });

  it('gemini.rules.enabled = false leaves them all out (chat, editor actions, @gemini)', async () => {
    await vscode.workspace.getConfiguration('gemini').update('rules.enabled', false, vscode.ConfigurationTarget.Global);
    const system = await explain('rules-pkg/deep/code.ts');
    assert.ok(!/RULE-/.test(system), system);
    assert.ok(!/RULE-/.test(await refactor('rules-pkg/deep/code.ts')));
    const participant = await askParticipant('rules-pkg/deep/code.ts');
    assert.ok(!/RULE-/.test(participant.system));
    assert.deepEqual(participant.references, []);
  });
});
