// The semantic index's vectors: one flat Float32Array of unit vectors (dims floats per chunk) and
// each chunk's file and line range beside it. A query is a dot product with every live chunk and
// a running top-k: at 256 dimensions, 100,000 chunks fit the 50 ms budget (see
// docs/BENCHMARKS.md, "Semantic search"), so no approximate index (HNSW, a native vector
// library) is worth its size and build step here. Removing a file frees its slots; they are
// reused by later chunks and dropped when the store is saved.

export interface StoredChunk {
  path: string;
  startLine: number;
  endLine: number;
}

export interface ScoredChunk extends StoredChunk {
  score: number;
}

interface FileEntry {
  hash: string;
  slots: number[];
}

interface SavedHeader {
  version: 1;
  model: string;
  dims: number;
  files: Array<{ path: string; hash: string; chunks: Array<[number, number]> }>;
}

export class VectorStore {
  private vectors: Float32Array;
  private readonly slotFile: string[] = [];
  private readonly slotLines: Array<[number, number]> = [];
  private readonly free: number[] = [];
  private readonly files = new Map<string, FileEntry>();
  private used = 0;

  constructor(readonly model: string, readonly dims: number, capacity = 1024) {
    this.vectors = new Float32Array(capacity * dims);
  }

  get fileCount(): number {
    return this.files.size;
  }

  get chunkCount(): number {
    return this.used - this.free.length;
  }

  /** The content hash a file was indexed with, or undefined when it is not in the index. */
  hashOf(path: string): string | undefined {
    return this.files.get(path)?.hash;
  }

  paths(): string[] {
    return [...this.files.keys()];
  }

  /** Replaces a file's chunks; each vector is normalised here (the dot product is then the cosine). */
  setFile(path: string, hash: string, chunks: ReadonlyArray<{ startLine: number; endLine: number; vector: ArrayLike<number> }>): void {
    this.removeFile(path);
    const slots: number[] = [];
    for (const chunk of chunks) {
      if (chunk.vector.length !== this.dims) throw new Error(`An embedding has ${chunk.vector.length} values; the index holds ${this.dims}.`);
      const slot = this.free.pop() ?? this.grow();
      const offset = slot * this.dims;
      let norm = 0;
      for (let i = 0; i < this.dims; i++) norm += chunk.vector[i] * chunk.vector[i];
      const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
      for (let i = 0; i < this.dims; i++) this.vectors[offset + i] = chunk.vector[i] * scale;
      this.slotFile[slot] = path;
      this.slotLines[slot] = [chunk.startLine, chunk.endLine];
      slots.push(slot);
    }
    this.files.set(path, { hash, slots });
  }

  removeFile(path: string): boolean {
    const entry = this.files.get(path);
    if (!entry) return false;
    for (const slot of entry.slots) {
      this.slotFile[slot] = '';
      this.free.push(slot);
    }
    this.files.delete(path);
    return true;
  }

  /** The k chunks nearest to the query (cosine), best first; `accept` can leave paths out. */
  search(query: ArrayLike<number>, k: number, accept?: (path: string) => boolean): ScoredChunk[] {
    if (query.length !== this.dims) throw new Error(`The query has ${query.length} values; the index holds ${this.dims}.`);
    const q = normalised(query);
    const dims = this.dims;
    const vectors = this.vectors;
    const topScores: number[] = [];
    const topSlots: number[] = [];
    const skipped = new Map<string, boolean>();
    const unrolled = dims - (dims % 4);
    for (let slot = 0; slot < this.used; slot++) {
      const path = this.slotFile[slot];
      if (!path) continue;
      const offset = slot * dims;
      // Four running sums: fewer dependent additions per step, about twice the speed of one.
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      let i = 0;
      for (; i < unrolled; i += 4) {
        s0 += q[i] * vectors[offset + i];
        s1 += q[i + 1] * vectors[offset + i + 1];
        s2 += q[i + 2] * vectors[offset + i + 2];
        s3 += q[i + 3] * vectors[offset + i + 3];
      }
      for (; i < dims; i++) s0 += q[i] * vectors[offset + i];
      const score = s0 + s1 + s2 + s3;
      if (topScores.length === k && score <= topScores[k - 1]) continue;
      if (accept) {
        let ok = skipped.get(path);
        if (ok === undefined) { ok = accept(path); skipped.set(path, ok); }
        if (!ok) continue;
      }
      let at = topScores.length;
      while (at > 0 && topScores[at - 1] < score) at--;
      topScores.splice(at, 0, score);
      topSlots.splice(at, 0, slot);
      if (topScores.length > k) { topScores.pop(); topSlots.pop(); }
    }
    return topSlots.map((slot, i) => ({ path: this.slotFile[slot], startLine: this.slotLines[slot][0], endLine: this.slotLines[slot][1], score: topScores[i] }));
  }

