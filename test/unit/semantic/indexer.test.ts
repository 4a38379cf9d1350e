// The semantic index against the emulator through the real @google/genai SDK: what is sent
// (never an ignored or sensitive file), a 429 that pauses and resumes without losing anything
// (also across a closed window), an edit that shows up in the next search, and the
// search_code_semantic tool offered only once an index exists.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { silentLogger } from '../../../src/common/logger';
import { EMBEDDING_MODEL, GeminiEmbedder } from '../../../src/semantic/embedder';
import { IndexStatus, IndexStorage, SemanticIndexer, semanticSearchOver } from '../../../src/semantic/indexer';
import { PolicyFileSource } from '../../../src/semantic/policyFiles';
import { NodeWorkspacePort } from '../../../src/tools/nodeWorkspacePort';
import { ToolRegistry } from '../../../src/tools/registry';
import { CHAT_TOOLS } from '../../../src/tools/table';
import { errors } from '../../emulator';
import { useEmulator } from '../../harness/useEmulator';
import { sdkFor } from '../emulator/helpers';
import { DEFAULT_TEST_SETTINGS, SECRET_VALUE, ScriptedApprover, WORKSPACE_EXCLUDES, makeSandbox } from '../tools/fixture';

class MemoryStorage implements IndexStorage {
  bytes: Uint8Array | undefined;
  saves = 0;
  async load() { return this.bytes; }
  async save(bytes: Uint8Array) { this.bytes = bytes; this.saves++; }
}

function sentTexts(emu: ReturnType<typeof useEmulator>): string[] {
  return emu.requests.flatMap((r) => (r.body?.requests ?? []).map((q: any) => q.content.parts.map((p: any) => p.text).join('')));
}

function setup(emu: ReturnType<typeof useEmulator>, root: string, extra: { sleep?: (ms: number, signal: AbortSignal) => Promise<void>; storage?: MemoryStorage; statuses?: IndexStatus[] } = {}) {
  const port = new NodeWorkspacePort([{ path: root }], { exclude: { '*': WORKSPACE_EXCLUDES } });
  const storage = extra.storage ?? new MemoryStorage();
  const indexer = new SemanticIndexer({
    files: new PolicyFileSource(port, () => 64 * 1024, silentLogger),
    embedder: new GeminiEmbedder(async () => sdkFor(emu)),
    storage,
    sleep: extra.sleep ?? (async () => undefined),
    onStatus: (status) => extra.statuses?.push(status),
  });
  return { port, storage, indexer };
}

function manyFiles(count: number): string {
  const root = mkdtempSync(path.join(tmpdir(), 'gemini-semantic-'));
  for (let i = 0; i < count; i++) {
    mkdirSync(path.join(root, 'src', `m${i % 7}`), { recursive: true });
    writeFileSync(path.join(root, 'src', `m${i % 7}`, `file${i}.ts`), `export function handler${i}(value: number): number {\n  return value * ${i};\n}\n`);
  }
  return root;
}

