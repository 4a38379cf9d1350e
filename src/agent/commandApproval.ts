// The question asked before run_command runs a command: the exact command line and the folder it
// runs in, as they will run, and the model's own words (why it wants it) quoted, clipped and
// labelled as the model's, never laid out as if the dialog said them. Pure.
// (harden15 writes the shared approval text helpers; this is run_command's own, to be unified.)

export const MAX_REASON_CHARS = 300;

export interface CommandQuestion {
  title: string;
  detail: string;
}

/** Model text as one quoted, clipped line: no line breaks, no control characters, no quote marks to break out of. */
export function quoteModelText(text: string, max = MAX_REASON_CHARS): string {
  // eslint-disable-next-line no-control-regex
  let line = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069]+/g, ' ').replace(/\s+/g, ' ').trim();
  line = line.replace(/[“”]/g, '"');
  if (line.length > max) line = `${line.slice(0, max - 1)}…`;
  return `“${line}”`;
}

export function commandQuestion(input: { command: string; folder: string; reason?: string; via: 'terminal' | 'process'; timeoutSeconds: number }): CommandQuestion {
  const lines = [
    'Command (runs exactly as shown):',
    `    ${input.command}`,
    `In folder: ${input.folder}`,
    input.via === 'terminal'
      ? `Runs in the "Gemini" terminal, where you can watch it; stopped after ${input.timeoutSeconds} s.`
      : `Runs as a background process (this terminal has no shell integration); stopped after ${input.timeoutSeconds} s.`,
  ];
  if (input.reason?.trim()) lines.push('', `Gemini's reason (model text, not checked): ${quoteModelText(input.reason)}`);
  return { title: 'Gemini wants to run a command', detail: lines.join('\n') };
}
