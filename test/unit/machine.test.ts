// scripts/machine.cjs (the checks behind `npm run doctor` and the preflight that runs before
// `npm start` / `npm test` build anything) against a fake machine, and the two scripts for real.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../harness/paths';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const machine = require(path.join(REPO_ROOT, 'scripts', 'machine.cjs'));

interface FakeMachine {
  root?: boolean;
  sudo?: boolean;
  apt?: boolean;
  chromium?: boolean;
  vscodeInstalled?: boolean;
  packages?: string[];
  commands?: string[];
  env?: Record<string, string>;
}

/** A Debian machine with everything, minus what the test takes away; apt "installs" into it. */
function fakeMachine(options: FakeMachine = {}) {
  const packages = new Set(options.packages ?? ['libkrb5-dev']);
  const commands = new Set(options.commands ?? ['npm', 'g++', 'make', 'python3', 'flock', 'dpkg-query', ...(options.apt === false ? [] : ['apt-get'])]);
  if (options.sudo) commands.add('sudo');
  let chromium = options.chromium ?? true;
  const cache = '/fake/home/.cache/gemini-vscode';
  const ran: string[][] = [];
  const probes = {
    env: { HOME: '/fake/home', ...options.env },
    platform: 'linux',
    arch: 'x64',
    nodeVersion: '20.11.1',
    isRoot: () => options.root ?? false,
    hasCommand: (name: string) => commands.has(name),
    canSudo: () => options.sudo ?? false,
    dpkgInstalled: (pkg: string) => packages.has(pkg),
    isExecutableFile: (file: string) => chromium && file === machine.DEFAULT_CHROMIUM,
    exists: (file: string) => (file.startsWith(cache) ? options.vscodeInstalled ?? true : file.startsWith(REPO_ROOT)),
    commandOutput: () => '10.8.2',
    freeBytes: () => 50e9,
  };
  const run = (cmd: string, args: string[]) => {
    ran.push([cmd, ...args]);
    const install = args.indexOf('install');
    if (install >= 0) {
      for (const pkg of args.slice(install + 1).filter((arg) => !arg.startsWith('-'))) {
        packages.add(pkg);
        if (pkg === 'chromium') chromium = true;
      }
    }
    return 0;
  };
  return { probes, run, ran };
}

