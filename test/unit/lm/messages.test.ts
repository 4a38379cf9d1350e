// VS Code language-model messages → Gemini contents: roles, system messages, images, tool calls
// and results (ids echoed only when the service made them, signatures restored from memory or
// the documented placeholder), tool names Gemini would reject, and parts of unknown shape.
import * as assert from 'node:assert/strict';
import type { Content } from '@google/genai';
import {
  CallMemory, classifyPart, LmMessage, LmRole, promptTsxText, reportToolCalls, SIGNATURE_PLACEHOLDER,
  toFunctionDeclarations, toGeminiRequest, ToolNames,
} from '../../../src/lm/messages';

const user = (...parts: LmMessage['parts']): LmMessage => ({ role: LmRole.User, parts });
const assistant = (...parts: LmMessage['parts']): LmMessage => ({ role: LmRole.Assistant, parts });
const text = (value: string) => ({ kind: 'text' as const, text: value });

function map(messages: LmMessage[], model = 'gemini-2.5-flash', memory = new CallMemory(), names = new ToolNames()) {
  return toGeminiRequest(messages, { memory, names, model });
}

describe('LM messages → Gemini contents', () => {
  it('maps user and assistant turns, and joins system messages into the system instruction', () => {
    const request = map([
      { role: LmRole.System, parts: [text('You are terse.')] },
      user(text('Hi')),
      assistant(text('Hello.')),
      { role: LmRole.System, parts: [text('Answer in English.')] },
      user(text('Bye')),
    ]);
    assert.equal(request.systemInstruction, 'You are terse.\n\nAnswer in English.');
    assert.deepEqual(request.contents, [
      { role: 'user', parts: [{ text: 'Hi' }] },
      { role: 'model', parts: [{ text: 'Hello.' }] },
      { role: 'user', parts: [{ text: 'Bye' }] },
    ]);
  });

  it('merges consecutive messages of one role and drops empty ones', () => {
    const request = map([user(text('a')), user(text('')), user(text('b')), assistant()]);
    assert.deepEqual(request.contents, [{ role: 'user', parts: [{ text: 'a' }, { text: 'b' }] }]);
    assert.equal(request.systemInstruction, undefined);
  });

  it('sends images inline, text data as text, and skips data Gemini cannot use', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    const request = map([user(
      text('What is this?'),
      { kind: 'data', mimeType: 'image/png', data: png },
      { kind: 'data', mimeType: 'application/json', data: new TextEncoder().encode('{"a":1}') },
      { kind: 'data', mimeType: 'cache_control', data: new TextEncoder().encode('ephemeral') },
      { kind: 'ignored', what: 'thinking' },
    )]);
    assert.deepEqual(request.contents[0].parts, [
      { text: 'What is this?' },
      { inlineData: { mimeType: 'image/png', data: Buffer.from(png).toString('base64') } },
      { text: '{"a":1}' },
    ]);
  });

  it('sends a tool call and its result back with the service id and signature it remembered', () => {
    const memory = new CallMemory();
    memory.remember('call-1', { fromService: true, signature: 'sig-1' });
    const request = map([
      user(text('Read a.ts')),
      assistant(text('Reading.'), { kind: 'toolCall', callId: 'call-1', name: 'gemini_read_file', input: { path: 'a.ts' } }),
      user({ kind: 'toolResult', callId: 'call-1', content: [text('line 1'), text('line 2')] }),
    ], 'gemini-3-pro-preview', memory);
    assert.deepEqual(request.contents[1], {
      role: 'model',
      parts: [{ text: 'Reading.' }, { functionCall: { id: 'call-1', name: 'gemini_read_file', args: { path: 'a.ts' } }, thoughtSignature: 'sig-1' }],
    });
    assert.deepEqual(request.contents[2], {
      role: 'user',
      parts: [{ functionResponse: { id: 'call-1', name: 'gemini_read_file', response: { output: 'line 1\nline 2' } } }],
    });
  });

  it('leaves our own call ids out of the request: the service never saw them', () => {
    const memory = new CallMemory();
    memory.remember('call_local_1', { fromService: false });
    const request = map([
      user(text('x')),
      assistant({ kind: 'toolCall', callId: 'call_local_1', name: 'lookup', input: {} }),
      user({ kind: 'toolResult', callId: 'call_local_1', content: [text('found')] }),
    ], 'gemini-2.5-flash', memory);
    assert.deepEqual(request.contents[1].parts, [{ functionCall: { name: 'lookup', args: {} } }]);
    assert.deepEqual(request.contents[2].parts, [{ functionResponse: { name: 'lookup', response: { output: 'found' } } }]);
  });

  it('puts the documented placeholder on the first call of a Gemini 3 turn whose signature was lost, never on 2.5', () => {
    const history = [
      user(text('x')),
      assistant({ kind: 'toolCall', callId: 'foreign-1', name: 'a', input: {} }, { kind: 'toolCall', callId: 'foreign-2', name: 'b', input: {} }),
      user({ kind: 'toolResult', callId: 'foreign-1', content: [text('1')] }, { kind: 'toolResult', callId: 'foreign-2', content: [text('2')] }),
    ];
    const three = map(history, 'gemini-3-pro-preview').contents[1].parts!;
    assert.equal(three[0].thoughtSignature, SIGNATURE_PLACEHOLDER);
    assert.equal(three[1].thoughtSignature, undefined, 'only the first call of a turn carries one');
    const twoFive = map(history, 'gemini-2.5-pro').contents[1].parts!;
    assert.ok(twoFive.every((part) => part.thoughtSignature === undefined));
  });

  it('attaches images of a tool result after the function response, in the same user turn', () => {
    const request = map([
      user(text('x')),
      assistant({ kind: 'toolCall', callId: 'c', name: 'screenshot', input: {} }),
      user({ kind: 'toolResult', callId: 'c', content: [text('taken'), { kind: 'data', mimeType: 'image/jpeg', data: new Uint8Array([1, 2]) }] }),
    ]);
    assert.deepEqual(request.contents[2].parts, [
      { functionResponse: { name: 'screenshot', response: { output: 'taken' } } },
      { inlineData: { mimeType: 'image/jpeg', data: 'AQI=' } },
    ]);
  });

  it('renames tools Gemini would reject, consistently, and maps the answer back to the caller\'s name', () => {
    const names = new ToolNames();
    const declarations = toFunctionDeclarations([
      { name: 'copilot_readFile', description: 'ok as is', inputSchema: { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { p: { type: 'string' } } } },
      { name: 'mcp/github tool!', description: 'has a slash and spaces' },
      { name: '9lives', description: 'starts with a digit' },
      { name: 'x'.repeat(80), description: 'too long' },
    ], names);
    assert.equal(declarations[0].name, 'copilot_readFile');
    assert.deepEqual(declarations[0].parametersJsonSchema, { type: 'object', properties: { p: { type: 'string' } } }, '$schema is dropped');
    assert.equal(declarations[1].parametersJsonSchema, undefined);
    for (const declaration of declarations) assert.match(declaration.name!, /^[a-zA-Z_][a-zA-Z0-9_.:-]{0,63}$/);
    assert.equal(new ToolNames().toGemini('mcp/github tool!'), declarations[1].name, 'stable across requests');
    assert.equal(names.toCallerName(declarations[1].name!), 'mcp/github tool!');
    assert.equal(names.toCallerName(declarations[3].name!), 'x'.repeat(80));
    const request = map([user(text('x')), assistant({ kind: 'toolCall', callId: 'c', name: 'mcp/github tool!', input: {} })], 'gemini-2.5-flash', new CallMemory(), new ToolNames());
    assert.equal(request.contents[1].parts![0].functionCall!.name, declarations[1].name);
  });

  it('classifies parts by shape, telling thinking parts from text', () => {
    assert.deepEqual(classifyPart({ value: 'hi' }), { kind: 'text', text: 'hi' });
    assert.equal(classifyPart({ value: 'pondering', id: 't1', metadata: {} }).kind, 'ignored');
    assert.deepEqual(classifyPart({ callId: 'c', name: 'n', input: { a: 1 } }), { kind: 'toolCall', callId: 'c', name: 'n', input: { a: 1 } });
    assert.deepEqual(classifyPart({ callId: 'c', content: [{ value: 'out' }] }), { kind: 'toolResult', callId: 'c', content: [{ kind: 'text', text: 'out' }] });
    assert.equal(classifyPart({ mimeType: 'image/png', data: new Uint8Array([1]) }).kind, 'data');
    assert.equal(classifyPart(42).kind, 'ignored');
    assert.deepEqual(classifyPart('plain'), { kind: 'text', text: 'plain' });
  });

  it('reads the text out of a prompt-tsx element tree', () => {
    const tree = { node: { type: 1, ctor: 2, children: [{ type: 2, text: 'File a.ts:\n' }, { type: 1, children: [{ type: 2, text: 'const a = 1;' }] }] } };
    assert.equal(promptTsxText(tree), 'File a.ts:\nconst a = 1;');
  });
});

