// The prompt of "Edit with Gemini" (Ctrl+I): the user's own instruction on the selected lines (or
// the line at the cursor), in the same structured form as the other editing actions. Pure.
import { editPrompt, type ActionPrompt } from './prompts';
import type { CodeTarget } from './target';

const EDIT_TASK = 'Task: Change the TARGET as the user requests. Change nothing the request does not ask for.';
const AT_CURSOR_TASK = 'Task: The user\'s cursor is on the TARGET line. Write what the user requests there: keep the line when the request adds code around it, replace it when the request is about it.';

export function inlineEditPrompt(target: CodeTarget, instruction: string | undefined, atCursor: boolean): ActionPrompt {
  const base = editPrompt('refactor', target, { instruction });
  const task = atCursor ? AT_CURSOR_TASK : EDIT_TASK;
  return { ...base, text: base.text.replace(/^Task: [^\n]*/, task) };
}
