// The workspace tools inside a real VS Code extension host: the emulator's scripted model calls
// search_text, then read_file, on the fixture workspace; the tools run through the VS Code port
// (workspace.fs), and the requests the emulator recorded carry the right functionResponse parts.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GeminiTestApi } from '../../src/extension';
import { chunks } from '../emulator';
import { EmulatorRemote } from '../harness/emulatorRemote';
import { testApi } from './faultsSupport';

const EXTENSION_ID = 'gemini-vscode-oss.gemini-for-vscode';

interface FunctionResponseBody {
  contents: { role: string; parts: { functionResponse?: { name: string; response: { output?: string; error?: string } } }[] }[];
}

describe('workspace tools in VS Code', () => {
  const emulator = EmulatorRemote.fromEnv();
  let api: GeminiTestApi;

  before(async () => {
    api = await testApi();
  });
  beforeEach(() => emulator.reset());

  async function modelRequests(): Promise<FunctionResponseBody[]> {
    return (await emulator.requests()).filter((r) => r.path.includes(':streamGenerateContent')).map((r) => r.body as FunctionResponseBody);
  }

  function lastFunctionResponse(body: FunctionResponseBody) {
    const last = body.contents[body.contents.length - 1];
    assert.equal(last.role, 'user');
    return last.parts[0].functionResponse!;
  }

  it('search_text then read_file: the answer arrives and each functionResponse holds the real result', async () => {
    await emulator.enqueue(
      { kind: 'stream', chunks: [chunks.functionCall('search_text', { query: 'capitalize', include: 'src/**' }), chunks.finish('STOP')] },
      { kind: 'stream', chunks: [chunks.functionCall('read_file', { path: 'src/util/strings.ts', startLine: 1, endLine: 3 }), chunks.finish('STOP')] },
      { kind: 'stream', chunks: [chunks.text('`capitalize` is defined in src/util/strings.ts.'), chunks.finish('STOP')] },
    );
    const { events, outcome } = await api.runTurn('Where is capitalize defined?');

    assert.equal(outcome.status, 'done');
    const text = events.flatMap((e) => (e.type === 'text' ? [e.text] : [])).join('');
    assert.equal(text, '`capitalize` is defined in src/util/strings.ts.');
    const results = events.flatMap((e) => (e.type === 'toolResult' ? [e.result] : []));
    assert.deepEqual(results.map((r) => [r.name, r.ok]), [['search_text', true], ['read_file', true]]);

    const bodies = await modelRequests();
    assert.equal(bodies.length, 3);
    const search = lastFunctionResponse(bodies[1]);
    assert.equal(search.name, 'search_text');
    assert.equal(search.response.output, [
      'src/greet.ts',
      "  1: import { capitalize } from './util/strings';",
      '  4:   return `Hello, ${capitalize(name)}!`;',
      'src/util/strings.ts',
      '  1: export function capitalize(text: string): string {',
    ].join('\n'));
    const read = lastFunctionResponse(bodies[2]);
    assert.equal(read.name, 'read_file');
    assert.equal(read.response.output, [
      'export function capitalize(text: string): string {',
      '  return text.length === 0 ? text : text[0].toUpperCase() + text.slice(1);',
      '}',
      '[lines 1-3 of 7]',
    ].join('\n'));
  });

  it('ignored files are refused and the sensitive .env is never searched', async () => {
    await emulator.enqueue(
      { kind: 'stream', chunks: [chunks.functionCall('read_file', { path: 'build/output.txt' }), chunks.finish('STOP')] },
      { kind: 'stream', chunks: [chunks.functionCall('search_text', { query: 'fake-secret' }), chunks.finish('STOP')] },
      { kind: 'stream', chunks: [chunks.text('Nothing I may show.'), chunks.finish('STOP')] },
    );
    const { outcome } = await api.runTurn('Show me build output and any secrets.');
    assert.equal(outcome.status, 'done');

    const bodies = await modelRequests();
    const refused = lastFunctionResponse(bodies[1]);
    assert.equal(refused.name, 'read_file');
    assert.match(refused.response.error!, /'build\/output\.txt' is excluded by \.gitignore \(rule 'build\/'\)/);
    const search = lastFunctionResponse(bodies[2]);
    assert.match(search.response.output!, /^No matches for text 'fake-secret'/);
    // The local folder is searched by ripgrep, which names the policy instead of counting.
    assert.match(search.response.output!, /sensitive files .*are not searched/);
    const raw = (await emulator.requests()).map((r) => JSON.stringify(r.body)).join('\n');
    assert.ok(!raw.includes('fake-secret-do-not-send'), 'the secret never reaches the model');
  });
});
