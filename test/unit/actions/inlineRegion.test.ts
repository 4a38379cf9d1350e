// The inline proposal's block follows edits above it, ignores edits below it, and reports any edit
// that reaches into it (including text joined onto its first line).
import * as assert from 'node:assert/strict';
import { trackRegion } from '../../../src/actions/inlineRegion';

const region = { start: 10, lineCount: 4 }; // lines 10–13
const edit = (startLine: number, startCharacter: number, endLine: number, endCharacter: number, text: string) => ({ startLine, startCharacter, endLine, endCharacter, text });

describe('inline region tracking', () => {
  it('shifts with lines added or removed above', () => {
    assert.deepEqual(trackRegion(region, edit(2, 5, 2, 5, 'x\ny\n')), { touched: false, region: { start: 12, lineCount: 4 } });
    assert.deepEqual(trackRegion(region, edit(3, 0, 5, 0, '')), { touched: false, region: { start: 8, lineCount: 4 } });
    assert.deepEqual(trackRegion(region, edit(9, 3, 9, 3, 'typed')), { touched: false, region });
    // CRLF documents report \r\n; whole lines inserted right at the block's first column push it down.
    assert.deepEqual(trackRegion(region, edit(10, 0, 10, 0, 'new\r\n')), { touched: false, region: { start: 11, lineCount: 4 } });
    // Deleting the line break before the block up to its first column keeps it on its own line only if nothing is joined.
    assert.deepEqual(trackRegion(region, edit(9, 0, 10, 0, '')), { touched: false, region: { start: 9, lineCount: 4 } });
  });

  it('ignores edits below', () => {
    assert.deepEqual(trackRegion(region, edit(14, 0, 14, 0, 'below\n')), { touched: false, region });
    assert.deepEqual(trackRegion(region, edit(30, 1, 40, 0, '')), { touched: false, region });
  });

  it('reports edits that reach into the block', () => {
    assert.deepEqual(trackRegion(region, edit(11, 2, 11, 2, 'x')), { touched: true });
    assert.deepEqual(trackRegion(region, edit(13, 4, 14, 0, '')), { touched: true });
    assert.deepEqual(trackRegion(region, edit(8, 0, 11, 0, '')), { touched: true });
    // Text joined onto the block's first line.
    assert.deepEqual(trackRegion(region, edit(9, 3, 10, 0, '')), { touched: true });
    assert.deepEqual(trackRegion(region, edit(10, 0, 10, 0, 'x')), { touched: true });
  });
});
