// Benchmark (not a test): the semantic index, in plain Node (the index is pure code; VS Code only
// hosts it). Two parts in one run:
//   1. a query over 100,000 chunks of the index's dimensions (EMBEDDING_DIMENSIONS), and the same
//      at 768 dimensions (Google's smallest recommended size) for comparison:
//      the Float32Array store's exact dot-product scan and top-k, against the 50 ms target;
//   2. indexing 10,000 generated source files against the emulator through the real @google/genai
//      SDK (PolicyFileSource → chunker → GeminiEmbedder → VectorStore): requests, throughput, peak
//      memory, the index's size on disk, then a second sync with nothing changed (the re-check a
//      window pays when it opens).
//
//   node out/test/bench/semantic.js [--quick]   (--quick: 20,000 chunks and 2,000 files)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { GoogleGenAI } from '@google/genai';
import { silentLogger } from '../../src/common/logger';
import { EMBEDDING_DIMENSIONS, EMBEDDING_MODEL, GeminiEmbedder } from '../../src/semantic/embedder';
import { IndexStorage, SemanticIndexer } from '../../src/semantic/indexer';
import { PolicyFileSource } from '../../src/semantic/policyFiles';
import { VectorStore } from '../../src/semantic/vectorStore';
import { NodeWorkspacePort } from '../../src/tools/nodeWorkspacePort';
import { GeminiEmulator, TEST_KEY } from '../emulator';
import { fixed, median, quantile, writeResults, writeSection } from './workbench';

const quick = process.argv.includes('--quick');
const CHUNKS = quick ? 20_000 : 100_000;
const FILES = quick ? 2_000 : 10_000;
const QUERIES = 30;
const QUERY_TARGET_MS = 50;

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 0x100000000 - 0.5;
  };
}

function queryBench(dims: number) {
  const next = random(42);
  const built = performance.now();
  const store = new VectorStore(EMBEDDING_MODEL, dims, CHUNKS);
  const vector = new Float32Array(dims);
  const perFile = 10;
  for (let f = 0; f < CHUNKS / perFile; f++) {
    const chunks = [];
    for (let c = 0; c < perFile; c++) {
      for (let i = 0; i < vector.length; i++) vector[i] = next();
      chunks.push({ startLine: c * 20 + 1, endLine: c * 20 + 20, vector: Float32Array.from(vector) });
    }
    store.setFile(`src/dir${f % 100}/file${f}.ts`, `h${f}`, chunks);
  }
  const buildMs = performance.now() - built;
  // The vectors' own allocation (an RSS difference is blurred by the garbage of the run before).
  const storeMb = (store as unknown as { vectors: Float32Array }).vectors.byteLength / 2 ** 20;
  // Alternating with the floor: a bare dot-product pass over the same floats (no top-k, no
  // bookkeeping), so the ratio says what the store adds whatever the machine's load.
  const floor = (store as unknown as { vectors: Float32Array }).vectors;
  const bare = (query: number[]) => {
    let best = -Infinity;
    for (let offset = 0; offset < CHUNKS * dims; offset += dims) {
      let score = 0;
      for (let i = 0; i < dims; i++) score += query[i] * floor[offset + i];
      if (score > best) best = score;
    }
    return best;
  };
  const times: number[] = [];
  const cpuTimes: number[] = [];
  const bareTimes: number[] = [];
  for (let q = 0; q < QUERIES + 3; q++) {
    const query = Array.from({ length: dims }, next);
    const cpu = process.cpuUsage();
    const started = performance.now();
    const hits = store.search(query, 10);
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    const bareStarted = performance.now();
    bare(query);
    const bareMs = performance.now() - bareStarted;
    if (hits.length !== 10) throw new Error('the query found fewer than 10 chunks');
    if (q >= 3) { times.push(ms); cpuTimes.push(cpuMs); bareTimes.push(bareMs); } // the first few warm the JIT up
  }
  const saved = performance.now();
  const bytes = store.serialize();
  const saveMs = performance.now() - saved;
  const loaded = performance.now();
  VectorStore.deserialize(bytes);
  const loadMs = performance.now() - loaded;
  return { chunks: store.chunkCount, dims, buildMs, storeMb, times, cpuTimes, bareTimes, indexBytes: bytes.byteLength, saveMs, loadMs };
}

