// The benchmarks' CPU-by-role reading (test/bench/processCpu.ts): command lines map to the parts
// of a VS Code session, and two readings give each role's milliseconds in between.
import * as assert from 'node:assert/strict';
import { cpuByRole, readCpu, roleOf } from '../bench/processCpu';

describe('benchmark CPU by process role', () => {
  it('names the parts of a VS Code session from their command lines', () => {
    assert.equal(roleOf('/x/node /x/extensions/node_modules/typescript/lib/tsserver.js --serverMode partialSemantic'), 'TypeScript server');
    assert.equal(roleOf('/usr/lib/chromium/chromium --type=renderer'), 'workbench (Chromium)');
    assert.equal(roleOf('/x/node /x/out/server-main.js --host 127.0.0.1'), 'VS Code server');
    assert.equal(roleOf('/x/node /x/out/bootstrap-fork --type=extensionHost --transformURIs'), 'extension host');
    assert.equal(roleOf('/usr/bin/node out/test/integration/run.js'), 'other');
  });

  it('sums each role\'s ticks between two readings, 10 ms a tick, and leaves idle processes out', () => {
    const before = new Map([['1 /usr/lib/chromium/chromium --type=renderer', 100], ['2 /x/tsserver.js', 50], ['3 /x/server-main.js', 7]]);
    const after = new Map([['1 /usr/lib/chromium/chromium --type=renderer', 130], ['2 /x/tsserver.js', 52], ['3 /x/server-main.js', 7], ['4 /x/tsserver.js --serverMode partialSemantic', 3]]);
    assert.deepEqual(cpuByRole(before, after), { 'workbench (Chromium)': 300, 'TypeScript server': 50 });
  });

  it('reads this process among the others (on Linux)', function () {
    if (process.platform !== 'linux') this.skip();
    const reading = readCpu();
    assert.ok([...reading.keys()].some((key) => key.startsWith(`${process.pid} `)));
  });
});
