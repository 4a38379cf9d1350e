// No part of a key reaches a message or the log: scrubbed before a message is cut, in
// percent-encoded form too, and by shape when the key was never registered. A key stored from
// another window is registered and announced as soon as secret storage says it changed.
import * as assert from 'node:assert/strict';
import { redact } from '../../../src/common/logger';
import { describeFailure, describeServiceError } from '../../../src/gemini/errors';
import { API_KEY_SECRET } from '../../../src/gemini/keySource';
import { watchStoredKey } from '../../../src/vscode/key/keyWatch';

const KEY = 'AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW';
const OTHER_KEY = 'AIzaSyZ9y8X7w6V5u4T3s2R1q0PoNmLkJiHgFeD';
const percentEncodeAll = (text: string) => Array.from(text, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`).join('');

describe('key redaction', () => {
  for (let at = 280; at <= 300; at += 4) {
    it(`a key starting at character ${at} of a long service error leaks no part of it`, () => {
      const body = { code: 400, status: 'INVALID_ARGUMENT', message: `${'x'.repeat(at)}${KEY} and more` };
      const message = describeServiceError(400, body, { secrets: [KEY] }).message;
      assert.ok(!message.includes(KEY.slice(0, 6)), message.slice(-80));
    });
  }

  it('a key at the cut point of an unexpected local error leaks no part of it', () => {
    for (let at = 280; at <= 300; at += 5) {
      const message = describeFailure(new Error(`${'y'.repeat(at)}${KEY}`), { secrets: [KEY] }).message;
      assert.ok(!message.includes(KEY.slice(0, 6)), message.slice(-80));
    }
  });

  it('redacts a registered key and an unregistered one when percent-encoded', () => {
    for (const key of [KEY, OTHER_KEY]) {
      const encoded = percentEncodeAll(key);
      const out = redact(`GET /v1beta/models?key=${encoded}&alt=sse`, [KEY]);
      assert.ok(!out.includes(encoded) && !out.includes(encoded.slice(0, 30)), out);
      assert.match(out, /key=\[redacted\]&alt=sse/);
      const partly = `${key.slice(0, 10)}%${key.charCodeAt(10).toString(16)}${key.slice(11)}`;
      assert.ok(!redact(`key=${partly}`, [KEY]).includes(key.slice(12)), 'partly encoded');
    }
  });

  it('redacts the generic shapes of keys and tokens that were never registered', () => {
    const secrets = [
      OTHER_KEY,
      'ya29.a0AfH6SMBx3kq9vLrT0pZ1yW2eX3cV4bN5mQ6',
      'sk-proj-abcdefghijklmnopqrstuvwxyz012345',
      'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
      'AKIAABCDEFGHIJKLMNOP',
      'xoxb-123456789012-abcdefghijkl',
      '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----',
    ];
    for (const secret of secrets) {
      const out = redact(`before ${secret} after`, []);
      assert.equal(out, 'before [redacted] after', secret);
    }
    assert.equal(redact('Authorization: Bearer abc.DEF-123_456~789+xyz/0000=', []), 'Authorization: Bearer [redacted]');
  });

  it('leaves ordinary text alone', () => {
    const text = 'AIza is a prefix; see https://example.com/a%20b?q=1 and sk-short, 100% done, ya29 ok.';
    assert.equal(redact(text, []), text);
  });
});

describe('a key set in another window', () => {
  it('is registered for redaction and announced when secret storage reports the change', async () => {
    const listeners: ((e: { key: string }) => void)[] = [];
    let stored: string | undefined;
    const secrets = {
      get: async (key: string) => (key === API_KEY_SECRET ? stored : undefined),
      onDidChange: (listener: (e: { key: string }) => void) => { listeners.push(listener); return { dispose() {} }; },
    };
    const registered: string[] = [];
    let changes = 0;
    const done = new Promise<void>((resolve) => {
      watchStoredKey(secrets, { redact: (k) => registered.push(k), onKeyChanged: () => { changes++; resolve(); } });
    });
    stored = OTHER_KEY; // another window stores a key
    for (const listener of listeners) listener({ key: 'some.other.secret' });
    for (const listener of listeners) listener({ key: API_KEY_SECRET });
    await done;
    assert.deepEqual(registered, [OTHER_KEY]);
    assert.equal(changes, 1);
  });
});
