// What run_command and get_terminal_output need from the editor: running one command line in a
// folder (in a terminal the user sees, or as a process when the terminal has no shell
// integration), and the last command's output. Implemented over VS Code in
// src/vscode/agent/terminalPort.ts. Pure types.
import type { LastCommandOutput } from './terminalHistory';

export interface CommandRun {
  command: string;
  /** Absolute folder to run in (inside the workspace). */
  cwd: string;
  timeoutMs: number;
  /** Output kept for the model, in characters. */
  maxOutputChars: number;
  /** Stop (the user stopped the answer): the command is interrupted, then killed. */
  signal: AbortSignal;
}

export interface CommandResult {
  /** undefined when the command was stopped or timed out before reporting one, or the terminal cannot tell. */
  exitCode?: number;
  output: string;
  timedOut: boolean;
  stopped: boolean;
  via: 'terminal' | 'process';
  /** The terminal passed on none of the command's data (it ran; its output is unknown, not empty). */
  outputLost?: boolean;
}

export interface TerminalPort {
  /** Why commands cannot run here (Restricted Mode, a virtual workspace), or undefined. */
  refusal(): string | undefined;
  /** How a command in this folder will run: 'terminal' when its terminal has shell integration. */
  mode(cwd: string): Promise<'terminal' | 'process'>;
  run(request: CommandRun): Promise<CommandResult>;
  /** The last command's output in the active terminal (or the last one Gemini ran); undefined: none known. */
  lastOutput(maxChars: number): Promise<LastCommandOutput | undefined>;
}
