// Starts VS Code's own server (from code-server's npm package) on loopback with throw-away data
// folders, so every run starts from a clean profile and nothing reaches the internet.
import { ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { installVSCode, VSCodeInstall } from './install';
import { installTestLanguagePack } from './languagePack';
import { EXTENSION_ID, REPO_ROOT } from './paths';

export interface VSCodeServerOptions {
  /** Folder the workbench opens. */
  workspace: string;
  /** Written to `<user-data-dir>/User/settings.json` before the workbench loads. */
  userSettings?: Record<string, unknown>;
  /** Extra environment for the server and therefore the extension host (e.g. GEMINI_API_KEY). */
  env?: Record<string, string | undefined>;
  /** Folder of the extension under development; defaults to this repository. */
  extensionDevelopmentPath?: string;
  /** More extensions loaded for development beside it (test fixtures, e.g. one contributing lm tools). */
  extraExtensionPaths?: string[];
  host?: string;
  /** 0 (default) lets the server pick a free port. */
  port?: number;
  /** Prints the server's output; useful when the workbench misbehaves. */
  verbose?: boolean;
  /** How long to wait for "Web UI available at". */
  startTimeoutMs?: number;
  /** VS Code's display language, e.g. `es`: served with a test-only language pack (languagePack.ts). */
  displayLanguage?: string;
}

export interface VSCodeServer {
  port: number;
  host: string;
  /** `http://host:port/` */
  url: string;
  workspace: string;
  extensionDevelopmentPath: string;
  userDataDir: string;
  install: VSCodeInstall;
  /** Workbench URL that opens the workspace with the extension loaded (and tests, when given). */
  workbenchUrl(options?: { extensionTestsPath?: string; workspace?: string }): string;
  /**
   * Replaces the user settings (quiet-workbench defaults kept). A running workbench notices the file
   * change only after a watcher delay (up to ~10 s right after load): set what you need before
   * opening the workbench, or change settings through the UI / `vscode.workspace` API.
   */
  writeUserSettings(settings: Record<string, unknown>): void;
  /** Merges `patch` into the current user settings; `undefined` values remove a key. */
  updateUserSettings(patch: Record<string, unknown>): void;
  userSettings(): Record<string, unknown>;
  /** Settles when the server process ends (exit code, or null when killed by a signal). */
  exited: Promise<number | null>;
  /** Server output so far (for diagnosing failures). */
  output(): string;
  dispose(): Promise<void>;
}

export async function startVSCodeServer(options: VSCodeServerOptions): Promise<VSCodeServer> {
  const install = await installVSCode();
  const host = options.host ?? '127.0.0.1';
  const extensionDevelopmentPath = options.extensionDevelopmentPath ?? REPO_ROOT;
  const root = mkdtempSync(path.join(os.tmpdir(), 'gemini-vscode-'));
  const serverDataDir = path.join(root, 'server-data');
  const userDataDir = path.join(root, 'user-data');
  const extensionsDir = path.join(root, 'extensions');
  for (const dir of [serverDataDir, userDataDir, extensionsDir, path.join(userDataDir, 'User')]) mkdirSync(dir, { recursive: true });

  let userSettings: Record<string, unknown> = { ...QUIET_WORKBENCH_SETTINGS, ...options.userSettings };
  const writeUserSettings = (settings: Record<string, unknown>): void => {
    userSettings = settings;
    writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  };
  writeUserSettings(userSettings);
  installExtraExtensions(extensionsDir, options.extraExtensionPaths ?? []);
  if (options.displayLanguage) installTestLanguagePack(userDataDir, options.displayLanguage);

  const args = [
    install.serverMain,
    '--host', host,
    '--port', String(options.port ?? 0),
    '--without-connection-token',
    '--accept-server-license-terms',
    // Required: without it the workbench silently ignores the URL payload (dev path, tests path).
    '--enable-smoke-test-driver',
    '--disable-telemetry',
    '--disable-workspace-trust',
    '--server-data-dir', serverDataDir,
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    ...(options.displayLanguage ? ['--locale', options.displayLanguage] : []),
  ];
  const env: Record<string, string | undefined> = { ...process.env, ...DEAD_GALLERY_ENV, ...options.env };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  // Detached: the server forks an extension host and file watchers; killing the group ends them all.
  const child = spawn(install.node, args, { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });

  let output = '';
  const onOutput = (text: string): void => {
    output += text;
    if (options.verbose) process.stderr.write(text.replace(/^/gm, '[vscode-server] '));
  };
  child.stdout!.setEncoding('utf8').on('data', onOutput);
  child.stderr!.setEncoding('utf8').on('data', onOutput);

  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  liveServers.add(child);
  void exited.then(() => liveServers.delete(child));
  killLiveServersOnExit();
  let port: number;
  try {
    port = await waitForWebUi(child, () => output, options.startTimeoutMs ?? 60_000);
  } catch (error) {
    killGroup(child);
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  const url = `http://${host}:${port}/`;

  return {
    port,
    host,
    url,
    workspace: options.workspace,
    extensionDevelopmentPath,
    userDataDir,
    install,
    workbenchUrl: (opts = {}) =>
      workbenchUrl({ host, port, workspace: opts.workspace ?? options.workspace, extensionDevelopmentPath, extensionTestsPath: opts.extensionTestsPath }),
    writeUserSettings: (settings) => writeUserSettings({ ...QUIET_WORKBENCH_SETTINGS, ...settings }),
    updateUserSettings: (patch) => writeUserSettings({ ...userSettings, ...patch }),
    userSettings: () => ({ ...userSettings }),
    exited,
    output: () => output,
    dispose: async () => {
      await stopProcessGroup(child);
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/**
 * Installs unpacked extensions (test fixtures) the way the server's own installer leaves them: a
 * copy in the extensions folder and an entry in its extensions.json. (The server loads only one
 * development extension, ours.)
 */
function installExtraExtensions(extensionsDir: string, folders: readonly string[]): void {
  const entries = folders.map((folder) => {
    const manifest = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
    const id = `${manifest.publisher}.${manifest.name}`;
    const relativeLocation = `${id}-${manifest.version}`;
    const target = path.join(extensionsDir, relativeLocation);
    cpSync(folder, target, { recursive: true });
    return { identifier: { id }, version: manifest.version, location: { $mid: 1, path: target, scheme: 'file' }, relativeLocation, metadata: { installedTimestamp: Date.now(), source: 'vsix' } };
  });
  if (entries.length) writeFileSync(path.join(extensionsDir, 'extensions.json'), JSON.stringify(entries));
}

export function workbenchUrl(o: { host: string; port: number; workspace: string; extensionDevelopmentPath: string; extensionTestsPath?: string }): string {
  const remote = (p: string): string => `vscode-remote://${o.host}:${o.port}${path.resolve(p)}`;
  const payload: [string, string][] = [['extensionDevelopmentPath', remote(o.extensionDevelopmentPath)]];
  if (o.extensionTestsPath) payload.push(['extensionTestsPath', remote(o.extensionTestsPath)]);
  payload.push(['skipWelcome', 'true']);
  return `http://${o.host}:${o.port}/?folder=${encodeURIComponent(path.resolve(o.workspace))}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** Settings that keep a fresh profile from opening tours, walkthroughs and release notes over the UI. */
export const QUIET_WORKBENCH_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'update.showReleaseNotes': false,
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  // 1.139 opens an (empty, with AI features off) secondary side bar on a fresh profile.
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

// A loopback port nobody listens on: gallery lookups fail at once instead of waiting on the network.
const DEAD_GALLERY_ENV = {
  EXTENSIONS_GALLERY: JSON.stringify({
    serviceUrl: 'http://127.0.0.1:9/gallery',
    itemUrl: 'http://127.0.0.1:9/item',
    resourceUrlTemplate: 'http://127.0.0.1:9/resource/{publisher}/{name}/{version}/{path}',
  }),
};

function waitForWebUi(child: ChildProcess, output: () => string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`VS Code server did not start within ${timeoutMs} ms. Output:\n${output()}`)), timeoutMs);
    const check = (): void => {
      const match = /Web UI available at https?:\/\/[^:\s]+:(\d+)/.exec(output());
      if (match) finish(undefined, Number(match[1]));
    };
    const onExit = (code: number | null): void => finish(new Error(`VS Code server exited (code ${code}) before it was ready. Output:\n${output()}`));
    function finish(error?: Error, port?: number): void {
      clearTimeout(timer);
      child.stdout!.off('data', check);
      child.stderr!.off('data', check);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(port!);
    }
    child.stdout!.on('data', check);
    child.stderr!.on('data', check);
    child.on('exit', onExit);
  });
}

// The server runs detached (its own process group), so Ctrl-C in the terminal does not reach it:
// whatever the way this process ends, take the groups down with it.
const liveServers = new Set<ChildProcess>();
let exitHookInstalled = false;
function killLiveServersOnExit(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of liveServers) killGroup(child, 'SIGKILL');
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

async function stopProcessGroup(child: ChildProcess): Promise<void> {
  liveServers.delete(child);
  if (child.exitCode !== null || child.signalCode !== null) {
    killGroup(child, 'SIGKILL'); // children may outlive the leader
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  killGroup(child, 'SIGTERM');
  const timedOut = await Promise.race([exited.then(() => false), delay(5000).then(() => true)]);
  killGroup(child, 'SIGKILL');
  if (timedOut) await Promise.race([exited, delay(2000)]);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

export { EXTENSION_ID };
