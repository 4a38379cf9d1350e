// The staleness check: a proposal applies only to the document version and text it was made for.
import * as assert from 'node:assert/strict';
import { checkStaleness } from '../../../src/actions/staleness';

describe('staleness check', () => {
  const snapshot = { path: 'src/a.ts', version: 7, text: 'a();' };
  it('passes only when the version and the target text are unchanged', () => {
    assert.deepEqual(checkStaleness(snapshot, { closed: false, version: 7, text: 'a();' }), { stale: false });
  });
  it('fails with a message naming the file when the document was edited or closed', () => {
    const edited = checkStaleness(snapshot, { closed: false, version: 8, text: 'a();' });
    assert.ok(edited.stale && /src\/a\.ts changed while Gemini was working, so the proposal was not applied/.test(edited.message));
    const closed = checkStaleness(snapshot, { closed: true, version: 7, text: 'a();' });
    assert.ok(closed.stale && /was closed/.test(closed.message));
  });
});
