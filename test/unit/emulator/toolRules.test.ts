// The emulator refuses function declarations the service refuses (test/emulator/toolRules.ts), so
// an integration test that gets an answer proves Gemini would have taken the declarations: a raw
// JSON Schema ($ref, additionalProperties, oneOf…), a nested OBJECT without properties, an ARRAY without
// items, a bad or duplicate name are a 400 through the real SDK. Every declaration the extension
// itself sends (all tools, Agent mode included) and the ten converted MCP schemas pass.
import * as assert from 'node:assert/strict';
import { silentLogger } from '../../../src/common/logger';
import { toGeminiParameters } from '../../../src/tools/jsonSchemaToGemini';
import { NodeWorkspacePort } from '../../../src/tools/nodeWorkspacePort';
import { ToolRegistry } from '../../../src/tools/registry';
import { CHAT_TOOLS } from '../../../src/tools/table';
import { functionDeclarationsError, schemaProblem } from '../../emulator/toolRules';
import { useEmulator } from '../../harness/useEmulator';
import { MCP_SCHEMAS } from '../tools/mcpSchemas';
import { rejection, sdkFor } from './helpers';

const declare = (...functionDeclarations: unknown[]) => ({ tools: [{ functionDeclarations }] });

describe('emulator: the rules of function declarations', () => {
  const emulator = useEmulator();

  it('names the first problem, with its path, as the service does', () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ type: 'object', properties: { a: { $ref: '#/$defs/a' } } }, /type: invalid value "object"/],
      [{ type: 'OBJECT', properties: { a: { type: 'STRING' } }, additionalProperties: false }, /parameters: Cannot find field "additionalProperties"/],
      [{ type: 'OBJECT', properties: { a: { type: 'STRING', $ref: '#/x' } } }, /parameters\.properties\[a\]: Cannot find field "\$ref"/],
      [{ type: 'OBJECT', properties: { a: { oneOf: [{ type: 'STRING' }] } } }, /Cannot find field "oneOf"/],
      [{ type: 'OBJECT', properties: { a: { type: 'OBJECT', properties: {} } } }, /parameters\.properties\[a\]\.properties: should be non-empty for OBJECT type/],
      [{ type: 'OBJECT', properties: { a: { type: 'ARRAY' } } }, /properties\[a\]\.items: missing field/],
      [{ type: 'OBJECT', properties: { a: { type: 'INTEGER', enum: [1, 2] } } }, /enum: only allowed for STRING type/],
      [{ type: 'OBJECT', properties: { a: { type: 'STRING', format: 'uri' } } }, /format: "uri" is not supported for STRING/],
      [{ type: 'OBJECT', properties: { a: { type: 'STRING' } }, required: ['b'] }, /required\["b"\]: property is not defined/],
      [{ type: 'OBJECT', properties: { a: { anyOf: [] } } }, /any_of: should be non-empty/],
    ];
    for (const [schema, expected] of cases) assert.match(schemaProblem(schema) ?? 'accepted', expected, JSON.stringify(schema));
    let deep: any = { type: 'STRING' };
    for (let i = 0; i < 25; i++) deep = { type: 'OBJECT', properties: { x: deep } };
    assert.match(schemaProblem(deep)!, /nested too deeply/);
    assert.equal(schemaProblem({ type: 'OBJECT', properties: {} }), undefined, 'a top level without arguments is accepted (recording 01: a real 200)');

    assert.match(functionDeclarationsError(declare({ name: '1tool' }))!.error.message, /function_declarations\[0\]\.name: Invalid function name/);
    assert.match(functionDeclarationsError(declare({ name: 'a' }, { name: 'a' }))!.error.message, /function_declarations\[1\]\.name: Duplicate function declaration found: a/);
    assert.equal(functionDeclarationsError(declare({ name: 'mcp_git.status:v1-x' }, { name: 'b', parametersJsonSchema: { $ref: '#/x' } })), undefined, 'parametersJsonSchema takes JSON Schema');
  });

  it('a refused declaration is a 400 through the real SDK', async () => {
    const error = await rejection(() => sdkFor(emulator).models.generateContent({
      model: 'gemini-2.5-flash', contents: 'hi',
      config: { tools: [{ functionDeclarations: [{ name: 'lookup', parameters: { type: 'object', properties: { q: { type: 'array' }, r: { type: 'string' } } } as any }] }] },
    }));
    assert.equal(error.status, 400);
    assert.match(error.message, /function_declarations\[0\]\.parameters\.properties\[q\]\.items: missing field/);
  });

  it('every declaration the extension sends passes, Agent-mode tools and the ten converted MCP schemas too', () => {
    const registry = new ToolRegistry({
      port: new NodeWorkspacePort([{ path: process.cwd() }]), tools: CHAT_TOOLS, logger: silentLogger,
      terminal: { refusal: () => undefined, mode: async () => 'terminal', run: async () => { throw new Error('unused'); }, lastOutput: async () => undefined },
      settings: () => ({ enabled: true, approval: 'auto', maxFileBytes: 100_000, maxResultBytes: 10_000 }),
      approver: { approve: async () => 'allow' },
    });
    const ours = registry.forTurn({ mode: 'agent' }).declarations();
    assert.ok(ours.some((d) => d.name === 'run_command') && ours.some((d) => d.name === 'read_file'));
    const mcp = Object.entries(MCP_SCHEMAS).map(([name, schema]) => ({ name: name.replace('.', '_'), parameters: toGeminiParameters(schema).parameters }));
    assert.equal(functionDeclarationsError({ tools: [{ functionDeclarations: [...ours, ...mcp] }] }), undefined);
  });
});
