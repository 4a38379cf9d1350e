// Runs the UI specs (out/test/ui/**/*.test.js) in Node with mocha against one shared real VS Code
// workbench in Chromium (see session.ts). Prints `ui: N passed, N failed`; exits non-zero when a
// spec fails or none ran. Screenshots land in test-output/screenshots/.
//
//   node out/test/ui/run.js [--grep <pattern>] [--verbose]
import Mocha from 'mocha';
import { installVSCode } from '../harness/install';
import { specFiles } from '../harness/specFiles';
import { startUiSession, stopUiSession } from '../harness/uiSession';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const grepAt = args.indexOf('--grep');
  const verbose = args.includes('--verbose') || process.env.GEMINI_TEST_VERBOSE === '1';

  await installVSCode();
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, reporter: 'spec', color: process.stdout.isTTY });
  if (grepAt >= 0) mocha.grep(args[grepAt + 1]);
  for (const file of specFiles(__dirname)) mocha.addFile(file);

  const counts = { passed: 0, failed: 0, pending: 0 };
  await startUiSession({ verbose });
  try {
    await new Promise<void>((resolve) => {
      const runner = mocha.run(() => resolve());
      runner.on('pass', () => counts.passed++);
      runner.on('fail', () => counts.failed++);
      runner.on('pending', () => counts.pending++);
    });
  } finally {
    await stopUiSession();
  }
  console.log(`ui: ${counts.passed} passed, ${counts.failed} failed${counts.pending ? `, ${counts.pending} pending` : ''}`);
  if (counts.passed + counts.failed === 0) {
    console.error('ui: no spec ran (empty suite or a --grep that matches nothing)');
    return 1;
  }
  return counts.failed > 0 ? 1 : 0;
}

// Exiting runs the harness's exit hook, which kills the detached VS Code server.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => process.exit(130));

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`ui: ${error.stack ?? error.message}`);
    console.log('ui: 0 passed, 0 failed (not run)');
    process.exit(1);
  },
);
