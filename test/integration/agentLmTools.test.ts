// Agent mode's write tools for VS Code's own agent, in a real extension host: listed in
// vscode.lm.tools as edits; hostile calls through vscode.lm.invokeTool refused with the write
// policy's reason and nothing written (no confirmation is even shown for them); and the tools'
// own prepareInvocation → invoke (what VS Code runs around its confirmation, which here would be a
// modal in the workbench): the confirmation shows the exact change, invoke writes exactly that
// as one edit, refuses when the file changed after the confirmation, asks again for a sensitive
// file, and writes nothing where Agent mode is off.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { silentLogger } from '../../src/common/logger';
import { settingValues } from '../../src/config/settingValues';
import { lmToolName } from '../../src/lm/tools';
import type { ApprovalRequest } from '../../src/tools/approval';
import { createWriteLanguageModelTools } from '../../src/vscode/agent/lmWriteTools';
import type { LanguageModelTool } from '../../src/vscode/native/lmApi';
import { VsCodeWorkspacePort } from '../../src/vscode/workspace/workspacePort';

const EXTENSION_ID = 'gemini-vscode-oss.gemini-for-vscode';
const DIR = 'agent-lm-it';

interface LmApi {
  tools: readonly { name: string; tags: readonly string[] }[];
  invokeTool(name: string, options: { input: object; toolInvocationToken: undefined }, token?: vscode.CancellationToken): Thenable<{ content: unknown[] }>;
}
const lm = (vscode as unknown as { lm: LmApi }).lm;