function generateTree(root: string): void {
  const next = random(7);
  const words = ['parse', 'render', 'invoice', 'retry', 'cache', 'token', 'stream', 'config', 'user', 'order', 'payment', 'queue', 'schema', 'widget', 'report'];
  for (let i = 0; i < FILES; i++) {
    const dir = path.join(root, 'src', `pkg${i % 50}`, `mod${i % 7}`);
    mkdirSync(dir, { recursive: true });
    const fns = 2 + (i % 3);
    const parts: string[] = [`// Module ${i}: helpers for ${words[i % words.length]} handling.`, "import { log } from '../../log';", ''];
    for (let f = 0; f < fns; f++) {
      const a = words[Math.floor((next() + 0.5) * words.length)];
      const b = words[Math.floor((next() + 0.5) * words.length)];
      parts.push(`/** ${a} the ${b} of module ${i}, step ${f}. */`, `export function ${a}${b[0].toUpperCase()}${b.slice(1)}${i}_${f}(input: string, limit = ${f + 1}): string {`);
      for (let l = 0; l < 12; l++) parts.push(`  const ${a}${l} = input.slice(${l}, limit + ${l}).replace(/${b}/g, '${a}'); log('${a} ${b} ${l}', ${a}${l});`);
      parts.push(`  return input + ${a}0;`, '}', '');
    }
    writeFileSync(path.join(dir, `file${i}.ts`), parts.join('\n'));
  }
  writeFileSync(path.join(root, '.gitignore'), 'dist/\n');
}

async function indexBench() {
  const root = mkdtempSync(path.join(tmpdir(), 'gemini-semantic-bench-'));
  const emulator = await GeminiEmulator.start({ apiKey: TEST_KEY });
  try {
    generateTree(root);
    const ai = new GoogleGenAI({ apiKey: TEST_KEY, httpOptions: { baseUrl: emulator.baseUrl } });
    let saved = 0;
    const storage: IndexStorage = { load: async () => undefined, save: async (bytes) => { saved = bytes.byteLength; } };
    const port = new NodeWorkspacePort([{ path: root }]);
    const indexer = new SemanticIndexer({ files: new PolicyFileSource(port, () => 262144, silentLogger), embedder: new GeminiEmbedder(async () => ai), storage });
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 50);
    const started = performance.now();
    await indexer.sync();
    const ms = performance.now() - started;
    clearInterval(sampler);
    if (indexer.status.state !== 'ready') throw new Error(`indexing ended ${indexer.status.state}: ${indexer.status.message}`);
    const requests = emulator.requests.length;
    const sentChars = emulator.requests.reduce((sum, r) => sum + r.raw.length, 0);
    global.gc?.();
    const heapAfter = process.memoryUsage().heapUsed;
    emulator.reset();
    const recheckStarted = performance.now();
    await indexer.sync();
    const recheckMs = performance.now() - recheckStarted;
    return {
      files: indexer.status.files, chunks: indexer.status.chunks, requests, ms, recheckMs, recheckRequests: emulator.requests.length,
      filesPerSecond: indexer.status.files / (ms / 1000), chunksPerSecond: indexer.status.chunks / (ms / 1000),
      requestMb: sentChars / 2 ** 20, heapGrowthMb: (heapAfter - heapBefore) / 2 ** 20, peakRssMb: peakRss / 2 ** 20, indexBytes: saved,
    };
  } finally {
    await emulator.close();
    rmSync(root, { recursive: true, force: true });
  }
}

