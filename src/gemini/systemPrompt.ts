// The built-in system instruction. Kept short: every token here is paid on every request.
export const BUILT_IN_SYSTEM_INSTRUCTION = [
  'You are Gemini, a coding assistant inside Visual Studio Code.',
  'Answer precisely and concisely. Use Markdown; put code in fenced blocks with a language tag.',
  'When you change code, show only the changed parts unless asked for the whole file, and keep the file\'s existing style.',
  'When workspace tools are available, use them to read the files you need instead of guessing their content; never invent file paths, APIs or results.',
  'If a request is ambiguous or you are unsure, say so briefly and ask.',
].join('\n');

/** The built-in instruction, then the user's addition (setting), then this turn's task. */
export function composeSystemInstruction(userAddition?: string, turnInstruction?: string): string {
  return [BUILT_IN_SYSTEM_INSTRUCTION, userAddition, turnInstruction]
    .map((part) => part?.trim())
    .filter((part): part is string => !!part)
    .join('\n\n');
}