  /** The whole store as bytes: a JSON header (files, ranges, model) then the packed vectors. */
  serialize(): Uint8Array {
    const header: SavedHeader = { version: 1, model: this.model, dims: this.dims, files: [] };
    const live: number[] = [];
    for (const [path, entry] of this.files) {
      header.files.push({ path, hash: entry.hash, chunks: entry.slots.map((slot) => this.slotLines[slot]) });
      live.push(...entry.slots);
    }
    const json = new TextEncoder().encode(JSON.stringify(header));
    const headerBytes = Math.ceil((8 + json.length) / 4) * 4;
    const out = new Uint8Array(headerBytes + live.length * this.dims * 4);
    const view = new DataView(out.buffer);
    view.setUint32(0, 0x53454d31, false); // "SEM1"
    view.setUint32(4, json.length, true);
    out.set(json, 8);
    const floats = new Float32Array(out.buffer, headerBytes, live.length * this.dims);
    live.forEach((slot, i) => floats.set(this.vectors.subarray(slot * this.dims, (slot + 1) * this.dims), i * this.dims));
    return out;
  }

  /** Reads what serialize() wrote; undefined for anything else (a damaged or foreign file). */
  static deserialize(bytes: Uint8Array): VectorStore | undefined {
    try {
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      if (bytes.byteLength < 8 || view.getUint32(0, false) !== 0x53454d31) return undefined;
      const length = view.getUint32(4, true);
      const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length))) as SavedHeader;
      if (header.version !== 1 || !(header.dims > 0)) return undefined;
      const headerBytes = Math.ceil((8 + length) / 4) * 4;
      const total = header.files.reduce((sum, file) => sum + file.chunks.length, 0);
      if (bytes.byteLength !== headerBytes + total * header.dims * 4) return undefined;
      // A copy of its own: a Node Buffer (what workspace.fs.readFile gives the extension host)
      // slices as a view of a larger pool, whose .buffer would start elsewhere.
      const tail = new Uint8Array(bytes.byteLength - headerBytes);
      tail.set(bytes.subarray(headerBytes));
      const floats = new Float32Array(tail.buffer);
      const store = new VectorStore(header.model, header.dims, Math.max(1024, total));
      let slot = 0;
      for (const file of header.files) {
        store.setFile(file.path, file.hash, file.chunks.map(([startLine, endLine]) => {
          const vector = floats.subarray(slot * header.dims, (slot + 1) * header.dims);
          slot++;
          return { startLine, endLine, vector };
        }));
      }
      return store;
    } catch {
      return undefined;
    }
  }

  private grow(): number {
    if ((this.used + 1) * this.dims > this.vectors.length) {
      const bigger = new Float32Array(Math.max(this.vectors.length * 2, (this.used + 1) * this.dims));
      bigger.set(this.vectors);
      this.vectors = bigger;
    }
    return this.used++;
  }
}

function normalised(vector: ArrayLike<number>): Float32Array {
  const out = Float32Array.from(vector as ArrayLike<number>);
  let norm = 0;
  for (let i = 0; i < out.length; i++) norm += out[i] * out[i];
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let i = 0; i < out.length; i++) out[i] *= scale;
  return out;
}
