// Which command lines run_command may run, and which may skip the question. Pure.
//
// A command line is one line of printable text: no newline, carriage return or other control
// character (a second line would be a second command the dialog does not show as such).
//
// `gemini.agent.allowedCommands` holds prefixes the user trusts, e.g. `npm test`. A command skips
// the question only when (1) it contains none of the characters a shell gives a meaning beyond
// "argument" — `;` `&` `|` `<` `>` `` ` `` `$` `(` `)` `{` `}` `\` `!` `*` `?` `[` `]` `~` `#` `=`
// `'` `"` `%` `^` (the last two for cmd.exe) — so it cannot chain, redirect, substitute, expand or
// quote its way into running something else; and (2) its words start with all the words of a
// prefix. With `npm test`: `npm test -- src/a.test.ts` runs; `npm testing`, `npm test; rm -rf /`,
// `npm test && curl …`, `npm test $(rm …)` and `npm test --x=1` ask (the last is harmless, but `=`
// is refused everywhere rather than reasoned about per shell).

export const MAX_COMMAND_CHARS = 2000;

/** Characters that make a shell do more than pass arguments (bash, zsh, PowerShell, cmd.exe). */
const SHELL_SPECIAL = /[;&|<>`$(){}\\!*?[\]~#='"%^]/;

/** Why a command line cannot run at all, or undefined when it can (after the user's yes). */
export function commandProblem(command: string): string | undefined {
  if (!command.trim()) return 'The command is empty.';
  if (command.length > MAX_COMMAND_CHARS) return `The command is longer than ${MAX_COMMAND_CHARS} characters.`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069]/.test(command)) {
    return 'The command holds a line break or another control or invisible character; send one plain line.';
  }
  return undefined;
}

/** The words of a command line, split on spaces (only meaningful for lines without shell characters). */
function words(text: string): string[] {
  return text.trim().split(/\s+/).filter(Boolean);
}

/** The allowed prefix the command matches, or undefined: then the user is asked. */
export function allowedPrefixFor(command: string, allowed: readonly string[]): string | undefined {
  if (commandProblem(command) || SHELL_SPECIAL.test(command)) return undefined;
  const given = words(command);
  for (const prefix of allowed) {
    if (typeof prefix !== 'string' || SHELL_SPECIAL.test(prefix) || commandProblem(prefix)) continue;
    const wanted = words(prefix);
    if (wanted.length && wanted.length <= given.length && wanted.every((word, i) => given[i] === word)) return prefix;
  }
  return undefined;
}
