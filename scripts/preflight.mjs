// Runs first in `npm start` and `npm test`, before any build: checks what the machine needs
// (scripts/machine.cjs) and installs missing Debian packages with apt-get, as root or through
// passwordless sudo, the way scripts/install-vscode.sh installs libkrb5-dev. Where it cannot,
// it stops with one line that says exactly what to run.
//
//   node scripts/preflight.mjs start|test
import { spawnSync } from 'node:child_process';
import machine from './machine.cjs';

const target = process.argv[2];
if (target !== 'start' && target !== 'test') {
  console.error('usage: node scripts/preflight.mjs start|test');
  process.exit(2);
}

const run = (cmd, args) => {
  console.error(`preflight: ${cmd} ${args.join(' ')}`);
  return spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] }).status ?? 1;
};

const result = machine.preflight(target, machine.systemProbes(process.env), run);
if (!result.ok) {
  console.error(result.line);
  process.exit(1);
}
if (result.installed.length) console.error(`preflight: installed ${result.installed.join(' ')}`);
