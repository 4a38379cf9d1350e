// What both integration runners (run.ts: VS Code server + Chromium; runElectron.ts: desktop VS
// Code via @vscode/test-electron) give the extension host: the Gemini emulator with its remote
// control, a throw-away copy of the fixture workspace, the test key and the endpoint setting.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { GeminiEmulator, TEST_KEY } from '../emulator';
import { EMULATOR_CONTROL_ENV, EMULATOR_URL_ENV, startEmulatorControl } from './emulatorControl';
import { FIXTURE_WORKSPACE } from './paths';
import { EXPECTED_VSCODE_VERSION_ENV, GREP_ENV } from './integrationProtocol';

export interface IntegrationEnvironment {
  emulator: GeminiEmulator;
  /** A copy of test/fixtures/workspace, so tests may edit files freely. */
  workspace: string;
  /** Environment for the extension host. */
  env: Record<string, string | undefined>;
  /** User settings for the profile the host runs in. */
  userSettings: Record<string, unknown>;
  dispose(): Promise<void>;
}

export async function prepareIntegrationEnvironment(options: { grep?: string; expectedVSCodeVersion: string }): Promise<IntegrationEnvironment> {
  const emulator = await GeminiEmulator.start({ apiKey: TEST_KEY });
  const control = await startEmulatorControl(emulator).catch(async (error) => {
    await emulator.close();
    throw error;
  });
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'gemini-workspace-'));
  cpSync(FIXTURE_WORKSPACE, workspace, { recursive: true });
  return {
    emulator,
    workspace,
    env: {
      GEMINI_API_KEY: TEST_KEY,
      [EMULATOR_URL_ENV]: emulator.baseUrl,
      [EMULATOR_CONTROL_ENV]: control.url,
      [GREP_ENV]: options.grep,
      [EXPECTED_VSCODE_VERSION_ENV]: options.expectedVSCodeVersion,
    },
    // The integration specs drive Explain through the chat; the inline thread has its UI spec.
    userSettings: { 'gemini.endpoint': emulator.baseUrl, 'gemini.editor.explainStyle': 'chat' },
    dispose: async () => {
      await control.close().catch(() => undefined);
      await emulator.close().catch(() => undefined);
      rmSync(workspace, { recursive: true, force: true });
    },
  };
}

export function argValue(args: string[], flag: string): string | undefined {
  const at = args.indexOf(flag);
  return at >= 0 ? args[at + 1] : undefined;
}
