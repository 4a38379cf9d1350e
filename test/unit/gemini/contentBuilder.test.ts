// Merging streamed parts into the Content kept for history, under the thought-signature rules.
import * as assert from 'node:assert/strict';
import { ModelContentBuilder } from '../../../src/gemini/contentBuilder';
import { utf8ToUtf16Offsets, toGroundingInfo } from '../../../src/gemini/grounding';

function build(parts: object[]) {
  const builder = new ModelContentBuilder();
  for (const part of parts) builder.add(part);
  return builder.content().parts;
}

describe('ModelContentBuilder', () => {
  it('joins consecutive text deltas of the same kind', () => {
    assert.deepEqual(build([{ text: 'a', thought: true }, { text: 'b', thought: true }, { text: 'c' }, { text: 'd' }]), [
      { text: 'ab', thought: true }, { text: 'cd' },
    ]);
  });
  it('never joins a signed part with another, so each signature stays on its own part', () => {
    assert.deepEqual(build([{ text: 'x' }, { text: 'y', thoughtSignature: 'S1' }, { text: 'z' }, { text: '', thoughtSignature: 'S2' }]), [
      { text: 'x' }, { text: 'y', thoughtSignature: 'S1' }, { text: 'z' }, { text: '', thoughtSignature: 'S2' },
    ]);
  });
  it('keeps non-text parts exactly, drops empty unsigned text', () => {
    const call = { functionCall: { id: 'g1', name: 'f', args: { a: 1 } }, thoughtSignature: 'SIG' };
    const code = { executableCode: { language: 'PYTHON', code: 'print(1)', id: 'c1' } };
    const unknown = { futurePart: { x: 1 } };
    assert.deepEqual(build([call, { text: '' }, code, unknown]), [call, code, unknown]);
  });
  it('hands out copies: later edits do not leak into earlier snapshots', () => {
    const builder = new ModelContentBuilder();
    builder.add({ text: 'a' });
    const first = builder.content();
    builder.add({ text: 'b' });
    assert.equal(first.parts![0].text, 'a');
    assert.equal(builder.functionCalls().length, 0);
  });
});

describe('grounding offsets', () => {
  it('maps UTF-8 byte offsets to UTF-16 indexes (2-, 3- and 4-byte characters)', () => {
    const text = 'a°€😀b';
    const toUtf16 = utf8ToUtf16Offsets(text);
    // bytes: a=0, °=1-2, €=3-5, 😀=6-9, b=10
    assert.deepEqual([0, 1, 3, 6, 10, 11].map(toUtf16), [0, 1, 2, 3, 5, 6]);
  });
  it('falls back to the segment text when offsets do not line up, and drops unknown source indexes', () => {
    const info = toGroundingInfo(
      { groundingChunks: [{ web: { uri: 'https://a', title: 'A' } }], groundingSupports: [{ segment: { startIndex: 500, endIndex: 510, text: 'world' }, groundingChunkIndices: [0, 7] }], webSearchQueries: ['q'] },
      'hello world',
      100,
    );
    assert.deepEqual(info.citations, [{ start: 106, end: 111, text: 'world', sources: [0] }]);
    assert.deepEqual(info.sources, [{ uri: 'https://a', title: 'A' }]);
  });
});
