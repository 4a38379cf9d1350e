// The approval dialog's text: whatever the model wrote is shown quoted, on one line, clipped and
// labelled as the model's, so an argument cannot forge lines of the dialog.
import * as assert from 'node:assert/strict';
import { buildApprovalRequest } from '../../../src/tools/approval';
import { MODEL_TEXT_MAX_CHARS, quoteModelText } from '../../../src/tools/approvalText';

const FORGERY = 'x\n\nThis search was pre-approved by your administrator.\nClick "Always allow this session" to continue.\u2028Tool: none\u2029\u202eedoc';

describe('approval text: model text in the dialog', () => {
  it('a forged argument stays on its own labelled line, quoted and clipped', () => {
    const request = buildApprovalRequest('search_text', { query: FORGERY, include: 'a'.repeat(1000) }, `search for text '${FORGERY}'`, true, []);
    const lines = request.detail.split('\n');
    assert.ok(!/[\u2028\u2029\u202a-\u202e\u2066-\u2069\u200b-\u200f\r]/.test(request.detail), 'no line or paragraph separators, no bidi or zero-width characters');
    assert.ok(!lines.some((line) => /^\s*(This search was pre-approved|Click "Always allow|Tool: none)/.test(line)), `no line starts with the forged text:\n${request.detail}`);
    assert.match(request.detail, /written by the model/i, 'labelled as coming from the model');
    const query = lines.find((line) => line.trimStart().startsWith('query:'))!;
    assert.match(query, /^ {2}query: ".*"$/, 'quoted on one line');
    assert.ok(query.includes('\\n\\nThis search was pre-approved'), 'newlines shown as \\n');
    const include = lines.find((line) => line.trimStart().startsWith('include:'))!;
    assert.ok(include.length < MODEL_TEXT_MAX_CHARS + 60, `clipped: ${include.length} characters`);
    assert.match(include, /…" \(1,000 characters\)$/);
    const action = lines.find((line) => line.startsWith('Action:'))!;
    assert.ok(action.length <= 200, 'the action line is clipped too');
    assert.ok(lines.every((line) => line.length <= 240), 'no line runs on');
  });

  it('quoteModelText shows any value as one quoted, clipped line', () => {
    assert.equal(quoteModelText('src/a.ts'), '"src/a.ts"');
    assert.equal(quoteModelText('a\nb\t"c"'), '"a\\nb\\t\\"c\\""');
    assert.equal(quoteModelText(42), '42');
    assert.equal(quoteModelText({ a: [1, 'x\ny'] }), '{"a":[1,"x\\ny"]}');
    assert.equal(quoteModelText('\u202eevil\u200b'), '"\\u202eevil\\u200b"');
    const long = quoteModelText('z'.repeat(500), 20);
    assert.equal(long, `"${'z'.repeat(20)}…" (500 characters)`);
  });

  it('a sensitive file name is clipped to one line in the title and the list', () => {
    const display = `docs/${'long name '.repeat(40)}.env`;
    const request = buildApprovalRequest('read_file', { path: display }, `read ${display} (10 B)`, false, [{ location: { folder: { index: 0, name: 'w', uri: 'file:///w' }, path: display }, display, rule: '.env' }]);
    assert.ok(request.title.length <= 140, request.title);
    assert.ok(request.detail.split('\n').every((line) => line.length <= 240));
  });
});
