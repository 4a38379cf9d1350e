// find_files' listing on the real ripgrep (issue 19) over more paths than the backend parses
// ahead (its backlog pauses ripgrep's output): every path comes through, once, in the walker's
// order, with verdicts that wait on a promise; a caller that stops early gets exactly its first
// paths and ripgrep is stopped; a rare name listed unsorted comes back sorted too.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { RipgrepBackend } from '../../../src/node/ripgrep/ripgrepBackend';
import { BackendScope, compareWalkOrder } from '../../../src/tools/searchBackend';
import { INSTALL_TIMEOUT_MS, installedRipgrep } from '../../harness/ripgrep';

const DIRECTORIES = 60;
const PER_DIRECTORY = 150; // 9,000 files: over twice the backlog at which output is paused

describe('ripgrep listings longer than the backlog', function () {
  this.timeout(120_000);
  let root: string;
  let backend: RipgrepBackend;
  let expected: string[];

  before(async function () {
    this.timeout(INSTALL_TIMEOUT_MS);
    backend = new RipgrepBackend(await installedRipgrep());
    root = mkdtempSync(path.join(tmpdir(), 'gemini-rglist-'));
    expected = [];
    for (let d = 0; d < DIRECTORIES; d++) {
      // Names that sort differently by segment than as whole strings.
      const dir = d % 2 ? `d${d}` : `d${d}.x`;
      mkdirSync(path.join(root, dir));
      for (let f = 0; f < PER_DIRECTORY; f++) {
        const name = `f${f}.ts`;
        writeFileSync(path.join(root, dir, name), '');
        expected.push(`${dir}/${name}`);
      }
    }
    expected.sort(compareWalkOrder);
  });
  after(() => root && rmSync(root, { recursive: true, force: true }));

  const scope = (): BackendScope => ({
    folder: { index: 0, name: 'ws', uri: `file://${root}`, fsPath: root }, paths: [''], maxFileBytes: 1024,
    signal: new AbortController().signal, deadline: Date.now() + 60_000,
  });
  const later = <T>(value: T) => new Promise<T>((resolve) => setImmediate(() => resolve(value)));

  it('delivers every path once, in walk order, through verdicts that wait', async () => {
    const listed: string[] = [];
    const outcome = await backend.listFiles(scope(), (p) => (p.endsWith('7.ts') ? later(true) : true), (p) => { listed.push(p); return true; });
    assert.equal(outcome.timedOut, false);
    assert.equal(listed.length, expected.length);
    assert.deepEqual(listed, expected);
  });

  it('stops at the first paths the caller wants', async () => {
    const listed: string[] = [];
    await backend.listFiles(scope(), (p) => later(!p.endsWith('3.ts')), (p) => { listed.push(p); return listed.length < 25; });
    assert.deepEqual(listed, expected.filter((p) => !p.endsWith('3.ts')).slice(0, 25));
  });

  it('lists a rare name unsorted and hands it over in walk order', async () => {
    const listed: string[] = [];
    await backend.listFiles(scope(), () => true, (p) => { listed.push(p); return true; }, 'f1?.ts');
    assert.deepEqual(listed, expected.filter((p) => /\/f1\d\.ts$/.test(p)));
  });
});
