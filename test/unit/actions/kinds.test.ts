// The code action kinds the lightbulb entries are filed under.
import * as assert from 'node:assert/strict';
import { CODE_ACTION_KINDS } from '../../../src/actions/kinds';

describe('code action kinds', () => {
  it('are refactor.rewrite or quickfix, never source.* (codeActionsOnSave only asks for source.*)', () => {
    for (const [action, kind] of Object.entries(CODE_ACTION_KINDS)) {
      assert.ok(kind === 'quickfix' || kind.startsWith('refactor.rewrite.gemini.'), action);
      assert.ok(!kind.startsWith('source'), action);
    }
  });
});
