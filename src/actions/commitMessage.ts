// The commit-message prompt built from a staged diff, and the cleanup of the model's answer into
// text for the Source Control input box.

export const DEFAULT_DIFF_BUDGET = 60_000;

const GENERATED_FILES = /(^|\/)(package-lock\.json|yarn\.lock|pnpm-lock\.yaml|Cargo\.lock|go\.sum|poetry\.lock|composer\.lock)$|\.min\.(js|css)$|\.map$/;

export interface CommitPrompt {
  systemInstruction: string;
  text: string;
}

const SYSTEM_INSTRUCTION = [
  'You write git commit messages. Answer with the commit message only: no Markdown fences, no quotes, no preamble.',
  'First line: an imperative summary of at most 72 characters. If the change needs it, a blank line and a short body',
  'that says what changed and why, wrapped at 72 characters.',
].join(' ');

/** Lockfiles and generated files are named but not shown; large diffs are cut per file to fit `budget` characters. */
export function buildCommitPrompt(stagedDiff: string, options: { budget?: number; recentMessages?: string[] } = {}): CommitPrompt {
  const budget = options.budget ?? DEFAULT_DIFF_BUDGET;
  const files = splitDiffByFile(stagedDiff);
  const shown: string[] = [];
  const omitted: string[] = [];
  // Every file gets a fair share, but at least enough to show what kind of change it is.
  const perFile = Math.min(budget, Math.max(2_000, Math.floor(budget / Math.max(1, files.length))));
  let used = 0;
  for (const file of files) {
    if (GENERATED_FILES.test(file.path)) {
      omitted.push(file.path);
      continue;
    }
    const room = Math.min(perFile, budget - used);
    let text = file.text;
    if (text.length > room) {
      const note = `\n… (rest of the diff of ${file.path} cut)`;
      if (room < 200 + note.length) {
        omitted.push(file.path);
        continue;
      }
      text = text.slice(0, room - note.length) + note;
    }
    used += text.length;
    shown.push(text);
  }
  const parts = ['Write the commit message for this staged change.'];
  if (options.recentMessages?.length) {
    parts.push(`Recent commit messages of this repository, for style:\n${options.recentMessages.map((m) => `- ${m.split('\n')[0]}`).join('\n')}`);
  }
  parts.push(`Staged diff:\n${shown.join('\n')}`);
  if (omitted.length) parts.push(`Also changed (diff not shown): ${omitted.join(', ')}`);
  return { systemInstruction: SYSTEM_INSTRUCTION, text: parts.join('\n\n') };
}

/** Removes what models add around a commit message: fences, quotes, "Commit message:" labels. */
export function cleanCommitMessage(answer: string): string {
  let text = answer.trim();
  const fenced = /^```[^\n]*\n([\s\S]*?)\n?```$/.exec(text);
  if (fenced) text = fenced[1].trim();
  text = text.replace(/^(\*\*)?commit message:?(\*\*)?:?\s*/i, '');
  if (/^(["'`]).*\1$/s.test(text) && !text.slice(1, -1).includes(text[0])) text = text.slice(1, -1).trim();
  return text.replace(/[ \t]+$/gm, '');
}

function splitDiffByFile(diff: string): { path: string; text: string }[] {
  const chunks = diff.split(/^(?=diff --git )/m).filter((chunk) => chunk.trim());
  return chunks.map((text) => {
    const header = /^diff --git a\/(.+?) b\/(.+)$/m.exec(text);
    return { path: header ? header[2] : '(unknown file)', text: text.replace(/\n+$/, '') };
  });
}
