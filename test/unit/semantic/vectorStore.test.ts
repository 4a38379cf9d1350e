// The Float32Array store: exact top-k by cosine, file replacement and removal, and a save/load
// round trip (also from a Node Buffer sharing a larger pool) that refuses damaged bytes.
import * as assert from 'node:assert/strict';
import { VectorStore } from '../../../src/semantic/vectorStore';

const unit = (dims: number, at: number, weight = 1): number[] => Array.from({ length: dims }, (_, i) => (i === at ? weight : 0));

describe('semantic: vector store', () => {
  it('ranks by cosine, best first, and honours k and the path filter', () => {
    const store = new VectorStore('m', 4, 1);
    store.setFile('a.ts', 'h1', [{ startLine: 1, endLine: 5, vector: [1, 0, 0, 0] }, { startLine: 6, endLine: 9, vector: [1, 1, 0, 0] }]);
    store.setFile('b.ts', 'h2', [{ startLine: 1, endLine: 3, vector: [0, 3, 0, 0] }]);
    const hits = store.search([1, 0.1, 0, 0], 2);
    assert.deepEqual(hits.map((h) => `${h.path}:${h.startLine}`), ['a.ts:1', 'a.ts:6']);
    assert.ok(Math.abs(hits[0].score - 1 / Math.sqrt(1.01)) < 1e-6, 'vectors are normalised: the score is the cosine');
    assert.deepEqual(store.search([1, 0.1, 0, 0], 5, (path) => path !== 'a.ts').map((h) => h.path), ['b.ts']);
  });

  it('replaces a file\'s chunks and reuses freed slots', () => {
    const store = new VectorStore('m', 3, 1);
    store.setFile('a', 'h1', [{ startLine: 1, endLine: 1, vector: unit(3, 0) }, { startLine: 2, endLine: 2, vector: unit(3, 1) }]);
    store.setFile('a', 'h2', [{ startLine: 7, endLine: 8, vector: unit(3, 2) }]);
    assert.equal(store.chunkCount, 1);
    assert.equal(store.hashOf('a'), 'h2');
    assert.deepEqual(store.search(unit(3, 0), 5).map((h) => h.startLine), [7]);
    store.removeFile('a');
    assert.equal(store.chunkCount, 0);
    assert.deepEqual(store.search(unit(3, 0), 5), []);
  });

  it('saves and loads the same index; refuses damaged or foreign bytes', () => {
    const store = new VectorStore('gemini-embedding-2', 8);
    for (let f = 0; f < 20; f++) store.setFile(`f${f}.ts`, `h${f}`, [{ startLine: 1, endLine: 2, vector: unit(8, f % 8, f + 1) }]);
    store.removeFile('f3.ts');
    const bytes = store.serialize();
    const loaded = VectorStore.deserialize(bytes)!;
    assert.equal(loaded.model, 'gemini-embedding-2');
    assert.equal(loaded.chunkCount, 19);
    assert.equal(loaded.hashOf('f4.ts'), 'h4');
    assert.equal(loaded.hashOf('f3.ts'), undefined);
    assert.deepEqual(loaded.search(unit(8, 5), 3), store.search(unit(8, 5), 3));
    assert.equal(VectorStore.deserialize(bytes.subarray(0, bytes.length - 4)), undefined);
    assert.equal(VectorStore.deserialize(new TextEncoder().encode('{"not":"an index"}')), undefined);
  });

  it('loads the same index from a Node Buffer inside a larger pool (what workspace.fs.readFile returns in the extension host)', () => {
    const store = new VectorStore('gemini-embedding-2', 8);
    for (let f = 0; f < 20; f++) store.setFile(`f${f}.ts`, `h${f}`, [{ startLine: 1, endLine: 2, vector: unit(8, f % 8, f + 1) }]);
    const bytes = store.serialize();
    // A view at an odd offset of a bigger buffer: Buffer#slice shares it instead of copying.
    const pool = Buffer.alloc(bytes.length + 13, 0x7f);
    pool.set(bytes, 5);
    const loaded = VectorStore.deserialize(pool.subarray(5, 5 + bytes.length))!;
    assert.ok(loaded, 'the index loads');
    assert.deepEqual(loaded.search(unit(8, 5), 3), store.search(unit(8, 5), 3));
  });

  it('refuses a vector of the wrong size', () => {
    const store = new VectorStore('m', 3);
    assert.throws(() => store.setFile('a', 'h', [{ startLine: 1, endLine: 1, vector: [1, 2] }]), /2 values; the index holds 3/);
  });
});
