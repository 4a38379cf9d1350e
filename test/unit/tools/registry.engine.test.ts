// The workspace tools inside a real turn: the GeminiEngine talks to the emulator through the real
// @google/genai SDK, the scripted model calls search_text then read_file, and the requests the
// emulator recorded must carry the declarations and the right functionResponse parts.
import * as assert from 'node:assert/strict';
import { chunks } from '../../emulator';
import { useEmulator } from '../../harness/useEmulator';
import { engineFor, runTurn, turn } from '../gemini/helpers';
import { SECRET_VALUE, Sandbox, harness, makeSandbox } from './fixture';

describe('workspace tools in a Gemini turn (emulator, real SDK)', () => {
  const emu = useEmulator();
  let sandbox: Sandbox;
  before(() => {
    sandbox = makeSandbox();
  });
  after(() => sandbox.cleanup());

  it('search_text then read_file: results go back as functionResponse parts and the answer arrives', async () => {
    const h = harness(sandbox);
    emu.enqueue(
      { kind: 'stream', chunks: [chunks.functionCall('search_text', { query: 'needle', include: 'src/**' }), chunks.finish('STOP')] },
      { kind: 'stream', chunks: [chunks.functionCall('read_file', { path: 'src/util/math.ts' }), chunks.finish('STOP')] },
      { kind: 'stream', chunks: [chunks.text('`add` in src/util/math.ts returns a + b.'), chunks.finish('STOP')] },
    );
    const { engine } = engineFor(emu, { tools: h.registry });
    const record = await runTurn(engine, turn('Where is add defined?'));

    assert.equal(record.outcome.status, 'done');
    assert.equal(record.text, '`add` in src/util/math.ts returns a + b.');
    const results = record.of('toolResult').map((e) => e.result);
    assert.deepEqual(results.map((r) => [r.name, r.ok]), [['search_text', true], ['read_file', true]]);

    const bodies = emu.requests.filter((r) => r.path.includes(':streamGenerateContent')).map((r) => r.body);
    assert.equal(bodies.length, 3);
    const declared = bodies[0].tools.flatMap((t: { functionDeclarations?: { name: string }[] }) => t.functionDeclarations ?? []).map((d: { name: string }) => d.name);
    assert.deepEqual(declared, ['read_file', 'list_directory', 'find_files', 'search_text', 'get_diagnostics', 'get_open_editors', 'get_selection']);

    const lastResponse = (body: { contents: { role: string; parts: { functionResponse?: { name: string; response: { output?: string } } }[] }[] }) =>
      body.contents[body.contents.length - 1].parts[0].functionResponse!;
    const search = lastResponse(bodies[1]);
    assert.equal(search.name, 'search_text');
    assert.equal(search.response.output, "src/index.ts\n  2: // needle: the entry point\n  4: console.log('Needle in caps');");
    const read = lastResponse(bodies[2]);
    assert.equal(read.name, 'read_file');
    assert.equal(read.response.output, 'export function add(a: number, b: number): number {\n  return a + b;\n}');
  });

  it('a refused call goes back as an error the model can read, and no secret leaves', async () => {
    const h = harness(sandbox, { answer: 'deny' });
    emu.enqueue(
      { kind: 'stream', chunks: [chunks.functionCall('read_file', { path: '.env' }), chunks.finish('STOP')] },
      { kind: 'stream', chunks: [chunks.text('I was not allowed to read it.'), chunks.finish('STOP')] },
    );
    const { engine } = engineFor(emu, { tools: h.registry });
    const record = await runTurn(engine, turn('What is in .env?'));
    assert.equal(record.text, 'I was not allowed to read it.');
    const body = emu.requests.filter((r) => r.path.includes(':streamGenerateContent'))[1].body;
    const response = body.contents[body.contents.length - 1].parts[0].functionResponse;
    assert.equal(response.name, 'read_file');
    assert.match(response.response.error, /The user did not allow reading '\.env'/);
    assert.ok(!emu.requests.some((r) => r.raw.includes(SECRET_VALUE)));
  });
});