describe('semantic: the index against the emulator', () => {
  const emu = useEmulator();

  it('never sends an ignored or sensitive file; finds code by meaning; requests gemini-embedding-2 at 256 dimensions with the documented task prefixes', async () => {
    const sandbox = makeSandbox();
    try {
      writeFileSync(path.join(sandbox.ws, 'src/retry.ts'), 'export function computeRetryDelay(attempt: number): number {\n  // exponential backoff for rate limited requests\n  return 2 ** attempt * 1000;\n}\n');
      const { indexer } = setup(emu, sandbox.ws);
      await indexer.sync();
      assert.equal(indexer.status.state, 'ready', indexer.status.message);
      const sent = sentTexts(emu).join('\n');
      for (const secret of [SECRET_VALUE, 'private needle', 'needle in a log', 'var needle = 1', 'excluded needle', 'tmp needle', 'generated = "needle"']) {
        assert.ok(!sent.includes(secret), `'${secret}' was sent to Gemini`);
      }
      for (const kept of ['title: src/util/math.ts | text: export function add', 'title: README.md | text: # Demo', 'kept log line']) assert.ok(sent.includes(kept), `'${kept}' missing`);
      const request = emu.requests[0];
      assert.equal(request.path, `/v1beta/models/${EMBEDDING_MODEL}:batchEmbedContents`);
      assert.equal(request.body.requests[0].outputDimensionality, 256);
      assert.equal(request.body.requests[0].taskType, undefined, 'gemini-embedding-2 takes the task in the text');
      const before = emu.requests.length;
      const hits = await indexer.search('retry delay for rate limited requests', 3);
      assert.equal(hits[0].path, 'src/retry.ts');
      assert.deepEqual([hits[0].startLine, hits[0].endLine], [1, 4]);
      assert.match(emu.requests[before].body.requests[0].content.parts[0].text, /^task: code retrieval \| query: retry delay/);
    } finally {
      sandbox.cleanup();
    }
  });

  it('a 429 pauses the index for RetryInfo\'s delay, then it resumes with the same batch and loses nothing', async () => {
    const root = manyFiles(250);
    try {
      const statuses: IndexStatus[] = [];
      const waits: number[] = [];
      let calls = 0;
      const { indexer, storage } = setup(emu, root, {
        statuses,
        sleep: async (ms) => { waits.push(ms); },
      });
      // The second request gets Google's 429 (QuotaFailure + RetryInfo 7s) on the wire.
      const original = emu.requests;
      void original;
      const embedder = (indexer as any).deps.embedder as GeminiEmbedder;
      const embed = embedder.embedDocuments.bind(embedder);
      embedder.embedDocuments = async (docs, signal) => {
        if (++calls === 2) emu.enqueue({ ...errors.quota({ retryDelay: '7s' }), route: 'batchEmbedContents' });
        return embed(docs, signal);
      };
      await indexer.sync();
      assert.ok(statuses.some((s) => s.state === 'paused' && s.message && /rate-limiting/.test(s.message)), 'paused on the 429');
      assert.deepEqual(waits, [7000]);
      assert.equal(indexer.status.state, 'ready');
      assert.equal(indexer.status.files, 250);
      assert.equal(indexer.status.chunks, 250);
      // 3 batches of ≤100 plus the one the 429 refused, sent again unchanged.
      assert.equal(emu.requests.length, 4);
      assert.deepEqual(emu.requests[2].body, emu.requests[1].body);
      assert.ok(storage.saves >= 2, 'saved on the pause and at the end');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('a window closed during the pause resumes from the saved index: only the files not yet embedded are sent', async () => {
    const root = manyFiles(250);
    try {
      let calls = 0;
      const first = setup(emu, root, { sleep: (_ms, signal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')))) });
      const embedder = (first.indexer as any).deps.embedder as GeminiEmbedder;
      const embed = embedder.embedDocuments.bind(embedder);
      embedder.embedDocuments = async (docs, signal) => {
        if (++calls === 2) emu.enqueue({ ...errors.quota({ retryDelay: '3600s' }), route: 'batchEmbedContents' });
        return embed(docs, signal);
      };
      const running = first.indexer.sync();
      while (first.indexer.status.state !== 'paused') await new Promise((r) => setTimeout(r, 5));
      await first.indexer.dispose();
      await running;
      const sentBefore = sentTexts(emu);
      assert.equal(sentBefore.length, 200, 'the first batch and the refused one');
      emu.reset();
      const second = setup(emu, root, { storage: first.storage });
      assert.equal(await second.indexer.load(), true);
      assert.equal(second.indexer.status.files, 100, 'the first batch survived the closed window');
      await second.indexer.sync();
      assert.equal(second.indexer.status.files, 250);
      assert.equal(sentTexts(emu).length, 150, 'only what was not embedded yet');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('an edited file shows up in the next search; only its chunks are sent again; a deleted one is dropped', async () => {
    const root = manyFiles(20);
    try {
      const { indexer } = setup(emu, root);
      await indexer.sync();
      const file = path.join(root, 'src/m3/file3.ts');
      assert.notEqual((await indexer.search('parse the invoice currency', 1))[0]?.path, 'src/m3/file3.ts');
      emu.reset();
      writeFileSync(file, 'export function parseInvoiceCurrency(invoice: string): string {\n  return invoice.slice(0, 3);\n}\n');
      await indexer.refresh(['src/m3/file3.ts']);
      assert.equal(sentTexts(emu).length, 1, 'one chunk re-embedded');
      const [hit] = await indexer.search('parse the invoice currency', 1);
      assert.equal(hit.path, 'src/m3/file3.ts');
      rmSync(file);
      await indexer.refresh(['src/m3/file3.ts']);
      assert.equal(indexer.status.files, 19);
      assert.notEqual((await indexer.search('parse the invoice currency', 1))[0]?.path, 'src/m3/file3.ts');
      emu.reset();
      await indexer.sync();
      assert.equal(emu.requests.length, 0, 'a full re-check of unchanged files sends nothing');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('search_code_semantic is offered only once an index exists, and returns path, line range and the file\'s snippet', async () => {
    const root = manyFiles(5);
    try {
      writeFileSync(path.join(root, 'src/retry.ts'), 'export function computeRetryDelay(attempt: number): number {\n  return 2 ** attempt * 1000;\n}\n');
      const { indexer, port } = setup(emu, root);
      const semantic = { ready: () => indexer.hasIndex, search: (q: string, k: number, s: AbortSignal) => indexer.search(q, k, s) };
      const registry = new ToolRegistry({ port, tools: CHAT_TOOLS, settings: () => DEFAULT_TEST_SETTINGS, approver: new ScriptedApprover('deny'), logger: silentLogger, search: { semantic } });
      assert.ok(!registry.declarations().some((d) => d.name === 'search_code_semantic'));
      const refused = await registry.execute({ id: 'a', name: 'search_code_semantic', args: { query: 'retry' } }, new AbortController().signal);
      assert.match(String(refused.response.error), /not available now \(no semantic index/);
      await indexer.sync();
      assert.ok(registry.declarations().some((d) => d.name === 'search_code_semantic'));
      const result = await registry.execute({ id: 'b', name: 'search_code_semantic', args: { query: 'compute retry delay', maxResults: 2 } }, new AbortController().signal);
      assert.ok(result.ok, String(result.response.error));
      const output = String(result.response.output);
      assert.match(output, /^## src\/retry\.ts:1-3 \(score [01]\.\d{3}\)\nexport function computeRetryDelay/);
      assert.equal(output.match(/^## /gm)?.length, 2);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
  it('right after a reload the tool is offered while the saved index loads; a call made then waits for the load (and, with no index saved, says how to build one)', async () => {
    const root = manyFiles(5);
    try {
      writeFileSync(path.join(root, 'src/retry.ts'), 'export function computeRetryDelay(attempt: number): number {\n  return 2 ** attempt * 1000;\n}\n');
      const first = setup(emu, root);
      await first.indexer.sync();
      // The reloaded window: its storage answers only when the test lets it.
      for (const saved of [first.storage.bytes, undefined]) {
        let release!: () => void;
        const gate = new Promise<void>((resolve) => { release = resolve; });
        const storage = new MemoryStorage();
        storage.bytes = saved;
        storage.load = async () => { await gate; return saved; };
        const { indexer, port } = setup(emu, root, { storage });
        const registry = new ToolRegistry({ port, tools: CHAT_TOOLS, settings: () => DEFAULT_TEST_SETTINGS, approver: new ScriptedApprover('deny'), logger: silentLogger, search: { semantic: semanticSearchOver(indexer, () => true) } });
        const loading = indexer.load();
        assert.ok(indexer.loading);
        assert.ok(registry.declarations().some((d) => d.name === 'search_code_semantic'), 'offered while the saved index loads');
        const call = registry.execute({ id: 'c', name: 'search_code_semantic', args: { query: 'compute retry delay', maxResults: 1 } }, new AbortController().signal);
        await new Promise((resolve) => setTimeout(resolve, 20));
        release();
        assert.equal(await loading, saved !== undefined);
        assert.ok(!indexer.loading);
        const result = await call;
        if (saved) {
          assert.ok(result.ok, String(result.response.error));
          assert.match(String(result.response.output), /^## src\/retry\.ts:1-3 /);
        } else {
          assert.match(String(result.response.error), /No semantic index exists yet .*Gemini: Index Workspace for Semantic Search/);
          assert.ok(!registry.declarations().some((d) => d.name === 'search_code_semantic'), 'no longer offered once the load found nothing');
        }
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
