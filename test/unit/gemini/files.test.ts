// Files API uploads through the real SDK's resumable protocol against the emulator: bytes arrive
// intact (in 8 MB chunks), a file still processing is polled until ACTIVE, and an endpoint or a
// Vertex AI client without the Files API is reported as unsupported, not as a random failure.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';

import { createGenAI } from '../../../src/gemini/client';
import { FilesUnsupportedError, uploadToFilesApi } from '../../../src/gemini/files';
import { createVertexGenAI } from '../../../src/gemini/vertex';
import { TEST_KEY, useEmulator } from '../../harness/useEmulator';

describe('power features: Files API uploads', () => {
  const emu = useEmulator();

  const client = () => createGenAI({ apiKey: TEST_KEY, endpoint: emu.baseUrl });
  const noWait = async () => undefined;

  it('uploads in resumable chunks and returns the file URI, MIME type and expiry', async () => {
    const bytes = Buffer.alloc(9 * 1024 * 1024);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31) & 0xff;
    const file = await uploadToFilesApi(client, { bytes, mimeType: 'application/pdf', displayName: 'spec.pdf' }, noWait);

    const uploads = emu.requests.filter((r) => r.path === '/upload/v1beta/files');
    assert.deepEqual(uploads.map((r) => r.headers['x-goog-upload-command']), ['start', 'upload', 'upload, finalize']);
    assert.equal(uploads[0].headers['x-goog-api-key'], TEST_KEY);
    assert.equal(uploads[0].body.file.displayName, 'spec.pdf');
    const stored = emu.files.stored(file.name)!;
    assert.equal(createHash('sha256').update(stored.bytes).digest('hex'), createHash('sha256').update(bytes).digest('hex'), 'byte for byte');
    assert.equal(file.mimeType, 'application/pdf');
    assert.equal(file.sizeBytes, bytes.length);
    assert.equal(file.uri, stored.record.uri);
    assert.ok(Date.parse(file.expirationTime!) > Date.now() + 47 * 3600_000, 'kept 48 hours');
  });

  it('waits for a file that is still processing', async () => {
    emu.files.processingGets = 2;
    const waits: number[] = [];
    const file = await uploadToFilesApi(client, { bytes: Buffer.from('%PDF-1.4 tiny'), mimeType: 'application/pdf', displayName: 'a.pdf' }, async (ms) => { waits.push(ms); });
    assert.equal(emu.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/v1beta/files/')).length, 2);
    assert.equal(waits.length, 2);
    assert.equal(emu.files.stored(file.name)!.record.state, 'ACTIVE');
  });

  it('an endpoint without the Files API, and Vertex AI, are reported as unsupported', async () => {
    emu.files.supported = false;
    await assert.rejects(uploadToFilesApi(client, { bytes: Buffer.from('x'), mimeType: 'text/plain', displayName: 'a.txt' }, noWait),
      (error: Error) => error instanceof FilesUnsupportedError && /does not offer the Gemini Files API \(HTTP 404\)/.test(error.message));
    const vertex = createVertexGenAI({ project: 'p', location: 'global', credential: { getAccessToken: async () => 'token' }, endpoint: emu.baseUrl });
    await assert.rejects(uploadToFilesApi(() => vertex, { bytes: Buffer.from('x'), mimeType: 'text/plain', displayName: 'a.txt' }, noWait),
      (error: Error) => error instanceof FilesUnsupportedError && /Vertex AI has no Files API/.test(error.message));
  });

  it('other failures keep their cause (e.g. a wrong key)', async () => {
    const wrongKey = () => createGenAI({ apiKey: 'another-key-123456', endpoint: emu.baseUrl });
    await assert.rejects(uploadToFilesApi(wrongKey, { bytes: Buffer.from('x'), mimeType: 'text/plain', displayName: 'a.txt' }, noWait),
      (error: Error) => !(error instanceof FilesUnsupportedError) && /API key not valid/.test(error.message));
  });
});
