// The TerminalPort over VS Code. A command runs in a "Gemini" terminal (one per folder) through
// shell integration (terminal.shellIntegration.executeCommand), so the user watches it; its output
// streams from execution.read() and its exit code from onDidEndTerminalShellExecution. When the
// terminal has no shell integration (none within a few seconds: an unsupported shell, or the
// feature off), the command runs as a child process in the folder instead, with the same limits.
// Timeout and Stop send Ctrl+C, then close the terminal (or kill the process group) if it goes on.
// Every shell execution in every terminal is followed too, for get_terminal_output (the bookkeeping,
// and why Gemini's own runs are not read a second time, is in src/agent/terminalHistory.ts).
import { spawn } from 'node:child_process';
import * as vscode from 'vscode';
import type { Logger } from '../../common/logger';
import { OutputCapture } from '../../agent/outputCapture';
import { scrubCommandOutput } from '../../agent/scrubOutput';
import { TerminalHistory, type LastCommandOutput, type TerminalCommand } from '../../agent/terminalHistory';
import type { CommandResult, CommandRun, TerminalPort } from '../../agent/terminalPort';

interface ShellExecution { readonly commandLine?: { readonly value: string }; read(): AsyncIterable<string> }
interface ShellIntegration { executeCommand(commandLine: string): ShellExecution }
type IntegratedTerminal = vscode.Terminal & { readonly shellIntegration?: ShellIntegration };
interface ShellExecutionEvent { readonly terminal: vscode.Terminal; readonly execution: ShellExecution; readonly exitCode?: number }
interface ShellWindowApi {
  onDidChangeTerminalShellIntegration?: vscode.Event<{ terminal: vscode.Terminal }>;
  onDidStartTerminalShellExecution?: vscode.Event<ShellExecutionEvent>;
  onDidEndTerminalShellExecution?: vscode.Event<ShellExecutionEvent>;
}

const shellWindow = vscode.window as unknown as ShellWindowApi;
/** How long a new terminal may take to report shell integration before the process fallback is used. */
const SHELL_INTEGRATION_WAIT_MS = 6000;
/** After Ctrl+C, how long the command may take to end before the terminal is closed / the process killed. */
const KILL_GRACE_MS = 2000;
/** How long, after a command ended, its output stream may take to close. */
const READ_GRACE_MS = 3000;

export class VsCodeTerminalPort implements TerminalPort, vscode.Disposable {
  private readonly terminals = new Map<string, IntegratedTerminal>();
  private readonly history: TerminalHistory<vscode.Terminal, ShellExecution>;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly log: Logger, private readonly options: { shellIntegrationWaitMs?: number; secrets?: () => Iterable<string> } = {}) {
    this.history = new TerminalHistory((message) => this.log.debug(message));
    const start = shellWindow.onDidStartTerminalShellExecution;
    const end = shellWindow.onDidEndTerminalShellExecution;
    if (start) this.subscriptions.push(start(({ terminal, execution }) =>
      this.history.started(terminal, terminal.name, execution, execution.commandLine?.value, () => execution.read())));
    if (end) this.subscriptions.push(end((event) => this.history.ended(event.terminal, event.exitCode)));
    this.subscriptions.push(vscode.window.onDidCloseTerminal((terminal) => this.forget(terminal)));
  }

  refusal(): string | undefined {
    if (!vscode.workspace.isTrusted) return 'Commands do not run in Restricted Mode. Trust this workspace (Workspaces: Manage Workspace Trust) to let Gemini run commands.';
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (!folders.length) return 'Commands need an open workspace folder.';
    if (folders.every((folder) => folder.uri.scheme !== 'file')) return 'Commands do not run in a virtual workspace: its files are not on a disk a shell can reach.';
    return undefined;
  }

  async mode(cwd: string): Promise<'terminal' | 'process'> {
    if (!shellWindow.onDidEndTerminalShellExecution) return 'process';
    return (await this.integratedTerminal(cwd))?.shellIntegration ? 'terminal' : 'process';
  }

  async run(request: CommandRun): Promise<CommandResult> {
    const terminal = shellWindow.onDidEndTerminalShellExecution ? await this.integratedTerminal(request.cwd) : undefined;
    const result = terminal?.shellIntegration ? await this.runInTerminal(terminal, request) : await runAsProcess(request);
    if (result.via === 'process') this.history.ran({ terminal: 'Gemini (background process)', command: request.command, capture: captureOf(result.output), exitCode: result.exitCode, chunks: 1, ended: true });
    this.log.info(`run_command ${result.via}: ${result.stopped ? 'stopped' : result.timedOut ? 'timed out' : `exit ${result.exitCode}`}, ${result.output.length} characters kept`);
    // The API key and obvious secrets never reach the model (the terminal itself still shows them).
    return { ...result, output: this.scrub(result.output) };
  }

  async lastOutput(maxChars: number): Promise<LastCommandOutput | undefined> {
    const last = this.history.lastOutput(vscode.window.activeTerminal, maxChars);
    return last && { ...last, output: this.scrub(last.output), ...(last.command !== undefined ? { command: this.scrub(last.command) } : {}) };
  }

  private scrub(text: string): string {
    return scrubCommandOutput(text, this.options.secrets?.() ?? []);
  }

  dispose(): void {
    for (const subscription of this.subscriptions.splice(0)) subscription.dispose();
    for (const terminal of this.terminals.values()) terminal.dispose();
    this.terminals.clear();
  }

  /** A terminal closed (or being closed by us): never reused. */
  private forget(terminal: vscode.Terminal): void {
    this.history.forget(terminal);
    for (const [key, value] of this.terminals) if (value === terminal) this.terminals.delete(key);
  }

  /** The Gemini terminal of this folder, once its shell integration is up; undefined when it never comes. */
  private async integratedTerminal(cwd: string): Promise<IntegratedTerminal | undefined> {
    let terminal = this.terminals.get(cwd);
    if (!terminal || terminal.exitStatus) {
      terminal = vscode.window.createTerminal({ name: 'Gemini', cwd, iconPath: new vscode.ThemeIcon('sparkle') }) as IntegratedTerminal;
      this.terminals.set(cwd, terminal);
    }
    terminal.show(true);
    if (terminal.shellIntegration) return terminal;
    const changed = shellWindow.onDidChangeTerminalShellIntegration;
    if (!changed) return undefined;
    const target = terminal;
    return new Promise((resolve) => {
      const timer = setTimeout(() => { subscription.dispose(); resolve(target.shellIntegration ? target : undefined); }, this.options.shellIntegrationWaitMs ?? SHELL_INTEGRATION_WAIT_MS);
      const subscription = changed((event) => {
        if (event.terminal !== target) return;
        clearTimeout(timer);
        subscription.dispose();
        resolve(target);
      });
    });
  }

  private async runInTerminal(terminal: IntegratedTerminal, request: CommandRun): Promise<CommandResult> {
    const capture = new OutputCapture(request.maxOutputChars);
    const execution = terminal.shellIntegration!.executeCommand(request.command);
    const entry: TerminalCommand = { terminal: terminal.name, command: request.command, capture, chunks: 0, ended: false };
    this.history.adopt(execution, entry);
    let exitCode: number | undefined;
    let endedFlag = false;
    const ended = new Promise<void>((resolve) => {
      const subscription = shellWindow.onDidEndTerminalShellExecution!((event) => {
        if (event.execution !== execution) return;
        exitCode = event.exitCode;
        endedFlag = true;
        subscription.dispose();
        resolve();
      });
      const closed = vscode.window.onDidCloseTerminal((t) => {
        if (t !== terminal) return;
        closed.dispose();
        endedFlag = true;
        resolve();
      });
    });
    const reading = (async () => {
      for await (const data of execution.read()) {
        entry.chunks++;
        capture.push(data);
      }
    })().catch(() => undefined);
    const outcome = await limit(ended, request);
    if (outcome !== 'ended') {
      terminal.sendText('\u0003', false);
      await Promise.race([ended, delay(KILL_GRACE_MS)]);
      if (!endedFlag) {
        this.log.warn('run_command: the command ignored Ctrl+C; closing its terminal');
        this.forget(terminal);
        terminal.dispose();
      }
    }
    // The stream closes once the execution has ended; under load its last data can arrive after the
    // end event, so give it a moment before reading what was captured.
    await Promise.race([reading, delay(READ_GRACE_MS)]);
    entry.exitCode = outcome === 'ended' ? exitCode : undefined;
    entry.ended = true;
    this.history.ran(entry);
    // Every execution's data starts with the terminal's own marks: none at all means it was lost.
    const outputLost = outcome === 'ended' && entry.chunks === 0;
    if (outputLost) this.log.warn('run_command: the terminal passed on no data for the command; its output is reported as unknown');
    return { exitCode: entry.exitCode, output: capture.text(), timedOut: outcome === 'timeout', stopped: outcome === 'stopped', via: 'terminal', ...(outputLost ? { outputLost } : {}) };
  }
}

