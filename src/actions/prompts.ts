// The prompts of the editor actions. Each carries the file's language, the target code, the code
// around it and (for a fix) the diagnostics, so the model answers about the real context.
import { CODE_PROPOSAL_SCHEMA } from './proposal';
import type { CodeTarget, DiagnosticInfo } from './target';
import type { FrameworkGuess } from './testFramework';
import type { TestFilePlan } from './testFileNaming';
import type { EditAction } from './kinds';

export interface ActionPrompt {
  systemInstruction: string;
  /** The user message text. */
  text: string;
  responseJsonSchema: Record<string, unknown>;
}

const LANGUAGE_NAMES: Record<string, string> = {
  typescript: 'TypeScript', typescriptreact: 'TypeScript (React)', javascript: 'JavaScript', javascriptreact: 'JavaScript (React)',
  python: 'Python', go: 'Go', rust: 'Rust', java: 'Java', csharp: 'C#', cpp: 'C++', c: 'C', ruby: 'Ruby', php: 'PHP',
  kotlin: 'Kotlin', swift: 'Swift', shellscript: 'shell script', html: 'HTML', css: 'CSS', json: 'JSON', markdown: 'Markdown',
};

export function languageName(languageId: string): string {
  return LANGUAGE_NAMES[languageId] ?? languageId;
}

const EDIT_SYSTEM_INSTRUCTION = [
  'You edit code inside the user\'s editor. You receive a TARGET region of a file and the code around it for context.',
  'Answer only with JSON matching the response schema: "rationale" is one or two plain sentences; "code" is the complete',
  'replacement for the TARGET region alone — never the surrounding context — as plain source text without Markdown fences.',
  'Keep the file\'s language, indentation (the first line\'s indentation included), naming and formatting style.',
].join(' ');

const EDIT_TASKS: Record<EditAction, (target: CodeTarget) => string> = {
  refactor: () => 'Refactor the TARGET for readability and structure without changing its behaviour or its public names.',
  document: (target) =>
    `Add documentation comments to the TARGET in the idiomatic style for ${languageName(target.languageId)} ` +
    '(for example JSDoc/TSDoc, Python docstrings, Go doc comments). Keep every line of code exactly as it is; only add or improve comments.',
  fix: () => 'Fix the problems the diagnostics below report in the TARGET. Change as little as possible and keep everything else as it is.',
};

export function explainPrompt(target: CodeTarget): string {
  const lines = `${target.lines.startLine + 1}–${target.lines.endLine + 1}`;
  return `Explain the attached ${languageName(target.languageId)} code from ${target.path} (lines ${lines}): ` +
    'what it does and how, step by step, and anything surprising, risky or worth improving.';
}

export function editPrompt(action: EditAction, target: CodeTarget, options: { instruction?: string } = {}): ActionPrompt {
  const parts = [`Task: ${EDIT_TASKS[action](target)}`];
  const instruction = options.instruction?.trim();
  if (instruction) parts.push(`The user's request: ${instruction}`);
  if (target.diagnostics.length) parts.push(`Diagnostics:\n${target.diagnostics.map(formatDiagnostic).join('\n')}`);
  parts.push(describeTarget(target));
  return { systemInstruction: EDIT_SYSTEM_INSTRUCTION, text: parts.join('\n\n'), responseJsonSchema: CODE_PROPOSAL_SCHEMA };
}

const TESTS_SYSTEM_INSTRUCTION = [
  'You write focused, runnable unit tests that follow the conventions of the project you are shown.',
  'Answer only with JSON matching the response schema: "rationale" is one or two plain sentences; "code" is the complete',
  'content of the test file as plain source text without Markdown fences.',
].join(' ');

export function testsPrompt(
  target: CodeTarget,
  options: { framework: FrameworkGuess; plan: TestFilePlan; existingTestText?: string; sourceFromTest: string },
): ActionPrompt {
  const { framework, plan } = options;
  const frameworkLine = framework.framework === 'unknown'
    ? `No test framework was detected (${framework.evidence}); use the usual one for ${languageName(target.languageId)}.`
    : `Use ${framework.framework} (${framework.evidence}).`;
  const parts = [
    `Task: write unit tests for the TARGET code. ${frameworkLine}`,
    `The tests go in ${plan.path} (${plan.reason}). The source file is ${options.sourceFromTest} relative to the test file's folder; import from it accordingly.`,
  ];
  if (plan.existing && options.existingTestText !== undefined) {
    parts.push(
      `${plan.path} already exists. Return the COMPLETE updated file: keep every existing line and test as it is and add the new tests.\n` +
      `Current ${plan.path}:\n${fence(options.existingTestText, target.languageId)}`,
    );
  } else {
    parts.push(`${plan.path} is a new file: return all of its content, imports included.`);
  }
  parts.push(describeTarget(target));
  return { systemInstruction: TESTS_SYSTEM_INSTRUCTION, text: parts.join('\n\n'), responseJsonSchema: CODE_PROPOSAL_SCHEMA };
}

function describeTarget(target: CodeTarget): string {
  const language = languageName(target.languageId);
  const first = target.lines.startLine + 1;
  const last = target.lines.endLine + 1;
  const parts = [`File: ${target.path} (${language})`];
  if (target.before) parts.push(`Code before the TARGET (for context only):\n${fence(target.before, target.languageId)}`);
  parts.push(`TARGET (lines ${first}–${last}):\n${fence(target.code, target.languageId)}`);
  if (target.after) parts.push(`Code after the TARGET (for context only):\n${fence(target.after, target.languageId)}`);
  return parts.join('\n\n');
}

export function formatDiagnostic(diagnostic: DiagnosticInfo): string {
  const origin = [diagnostic.source, diagnostic.code].filter(Boolean).join(' ');
  const where = `line ${diagnostic.line + 1}, column ${diagnostic.character + 1}`;
  return `- ${diagnostic.severity}${origin ? ` [${origin}]` : ''} at ${where}: ${diagnostic.message}`;
}

/** A Markdown fence longer than any backtick run inside the code, so code with fences stays intact. */
export function fence(code: string, languageId: string): string {
  const longest = Math.max(2, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}${languageId}\n${code}\n${ticks}`;
}