describe('Gemini answer → reported tool calls', () => {
  it('reports each call with its id and caller name, remembering signatures for the next request', () => {
    const memory = new CallMemory();
    const names = new ToolNames();
    const geminiName = names.toGemini('mcp/search');
    const content: Content = { role: 'model', parts: [
      { text: 'Looking.' },
      { functionCall: { id: 'srv-1', name: geminiName, args: { q: 'x' } }, thoughtSignature: 'sig-A' },
      { functionCall: { name: 'other', args: { n: 1 } } },
    ] };
    const reported = reportToolCalls(content, [{ id: 'srv-1', fromService: true }, { id: 'call_local', fromService: false }], { memory, names });
    assert.deepEqual(reported, [
      { callId: 'srv-1', name: 'mcp/search', input: { q: 'x' } },
      { callId: 'call_local', name: 'other', input: { n: 1 } },
    ]);
    assert.deepEqual(memory.recall('srv-1'), { fromService: true, signature: 'sig-A' });
    assert.deepEqual(memory.recall('call_local'), { fromService: false });
  });

  it('forgets the oldest calls first past its capacity', () => {
    const memory = new CallMemory(2);
    memory.remember('a', { fromService: true });
    memory.remember('b', { fromService: true });
    memory.remember('c', { fromService: true });
    assert.equal(memory.recall('a'), undefined);
    assert.ok(memory.recall('b') && memory.recall('c'));
  });
});
