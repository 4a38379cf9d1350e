// The ripgrep process is ended by Stop and by the time budget: a stand-in binary that would run
// for a minute shows it (the test's own 10 s timeout fails if the process were waited for).
import * as assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { RipgrepBackend } from '../../../src/node/ripgrep/ripgrepBackend';
import { BackendScope } from '../../../src/tools/searchBackend';

describe('the ripgrep process', () => {
  let root: string;
  let slow: RipgrepBackend;
  before(function () {
    if (process.platform === 'win32') this.skip(); // a POSIX shell script stands in for rg
    root = mkdtempSync(path.join(tmpdir(), 'gemini-rgproc-'));
    const binary = path.join(root, 'slow-rg');
    writeFileSync(binary, '#!/bin/sh\nexec sleep 60\n');
    chmodSync(binary, 0o755);
    slow = new RipgrepBackend(binary);
  });
  after(() => root && rmSync(root, { recursive: true, force: true }));

  const scope = (signal: AbortSignal, deadline = Date.now() + 60_000): BackendScope => ({
    folder: { index: 0, name: 'ws', uri: `file://${root}`, fsPath: root }, paths: [''], maxFileBytes: 1024, signal, deadline,
  });
  const query = { query: 'x', isRegex: false, caseSensitive: true, contextLines: 0 };

  it('is killed when the call is stopped', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const outcome = await slow.searchText(scope(controller.signal), query, () => true, () => true);
    assert.deepEqual(outcome, { searched: undefined, timedOut: false });
  });

  it('is killed at the time budget, and the call says so', async () => {
    const outcome = await slow.searchText(scope(new AbortController().signal, Date.now() + 200), query, () => true, () => true);
    assert.equal(outcome.timedOut, true);
    const listed = await slow.listFiles(scope(new AbortController().signal, Date.now() + 200), () => true, () => true);
    assert.equal(listed.timedOut, true);
  });

  it('a binary that cannot start hands the call to the walker', async () => {
    const missing = new RipgrepBackend(path.join(root, 'no-such-rg'));
    const outcome = await missing.searchText(scope(new AbortController().signal), query, () => true, () => true);
    assert.match(outcome.unsupported ?? '', /ripgrep did not start/);
  });
});
