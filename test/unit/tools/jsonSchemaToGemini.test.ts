// JSON Schema → Gemini function parameters: every case the service rejects, and ten real MCP tool
// schemas, each checked against the rules of Gemini's Schema (the keys it knows, object properties
// never empty, array items present, enums of strings only, no $ref, bounded depth), as the
// emulator enforces them on every request (test/emulator/toolRules.ts).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { decodeArguments, toGeminiParameters } from '../../../src/tools/jsonSchemaToGemini';
import { schemaProblem } from '../../emulator/toolRules';
import { FIXTURE_LM_TOOL_EXTENSION } from '../../harness/paths';
import { MCP_SCHEMAS } from './mcpSchemas';

/** Fails naming the path of the first thing Gemini's Schema would refuse (the emulator's rules). */
function assertGeminiAccepts(schema: any): void {
  assert.equal(schemaProblem(schema), undefined);
}

describe('jsonSchemaToGemini', () => {
  describe('ten real MCP tool schemas', () => {
    for (const [name, schema] of Object.entries(MCP_SCHEMAS)) {
      it(`${name}: accepted by Gemini's schema rules`, () => {
        const { parameters } = toGeminiParameters(schema);
        assert.ok(parameters, 'has parameters');
        assertGeminiAccepts(parameters);
      });
    }

    it('filesystem.edit_file keeps its shape: the edits array of {oldText, newText}, required fields, a default', () => {
      const p = toGeminiParameters(MCP_SCHEMAS['filesystem.edit_file']).parameters as any;
      assert.deepEqual(p.required, ['path', 'edits']);
      assert.deepEqual(Object.keys(p.properties.edits.items.properties), ['oldText', 'newText']);
      assert.deepEqual(p.properties.edits.items.required, ['oldText', 'newText']);
      assert.equal(p.properties.dryRun.default, false);
    });

    it('fetch: exclusive integer bounds become inclusive ones, the uri format moves to the description', () => {
      const p = toGeminiParameters(MCP_SCHEMAS['fetch.fetch']).parameters as any;
      assert.equal(p.properties.max_length.minimum, 1);
      assert.equal(p.properties.max_length.maximum, 999999);
      assert.equal(p.properties.url.format, undefined);
      assert.match(p.properties.url.description, /format: uri/);
      assert.equal(p.properties.url.minLength, '1');
    });

    it('are the schemas the lm-tool fixture extension contributes (for the integration test), one copy', () => {
      const contributed = JSON.parse(readFileSync(path.join(FIXTURE_LM_TOOL_EXTENSION, 'package.json'), 'utf8')).contributes.languageModelTools as { name: string; inputSchema: unknown }[];
      const mcp = Object.fromEntries(contributed.filter((t) => t.name.startsWith('fixture_mcp_')).map((t) => [t.name, t.inputSchema]));
      assert.deepEqual(mcp, Object.fromEntries(Object.entries(MCP_SCHEMAS).map(([name, schema]) => [`fixture_mcp_${name.replace(/\./g, '_')}`, schema])));
    });

    it('github.push_files: a $ref into properties is inlined', () => {
      const p = toGeminiParameters(MCP_SCHEMAS['github.push_files']).parameters as any;
      assert.deepEqual(p.properties.deletions.items, p.properties.files.items);
      assert.equal(p.properties.since, undefined);
      const issues = toGeminiParameters(MCP_SCHEMAS['github.list_issues']).parameters as any;
      assert.equal(issues.properties.since.format, 'date-time');
      assert.deepEqual(issues.properties.state.enum, ['open', 'closed', 'all']);
    });

    it('git: Optional[...] (anyOf with null) becomes nullable, $defs models are inlined', () => {
      const p = toGeminiParameters(MCP_SCHEMAS['git.git_commit']).parameters as any;
      assert.equal(p.properties.author.type, 'OBJECT');
      assert.equal(p.properties.author.nullable, true);
      assert.equal(p.properties.author.properties.email.type, 'STRING');
      assert.equal(p.properties.author.properties.email.nullable, true);
    });

    it('constants, numeric enums, type arrays, free-form objects and oneOf of shapes', () => {
      const { parameters, jsonPaths } = toGeminiParameters(MCP_SCHEMAS['everything.annotated_request']);
      const p = parameters as any;
      assert.deepEqual(p.properties.kind, { type: 'STRING', enum: ['request'], format: 'enum' });
      assert.equal(p.properties.version.type, 'INTEGER');
      assert.match(p.properties.version.description, /Always 2/);
      assert.equal(p.properties.priority.type, 'INTEGER');
      assert.match(p.properties.priority.description, /one of 1, 2, 3/);
      assert.equal(p.properties.temperature.type, 'NUMBER');
      assert.equal(p.properties.temperature.nullable, true);
      assert.deepEqual(p.properties.idOrName.anyOf.map((s: any) => s.type), ['STRING', 'INTEGER']);
      assert.equal(p.properties.target.anyOf.length, 2);
      assert.deepEqual(p.properties.level.enum, ['debug', 'info', 'error'], 'string constants merge into one enum');
      assert.equal(p.properties.metadata.type, 'STRING', 'a free-form object travels as JSON text');
      assert.deepEqual(jsonPaths, [['metadata']]);
      assert.deepEqual(decodeArguments({ kind: 'request', metadata: '{"a":"b"}' }, { jsonPaths }), { kind: 'request', metadata: { a: 'b' } });
    });

    it('notion: a recursive $ref and a very deep object travel as JSON text at the point they cannot be declared', () => {
      const { parameters, jsonPaths } = toGeminiParameters(MCP_SCHEMAS['notion.append_blocks']);
      const p = parameters as any;
      const block = p.properties.children.items;
      assert.equal(block.type, 'OBJECT');
      assert.equal(block.properties.children.items.type, 'STRING', 'the second appearance of the block is JSON text');
      assert.deepEqual(jsonPaths.map((path) => path.join('.')), ['children.[].children.[]', 'deep.a.b.c.d.e.f.g']);
      const decoded = decodeArguments({ block_id: 'x', children: [{ type: 'paragraph', children: ['{"type":"paragraph"}'] }], deep: { a: { b: { c: { d: { e: { f: { g: '{"h":{"i":"y"}}' } } } } } } } }, { jsonPaths }) as any;
      assert.deepEqual(decoded.children[0].children[0], { type: 'paragraph' });
      assert.deepEqual(decoded.deep.a.b.c.d.e.f.g, { h: { i: 'y' } });
    });
  });

  describe('edge cases', () => {
    it('a tool without arguments gets no parameters', () => {
      assert.equal(toGeminiParameters({ type: 'object', properties: {} }).parameters, undefined);
      assert.equal(toGeminiParameters(undefined).parameters, undefined);
      assert.equal(toGeminiParameters({ type: 'object', additionalProperties: false, $schema: 'x' }).parameters, undefined);
    });

    it('a non-object or free-form top level becomes one argument, value, unwrapped again for the tool', () => {
      const text = toGeminiParameters({ type: 'string', description: 'A query' });
      assert.deepEqual(text.parameters, { type: 'OBJECT', properties: { value: { type: 'STRING', description: 'A query' } }, required: ['value'] });
      assert.equal(decodeArguments({ value: 'cats' }, text), 'cats');
      const free = toGeminiParameters({ type: 'object', additionalProperties: { type: 'number' } });
      assertGeminiAccepts(free.parameters);
      assert.deepEqual(decodeArguments({ value: '{"a":1}' }, free), { a: 1 });
    });

    it('drops unknown keywords, required names that are not properties, and non-string enum values', () => {
      const { parameters } = toGeminiParameters({
        type: 'object', $id: 'x', $comment: 'c', patternProperties: {}, if: {}, then: {}, not: {},
        properties: { a: { type: 'string', enum: ['x', 1, null], examples: ['x'], contentEncoding: 'base64' } },
        required: ['a', 'ghost'],
      });
      assertGeminiAccepts(parameters);
      assert.deepEqual((parameters as any).required, ['a']);
      assert.deepEqual((parameters as any).properties.a.enum, ['x']);
    });

    it('an array without items and a schema without a type are JSON text; unions holding them too', () => {
      const { parameters, jsonPaths } = toGeminiParameters({
        type: 'object',
        properties: { list: { type: 'array' }, any: { description: 'Anything' }, mixed: { anyOf: [{ type: 'string' }, { type: 'object' }] }, bool: { type: 'boolean', enum: [true] } },
      });
      assertGeminiAccepts(parameters);
      assert.deepEqual(jsonPaths, [['list'], ['any'], ['mixed']]);
      assert.match((parameters as any).properties.any.description, /^Anything \(any JSON value, written as JSON text\)$/);
      assert.equal((parameters as any).properties.bool.type, 'BOOLEAN');
    });

    it('allOf of objects merges their properties and required lists', () => {
      const { parameters } = toGeminiParameters({
        $defs: { base: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } },
        allOf: [{ $ref: '#/$defs/base' }, { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] }],
      });
      assert.deepEqual(Object.keys((parameters as any).properties), ['id', 'name']);
      assert.deepEqual((parameters as any).required, ['id', 'name']);
    });

    it('maxDepth is configurable, and decodeArguments leaves text that is not JSON alone', () => {
      const { parameters, jsonPaths } = toGeminiParameters({ type: 'object', properties: { a: { type: 'object', properties: { b: { type: 'string' } } } } }, { maxDepth: 1 });
      assert.equal((parameters as any).properties.a.type, 'STRING');
      assert.deepEqual(decodeArguments({ a: 'not json' }, { jsonPaths }), { a: 'not json' });
    });
  });
});