async function main() {
  const load = loadavg()[0].toFixed(1);
  const wide = queryBench(768);
  global.gc?.();
  const query = queryBench(EMBEDDING_DIMENSIONS);
  global.gc?.();
  const index = await indexBench();
  const results = { date: new Date().toISOString().slice(0, 10), cpu: cpus()[0]?.model.trim(), load, quick, query, wide, index };
  writeResults('semantic', results);
  const q50 = median(query.times);
  const q95 = quantile(query.times, 0.95);
  const c50 = median(query.cpuTimes);
  writeSection('semantic', `## Semantic search

\`node out/test/bench/semantic.js\`${quick ? ' (**--quick**)' : ''}, ${results.date}, Node ${process.version}, load average ${load}. Plain Node: the index is pure code (src/semantic/); the emulator answers batchEmbedContents in-process with its hashed bag-of-words vectors, so the times are our own work plus the loopback HTTP and the SDK, never Google's.

**Query over ${query.chunks.toLocaleString('en')} chunks** of ${query.dims} dimensions (the index's size; one Float32Array, exact dot product, top 10), ${query.times.length} queries after 3 warm-up ones: **${fixed(c50, 1)} ms of CPU** (median; p95 ${fixed(quantile(query.cpuTimes, 0.95), 1)} ms), wall clock median ${fixed(q50, 1)} ms, p95 ${fixed(q95, 1)} ms on this shared machine (target ≤ ${QUERY_TARGET_MS} ms: ${q50 <= QUERY_TARGET_MS ? 'met' : 'missed'} on the wall clock, ${c50 <= QUERY_TARGET_MS ? 'met' : 'missed'} in CPU time; the wall clock also counts the time other jobs held the cores). Against a plain one-sum dot-product loop over the same floats with no top-k (alternating, same run; the store keeps four running sums): **${fixed(q50 / median(query.bareTimes), 2)}×**. Building the store took ${fixed(query.buildMs, 0)} ms; its vectors take ${fixed(query.storeMb, 0)} MB; the saved index is ${fixed(query.indexBytes / 2 ** 20, 0)} MB (${fixed(query.saveMs, 0)} ms to serialise, ${fixed(query.loadMs, 0)} ms to load).

The same at **768 dimensions** (Google's smallest recommended size): ${fixed(median(wide.cpuTimes), 1)} ms of CPU (median), wall clock median ${fixed(median(wide.times), 1)} ms, ${fixed(wide.storeMb, 0)} MB of vectors. The scan is bound by arithmetic and memory traffic, so its cost grows with chunks × dimensions; that is why the index keeps 256 dimensions (gemini-embedding-2 is Matryoshka-trained, so a 256-value embedding is the full one's prefix, with a small loss of retrieval quality) rather than add an approximate index (HNSW) or a native vector library to the .vsix.

**Indexing ${index.files.toLocaleString('en')} files** (generated TypeScript, 2 to 4 functions each) against the emulator: ${index.chunks.toLocaleString('en')} chunks in **${index.requests.toLocaleString('en')} batchEmbedContents requests** (≤ 100 chunks each; ${fixed(index.requestMb, 1)} MB of request bodies), ${fixed(index.ms / 1000, 1)} s: **${fixed(index.filesPerSecond, 0)} files/s, ${fixed(index.chunksPerSecond, 0)} chunks/s** with no rate limit (the extension's default of 60 requests a minute caps a real run at 6,000 chunks a minute, so Google's latency and quota, not this code, set the pace). Memory: peak RSS ${fixed(index.peakRssMb, 0)} MB for the whole process (emulator included), heap growth ${fixed(index.heapGrowthMb, 0)} MB; the saved index ${fixed(index.indexBytes / 2 ** 20, 1)} MB. A second sync with nothing changed (read and hash every file, no request: ${index.recheckRequests}) took ${fixed(index.recheckMs / 1000, 1)} s.`);
  console.log(JSON.stringify(results, (key, value) => (/^(times|cpuTimes|bareTimes)$/.test(key) ? undefined : value), 2));
}

main().catch((error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