/** Waits for the end, the time limit or the user's Stop, whichever comes first. */
async function limit(ended: Promise<void>, request: CommandRun): Promise<'ended' | 'timeout' | 'stopped'> {
  if (request.signal.aborted) return 'stopped';
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: () => void = () => undefined;
  try {
    return await Promise.race([
      ended.then(() => 'ended' as const),
      new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), request.timeoutMs); }),
      new Promise<'stopped'>((resolve) => { onAbort = () => resolve('stopped'); request.signal.addEventListener('abort', onAbort, { once: true }); }),
    ]);
  } finally {
    clearTimeout(timer);
    request.signal.removeEventListener('abort', onAbort);
  }
}

/** The fallback: the user's shell as a child process in the folder, its group killed on timeout or Stop. */
export function runAsProcess(request: CommandRun): Promise<CommandResult> {
  const capture = new OutputCapture(request.maxOutputChars);
  const child = spawn(request.command, { cwd: request.cwd, shell: true, detached: process.platform !== 'win32', stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
  child.stdout?.setEncoding('utf8').on('data', (data: string) => capture.push(data));
  child.stderr?.setEncoding('utf8').on('data', (data: string) => capture.push(data));
  const ended = new Promise<number | undefined>((resolve) => {
    child.once('close', (code) => resolve(code ?? undefined));
    child.once('error', (error) => { capture.push(`\n${error.message}\n`); resolve(undefined); });
  });
  const kill = (signal: NodeJS.Signals) => {
    try {
      if (child.pid && process.platform !== 'win32') process.kill(-child.pid, signal);
      else child.kill(signal);
    } catch { /* already gone */ }
  };
  return (async () => {
    const outcome = await limit(ended.then(() => undefined), request);
    if (outcome !== 'ended') {
      kill('SIGINT');
      const gone = await Promise.race([ended.then(() => true), delay(KILL_GRACE_MS).then(() => false)]);
      if (!gone) {
        kill('SIGKILL');
        await Promise.race([ended, delay(KILL_GRACE_MS)]);
      }
    }
    const exitCode = outcome === 'ended' ? await ended : undefined;
    return { exitCode, output: capture.text(), timedOut: outcome === 'timeout', stopped: outcome === 'stopped', via: 'process' as const };
  })();
}

function captureOf(text: string): OutputCapture {
  const capture = new OutputCapture(Math.max(text.length, 1));
  capture.push(text);
  return capture;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
