// Ten real MCP servers' tool schemas (test/unit/tools/mcpSchemas.ts: filesystem, GitHub, fetch,
// git, Playwright, memory, everything, Notion) registered as VS Code language-model tools by the
// fixture extension (test/fixtures/lm-tool-extension), enabled in our chat's tools picker: the
// emulator, which refuses any function declaration Gemini refuses (test/emulator/toolRules.ts),
// takes all ten converted declarations, and Gemini calls one through vscode.lm.invokeTool.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GeminiTestApi } from '../../src/extension';
import { chunks } from '../emulator';
import { schemaProblem } from '../emulator/toolRules';
import { EmulatorRemote } from '../harness/emulatorRemote';
import { MCP_SCHEMAS } from '../unit/tools/mcpSchemas';

const EXTENSION_ID = 'gemini-vscode-oss.gemini-for-vscode';
const MCP_TOOLS = Object.keys(MCP_SCHEMAS).map((name) => `fixture_mcp_${name.replace(/\./g, '_')}`);

describe('ten real-world MCP tool schemas as VS Code tools in the chat', function () {
  this.timeout(60_000);
  const emulator = EmulatorRemote.fromEnv();
  let api: GeminiTestApi;

  before(async () => {
    api = (await vscode.extensions.getExtension<GeminiTestApi>(EXTENSION_ID)!.activate())!;
    const listed = ((vscode as any).lm.tools as { name: string }[]).map((t) => t.name);
    assert.deepEqual(MCP_TOOLS.filter((name) => !listed.includes(name)), [], 'the fixture extension registered all ten');
  });
  beforeEach(() => emulator.reset());
  after(() => vscode.commands.executeCommand('gemini.selectChatTools', []));

  it('the emulator accepts all ten declarations (Gemini\'s schema rules) and Gemini calls one', async () => {
    await vscode.commands.executeCommand('gemini.selectChatTools', MCP_TOOLS);
    const edits = [{ oldText: 'const a = 1;', newText: 'const a = 2;' }];
    await emulator.enqueue(
      { kind: 'stream', chunks: [chunks.functionCall('fixture_mcp_filesystem_edit_file', { path: 'src/a.ts', edits, dryRun: true }), chunks.finish('STOP')] },
      { kind: 'stream', chunks: [chunks.text('The dry run shows the edit.'), chunks.finish('STOP')] },
    );
    const { events, outcome } = await api.runTurn('Preview changing a to 2 in src/a.ts');
    assert.equal(outcome.status, 'done', events.flatMap((e) => (e.type === 'error' ? [e.failure.message] : [])).join('\n'));
    const results = events.flatMap((e) => (e.type === 'toolResult' ? [e.result] : []));
    assert.deepEqual(results.map((r) => [r.name, r.ok]), [['fixture_mcp_filesystem_edit_file', true]]);

    const bodies = (await emulator.requests()).filter((r) => r.path.includes('GenerateContent')).map((r) => r.body);
    assert.equal(bodies.length, 2, 'both requests were answered, none refused');
    const declared = bodies[0].tools.flatMap((tool: any) => tool.functionDeclarations ?? []) as { name: string; parameters?: unknown }[];
    for (const name of MCP_TOOLS) {
      const declaration = declared.find((d) => d.name === name);
      assert.ok(declaration, `${name} is declared to Gemini`);
      assert.equal(declaration.parameters === undefined ? undefined : schemaProblem(declaration.parameters), undefined, name);
    }
    const response = bodies[1].contents.at(-1).parts[0].functionResponse;
    assert.equal(response.name, 'fixture_mcp_filesystem_edit_file');
    assert.equal(response.response.output, `fixture_mcp_filesystem_edit_file received ${JSON.stringify({ path: 'src/a.ts', edits, dryRun: true })}`);
  });
});
