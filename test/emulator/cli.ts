// Standalone emulator for trying the extension by hand: `npm run emulator -- --port 8765 --key test-key`.
// Every chat gets the echo answer, or with `--demo` the demo script (demo.ts, and retired models
// answer 404 like Google's service); stops on Ctrl-C.
import { RETIRED_MODELS } from './catalogue';
import { GeminiEmulator } from './server';
import { TEST_KEY } from './types';

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(`--${name}`);
  if (index >= 0) return args[index + 1];
  return args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const port = Number(option(args, 'port') ?? 8765);
  const apiKey = option(args, 'key') ?? TEST_KEY;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, got ${option(args, 'port')}`);
  const demo = args.includes('--demo');
  const emulator = await GeminiEmulator.start({ port, apiKey, defaultChunkDelayMs: 80, ...(demo ? { script: 'demo' as const, retiredModels: RETIRED_MODELS } : {}) });
  console.log(`Gemini emulator listening on ${emulator.baseUrl}`);
  console.log(`Set "gemini.endpoint" to ${emulator.baseUrl} and use the API key "${apiKey}". Ctrl-C stops it.`);
  const stop = (): void => {
    void emulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: Error) => {
  console.error(`Gemini emulator failed to start: ${error.message}`);
  process.exit(1);
});
