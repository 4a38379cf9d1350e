// `npm start`: opens this extension in a REAL VS Code (VS Code's own server from code-server, in
// your browser) on 127.0.0.1. Installs VS Code into ~/.cache/gemini-vscode (or GEMINI_VSCODE_CACHE)
// on first use; `npm start` runs scripts/preflight.mjs before it, which checks the machine.
//
//   npm start [-- <folder>] [-- --emulator] [-- --port 8080]
//     <folder>     workspace to open (default: the folder you ran npm from)
//     --emulator   answer with the local Gemini emulator instead of Google (no key needed)
//     --port N     port to listen on (default: $PORT, else a free one)
//     --verbose    print the VS Code server's output
//
// GEMINI_API_KEY, when set, reaches the extension; otherwise the extension asks for a key.
// The harness (TypeScript, test/harness) is bundled on the fly with esbuild so this works
// without a full `tsc` pass.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EMULATOR_KEY = 'test-key';

function parseArgs(argv) {
  const options = { emulator: false, verbose: false, port: process.env.PORT ? Number(process.env.PORT) : 0, folder: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--emulator') options.emulator = true;
    else if (arg === '--verbose') options.verbose = true;
    else if (arg === '--port') options.port = Number(argv[++i]);
    else if (arg.startsWith('--port=')) options.port = Number(arg.slice('--port='.length));
    else if (arg === '--help' || arg === '-h') options.help = true;
    else if (!arg.startsWith('--') && options.folder === undefined) options.folder = arg;
    else throw new Error(`unknown option ${arg} (see scripts/start.mjs)`);
  }
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) throw new Error(`--port must be a port number`);
  return options;
}

async function loadHarness() {
  const outfile = path.join(root, 'node_modules', '.cache', 'gemini-vscode-start', 'harness.cjs');
  mkdirSync(path.dirname(outfile), { recursive: true });
  await build({
    stdin: {
      contents: [
        "export { startVSCodeServer } from './test/harness/server';",
        "export { installVSCode } from './test/harness/install';",
        "export { GeminiEmulator, RETIRED_MODELS } from './test/emulator';",
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
      sourcefile: 'start-harness.ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    outfile,
    logLevel: 'warning',
  });
  return createRequire(import.meta.url)(outfile);
}

function ensureExtensionBuilt() {
  const bundle = path.join(root, 'dist', 'extension.js');
  if (existsSync(bundle) && statSync(bundle).size > 0) return;
  console.log('Building the extension (npm run build)...');
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.help) {
    console.log('usage: npm start [-- <folder>] [-- --emulator] [-- --port N] [-- --verbose]');
    return;
  }
  // npm runs scripts from the package folder; INIT_CWD is where the person typed the command.
  const folder = path.resolve(process.env.INIT_CWD ?? process.cwd(), options.folder ?? '.');
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new Error(`workspace folder not found: ${folder}`);

  ensureExtensionBuilt();
  const harness = await loadHarness();
  await harness.installVSCode();

  const cleanups = [];
  let stopping = false;
  const stop = async (code) => {
    if (stopping) return;
    stopping = true;
    for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => undefined);
    process.exit(code);
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));
  process.once('SIGHUP', () => void stop(0));

  try {
    const env = {};
    const userSettings = {};
    if (options.emulator) {
      // The demo script (test/emulator/demo.ts): thinking, a README tool call, Markdown, edit proposals.
      const emulator = await harness.GeminiEmulator.start({ apiKey: EMULATOR_KEY, defaultChunkDelayMs: 60, script: 'demo', retiredModels: harness.RETIRED_MODELS });
      cleanups.push(() => emulator.close());
      env.GEMINI_API_KEY = EMULATOR_KEY;
      userSettings['gemini.endpoint'] = emulator.baseUrl;
      console.log(`Gemini emulator on ${emulator.baseUrl} (API key "${EMULATOR_KEY}"); answers with its demo script (see README).`);
    }
    const server = await harness.startVSCodeServer({ workspace: folder, port: options.port, userSettings, env, verbose: options.verbose });
    cleanups.push(() => server.dispose());
    server.exited.then((code) => {
      if (stopping) return;
      console.error(`VS Code server stopped (exit code ${code}).`);
      void stop(1);
    });

    const keyNote = options.emulator
      ? 'Gemini: the local emulator.'
      : process.env.GEMINI_API_KEY
        ? 'Gemini: using GEMINI_API_KEY from your environment.'
        : 'Gemini: no GEMINI_API_KEY set; the extension will ask for a key (or run with --emulator).';
    console.log(
      [
        '',
        `VS Code ${server.install.vscodeVersion} with Gemini for VS Code is running. Open this URL in Chrome, Edge or Firefox:`,
        '',
        `  ${server.workbenchUrl()}`,
        '',
        `Workspace: ${folder}`,
        keyNote,
        'Rebuild with `npm run watch` in another terminal and reload the browser tab to pick up changes.',
        'Ctrl-C stops everything.',
      ].join('\n'),
    );
  } catch (error) {
    console.error(`npm start failed: ${error.message}`);
    await stop(1);
  }
}

main().catch((error) => {
  console.error(`npm start failed: ${error.message}`);
  process.exit(1);
});
