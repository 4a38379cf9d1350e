// The whole-workspace pack over a real folder on disk (the tools' sandbox: ignore files, secrets,
// binary and large files, symlinks in and out): what goes in, what the manifest lists as left out
// and why, the budget measured with countTokens, the relevance order, and cancellation.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Content } from '@google/genai';
import { silentLogger } from '../../../src/common/logger';
import { buildWorkspacePack, packBudget, type PackRequest } from '../../../src/context/packer';
import { PackCancelled } from '../../../src/context/packWalk';
import { ToolCallContext } from '../../../src/tools/context';
import { CountingPort, DEFAULT_TEST_SETTINGS, SECRET_VALUE, makeSandbox, type Sandbox } from '../tools/fixture';

const text = (contents: Content[]) => (contents[0].parts ?? []).map((p) => p.text ?? '').join('\n');
const filesIn = (contents: Content[]) => (contents[0].parts ?? []).slice(1).map((p) => /^<file path="([^"]+)">/.exec(p.text ?? '')![1]);
const countChars = async (contents: Content[]) => Math.ceil(JSON.stringify(contents).length / 4);

describe('whole workspace: packing under the tools\' policy', () => {
  let box: Sandbox;
  let port: CountingPort;
  beforeEach(() => {
    box = makeSandbox();
    writeFileSync(path.join(box.ws, 'keys.txt'), `-----BEGIN OPENSSH PRIVATE KEY-----\n${SECRET_VALUE}\n`);
    port = new CountingPort([{ path: box.ws }], { exclude: { '*': ['build-out/**', '*.tmp'] } });
  });
  afterEach(() => box.cleanup());

  function request(extra: Partial<PackRequest> = {}, signal = new AbortController().signal): PackRequest {
    return {
      ctx: new ToolCallContext(port, DEFAULT_TEST_SETTINGS, signal, silentLogger),
      question: 'how does add work', open: [], recent: new Map(), budgetTokens: 100_000, countTokens: countChars, ...extra,
    };
  }

  it('packs the readable text files and lists every file it left out, with the reason', async () => {
    const pack = await buildWorkspacePack(request());
    const packed = filesIn(pack.contents);
    for (const file of ['README.md', 'src/index.ts', 'src/util/math.ts', 'src/nested/kept.ts', 'keep.log', '.env.example', 'link-in.ts']) {
      assert.ok(packed.includes(file), `${file} is packed: ${packed.join(', ')}`);
    }
    const all = text(pack.contents);
    assert.ok(!all.includes(SECRET_VALUE), 'no secret reaches the pack');
    assert.ok(!all.includes('excluded needle') && !all.includes('private needle') && !all.includes('var needle'), 'ignored files stay out');
    const reason = (file: string) => pack.manifest.omitted.find((entry) => entry.display === file)?.reason;
    assert.equal(reason('dist'), 'ignored');
    assert.equal(reason('private'), 'ignored');
    assert.equal(reason('build-out') ?? reason('build-out/x.txt'), 'ignored');
    assert.equal(reason('app.log'), 'ignored');
    assert.equal(reason('src/nested/generated.ts'), 'ignored');
    assert.equal(reason('.env'), 'sensitive');
    assert.equal(reason('id_rsa'), 'sensitive');
    assert.equal(reason('certs'), undefined, 'the folder itself is walked');
    assert.equal(reason('certs/server.pem'), 'sensitive');
    assert.equal(reason('keys.txt'), 'sensitive', 'a private key is found by its content too');
    assert.equal(reason('image.png'), 'binary');
    assert.equal(reason('big.txt'), 'tooLarge');
    assert.equal(reason('link-out'), 'symlink');
    assert.equal(reason('link-dir-out'), 'symlink');
    assert.equal(reason('link-to-env'), 'sensitive');
    assert.equal(reason('link-to-dist.js'), 'symlink', 'a link into an ignored folder');
    // The manifest goes to the model too, at the head of the pack.
    assert.match(all, /# Workspace manifest/);
    assert.match(all, /## Sensitive \(secrets are never sent\) \(\d+\)\n(- .*\n)*- \.env: /);
    assert.match(all, /- link-out: it is a symbolic link .* outside the workspace/);
    assert.equal(pack.manifest.tokens, await countChars(pack.contents), 'the pack is measured with countTokens');
  });

  it('puts open files first, then recently edited ones, then files near the question, then the rest', async () => {
    const pack = await buildWorkspacePack(request({ open: ['README.md'], recent: new Map([['src/nested/kept.ts', Date.now()]]), question: 'Where is the math util?' }));
    const packed = filesIn(pack.contents);
    assert.deepEqual(packed.slice(0, 3), ['README.md', 'src/nested/kept.ts', 'src/util/math.ts']);
    assert.deepEqual(pack.manifest.included.slice(0, 3).map((f) => f.why), ['open', 'recently edited', 'matches the question']);
  });

  it('stays within the budget as countTokens measures it, dropping the least relevant files', async () => {
    // The service counts twice what the local estimate says: the first pack is over, files are dropped.
    let counts = 0;
    const doubled = async (contents: Content[]) => { counts++; return 2 * await countChars(contents); };
    const pack = await buildWorkspacePack(request({ budgetTokens: 4000, countTokens: doubled, open: ['minified.js'] }));
    assert.ok(pack.manifest.tokens <= 4000, `counted ${pack.manifest.tokens}`);
    assert.ok(counts >= 2, 'counted again after dropping files');
    assert.equal(filesIn(pack.contents)[0], 'minified.js', 'the open file is kept');
    assert.ok(pack.manifest.omitted.some((entry) => entry.reason === 'budget'), 'what did not fit is listed');
  });

  it('stops when cancelled, with nothing built', async () => {
    const abort = new AbortController();
    abort.abort();
    await assert.rejects(buildWorkspacePack(request({}, abort.signal)), PackCancelled);
  });

  it('budgets half the model\'s input limit, with a fallback for unknown models', () => {
    assert.equal(packBudget(1_048_576), 524_288);
    assert.equal(packBudget(undefined), 64_000);
  });
});
