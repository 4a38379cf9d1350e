// get_terminal_output: read-only; the last command's output in the active terminal (through
// shell integration) or of the last command Gemini ran, capped like every tool result.
import { l10n } from '../common/l10n';
import { ParamSpecs } from './schema';
import { defineTool } from './tool';
import { ToolError } from './text';

const params = {} satisfies ParamSpecs;

export const getTerminalOutputTool = defineTool({
  name: 'get_terminal_output',
  description: "Read the output of the last command run in the user's active terminal (or the last command you ran): the command line, its exit code and its output, capped (start and end kept).",
  params,
  async prepare(_args, ctx) {
    const terminal = ctx.terminal;
    if (!terminal) throw new ToolError('Terminal output cannot be read here.');
    return {
      describe: l10n.t('read the last command output of the active terminal'),
      sensitiveFiles: [],
      run: async () => {
        const last = await terminal.lastOutput(Math.max(1000, ctx.settings.maxResultBytes - 400));
        if (!last) throw new ToolError('No command output is known: the active terminal has run no command with shell integration since the extension started.');
        const head = [`Terminal: ${last.terminal}`, ...(last.command ? [`$ ${last.command}`] : []), ...(last.exitCode !== undefined ? [`Exit code: ${last.exitCode}`] : [])];
        return { output: [...head, 'Output:', last.output || (last.outputLost ? "(unknown: VS Code's terminal passed on none of this command's output, which happens to a command that prints and ends at once. Ask the user to paste it, or to run it again.)" : '(no output)')].join('\n'), summary: last.command ? l10n.t('read the output of {0} in {1}', `\`${last.command.slice(0, 60)}\``, last.terminal) : l10n.t('read the output of the last command in {0}', last.terminal) };
      },
    };
  },
});
