// The Node port's reads at their boundaries: the search path must never read a file over the
// cap, and must return files at the cap (and across its first-read chunk) byte for byte.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { NodeWorkspacePort } from '../../../src/tools/nodeWorkspacePort';

describe('NodeWorkspacePort', () => {
  let dir: string;
  let port: NodeWorkspacePort;
  const at = (p: string) => ({ folder: port.folders()[0], path: p });
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => 97 + (i % 26)));

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'gemini-port-'));
    writeFileSync(path.join(dir, 'small.txt'), bytes(100));
    writeFileSync(path.join(dir, 'medium.txt'), bytes(200_000));
    symlinkSync(path.join(dir, 'small.txt'), path.join(dir, 'link.txt'));
    symlinkSync(path.join(dir, 'missing'), path.join(dir, 'broken'));
    port = new NodeWorkspacePort([{ path: dir }]);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('readFileIfSmall returns files up to the cap exactly and nothing above it', async () => {
    assert.deepEqual(Buffer.from((await port.readFileIfSmall(at('small.txt'), 100))!), bytes(100));
    assert.equal(await port.readFileIfSmall(at('small.txt'), 99), undefined);
    assert.deepEqual(Buffer.from((await port.readFileIfSmall(at('medium.txt'), 200_000))!), bytes(200_000));
    assert.equal(await port.readFileIfSmall(at('medium.txt'), 199_999), undefined);
    assert.equal(await port.readFileIfSmall(at('medium.txt'), 70_000), undefined);
  });

  it('readFile reads byte ranges, shorter at the end', async () => {
    assert.deepEqual(Buffer.from(await port.readFile(at('medium.txt'), { offset: 26, length: 3 })), Buffer.from('abc'));
    assert.equal((await port.readFile(at('small.txt'), { offset: 90, length: 50 })).length, 10);
  });

  it('reports symlinks, their target kind, and broken links as other', async () => {
    assert.deepEqual(await port.stat(at('link.txt')), { ...(await port.stat(at('small.txt')))!, isSymlink: true });
    assert.equal((await port.stat(at('broken')))!.kind, 'other');
    assert.equal(await port.stat(at('nothing-here')), undefined);
    const entries = await port.readDirectory(at(''));
    assert.deepEqual(entries.find((e) => e.name === 'link.txt'), { name: 'link.txt', kind: 'file', isSymlink: true });
    assert.equal(await port.realPath(at('link.txt')), path.join(await import('node:fs').then((fs) => fs.realpathSync(dir)), 'small.txt'));
  });
});
