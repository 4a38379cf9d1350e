// Issue 15, item 1: a model-written regex that takes RE2 seconds per file ('[\s\S]{1,1000}' ten
// times, then 'Z', over a 100 KB file) must never hold the extension host's thread, Stop must end
// the call, and the time budget must hold inside that one file. Run through the real tool entry
// with the services the extension uses: the regex worker, and VS Code's own ripgrep. The host
// thread's freedom is shown by a timer: Stop is sent from its fifth tick, so a blocked thread
// would never send it and the test would time out.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createSearchServices } from '../../../src/node/searchServices';
import { SearchServices } from '../../../src/tools/searchBackend';
import { INSTALL_TIMEOUT_MS, installedRipgrep } from '../../harness/ripgrep';
import { errorOf, harness, outputOf } from './fixture';

const HOSTILE = `${'[\\s\\S]{1,1000}'.repeat(10)}Z`;

describe('a regex that takes seconds per file never blocks the host', function () {
  this.timeout(60_000);
  let root: string;
  let ripgrep: string;
  before(async function () {
    this.timeout(INSTALL_TIMEOUT_MS);
    ripgrep = await installedRipgrep();
    root = mkdtempSync(path.join(tmpdir(), 'gemini-redos-'));
    mkdirSync(path.join(root, 'ws'));
    // 100 KB of 1,000-character lines: RE2JS spends seconds on each line of it.
    writeFileSync(path.join(root, 'ws', 'hostile.txt'), `${'ab '.repeat(333)}a\n`.repeat(100));
  });
  after(() => { if (root) rmSync(root, { recursive: true, force: true }); });

  const sandbox = () => ({ root, ws: path.join(root, 'ws'), ws2: path.join(root, 'ws'), outside: root, cleanup() {} });
  const backends: [string, () => SearchServices][] = [
    ['the Node walker (regex worker)', () => ({ ...createSearchServices({}), textSearch: undefined })],
    ['ripgrep', () => createSearchServices({ ripgrep })],
  ];

  for (const [name, services] of backends) {
    it(`${name}: Stop ends the call while the host thread keeps running`, async () => {
      const h = harness(sandbox(), { search: services(), settings: { maxFileBytes: 256 * 1024 } });
      const controller = new AbortController();
      let ticks = 0;
      const timer = setInterval(() => { if (++ticks === 5) controller.abort(); }, 20);
      try {
        const result = await h.call('search_text', { query: HOSTILE, isRegex: true }, controller.signal);
        assert.equal(errorOf(result), 'Cancelled by the user.');
        assert.ok(ticks >= 5);
      } finally {
        clearInterval(timer);
      }
    });

    it(`${name}: the time budget holds inside one file`, async () => {
      const h = harness(sandbox(), { search: { ...services(), timeBudgetMs: 1000 }, settings: { maxFileBytes: 256 * 1024 } });
      const output = outputOf(await h.call('search_text', { query: HOSTILE, isRegex: true, path: 'hostile.txt' }));
      assert.match(output, /\[search stopped after 1 s; results are partial: narrow path\/include\]/);
    });
  }
});
