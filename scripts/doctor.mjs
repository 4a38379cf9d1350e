// `npm run doctor`: lists what this machine has and lacks for `npm start` and `npm test`, with the
// command that fixes each missing thing. Exits 1 when something required is missing. The checks
// live in scripts/machine.cjs, shared with the preflight that runs before every start and test.
//
//   npm run doctor [-- --json]
import machine from './machine.cjs';

const probes = machine.systemProbes(process.env);
const checks = machine.runChecks(probes);
const missing = checks.filter((check) => check.required && !check.ok);

if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ ok: missing.length === 0, checks }, null, 2));
} else {
  const width = Math.max(...checks.map((check) => check.label.length));
  console.log('What this machine has for `npm start` and `npm test`:\n');
  for (const check of checks) {
    const status = check.ok ? (check.required ? 'ok' : 'info') : check.required ? 'MISSING' : 'missing';
    console.log(`  ${status.padEnd(8)} ${check.label.padEnd(width)}  ${check.detail}`);
    if (!check.ok && check.fix) console.log(`  ${''.padEnd(8)} ${''.padEnd(width)}  fix: ${check.fix}`);
  }
  const packages = [...new Set(missing.flatMap((check) => check.apt))];
  console.log('');
  if (missing.length === 0) console.log('Nothing required is missing.');
  else {
    console.log(`${missing.length} required ${missing.length === 1 ? 'thing is' : 'things are'} missing: ${missing.map((check) => check.id).join(', ')}.`);
    if (missing.filter((check) => check.apt.length).length > 1) console.log(`All apt packages at once: ${machine.aptCommand(packages, probes)}`);
  }
}
process.exit(missing.length === 0 ? 0 : 1);
