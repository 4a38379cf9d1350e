// The sensitive-file deny list at any depth, the content check for PEM private keys, and the
// hard-link policy, both as pure functions and through read_file / search_text on a real folder.
import * as assert from 'node:assert/strict';
import { linkSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { hardLinkRule, privateKeyRule, sensitiveMatchedFile, sensitiveRule } from '../../../src/tools/sensitiveFiles';
import { SECRET_VALUE, errorOf, harness, outputOf } from './fixture';

const encode = (text: string) => new TextEncoder().encode(text);

describe('sensitive files: the deny list', () => {
  const sensitiveAtAnyDepth = [
    '.aws/credentials', '.aws/config', 'home/.aws/config', 'a/b/.aws/credentials',
    '.kube/config', 'x/.kube/config', '.docker/config.json', 'y/.docker/config.json',
    'kubeconfig', 'deploy/kubeconfig', 'prod.kubeconfig', 'ops/staging.kubeconfig',
    '.envrc', 'app/.envrc',
    '.ssh/deploy_key', 'home/.ssh/deploy_key', 'home/.ssh/known_hosts', 'home/.ssh/config',
    '.hg/hgrc', 'vendor/lib/.hg/hgrc',
    '.env.pub', 'sub/.env.pub',
    '.env', 'sub/.env.local', 'certs/server.pem', 'id_rsa', 'keys/id_ed25519',
  ];
  for (const file of sensitiveAtAnyDepth) {
    it(`'${file}' is sensitive`, () => assert.ok(sensitiveRule(file), `${file} should be on the deny list`));
  }

  const notSensitive = ['id_rsa.pub', 'keys/id_ed25519.pub', '.env.example', 'src/config.ts', 'docs/kubernetes.md', 'config.json', 'docker/config.json', 'kube/config', 'key.pub'];
  for (const file of notSensitive) {
    it(`'${file}' is not sensitive`, () => assert.equal(sensitiveRule(file), undefined));
  }
});

describe('sensitive files: private keys by content', () => {
  const keys = [
    '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk=\n',
    '-----BEGIN RSA PRIVATE KEY-----\nMIIE\n',
    '-----BEGIN PRIVATE KEY-----\nMIIE\n',
    '-----BEGIN EC PRIVATE KEY-----\r\nMHcC\r\n',
    '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIF\n',
    '-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQ\n',
    '\uFEFF\n  \n-----BEGIN DSA PRIVATE KEY-----\n',
  ];
  for (const key of keys) {
    it(`flags ${JSON.stringify(key.slice(0, 40))}`, () => assert.ok(privateKeyRule(encode(key))));
  }
  const harmless = [
    '', 'hello', '-----BEGIN CERTIFICATE-----\nMIIB\n', '-----BEGIN PUBLIC KEY-----\nMIIB\n',
    '# How to make a key\n\n-----BEGIN RSA PRIVATE KEY----- is the header\n', 'ssh-rsa AAAA public\n',
  ];
  for (const text of harmless) {
    it(`does not flag ${JSON.stringify(text.slice(0, 40))}`, () => assert.equal(privateKeyRule(encode(text)), undefined));
  }

  it('flags a regular file with more than one name, never a directory or a single-named file', () => {
    assert.ok(hardLinkRule({ kind: 'file', isSymlink: false, size: 1, mtime: 0, links: 2 }));
    assert.equal(hardLinkRule({ kind: 'file', isSymlink: false, size: 1, mtime: 0, links: 1 }), undefined);
    assert.equal(hardLinkRule({ kind: 'file', isSymlink: false, size: 1, mtime: 0 }), undefined);
    assert.equal(hardLinkRule({ kind: 'directory', isSymlink: false, size: 1, mtime: 0, links: 5 }), undefined);
  });
});

describe('sensitive files: through the tools', () => {
  let root: string;
  let ws: string;
  const DEPLOY_KEY = `-----BEGIN OPENSSH PRIVATE KEY-----\n${SECRET_VALUE} needle\n-----END OPENSSH PRIVATE KEY-----\n`;

  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'gemini-sensitive-'));
    ws = path.join(root, 'ws');
    const files: Record<string, string> = {
      'home/.aws/config': `[default]\naws_secret_access_key=${SECRET_VALUE} needle\n`,
      'x/.kube/config': `token: ${SECRET_VALUE} needle\n`,
      'y/.docker/config.json': `{"auths":"${SECRET_VALUE} needle"}\n`,
      'ops/prod.kubeconfig': `token: ${SECRET_VALUE} needle\n`,
      '.envrc': `export TOKEN=${SECRET_VALUE} needle\n`,
      'home/.ssh/deploy_key': DEPLOY_KEY,
      'vendor/.hg/hgrc': `[auth]\nx.password = ${SECRET_VALUE} needle\n`,
      '.env.pub': `TOKEN=${SECRET_VALUE} needle\n`,
      'notes/backup.txt': DEPLOY_KEY,
      'src/plain.ts': 'export const needle = 1;\n',
    };
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(ws, name)), { recursive: true });
      writeFileSync(path.join(ws, name), content);
    }
    writeFileSync(path.join(root, 'outside.txt'), `outside ${SECRET_VALUE} needle\n`);
    writeFileSync(path.join(ws, '.env'), `API_KEY=${SECRET_VALUE} needle\n`);
    linkSync(path.join(root, 'outside.txt'), path.join(ws, 'hard-out.txt'));
    linkSync(path.join(ws, '.env'), path.join(ws, 'hard-env.txt'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  const asked = [
    'home/.aws/config', 'x/.kube/config', 'y/.docker/config.json', 'ops/prod.kubeconfig', '.envrc',
    'home/.ssh/deploy_key', 'vendor/.hg/hgrc', '.env.pub', 'notes/backup.txt', 'hard-out.txt', 'hard-env.txt',
  ];
  for (const file of asked) {
    it(`read_file asks before reading '${file}' and returns nothing when refused`, async () => {
      const h = harness({ root, ws, ws2: ws, outside: root, cleanup() {} }, { extras: {} });
      const message = errorOf(await h.call('read_file', { path: file }));
      assert.match(message, /did not allow reading/);
      assert.ok(!message.includes(SECRET_VALUE));
      assert.equal(h.approver.requests.length, 1);
      assert.deepEqual(h.approver.requests[0].sensitiveFiles, [file]);
    });
  }

  it('read_file reads a flagged file once allowed', async () => {
    const h = harness({ root, ws, ws2: ws, outside: root, cleanup() {} }, { extras: {}, answer: 'allow' });
    assert.match(outputOf(await h.call('read_file', { path: 'notes/backup.txt' })), /BEGIN OPENSSH PRIVATE KEY/);
    assert.match(h.approver.requests[0].detail, /private key/i);
  });

  it('sensitiveMatchedFile reads the head itself when a search backend has no bytes', async () => {
    const h = harness({ root, ws, ws2: ws, outside: root, cleanup() {} }, { extras: {} });
    const folder = h.port.folders()[0];
    assert.match((await sensitiveMatchedFile(h.port, { folder, path: 'notes/backup.txt' })) ?? '', /private key/);
    assert.match((await sensitiveMatchedFile(h.port, { folder, path: 'hard-out.txt' })) ?? '', /hard link/);
    assert.equal(await sensitiveMatchedFile(h.port, { folder, path: 'src/plain.ts' }), undefined);
    assert.ok(h.port.reads.every((r) => r.range && r.range.length <= 1024), 'only the head is read');
  });

  it('get_selection asks before returning a selection in a key file, a hard link, or a selection that is a key', async () => {
    const h = harness({ root, ws, ws2: ws, outside: root, cleanup() {} }, { extras: {} });
    const folder = h.port.folders()[0];
    const select = (path: string | undefined, text: string) => {
      h.port.extras.selection = { location: path ? { folder, path } : undefined, uri: path ? `file:///ws/${path}` : 'untitled:Untitled-1', untitled: !path, languageId: 'plaintext', lineCount: 3, selections: [{ startLine: 2, startColumn: 1, endLine: 2, endColumn: 10, text }] };
    };
    for (const [path, text] of [['notes/backup.txt', SECRET_VALUE], ['hard-env.txt', SECRET_VALUE], ['home/.aws/config', SECRET_VALUE], ['src/plain.ts', DEPLOY_KEY]] as const) {
      select(path, text);
      const message = errorOf(await h.call('get_selection'));
      assert.match(message, /did not allow reading/, `${path}: ${message}`);
      assert.ok(!message.includes(SECRET_VALUE));
    }
    select('src/plain.ts', 'export const needle = 1;');
    assert.match(outputOf(await h.call('get_selection')), /needle = 1/);
  });

  it('search_text never returns a line of any of them', async () => {
    const h = harness({ root, ws, ws2: ws, outside: root, cleanup() {} }, { extras: {} });
    const output = outputOf(await h.call('search_text', { query: 'needle' }));
    assert.match(output, /src\/plain\.ts/);
    assert.ok(!output.includes(SECRET_VALUE), output);
    assert.match(output, /\d+ sensitive files? skipped/);
  });

  it('search_text scoped to one flagged file returns none of it', async () => {
    const h = harness({ root, ws, ws2: ws, outside: root, cleanup() {} }, { extras: {} });
    for (const file of ['notes/backup.txt', 'hard-out.txt']) {
      const result = await h.call('search_text', { query: 'needle', path: file });
      const text = String(result.ok ? result.response.output : result.response.error);
      assert.ok(!text.includes(SECRET_VALUE), text);
    }
  });
});
