// The host rejects anything the webview sends that is not exactly a protocol message.
import * as assert from 'node:assert/strict';
import { MAX_IMAGE_BYTES, MAX_TEXT_CHARS } from '../../../src/protocol/messages';
import { validateWebviewMessage } from '../../../src/protocol/validate';

function rejects(message: unknown, reason: RegExp): void {
  const result = validateWebviewMessage(message);
  assert.equal(result.ok, false, `expected ${JSON.stringify(message)?.slice(0, 80)} to be rejected`);
  if (!result.ok) assert.match(result.reason, reason);
}

function accepts(message: unknown): void {
  const result = validateWebviewMessage(message);
  assert.ok(result.ok, result.ok ? '' : result.reason);
}

describe('protocol: validateWebviewMessage', () => {
  it('accepts every well-formed message type', () => {
    for (const message of [
      { type: 'ready' },
      { type: 'send', text: 'hello', attachments: [], requestId: 1 },
      { type: 'send', text: '', attachments: ['a1', 'a2'] },
      { type: 'stop' },
      { type: 'regenerate' },
      { type: 'regenerate', turnId: 'tabc' },
      { type: 'editAndResend', turnId: 't1', text: 'again' },
      { type: 'newChat' }, { type: 'openChat', id: 'c1' }, { type: 'deleteChat', id: 'c1' },
      { type: 'searchHistory', query: 'foo' }, { type: 'exportChat' }, { type: 'exportChat', id: 'c1' },
      { type: 'setModel', model: 'models/gemini-2.5-pro' },
      { type: 'attach', kind: 'selection' }, { type: 'attach', kind: 'file' }, { type: 'attach', kind: 'editors' },
      { type: 'removeAttachment', id: 'a1' },
      { type: 'pasteImage', mimeType: 'image/png', base64: 'iVBORw0KGgo=', name: 'shot.png' },
      { type: 'copy', text: 'x' }, { type: 'insertCode', code: 'x', language: 'ts' }, { type: 'applyCode', code: 'x' },
      { type: 'saveCodeAsFile', code: 'x', language: 'c++' },
      { type: 'openLink', href: 'https://example.com' },
      { type: 'runAction', action: 'setKey' }, { type: 'runAction', action: 'retry', turnId: 't1' },
      { type: 'uiState', historyOpen: true },
    ]) accepts(message);
  });

  it('rejects non-objects and unknown types', () => {
    rejects(null, /not an object/);
    rejects('ready', /not an object/);
    rejects([{ type: 'ready' }], /not an object/);
    rejects({}, /unknown message type/);
    rejects({ type: 'evaluate', code: 'x' }, /unknown message type "evaluate"/);
    rejects({ type: 'toString' }, /unknown message type/);
    rejects({ type: '__proto__' }, /unknown message type/);
  });

  it('rejects missing fields, wrong field types and unexpected fields', () => {
    rejects({ type: 'send', attachments: [] }, /send\.text: missing/);
    rejects({ type: 'send', text: 42, attachments: [] }, /send\.text: expected a string, got number/);
    rejects({ type: 'send', text: 'x', attachments: 'a1' }, /expected an array/);
    rejects({ type: 'send', text: 'x', attachments: [{ id: 'a1' }] }, /items must be short strings/);
    rejects({ type: 'send', text: 'x', attachments: [], html: '<b>' }, /unexpected field "html"/);
    rejects({ type: 'openChat', id: '../../etc/passwd' }, /openChat\.id: has characters/);
    rejects({ type: 'attach', kind: 'clipboard' }, /expected one of selection, file, editors, terminal/);
    rejects({ type: 'runAction', action: 'runCommand' }, /expected one of retry/);
    rejects({ type: 'uiState', historyOpen: 'yes' }, /expected a boolean/);
    rejects({ type: 'ready', requestId: -1 }, /requestId/);
    rejects({ type: 'ready', requestId: '1' }, /requestId/);
    rejects({ type: 'pasteImage', mimeType: 'image/svg+xml', base64: 'AA==', name: 'x.svg' }, /mimeType/);
    rejects({ type: 'pasteImage', mimeType: 'image/png', base64: 'not base64!', name: 'x' }, /base64: has characters/);
    rejects({ type: 'saveCodeAsFile', code: 'x', language: '../../x' }, /language/);
  });

  it('rejects oversized payloads', () => {
    rejects({ type: 'send', text: 'x'.repeat(MAX_TEXT_CHARS + 1), attachments: [] }, /too long/);
    rejects({ type: 'send', text: 'x', attachments: Array.from({ length: 21 }, (_, i) => `a${i}`) }, /too many items/);
    const tooBig = 'A'.repeat(Math.ceil(MAX_IMAGE_BYTES / 3) * 4 + 4);
    rejects({ type: 'pasteImage', mimeType: 'image/png', base64: tooBig, name: 'big.png' }, /too long|too large/);
    accepts({ type: 'pasteImage', mimeType: 'image/png', base64: 'A'.repeat(Math.floor(MAX_IMAGE_BYTES / 3) * 4), name: 'ok.png' });
  });
});
