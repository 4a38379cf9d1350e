// VS Code's tools beside the workspace tools: only enabled ones are declared, under names Gemini
// accepts and never shadowing ours; arguments sent as JSON text are decoded before the call;
// results are capped; failures, and tools switched off meanwhile, come back as errors for the card.
import * as assert from 'node:assert/strict';
import { silentLogger } from '../../../src/common/logger';
import type { ToolExecutor } from '../../../src/gemini/turnContract';
import { combineTools, ExternalTools, geminiFunctionName, type ExternalToolInfo } from '../../../src/tools/externalTools';

function setup(tools: ExternalToolInfo[], enabled: string[], invoke: (name: string, input: unknown) => Promise<string>) {
  const state = { enabled: new Set(enabled) };
  const calls: [string, unknown][] = [];
  const external = new ExternalTools({
    port: { list: () => tools, enabled: () => state.enabled, invoke: async (name, input) => { calls.push([name, input]); return invoke(name, input); } },
    logger: silentLogger, maxResultBytes: () => 1000, reserved: () => ['read_file'],
  });
  return { external, state, calls };
}
const signal = new AbortController().signal;

describe('external (VS Code) tools', () => {
  it('names: invalid characters replaced, a leading digit prefixed, 64 characters at most, no clash', () => {
    assert.equal(geminiFunctionName('mcp_github_create issue', new Set()), 'mcp_github_create_issue');
    assert.equal(geminiFunctionName('9lives', new Set()), '_9lives');
    assert.equal(geminiFunctionName('x'.repeat(80), new Set()).length, 64);
    assert.equal(geminiFunctionName('read_file', new Set(['read_file'])), 'read_file_2');
  });

  it('declares only enabled tools, converted, and never under a workspace tool\'s name', () => {
    const { external } = setup([
      { name: 'read_file', description: 'Another read_file', inputSchema: { type: 'object', properties: { p: { type: 'string' } } } },
      { name: 'mcp_fetch', description: 'Fetch', inputSchema: { type: 'object', properties: { url: { type: 'string', format: 'uri' } }, additionalProperties: false, $schema: 'x' } },
      { name: 'not_enabled', description: 'x' },
    ], ['read_file', 'mcp_fetch'], async () => '');
    const declared = external.declarations();
    assert.deepEqual(declared.map((d) => d.name), ['read_file_2', 'mcp_fetch']);
    assert.deepEqual((declared[1].parameters as any).properties.url, { type: 'STRING', description: '(format: uri)' });
    const workspace: ToolExecutor = { declarations: () => [{ name: 'read_file' }], execute: async () => ({ response: { output: 'ours' }, ok: true, summary: 'ours' }) };
    assert.deepEqual(combineTools(workspace, external).declarations().map((d) => d.name), ['read_file', 'read_file_2', 'mcp_fetch']);
  });

  it('decodes JSON-text arguments, caps the result, and routes calls by name', async () => {
    const { external, calls } = setup([{ name: 'meta', description: 'd', inputSchema: { type: 'object', properties: { tags: { type: 'object' } } } }], ['meta'], async () => 'y'.repeat(5000));
    const workspace: ToolExecutor = { declarations: () => [], execute: async () => ({ response: { output: 'ours' }, ok: true, summary: 'ours' }) };
    const tools = combineTools(workspace, external);
    tools.declarations();
    const result = await tools.execute({ id: '1', name: 'meta', args: { tags: '{"a":1}' } }, signal);
    assert.deepEqual(calls, [['meta', { tags: { a: 1 } }]]);
    assert.ok(result.ok);
    assert.match(String(result.response.output), /\[truncated: the result was 4\.9 KB\]$/);
    assert.ok(Buffer.byteLength(String(result.response.output)) <= 1000);
    assert.equal((await tools.execute({ id: '2', name: 'read_file', args: {} }, signal)).summary, 'ours');
  });

  it('a failure, and a tool switched off after it was declared, are errors the card shows', async () => {
    const { external, state } = setup([{ name: 'boom', description: 'd' }], ['boom'], async () => { throw new Error('server down'); });
    external.declarations();
    const failed = await external.execute({ id: '1', name: 'boom', args: {} }, signal);
    assert.deepEqual([failed.ok, failed.summary, failed.response.error], [false, 'boom failed: server down', 'boom failed: server down']);
    state.enabled.clear();
    const off = await external.execute({ id: '2', name: 'boom', args: {} }, signal);
    assert.match(off.summary, /turned off in the tools picker/);
  });
});
