// The validator's rules for the feature messages: chat options, token counts, dropped data.
import * as assert from 'node:assert/strict';
import { MAX_DROP_BYTES, MAX_MESSAGE_CHARS } from '../../../src/protocol/messages';
import { validateWebviewMessage } from '../../../src/protocol/validate';

const ok = (message: unknown) => assert.equal(validateWebviewMessage(message).ok, true, JSON.stringify(message).slice(0, 120));
const rejects = (message: unknown, reason: RegExp) => {
  const result = validateWebviewMessage(message);
  assert.equal(result.ok, false);
  assert.match((result as { reason: string }).reason, reason);
};

describe('protocol: validating the feature messages', () => {
  it('accepts chat options, token counts and data attachments', () => {
    ok({ type: 'setChatOptions', googleSearch: true });
    ok({ type: 'setChatOptions', model: 'gemini-3-pro-preview', codeExecution: false, thinking: 'level:low', requestId: 3 });
    ok({ type: 'setChatOptions', thinking: 'budget:-1' });
    ok({ type: 'setChatOptions', thinking: 'default' });
    ok({ type: 'countTokens', text: 'draft', requestId: 12 });
    ok({ type: 'attachData', mimeType: 'application/pdf', base64: 'JVBERi0=', name: 'a.pdf' });
    ok({ type: 'attachData', mimeType: 'text/plain', base64: '', name: 'empty.txt' });
  });

  it('rejects malformed options, request ids and data', () => {
    rejects({ type: 'setChatOptions', thinking: 'budget:1e9' }, /thinking: has characters/);
    rejects({ type: 'setChatOptions', googleSearch: 1 }, /googleSearch: expected a boolean/);
    rejects({ type: 'setChatOptions', temperature: 1 }, /unexpected field/);
    rejects({ type: 'countTokens', text: 'x', requestId: -1 }, /requestId must be a non-negative integer/);
    rejects({ type: 'countTokens', text: 'x', requestId: 1.5 }, /requestId/);
    rejects({ type: 'countTokens', text: 'x', seq: 1 }, /unexpected field/);
    rejects({ type: 'attachData', mimeType: 'application/zip', base64: 'UEs=', name: 'a.zip' }, /mimeType/);
    rejects({ type: 'attachData', mimeType: 'application/pdf', base64: 'not base64!', name: 'a.pdf' }, /base64: has characters/);
  });

  it('lets a dropped file up to 20 MB through, and no more', () => {
    const limit = Math.ceil(MAX_DROP_BYTES / 3) * 4;
    assert.ok(MAX_MESSAGE_CHARS > limit);
    ok({ type: 'attachData', mimeType: 'application/pdf', base64: 'A'.repeat(limit), name: 'big.pdf' });
    rejects({ type: 'attachData', mimeType: 'application/pdf', base64: 'A'.repeat(limit + 4), name: 'bigger.pdf' }, /too long|too large/);
  });
});
