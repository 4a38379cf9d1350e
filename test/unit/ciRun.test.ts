// .ci/run installs VS Code into an empty cache folder of its own on every run and removes it
// afterwards, so CI proves the fresh-machine install each time. npm, dpkg, chromium and the
// toolchain are stubs on PATH here: the stub npm records the cache folder it was given.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../harness/paths';

const STUB_NPM = `#!/usr/bin/env bash
cache="\${GEMINI_VSCODE_CACHE:-unset}"
entries=$( [ -d "$cache" ] && ls -A "$cache" | wc -l || echo missing)
echo "$1 $cache $entries" >> "$STUB_LOG"
`;

describe('.ci/run', function () {
  this.timeout(60000); // runs bash scripts: slow on a loaded machine
  let tmp: string;
  beforeEach(() => (tmp = mkdtempSync(path.join(os.tmpdir(), 'ci-run-'))));
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  function runCi(): { status: number | null; calls: string[][] } {
    const bin = path.join(tmp, 'bin');
    mkdirSync(bin, { recursive: true });
    const stubs: Record<string, string> = { npm: STUB_NPM, dpkg: '#!/bin/sh\nexit 0\n', chromium: '#!/bin/sh\nexit 0\n', 'g++': '#!/bin/sh\n', make: '#!/bin/sh\n', python3: '#!/bin/sh\n' };
    for (const [name, text] of Object.entries(stubs)) {
      writeFileSync(path.join(bin, name), text);
      chmodSync(path.join(bin, name), 0o755);
    }
    const log = path.join(tmp, 'npm.log');
    rmSync(log, { force: true });
    const run = spawnSync('bash', [path.join(REPO_ROOT, '.ci', 'run')], {
      encoding: 'utf8',
      env: { PATH: `${bin}:${path.dirname(process.execPath)}:/usr/bin:/bin`, HOME: path.join(tmp, 'home'), TMPDIR: tmp, STUB_LOG: log, GEMINI_VSCODE_CACHE: path.join(tmp, 'reused-cache') },
    });
    assert.equal(run.status, 0, run.stderr);
    return { status: run.status, calls: readFileSync(log, 'utf8').trim().split('\n').map((line) => line.split(' ')) };
  }

  it('gives npm ci and npm test a fresh, empty GEMINI_VSCODE_CACHE and removes it afterwards', () => {
    const first = runCi();
    assert.deepEqual(first.calls.map(([command]) => command), ['ci', 'test']);
    const [, cache, entries] = first.calls[1];
    assert.equal(first.calls[0][1], cache, 'npm ci and npm test share the one cache');
    assert.equal(path.dirname(cache), tmp, 'a temporary folder, not the home cache or an inherited one');
    assert.equal(entries, '0', 'empty when npm test starts');
    assert.equal(existsSync(cache), false, 'removed after the run');

    const second = runCi();
    assert.notEqual(second.calls[1][1], cache, 'every run gets its own');
  });
});
