// Images, PDFs and text files as attachments: small ones inline, large ones uploaded through the
// real SDK's Files API to the emulator and referenced by URI; every refusal names the limit and
// what to do, and leaves the other chips in place. Uploads that expired are not sent again.
import * as assert from 'node:assert/strict';
import { textAttachment } from '../../../src/chat/attachments';
import { ChatRejection } from '../../../src/chat/rejection';
import { dataAttachment } from '../../../src/chat/dataAttachments';
import { historyBefore, type ChatSession } from '../../../src/chat/session';
import { createGenAI } from '../../../src/gemini/client';
import { uploadToFilesApi } from '../../../src/gemini/files';
import { MAX_INLINE_BYTES } from '../../../src/protocol/messages';

import { emulatorChat } from './emulatorChat';
import { TEST_KEY, useEmulator } from '../../harness/useEmulator';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

describe('chat: images, PDFs and text files as attachments', () => {
  const emu = useEmulator();

  const uploader = () => {
    const client = createGenAI({ apiKey: TEST_KEY, endpoint: emu.baseUrl });
    return (input: Parameters<typeof uploadToFilesApi>[1]) => uploadToFilesApi(() => client, input, async () => undefined);
  };

  it('sends small files inline: a PDF and a text file with a heading naming them, an image bare', async () => {
    const pdf = await dataAttachment({ name: 'spec.pdf', mimeType: 'application/pdf', bytes: PDF });
    assert.equal(pdf.chip.kind, 'pdf');
    assert.deepEqual(pdf.parts, [{ text: 'Attached file spec.pdf:' }, { inlineData: { mimeType: 'application/pdf', data: PDF.toString('base64') } }]);
    const text = await dataAttachment({ name: 'notes.md', mimeType: 'text/plain', bytes: Buffer.from('# Notes') });
    assert.equal(text.chip.kind, 'document');
    assert.deepEqual(text.parts[1], { inlineData: { mimeType: 'text/plain', data: Buffer.from('# Notes').toString('base64') } });
    const image = await dataAttachment({ name: 'shot.webp', mimeType: 'image/webp', bytes: Buffer.from('RIFF') });
    assert.deepEqual(image.parts, [{ inlineData: { mimeType: 'image/webp', data: Buffer.from('RIFF').toString('base64') } }]);
    assert.match(image.chip.detail!, /sent inline/);
  });

  it('uploads a file above the inline limit through the Files API and sends a fileData part', async () => {
    const bytes = Buffer.alloc(MAX_INLINE_BYTES + 1024, 0x25);
    const attachment = await dataAttachment({ name: 'big.pdf', mimeType: 'application/pdf', bytes }, uploader());
    const part = attachment.parts[1];
    assert.ok(part.fileData?.fileUri?.startsWith(`${emu.baseUrl}/v1beta/files/`));
    assert.equal(part.fileData?.mimeType, 'application/pdf');
    assert.equal(attachment.parts.some((p) => p.inlineData), false, 'nothing inline');
    assert.match(attachment.chip.detail!, /uploaded to the Gemini Files API/);
    const name = `files/${part.fileData!.fileUri!.split('/').pop()}`;
    assert.equal(emu.files.stored(name)!.bytes.length, bytes.length);
    assert.ok(attachment.fileExpiries?.[part.fileData!.fileUri!]);
  });

  it('says why a file is refused: too large, unsupported type, no Files API here', async () => {
    const big = Buffer.alloc(MAX_INLINE_BYTES + 1);
    await assert.rejects(dataAttachment({ name: 'big.pdf', mimeType: 'application/pdf', bytes: big }),
      (e: Error) => e instanceof ChatRejection && /big\.pdf is 5\.0 MB, more than the 5\.0 MB sent inline.*Files API, which is not available here/.test(e.message));
    emu.files.supported = false;
    await assert.rejects(dataAttachment({ name: 'big.pdf', mimeType: 'application/pdf', bytes: big }, uploader()),
      (e: Error) => e instanceof ChatRejection && /does not offer the Gemini Files API \(HTTP 404\)\. Attach a file under 5\.0 MB/.test(e.message));
    await assert.rejects(dataAttachment({ name: 'huge.pdf', mimeType: 'application/pdf', bytes: Buffer.alloc(51 * 1024 * 1024) }, uploader()),
      (e: Error) => e instanceof ChatRejection && /huge\.pdf is 51 MB; attachments can be up to 50 MB/.test(e.message));
    await assert.rejects(dataAttachment({ name: 'a.zip', mimeType: 'application/zip', bytes: Buffer.from('PK') }), ChatRejection);
  });

  it('through the router: a refused drop answers the request with the reason and keeps the other chips', async () => {
    const { controller, router, sink } = emulatorChat(emu, { port: { uploadFile: uploader() } });
    controller.addAttachments([textAttachment({ kind: 'file', path: 'a.ts', languageId: 'typescript', text: 'let a = 1;' })]);

    emu.files.supported = false;
    const big = Buffer.alloc(MAX_INLINE_BYTES + 10).toString('base64');
    await router.handle({ type: 'attachData', mimeType: 'application/pdf', base64: big, name: 'manual.pdf', requestId: 7 });
    const reply = sink.of('reply').at(-1)!;
    assert.equal(reply.ok, false);
    assert.match(reply.error!, /manual\.pdf .*Files API/);
    assert.deepEqual(controller.attachments.map((a) => a.label), ['a.ts'], 'the other chip is still there');

    emu.files.supported = true;
    await router.handle({ type: 'attachData', mimeType: 'application/pdf', base64: big, name: 'manual.pdf', requestId: 8 });
    assert.equal(sink.of('reply').at(-1)!.ok, true);
    assert.deepEqual(controller.attachments.map((a) => a.kind), ['file', 'pdf']);
    await controller.send('Summarise the manual', controller.attachments.map((a) => a.id));
    await controller.idle;
    const parts = emu.requests.at(-1)!.body.contents.at(-1).parts as Record<string, unknown>[];
    assert.ok(parts.some((p) => (p.fileData as { fileUri?: string } | undefined)?.fileUri?.startsWith(emu.baseUrl)), 'the request references the upload');
    assert.equal(JSON.stringify(sink.messages).includes(big.slice(0, 64)), false, 'file bytes never go back to the webview');
  });

  it('a history whose upload expired (48 h) sends a note instead of the dead reference', () => {
    const uri = 'https://generativelanguage.googleapis.com/v1beta/files/abc';
    const message = { role: 'user', parts: [{ fileData: { fileUri: uri, mimeType: 'application/pdf' } }, { text: 'Read this' }] };
    const session: ChatSession = {
      version: 1, id: 'c1', title: 't', createdAt: 0, updatedAt: 0,
      turns: [
        { role: 'user', id: 'u1', text: 'Read this', attachments: [], createdAt: 0, attachmentParts: [message.parts[0]], fileExpiries: { [uri]: '2026-01-03T00:00:00Z' } },
        { role: 'model', id: 'm1', status: 'done', segments: [{ kind: 'text', text: 'OK' }], createdAt: 0, contents: [message, { role: 'model', parts: [{ text: 'OK' }] }] },
      ],
    };
    const before = historyBefore(session, 2, Date.parse('2026-01-02T00:00:00Z'));
    assert.equal(before[0].parts![0].fileData?.fileUri, uri);
    const after = historyBefore(session, 2, Date.parse('2026-01-04T00:00:00Z'));
    assert.match(after[0].parts![0].text!, /expired from the Gemini Files API/);
    assert.equal(after[0].parts![1].text, 'Read this');
  });
});