describe('machine checks and the preflight before npm start / npm test', () => {
  it('a complete machine needs nothing and runs nothing', () => {
    const fake = fakeMachine({ root: true });
    assert.deepEqual(machine.preflight('test', fake.probes, fake.run), { ok: true, installed: [] });
    assert.deepEqual(fake.ran, []);
    assert.deepEqual(machine.missingFor('test', machine.runChecks(fake.probes)), []);
  });

  it('as root, a missing Chromium is installed with apt-get before the tests need it', () => {
    const fake = fakeMachine({ root: true, chromium: false });
    const result = machine.preflight('test', fake.probes, fake.run);
    assert.deepEqual(result, { ok: true, installed: ['chromium', 'fonts-liberation'] });
    assert.deepEqual(fake.ran, [
      ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', '-o', 'DPkg::Lock::Timeout=600', 'update', '-qq'],
      ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', '-o', 'DPkg::Lock::Timeout=600', 'install', '-y', '-qq', '--no-install-recommends', 'chromium', 'fonts-liberation'],
    ]);
  });

  it('with passwordless sudo, apt-get runs through sudo -n', () => {
    const fake = fakeMachine({ sudo: true, chromium: false });
    assert.equal(machine.preflight('test', fake.probes, fake.run).ok, true);
    assert.deepEqual(fake.ran.map((command) => command.slice(0, 4)), [
      ['sudo', '-n', 'env', 'DEBIAN_FRONTEND=noninteractive'],
      ['sudo', '-n', 'env', 'DEBIAN_FRONTEND=noninteractive'],
    ]);
  });

  it('without root or sudo it stops with one line naming the exact command, and runs nothing', () => {
    const fake = fakeMachine({ chromium: false });
    const result = machine.preflight('test', fake.probes, fake.run);
    assert.equal(result.ok, false);
    assert.equal(result.line, 'npm test needs chromium: run `sudo apt-get install -y chromium fonts-liberation` (as root), then npm test again');
    assert.doesNotMatch(result.line, /\n/);
    assert.deepEqual(fake.ran, []);
  });

  it('a CHROMIUM_PATH that points nowhere stops the run (apt cannot fix it)', () => {
    const fake = fakeMachine({ root: true, env: { CHROMIUM_PATH: '/opt/nowhere/chrome' } });
    const result = machine.preflight('test', fake.probes, fake.run);
    assert.equal(result.ok, false);
    assert.match(result.line, /^npm test needs chromium: point CHROMIUM_PATH at a Chromium binary, or unset it and run: apt-get install -y chromium fonts-liberation/);
    assert.deepEqual(fake.ran, []);
  });

  it('when apt-get runs but the package still is not there, it says so in one line', () => {
    const fake = fakeMachine({ root: true, chromium: false });
    const result = machine.preflight('test', fake.probes, () => 0); // apt "succeeds", installs nothing
    assert.equal(result.ok, false);
    assert.equal(result.line, 'npm test needs chromium: apt-get install chromium fonts-liberation did not provide chromium (see above); fix that, then npm test again (npm run doctor lists every check)');
  });

  it('npm start does not need Chromium', () => {
    const fake = fakeMachine({ chromium: false });
    assert.deepEqual(machine.preflight('start', fake.probes, fake.run), { ok: true, installed: [] });
  });

  it('libkrb5-dev, the toolchain and python3 are required only while VS Code is not installed', () => {
    const installed = fakeMachine({ packages: [], commands: ['npm', 'flock'], vscodeInstalled: true });
    assert.deepEqual(machine.missingFor('start', machine.runChecks(installed.probes)), []);
    const fresh = fakeMachine({ root: true, packages: [], commands: ['npm', 'flock', 'apt-get'], vscodeInstalled: false });
    assert.deepEqual(machine.missingFor('start', machine.runChecks(fresh.probes)).map((check: { id: string }) => check.id), ['libkrb5-dev', 'toolchain', 'python3']);
    const result = machine.preflight('start', fresh.probes, fresh.run);
    // The fake apt installs packages, not commands: the toolchain stays missing, so it stops.
    assert.equal(result.ok, false);
    assert.deepEqual(fresh.ran[1].slice(-3), ['libkrb5-dev', 'build-essential', 'python3']);
  });

  it('a machine without apt-get gets each fix in the line', () => {
    const fake = fakeMachine({ root: true, apt: false, chromium: false });
    const result = machine.preflight('test', fake.probes, fake.run);
    assert.equal(result.line, 'npm test needs chromium: install Chromium with your package manager and set CHROMIUM_PATH to its binary (npm run doctor lists every check)');
    assert.deepEqual(fake.ran, []);
  });

  it('reads the versions the installer installs', () => {
    assert.deepEqual(machine.installerVersions({}), { codeServer: '4.139.1', node24: '24.21.0' });
    assert.deepEqual(machine.installerVersions({ CODE_SERVER_VERSION: '9.9.9' }).codeServer, '9.9.9');
  });
});

describe('npm run doctor and the preflight, for real', function () {
  this.timeout(60000); // spawns node, npm --version and dpkg-query: slow on a loaded machine
  let home: string;
  beforeEach(() => (home = mkdtempSync(path.join(os.tmpdir(), 'doctor-home-'))));
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  const run = (script: string, args: string[], env: Record<string, string>) =>
    spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', script), ...args], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, GEMINI_VSCODE_CACHE: '', ...env },
    });

  it('doctor lists every check with its fix, and exits 1 when Chromium is missing', () => {
    const result = run('doctor.mjs', [], { HOME: home, CHROMIUM_PATH: path.join(home, 'no-chromium') });
    assert.equal(result.status, 1, result.stderr);
    for (const label of ['Linux x64', 'Node.js 20 or newer', 'npm', 'npm dependencies', 'Chromium', 'libkrb5-dev', 'C++ compiler and make', 'python3', 'flock', 'VS Code cache', 'free disk']) {
      assert.match(result.stdout, new RegExp(`^  \\S+ +${label.replace(/[+.]/g, '\\$&')}`, 'm'), `no line for ${label}:\n${result.stdout}`);
    }
    assert.match(result.stdout, /MISSING +Chromium \(for npm test\) +CHROMIUM_PATH=.*no-chromium is not an executable file\n +fix: point CHROMIUM_PATH at a Chromium binary/);
    assert.match(result.stdout, /VS Code cache +empty: the first npm start or npm test installs code-server/);
    assert.match(result.stdout, /required thing is missing: chromium\.$/m);
    const json = JSON.parse(run('doctor.mjs', ['--json'], { HOME: home, CHROMIUM_PATH: path.join(home, 'no-chromium') }).stdout);
    assert.equal(json.ok, false);
    assert.equal(json.checks.find((check: { id: string }) => check.id === 'chromium').ok, false);
  });

  it('preflight stops before any build with one line on stderr', () => {
    const result = run('preflight.mjs', ['test'], { HOME: home, CHROMIUM_PATH: path.join(home, 'no-chromium') });
    assert.equal(result.status, 1);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
    assert.match(result.stderr, /^npm test needs chromium: point CHROMIUM_PATH at a Chromium binary/);
  });
});
