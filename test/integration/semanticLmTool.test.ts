// Semantic search offered to VS Code's own chat and agent, in a real extension host against the
// emulator: gemini_search_code_semantic called through vscode.lm.invokeTool tells the caller how
// to build the index while there is none (or the setting is off), answers with the chunks nearest
// in meaning once the index is built, never shows a sensitive, git-ignored or newly ignored file,
// and the context key of its `when` clause follows the index. (Runs after semantic.test.ts, which
// expects to build the first index itself.)
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EmulatorRemote } from '../harness/emulatorRemote';
import { SEMANTIC_INDEX_CONTEXT } from '../../src/semantic/contextKeys';
import { testApi } from './faultsSupport';

const TOOL = 'gemini_search_code_semantic';

// Types of the language-model API newer than our @types/vscode 1.90.
interface LmApi {
  lm: { invokeTool(name: string, options: { input: object; toolInvocationToken: undefined }, token?: vscode.CancellationToken): Thenable<{ content: unknown[] }> };
  LanguageModelTextPart: new (value: string) => { value: string };
}
const api = vscode as unknown as LmApi;

interface EmbedBody {
  requests: { content: { parts: { text: string }[] } }[];
}

function textOf(result: { content: unknown[] }): string {
  return result.content.map((part) => (part instanceof api.LanguageModelTextPart ? part.value : '')).join('');
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!condition()) {
    assert.ok(Date.now() < deadline, what);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("semantic search in VS Code's chat (gemini_search_code_semantic)", function () {
  this.timeout(90_000);
  const emulator = EmulatorRemote.fromEnv();
  const config = () => vscode.workspace.getConfiguration('gemini');
  const folder = () => vscode.workspace.workspaceFolders![0].uri;
  // What the extension sets the `when` clause's context key to (it shares this vscode API object).
  const contextValues: unknown[] = [];
  const executeCommand = vscode.commands.executeCommand;

  before(async () => {
    await testApi();
    (vscode.commands as { executeCommand: typeof executeCommand }).executeCommand = (command: string, ...rest: unknown[]) => {
      if (command === 'setContext' && rest[0] === SEMANTIC_INDEX_CONTEXT) contextValues.push(rest[1]);
      return executeCommand(command, ...rest);
    };
  });
  beforeEach(() => emulator.reset());
  after(async () => {
    (vscode.commands as { executeCommand: typeof executeCommand }).executeCommand = executeCommand;
    await config().update('semanticSearch.enabled', undefined, vscode.ConfigurationTarget.Global);
  });

  const invoke = async (input: object) => textOf(await api.lm.invokeTool(TOOL, { input, toolInvocationToken: undefined }, new vscode.CancellationTokenSource().token));
  const refusal = (input: object) => invoke(input).then(() => undefined, (error: Error) => error);

  async function embedTexts(): Promise<string[]> {
    return (await emulator.requests()).filter((r) => /embedContents?$/i.test(r.path)).flatMap((r) => (r.body as EmbedBody).requests.map((q) => q.content.parts[0].text));
  }

  it('with no index to search, tells the caller to build one with the index command, sending nothing', async () => {
    await config().update('semanticSearch.enabled', false, vscode.ConfigurationTarget.Global);
    const error = await refusal({ query: 'capitalize the first letter of a text' });
    assert.ok(error, 'the call must not succeed without an index');
    assert.match(error.message, /search_code_semantic is not available now \(no semantic index: the user can build one with "Gemini: Index Workspace for Semantic Search"\)/);
    assert.deepEqual(await embedTexts(), [], 'no query is embedded without an index');
  });

  it('once the index is built, the context key turns on and the tool answers with the chunks nearest in meaning', async () => {
    await vscode.commands.executeCommand('gemini.indexWorkspace', { skipConfirmation: true });
    await until(() => contextValues.at(-1) === true, `the context key ${SEMANTIC_INDEX_CONTEXT} was never set to true: ${JSON.stringify(contextValues)}`);
    await emulator.reset();
    const output = await invoke({ query: 'capitalize the first letter of a text', maxResults: 3 });
    assert.match(output, /^## src\/util\/strings\.ts:1-\d+ \(score /);
    assert.match(output, /export function capitalize\(text: string\): string \{/);
    assert.deepEqual(await embedTexts(), ['task: code retrieval | query: capitalize the first letter of a text'], 'only the query is embedded');
  });

  it('never shows a sensitive, a git-ignored or a newly ignored file', async () => {
    const secrets = await invoke({ query: 'API_TOKEN fake secret value for tests, output of the build', maxResults: 30 });
    const paths = [...secrets.matchAll(/^## (.+):\d+-\d+ \(score /gm)].map((match) => match[1]);
    assert.ok(paths.includes('src/util/strings.ts') && paths.includes('docs/notes.md'), `every indexed file can be a hit: ${paths.join(', ')}`);
    assert.ok(!paths.some((path) => path === '.env' || path.startsWith('build/')), paths.join(', '));
    assert.ok(!secrets.includes('fake-secret-do-not-send-0000'), secrets);
    // Each hit is re-read under the policy at call time: a file ignored after indexing is left out.
    const ignore = vscode.Uri.joinPath(folder(), '.geminiignore');
    await vscode.workspace.fs.writeFile(ignore, new TextEncoder().encode('src/util/strings.ts\n'));
    try {
      const output = await invoke({ query: 'capitalize the first letter of a text', maxResults: 30 });
      assert.doesNotMatch(output, /strings\.ts/);
    } finally {
      await vscode.workspace.fs.delete(ignore);
    }
  });

  it('turning the setting off turns the context key off, and a call made anyway is told how to build the index again', async () => {
    await config().update('semanticSearch.enabled', false, vscode.ConfigurationTarget.Global);
    await until(() => contextValues.at(-1) === false, `the context key stayed on: ${JSON.stringify(contextValues)}`);
    const error = await refusal({ query: 'capitalize the first letter of a text' });
    assert.ok(error, 'the call must not succeed with the index turned off');
    assert.match(error.message, /Gemini: Index Workspace for Semantic Search/);
  });
});
