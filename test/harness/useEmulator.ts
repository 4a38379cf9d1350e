// The Gemini emulator for one mocha suite: started before its first test, reset after each test
// (recorded requests, queued answers, caches, files, token counter; the key stays), closed after
// its last. Call it in a describe() body and use the result as the emulator:
//
//   const emu = useEmulator();
//   it('answers', async () => { emu.enqueue(...); ...; assert.equal(emu.requests.length, 1); });
//
// The result stands in for the emulator that before() starts (a suite's body runs before its
// hooks), so it can be handed to helpers once a test or hook runs.
import { GeminiEmulator, TEST_KEY, type EmulatorOptions } from '../emulator';

export { TEST_KEY };

export function useEmulator(options: EmulatorOptions = {}): GeminiEmulator {
  let started: GeminiEmulator | undefined;
  before(async () => {
    started = await GeminiEmulator.start({ apiKey: TEST_KEY, ...options });
  });
  afterEach(() => started?.reset());
  after(async () => {
    await started?.close();
    started = undefined;
  });
  return new Proxy({} as GeminiEmulator, {
    get(_target, key) {
      if (!started) throw new Error(`useEmulator(): read emulator.${String(key)} in a test or hook, after the suite's before() started it`);
      const value: unknown = Reflect.get(started, key, started);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(started) : value;
    },
    // Settings such as `emu.modelPages = 'endless'` must reach the emulator, not the stand-in.
    set(_target, key, value) {
      if (!started) throw new Error(`useEmulator(): set emulator.${String(key)} in a test or hook, after the suite's before() started it`);
      return Reflect.set(started, key, value, started);
    },
  });
}
