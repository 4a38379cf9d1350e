// The question asked before run_command runs a command: the exact command line and the folder it
// runs in, as they will run, and the model's own words (why it wants it) quoted, clipped and
// labelled as the model's, never laid out as if the dialog said them. Pure.
// The quoting is the one every approval dialog uses (src/tools/approvalText.ts).
import { quoteModelText, singleLine } from '../tools/approvalText';
import { l10n } from '../common/l10n';

export const MAX_REASON_CHARS = 300;

export interface CommandQuestion {
  title: string;
  detail: string;
}

export function commandQuestion(input: { command: string; folder: string; reason?: string; via: 'terminal' | 'process'; timeoutSeconds: number }): CommandQuestion {
  const lines = [
    l10n.t('Command (runs exactly as shown):'),
    `    ${input.command}`,
    l10n.t('In folder: {0}', singleLine(input.folder)),
    input.via === 'terminal'
      ? l10n.t('Runs in the "Gemini" terminal, where you can watch it; stopped after {0} s.', input.timeoutSeconds)
      : l10n.t('Runs as a background process (this terminal has no shell integration); stopped after {0} s.', input.timeoutSeconds),
  ];
  if (input.reason?.trim()) lines.push('', l10n.t("Gemini's reason (model text, not checked): {0}", quoteModelText(input.reason, MAX_REASON_CHARS)));
  return { title: l10n.t('Gemini wants to run a command'), detail: lines.join('\n') };
}