describe("Agent mode's write tools for VS Code's agent (language-model tools)", function () {
  this.timeout(60_000);
  let root: string;
  let outside: string;
  const asked: ApprovalRequest[] = [];
  let answer: 'allow' | 'deny' = 'deny';
  const token = () => new vscode.CancellationTokenSource().token;
  const file = (name: string) => path.join(root, DIR, name);
  const put = (name: string, content: string) => { mkdirSync(path.dirname(file(name)), { recursive: true }); writeFileSync(file(name), content); };
  const read = (name: string) => readFileSync(file(name), 'utf8');

  function tools(unavailable?: () => string | undefined): Map<string, LanguageModelTool> {
    return createWriteLanguageModelTools({
      logger: silentLogger, settings: () => settingValues(), port: new VsCodeWorkspacePort(), unavailable,
      approver: { approve: async (request) => { asked.push(request); return answer; } },
    });
  }
  const textOf = (result: unknown) => ((result as { content: { value: string }[] }).content).map((part) => part.value).join('');

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    outside = mkdtempSync(path.join(os.tmpdir(), 'gemini-agent-lm-outside-'));
  });
  beforeEach(() => {
    rmSync(path.join(root, DIR), { recursive: true, force: true });
    put('a.ts', 'export const a = 1;\nexport const b = 2;\n');
    writeFileSync(path.join(outside, 'target.txt'), 'outside\n');
    asked.length = 0;
    answer = 'deny';
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(path.join(root, DIR), { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it('are listed in vscode.lm.tools, tagged as edits', () => {
    for (const name of ['edit_file', 'create_file', 'rename_file', 'delete_file']) {
      const listed = lm.tools.find((tool) => tool.name === lmToolName(name));
      assert.ok(listed, `${name} is offered`);
      assert.ok(listed.tags.includes('edit') && !listed.tags.includes('read-only'), listed.tags.join(','));
    }
  });

  it('refuse hostile calls through vscode.lm.invokeTool with the reason, writing nothing', async () => {
    symlinkSync(outside, file('link-out'));
    const refused: [string, Record<string, unknown>, RegExp][] = [
      ['edit_file', { path: path.join(outside, 'target.txt'), search: 'outside', replace: 'x' }, /outside the workspace/],
      ['create_file', { path: `${DIR}/link-out/new.txt`, content: 'x' }, /symbolic link/],
      ['edit_file', { path: `${DIR}/link-out/target.txt`, search: 'outside', replace: 'x' }, /symbolic link|outside/],
      ['create_file', { path: '.git/hooks/pre-commit', content: 'x' }, /inside \.git are never written/],
      ['create_file', { path: 'build/out.js', content: 'x' }, /excluded by/],
      ['edit_file', { path: `${DIR}/a.ts`, search: 'export const', replace: 'const' }, /matches 2 times/],
      ['delete_file', { path: `${DIR}/missing.txt` }, /not exist|not found|no such/i],
    ];
    for (const [tool, input, expected] of refused) {
      const error = await Promise.resolve(lm.invokeTool(lmToolName(tool), { input, toolInvocationToken: undefined }, token())).then(() => undefined, (e: Error) => e);
      assert.ok(error, `${tool} ${JSON.stringify(input)} must be refused`);
      assert.match(error.message, expected, `${tool} ${JSON.stringify(input)}`);
    }
    assert.equal(readFileSync(path.join(outside, 'target.txt'), 'utf8'), 'outside\n');
    assert.equal(read('a.ts'), 'export const a = 1;\nexport const b = 2;\n');
    assert.ok(!existsSync(path.join(root, '.git', 'hooks', 'pre-commit')));
    assert.ok(!existsSync(path.join(root, 'build', 'out.js')));
    assert.ok(!existsSync(path.join(outside, 'new.txt')));
  });

  it('confirm with the exact change, then write exactly that as one edit', async () => {
    const edit = tools().get(lmToolName('edit_file'))!;
    const input = { path: `${DIR}/a.ts`, search: 'export const b = 2;', replace: 'export const b = 3;' };
    const prepared = await edit.prepareInvocation({ input }, token());
    assert.equal(prepared.confirmationMessages?.title, `Gemini: edit ${DIR}/a.ts?`);
    assert.equal(prepared.invocationMessage, `Gemini: editing ${DIR}/a.ts`);
    const message = (prepared.confirmationMessages!.message as vscode.MarkdownString).value;
    assert.match(message, /\(\+1 −1\)/);
    assert.match(message, /```diff\n@@ line 2 @@\n-export const b = 2;\n\+export const b = 3;\n```/);
    assert.equal(read('a.ts'), 'export const a = 1;\nexport const b = 2;\n', 'nothing written before the invocation');
    const result = await edit.invoke({ input }, token());
    assert.match(textOf(result), /Applied: edit .*a\.ts \(\+1 −1\)/);
    assert.equal(read('a.ts'), 'export const a = 1;\nexport const b = 3;\n');
    assert.equal(asked.length, 0, 'VS Code confirmed it: not asked again');

    const create = tools().get(lmToolName('create_file'))!;
    const created = { path: `${DIR}/new/b.ts`, content: 'export const c = 1;\n' };
    await create.prepareInvocation({ input: created }, token());
    await create.invoke({ input: created }, token());
    assert.equal(read('new/b.ts'), 'export const c = 1;\n');
  });

  it('write nothing when the file changed after the confirmation, and tell the model why', async () => {
    const edit = tools().get(lmToolName('edit_file'))!;
    const input = { path: `${DIR}/a.ts`, search: 'export const a = 1;', replace: 'export const a = 10;' };
    await edit.prepareInvocation({ input }, token());
    put('a.ts', 'export const a = 1;\nexport const b = 2; // changed\n');
    const error = await edit.invoke({ input }, token()).then(() => undefined, (e: Error) => e);
    assert.match(error?.message ?? '', /Not written: edit .*changed/);
    assert.equal(read('a.ts'), 'export const a = 1;\nexport const b = 2; // changed\n');
  });

  it('ask again for a sensitive file and write nothing when refused; write nothing where Agent mode is off', async () => {
    const create = tools().get(lmToolName('create_file'))!;
    const input = { path: `${DIR}/.env.local`, content: 'TOKEN=x\n' };
    const prepared = await create.prepareInvocation({ input }, token());
    assert.match(prepared.confirmationMessages!.title, /sensitive file/);
    const error = await create.invoke({ input }, token()).then(() => undefined, (e: Error) => e);
    assert.match(error?.message ?? '', /did not allow/);
    assert.equal(asked.length, 1);
    assert.ok(!existsSync(file('.env.local')));

    const off = tools(() => 'Agent mode is off in Restricted Mode.').get(lmToolName('delete_file'))!;
    const deletion = { path: `${DIR}/a.ts` };
    const offPrepared = await off.prepareInvocation({ input: deletion }, token());
    assert.equal(offPrepared.confirmationMessages, undefined);
    const refused = await off.invoke({ input: deletion }, token()).then(() => undefined, (e: Error) => e);
    assert.match(refused?.message ?? '', /Restricted Mode\. Nothing was written/);
    assert.ok(existsSync(file('a.ts')));
  });

  it('ask when VS Code did not confirm the call, and write nothing on no', async () => {
    const deletion = tools().get(lmToolName('delete_file'))!;
    const error = await deletion.invoke({ input: { path: `${DIR}/a.ts` } }, token()).then(() => undefined, (e: Error) => e);
    assert.match(error?.message ?? '', /did not allow/);
    assert.equal(asked.length, 1);
    assert.match(asked[0].title, /Gemini: delete .*a\.ts\?/);
    assert.ok(existsSync(file('a.ts')));
  });
});
