// The last command of each terminal, for get_terminal_output and "attach terminal output". Pure;
// the VS Code TerminalPort feeds it shell-integration events.
//
// Why Gemini's own runs are adopted rather than read again: VS Code's execution.read() registers
// its listener a microtask late (the stream is an AsyncIterableObject whose executor is queued with
// queueMicrotask). When the shell's "command executed" mark and the command's output arrive in one
// piece — a quick command such as `echo`, typical with a bare home whose .bashrc adds no prompt
// hooks — the extension host fires onDidStartTerminalShellExecution and emits the data in the same
// task, so a read() begun in the start handler gets nothing. The run's own read(), begun right after
// executeCommand, is registered long before; its capture is the one kept. A command the user typed
// can only be read from its start event: when that read gets no data at all (not even the
// terminal's own marks) its output is reported as lost, never as empty.
import { OutputCapture } from './outputCapture';

export interface TerminalCommand {
  /** The terminal's name, as the user sees it. */
  terminal: string;
  command?: string;
  capture: OutputCapture;
  exitCode?: number;
  /** Raw pieces of data the terminal passed on (escape marks included); 0 after the end: output lost. */
  chunks: number;
  ended: boolean;
}

export interface LastCommandOutput {
  terminal: string;
  command?: string;
  output: string;
  exitCode?: number;
  /** The terminal passed on none of the command's data: its output is unknown, not empty. */
  outputLost?: boolean;
}

/** Output kept per followed terminal command, in characters. */
export const WATCHED_OUTPUT_CHARS = 64 * 1024;

export class TerminalHistory<Terminal, Execution> {
  private readonly own = new Map<Execution, TerminalCommand>();
  private readonly last = new Map<Terminal, TerminalCommand>();
  private lastRun: TerminalCommand | undefined;

  constructor(private readonly onReadError: (message: string) => void = () => undefined) {}

  /** Gemini is about to run this execution and reads it itself: its start event adopts this entry. */
  adopt(execution: Execution, entry: TerminalCommand): void {
    this.own.set(execution, entry);
  }

  /** Gemini's run finished (in a terminal or as a process): the fallback when no terminal is active. */
  ran(entry: TerminalCommand): void {
    this.lastRun = entry;
  }

  /** A shell execution started in a terminal (ours or one the user typed in). */
  started(terminal: Terminal, name: string, execution: Execution, command: string | undefined, read: () => AsyncIterable<string>): void {
    const adopted = this.own.get(execution);
    if (adopted) {
      this.own.delete(execution);
      this.last.set(terminal, adopted);
      return;
    }
    const entry: TerminalCommand = { terminal: name, command, capture: new OutputCapture(WATCHED_OUTPUT_CHARS), chunks: 0, ended: false };
    this.last.set(terminal, entry);
    void (async () => {
      try {
        for await (const data of read()) {
          entry.chunks++;
          entry.capture.push(data);
        }
      } catch (error) {
        this.onReadError(`terminal output of ${name}: ${(error as Error).message}`);
      }
    })();
  }

  ended(terminal: Terminal, exitCode: number | undefined): void {
    const entry = this.last.get(terminal);
    if (!entry) return;
    entry.exitCode = exitCode;
    entry.ended = true;
  }

  forget(terminal: Terminal): void {
    this.last.delete(terminal);
  }

  /** The last command of the active terminal, else the last one Gemini ran; clipped to its last maxChars. */
  lastOutput(active: Terminal | undefined, maxChars: number): LastCommandOutput | undefined {
    const entry = (active !== undefined ? this.last.get(active) : undefined) ?? this.lastRun;
    if (!entry) return undefined;
    const text = entry.capture.text();
    const output = text.length > maxChars ? `[… ${text.length - maxChars} characters left out …]\n${text.slice(text.length - maxChars)}` : text;
    return { terminal: entry.terminal, command: entry.command, output, exitCode: entry.exitCode, ...(entry.ended && entry.chunks === 0 ? { outputLost: true } : {}) };
  }
}
