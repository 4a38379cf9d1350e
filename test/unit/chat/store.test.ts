// The file-backed chat store: atomic writes, corrupt files skipped without losing other chats,
// streaming turns revived as interrupted, search, and the last opened chat.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileChatStore } from '../../../src/chat/store';
import { ChatSession, createSession, StoredModelTurn } from '../../../src/chat/session';
import { RecordingLogger } from './helpers';

function chat(id: string, title: string, updatedAt: number, answer = 'An answer', status: StoredModelTurn['status'] = 'done'): ChatSession {
  const session = createSession(id, updatedAt);
  session.title = title;
  session.updatedAt = updatedAt;
  session.turns.push({ role: 'user', id: `${id}u`, text: title, attachments: [], attachmentParts: [], createdAt: updatedAt });
  session.turns.push({ role: 'model', id: `${id}m`, status, segments: [{ kind: 'text', text: answer }], createdAt: updatedAt,
    contents: [{ role: 'user', parts: [{ text: title }] }, { role: 'model', parts: [{ text: answer, thoughtSignature: 'c2ln' }] }] });
  return session;
}

describe('chat: FileChatStore', () => {
  let folder: string;
  let log: RecordingLogger;
  let store: FileChatStore;

  beforeEach(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'gemini-chats-'));
    log = new RecordingLogger();
    store = new FileChatStore(path.join(folder, 'chats'), log);
  });
  afterEach(() => fs.rm(folder, { recursive: true, force: true }));

  it('saves one JSON file per chat and loads it back verbatim (thought signatures included)', async () => {
    await store.save(chat('c1', 'First', 1));
    const files = await fs.readdir(path.join(folder, 'chats'));
    assert.deepEqual(files, ['c1.json']);
    const loaded = await store.load('c1');
    assert.deepEqual(loaded, chat('c1', 'First', 1));
  });

  it('lists newest first and searches titles and message text', async () => {
    await store.save(chat('c1', 'Parse YAML', 1, 'Use the yaml package.'));
    await store.save(chat('c2', 'Fix the build', 3, 'esbuild needs a platform.'));
    await store.save(chat('c3', 'Regex help', 2, 'Escape the dot.'));
    assert.deepEqual((await store.list()).map((s) => s.id), ['c2', 'c3', 'c1']);
    const hits = await store.search('ESBUILD');
    assert.deepEqual(hits.map((h) => h.id), ['c2']);
    assert.match(hits[0].snippet ?? '', /esbuild needs a platform/);
    assert.deepEqual((await store.search('nothing like this')).map((h) => h.id), []);
  });

  it('skips a corrupt file with one warning and keeps every other chat', async () => {
    await store.save(chat('c1', 'Good one', 1));
    await store.save(chat('c2', 'Good two', 2));
    await fs.writeFile(path.join(folder, 'chats', 'c3.json'), '{"id":"c3","title":"half writ');
    await fs.writeFile(path.join(folder, 'chats', 'c4.json'), JSON.stringify({ id: 'c4', turns: 'not a list' }));
    assert.deepEqual((await store.list()).map((s) => s.id), ['c2', 'c1']);
    assert.deepEqual((await store.list()).map((s) => s.id), ['c2', 'c1']);
    assert.equal(await store.load('c3'), undefined);
    const warnings = log.lines.filter((l) => l.startsWith('warn'));
    assert.equal(warnings.length, 2, 'one warning per corrupt file, not per read');
    assert.match(warnings[0], /corrupt file c[34]\.json/);
  });

  it('marks a turn saved while streaming as interrupted on load, keeping its partial text', async () => {
    await store.save(chat('c1', 'Crashed', 1, 'The partial ans', 'streaming'));
    const loaded = await store.load('c1');
    const answer = loaded!.turns[1] as StoredModelTurn;
    assert.equal(answer.status, 'interrupted');
    assert.deepEqual(answer.segments, [{ kind: 'text', text: 'The partial ans' }]);
  });

  it('writes atomically: a temp file renamed over the old one, nothing left behind, order kept', async () => {
    const session = chat('c1', 'Growing', 1);
    const writes: Promise<void>[] = [];
    for (let i = 0; i < 20; i++) {
      (session.turns[1] as StoredModelTurn).segments = [{ kind: 'text', text: `version ${i}` }];
      writes.push(store.save(session));
    }
    await Promise.all(writes);
    const loaded = await store.load('c1');
    assert.deepEqual((loaded!.turns[1] as StoredModelTurn).segments, [{ kind: 'text', text: 'version 19' }], 'the last save wins');
    assert.deepEqual(await fs.readdir(path.join(folder, 'chats')), ['c1.json'], 'no temp files left');
  });

  it('a crash between writing and renaming leaves the old chat readable (the temp file is ignored)', async () => {
    await store.save(chat('c1', 'Safe', 1, 'old answer'));
    await fs.writeFile(path.join(folder, 'chats', 'c1.json.1a2b3c4d.tmp'), '{"version":1,"id":"c1","title":"Safe","turns":[{"role":"user","id":"');
    const loaded = await store.load('c1');
    assert.deepEqual((loaded!.turns[1] as StoredModelTurn).segments, [{ kind: 'text', text: 'old answer' }]);
    assert.deepEqual((await store.list()).map((s) => s.id), ['c1']);
    assert.equal(log.lines.filter((l) => l.startsWith('warn')).length, 0);
  });

  it('deletes chats, remembers the last opened one, and refuses ids that are paths', async () => {
    await store.save(chat('c1', 'One', 1));
    await store.setLastOpened('c1');
    assert.equal(await store.lastOpened(), 'c1');
    await store.delete('c1');
    assert.equal(await store.load('c1'), undefined);
    assert.equal(await store.lastOpened(), undefined, 'deleting the last opened chat forgets it');
    assert.equal(await store.load('../c1'), undefined);
    await assert.rejects(store.save({ ...chat('x', 'Evil', 1), id: '../../evil' }), /Invalid chat id/);
  });

  it('lists nothing (no error) before the folder exists', async () => {
    assert.deepEqual(await new FileChatStore(path.join(folder, 'missing'), log).list(), []);
  });
});
