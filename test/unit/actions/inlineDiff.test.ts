// The inline diff's pure parts: the line diff, the streaming view (original lines Gemini has not
// reached stay pending, never "removed"), the editor text with the document's line break, and the
// `code` read from a half-streamed structured answer.
import * as assert from 'node:assert/strict';
import { acceptedText, completeLines, inlineText, inlineView, lineDiff, streamingCode, summarizeView } from '../../../src/actions/inlineDiff';

const kinds = (lines: { kind: string }[]) => lines.map((line) => line.kind).join(' ');

describe('inline diff', () => {
  it('marks replaced lines removed before the added ones and keeps the rest', () => {
    const view = lineDiff(['a', 'b', 'c', 'd'], ['a', 'B', 'c', 'd', 'e']);
    assert.equal(kinds(view), 'same removed added same same added');
    assert.deepEqual(view.map((l) => l.text), ['a', 'b', 'B', 'c', 'd', 'e']);
    assert.deepEqual(summarizeView(view), { added: 2, removed: 1 });
  });

  it('accepting writes exactly the proposal, and the editor shows both versions', () => {
    const original = ['def f(x):', '    return x+1'];
    const proposed = ['def f(x: int) -> int:', '    """Add one."""', '    return x + 1'];
    const view = lineDiff(original, proposed);
    assert.equal(acceptedText(view, '\n'), proposed.join('\n'));
    assert.equal(acceptedText(view, '\r\n'), proposed.join('\r\n'));
    assert.equal(inlineText(view, '\r\n'), [...original, ...proposed].join('\r\n'));
  });

  it('while streaming, original lines after the proposal so far are pending, not removed', () => {
    const view = inlineView(['a', 'b', 'c', 'd'], ['a', 'X'], false);
    assert.equal(kinds(view), 'same added pending pending pending');
    assert.equal(inlineText(view, '\n'), 'a\nX\nb\nc\nd');
    // Once complete, the lines the proposal dropped are removed.
    assert.equal(kinds(inlineView(['a', 'b', 'c', 'd'], ['a', 'X'], true)), 'same removed removed removed added');
    assert.equal(kinds(inlineView(['a', 'b'], [], false)), 'pending pending');
  });

  it('falls back to remove-all/add-all past the size cap instead of a huge table', () => {
    const original = Array.from({ length: 3000 }, (_, i) => `old ${i}`);
    const proposed = Array.from({ length: 3000 }, (_, i) => `new ${i}`);
    const view = lineDiff(original, proposed);
    assert.equal(view.length, 6000);
    assert.equal(view[0].kind, 'removed');
    assert.equal(view[5999].kind, 'added');
  });
});

describe('streaming code from partial JSON', () => {
  const full = JSON.stringify({ rationale: 'Uses "code": tricks \\ here.', code: 'line1\n\tline2 "q" \u00e9\nline3' });

  it('reads the code value at every cut of the stream, decoding escapes and holding back half an escape', () => {
    let sawStart = false;
    for (let cut = 0; cut <= full.length; cut++) {
      const read = streamingCode(full.slice(0, cut));
      if (!read) {
        assert.equal(sawStart, false, `code vanished at ${cut}`);
        continue;
      }
      sawStart = true;
      assert.ok('line1\n\tline2 "q" \u00e9\nline3'.startsWith(read.code), `cut ${cut}: ${JSON.stringify(read.code)}`);
    }
    assert.deepEqual(streamingCode(full), { code: 'line1\n\tline2 "q" \u00e9\nline3', complete: true });
  });

  it('ignores a "code" key inside the rationale text or a nested object', () => {
    assert.equal(streamingCode('{"rationale": "the \\"code\\": x", "'), undefined);
    assert.deepEqual(streamingCode('{"meta": {"code": "nested"}, "code": "re'), { code: 're', complete: false });
    assert.deepEqual(streamingCode('{"code":"a\\u00'), { code: 'a', complete: false });
  });

  it('paints only complete lines', () => {
    assert.deepEqual(completeLines('a\nb\npart'), ['a', 'b']);
    assert.deepEqual(completeLines('a\r\nb\r\n'), ['a', 'b']);
    assert.deepEqual(completeLines('no break yet'), []);
  });
});
