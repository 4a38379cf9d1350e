// run_command (Agent mode only): runs one command line in a workspace folder — in the "Gemini"
// terminal where the user watches it, or as a process when that terminal has no shell integration
// — and returns its exit code and output (capped). It always asks first, showing the exact command
// and folder, unless the command matches a prefix the user trusts (gemini.agent.allowedCommands).
// Refused in Restricted Mode and virtual workspaces (the TerminalPort says so).
import { l10n } from '../common/l10n';
import { allowedPrefixFor, commandProblem, MAX_COMMAND_CHARS } from '../agent/commandPolicy';
import { commandQuestion } from '../agent/commandApproval';
import type { CommandResult } from '../agent/terminalPort';
import { ToolCallContext } from './context';
import { resolveExisting } from './pathPolicy';
import { ParamSpecs } from './schema';
import { defineTool, PreparedCall } from './tool';
import { ToolError } from './text';

const params = {
  command: { type: 'string', required: true, maxLength: MAX_COMMAND_CHARS, description: 'One command line, run by the user\'s shell, e.g. "npm test" or "npx tsc --noEmit". No line breaks.' },
  cwd: { type: 'string', description: "Folder to run in, relative to the workspace folder. Default: the workspace folder ('.')." },
  reason: { type: 'string', maxLength: 500, description: 'One sentence for the user: why you want to run it.' },
  timeoutSeconds: { type: 'integer', minimum: 1, maximum: 3600, description: 'Stop the command after this many seconds. Default and upper bound: the user\'s setting.' },
} satisfies ParamSpecs;

export const runCommandTool = defineTool({
  name: 'run_command',
  agentOnly: true,
  description: 'Run a shell command in the workspace (tests, builds, linters) and get its exit code and output. The user sees it run in a terminal and is asked first unless they trust the command. Use it to check your work; prefer read-only and test commands. Output is capped: the start and the end are kept.',
  params,
  async prepare(args, ctx): Promise<PreparedCall> {
    const terminal = ctx.terminal;
    if (!terminal) throw new ToolError('Commands cannot run here.');
    const refusal = terminal.refusal();
    if (refusal) throw new ToolError(refusal);
    const problem = commandProblem(args.command);
    if (problem) throw new ToolError(problem);
    const folder = await resolveFolder(ctx, args.cwd ?? '');
    const limit = ctx.settings.commandTimeoutSeconds ?? 300;
    const timeoutSeconds = Math.min(args.timeoutSeconds ?? limit, limit);
    const via = await terminal.mode(folder.absolute);
    const trusted = allowedPrefixFor(args.command, ctx.settings.allowedCommands ?? []);
    const question = commandQuestion({ command: args.command, folder: folder.absolute, reason: args.reason, via, timeoutSeconds });
    return {
      describe: trusted ? l10n.t("run {0} in {1} (allowed by the prefix '{2}')", `\`${args.command}\``, folder.display, trusted) : l10n.t('run {0} in {1}', `\`${args.command}\``, folder.display),
      sensitiveFiles: [],
      ...(trusted ? {} : { mustAsk: { ...question, sessionKey: `run_command\u0000${folder.display}\u0000${args.command}` } }),
      run: async () => {
        const result = await terminal.run({
          command: args.command, cwd: folder.absolute, timeoutMs: timeoutSeconds * 1000,
          maxOutputChars: Math.max(1000, ctx.settings.maxResultBytes - 400), signal: ctx.signal,
        });
        return { output: formatResult(args.command, result, timeoutSeconds), summary: summaryOf(result, timeoutSeconds) };
      },
    };
  },
});

async function resolveFolder(ctx: ToolCallContext, raw: string): Promise<{ absolute: string; display: string }> {
  const resolved = await resolveExisting(ctx, raw || '.', 'directory');
  const root = resolved.location.folder.fsPath;
  if (!root) throw new ToolError('Commands run only in folders on this machine\'s disk; this workspace folder is not one.');
  const absolute = resolved.location.path ? `${root.replace(/[\\/]+$/, '')}/${resolved.location.path}` : root;
  return { absolute, display: resolved.display || ctx.folders[resolved.location.folder.index]?.name || '.' };
}

/** Said instead of "(no output)" when the terminal passed on nothing: the command ran, do not run it again unasked. */
export const LOST_OUTPUT = "(unknown: the command ran, but VS Code's terminal passed on none of its output. Ask the user before running it again, or read its output with get_terminal_output later.)";

function summaryOf(result: CommandResult, timeoutSeconds: number): string {
  const how = result.via === 'terminal' ? l10n.t('in the terminal') : l10n.t('as a background process (no shell integration)');
  if (result.stopped) return l10n.t('stopped by the user; ran {0}', how);
  if (result.timedOut) return l10n.t('timed out after {0} s; ran {1}', timeoutSeconds, how);
  return l10n.t('exit code {0}; ran {1}', result.exitCode ?? l10n.t('unknown'), how) + (result.outputLost ? l10n.t('; its output could not be read') : '');
}

function formatResult(command: string, result: CommandResult, timeoutSeconds: number): string {
  const status = result.stopped ? 'Stopped by the user before it finished.'
    : result.timedOut ? `Stopped: it ran longer than ${timeoutSeconds} s.`
      : `Exit code: ${result.exitCode ?? 'unknown (the terminal did not report one)'}`;
  return [`$ ${command}`, status, 'Output:', result.output || (result.outputLost ? LOST_OUTPUT : '(no output)')].join('\n');
}
