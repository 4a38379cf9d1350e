// The question asked before run_command runs a command: the exact command line and the folder it
// runs in, as they will run, and the model's own words (why it wants it) quoted, clipped and
// labelled as the model's, never laid out as if the dialog said them. Pure.
// The quoting is the one every approval dialog uses (src/tools/approvalText.ts).
import { quoteModelText, singleLine } from '../tools/approvalText';

export const MAX_REASON_CHARS = 300;

export interface CommandQuestion {
  title: string;
  detail: string;
}

export function commandQuestion(input: { command: string; folder: string; reason?: string; via: 'terminal' | 'process'; timeoutSeconds: number }): CommandQuestion {
  const lines = [
    'Command (runs exactly as shown):',
    `    ${input.command}`,
    `In folder: ${singleLine(input.folder)}`,
    input.via === 'terminal'
      ? `Runs in the "Gemini" terminal, where you can watch it; stopped after ${input.timeoutSeconds} s.`
      : `Runs as a background process (this terminal has no shell integration); stopped after ${input.timeoutSeconds} s.`,
  ];
  if (input.reason?.trim()) lines.push('', `Gemini's reason (model text, not checked): ${quoteModelText(input.reason, MAX_REASON_CHARS)}`);
  return { title: 'Gemini wants to run a command', detail: lines.join('\n') };
}
