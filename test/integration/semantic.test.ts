// Semantic search inside a real VS Code extension host, against the emulator: the index command
// waits out a 429 and resumes, never sends the sensitive .env or the git-ignored build/ folder,
// search_code_semantic answers a model's call with path, lines and snippet, and a file written
// afterwards is picked up by the watcher and found by the next search.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GeminiTestApi } from '../../src/extension';
import { chunks, errors } from '../emulator';
import { EmulatorRemote } from '../harness/emulatorRemote';
import { testApi } from './faultsSupport';

interface EmbedBody {
  requests: { content: { parts: { text: string }[] } }[];
}

interface ModelBody {
  contents: { role: string; parts: { functionResponse?: { name: string; response: { output?: string; error?: string } } }[] }[];
}

describe('semantic search in VS Code', () => {
  const emulator = EmulatorRemote.fromEnv();
  let api: GeminiTestApi;

  before(async () => {
    api = await testApi();
  });
  beforeEach(() => emulator.reset());
  // Leave the later specs the tool list they expect.
  after(() => vscode.workspace.getConfiguration('gemini').update('semanticSearch.enabled', undefined, vscode.ConfigurationTarget.Global));

  async function embedRequests(): Promise<EmbedBody[]> {
    return (await emulator.requests()).filter((r) => r.path.endsWith(':batchEmbedContents')).map((r) => r.body as EmbedBody);
  }

  async function semanticSearch(query: string): Promise<string> {
    await emulator.enqueue(
      { kind: 'stream', chunks: [chunks.functionCall('search_code_semantic', { query, maxResults: 3 }), chunks.finish('STOP')] },
      { kind: 'stream', chunks: [chunks.text('Found it.'), chunks.finish('STOP')] },
    );
    const { outcome } = await api.runTurn(`Where is the code that does this: ${query}?`);
    assert.equal(outcome.status, 'done');
    const bodies = (await emulator.requests()).filter((r) => r.path.includes(':streamGenerateContent')).map((r) => r.body as ModelBody);
    const last = bodies[bodies.length - 1].contents;
    const response = last[last.length - 1].parts[0].functionResponse!;
    assert.equal(response.name, 'search_code_semantic');
    assert.ok(response.response.output, `search_code_semantic failed: ${response.response.error}`);
    return response.response.output;
  }

  it('indexes through a 429 pause, never sends ignored or sensitive files, and the tool finds code by meaning', async () => {
    await emulator.enqueue({ ...errors.quota({ retryDelay: '1s' }), route: 'batchEmbedContents' });
    await vscode.commands.executeCommand('gemini.indexWorkspace', { skipConfirmation: true });
    const embeds = await embedRequests();
    assert.equal(embeds.length, 2, 'the refused batch and the same batch once the pause ended');
    assert.deepEqual(embeds[1], embeds[0]);
    const sent = embeds[1].requests.map((r) => r.content.parts[0].text);
    assert.ok(sent.some((text) => text.startsWith('title: src/util/strings.ts | text: export function capitalize')), sent.join('\n'));
    for (const secret of ['fake-secret-do-not-send-0000', 'title: build/', 'title: .env']) {
      assert.ok(!sent.some((text) => text.includes(secret)), `'${secret}' was sent`);
    }
    const output = await semanticSearch('capitalize the first letter of a text');
    assert.match(output, /^## src\/util\/strings\.ts:1-\d+ \(score /);
    assert.match(output, /export function capitalize\(text: string\): string \{/);
  });

  it('a file written after indexing is embedded by the watcher and shows up in the next search', async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const file = vscode.Uri.joinPath(folder, 'src', 'invoice.ts');
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode('export function parseInvoiceCurrency(invoice: string): string {\n  return invoice.slice(0, 3).toUpperCase();\n}\n'));
    try {
      const deadline = Date.now() + 30_000;
      while (!(await embedRequests()).some((body) => body.requests.some((r) => r.content.parts[0].text.includes('parseInvoiceCurrency')))) {
        assert.ok(Date.now() < deadline, 'the watcher never re-indexed src/invoice.ts');
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const sent = (await embedRequests()).flatMap((body) => body.requests.map((r) => r.content.parts[0].text));
      assert.equal(sent.length, 1, 'only the new file is embedded');
      // Let the embedding land in the store before searching.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const output = await semanticSearch('parse the invoice currency');
      assert.match(output, /^## src\/invoice\.ts:1-3 /);
    } finally {
      await vscode.workspace.fs.delete(file);
    }
  });
});
