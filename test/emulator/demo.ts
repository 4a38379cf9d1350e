// The emulator's demo script, for a tour without a key (`npm start -- --emulator`): instead of
// echoing, each chat turn thinks, reads the workspace's README.md through the read_file tool (a
// real function-call round trip through the extension's tools), then streams a Markdown answer
// built from what it read, with a code block; an editor action that asks for a structured
// proposal (Refactor, Fix, …) gets a valid one that really changes the selected code.
// Deterministic: the same request always gets the same answer.
import { chunks } from './chunks';
import { estimateTokens, lastUserText } from './catalogue';

const README = 'README.md';
const READ_FILE = 'read_file';

interface Part {
  text?: string;
  thought?: boolean;
  functionCall?: { name: string; args?: Record<string, unknown> };
  functionResponse?: { name: string; response?: Record<string, unknown> };
}

/** The chunks of the demo's answer to one generate request for `model`. */
export function demoAnswer(body: any, model = 'gemini-3.8-flash'): object[] {
  const stamp = (chunk: object) => ({ ...chunk, modelVersion: model });
  const prompt = estimateTokens(body);
  const usage = (answer: string, thoughts: number) => ({ promptTokenCount: prompt, candidatesTokenCount: Math.ceil(answer.length / 4), thoughtsTokenCount: thoughts });
  if (body?.generationConfig?.responseMimeType === 'application/json') {
    const json = JSON.stringify(proposalFor(lastUserText(body)));
    return [chunks.text(json), chunks.finish('STOP', usage(json, 0))].map(stamp);
  }
  const readme = readmeResult(body);
  if (readme === undefined && declaresTool(body, READ_FILE)) {
    const thought = `The user asked: "${brief(lastUserText(body))}". The workspace's ${README} will say what this project is; I will read it first.`;
    return [
      chunks.text(thought, { thought: true }),
      chunks.functionCall(READ_FILE, { path: README }, { id: 'demo-read-readme', thoughtSignature: 'ZGVtby1zaWduYXR1cmU=' }),
      chunks.finish('STOP', usage('', Math.ceil(thought.length / 4))),
    ].map(stamp);
  }
  const thought = readme === undefined
    ? 'No workspace tools were offered, so I answer from the question alone.'
    : `I have the ${README}. I will summarise it and show a small example the user can copy, insert or apply.`;
  const answer = markdownAnswer(lastUserText(body), readme);
  return [
    chunks.text(thought, { thought: true }),
    ...pieces(answer).map((piece) => chunks.text(piece)),
    chunks.finish('STOP', usage(answer, Math.ceil(thought.length / 4))),
  ].map(stamp);
}

function declaresTool(body: any, name: string): boolean {
  const tools: any[] = Array.isArray(body?.tools) ? body.tools : [];
  return tools.some((tool) => (tool?.functionDeclarations ?? []).some((declaration: any) => declaration?.name === name));
}

/**
 * After a tool round (the last content holds function responses): README.md's text, or `null`
 * when it could not be read. Undefined when the last content is the user's question.
 */
function readmeResult(body: any): string | null | undefined {
  const contents: any[] = Array.isArray(body?.contents) ? body.contents : [];
  const parts = (contents[contents.length - 1]?.parts ?? []) as Part[];
  if (!parts.some((part) => part.functionResponse)) return undefined;
  const response = parts.find((part) => part.functionResponse?.name === READ_FILE)?.functionResponse?.response;
  return typeof response?.output === 'string' ? response.output : null;
}

function markdownAnswer(question: string, readme: string | null | undefined): string {
  const lines: string[] = ['## What I found', ''];
  if (typeof readme === 'string') {
    const title = /^[\s\d:|]*#\s+(.+)$/m.exec(readme)?.[1]?.trim();
    const count = readme.split('\n').filter((line) => line.trim()).length;
    lines.push(`I read **${README}**${title ? `: it is titled *${title}*` : ''} and has ${count} non-empty lines.`);
  } else if (readme === null) {
    lines.push(`This workspace has no readable **${README}**, so there was nothing to summarise.`);
  } else {
    lines.push(`You asked: *${brief(question)}*`);
  }
  lines.push(
    '',
    'This answer comes from the **emulator\'s demo script**, not from Gemini: no key and no network were used. It shows:',
    '',
    '- a **Thinking** section (expand it above),',
    `- a **tool call** that read \`${README}\` from your workspace,`,
    '- streamed **Markdown** with a code block: try *Copy*, *Insert* or *Apply* on it,',
    '- and, from an editor selection, **Gemini: Refactor** or **Fix** proposes an edit as a diff.',
    '',
    '```typescript',
    'export function greet(name: string): string {',
    '  return `Hello, ${name.trim() || \'world\'}!`;',
    '}',
    '```',
    '',
    'Set a real API key (**Gemini: Set API Key**) to talk to Gemini itself.',
  );
  return lines.join('\n');
}

/** The TARGET code of an action prompt (see src/actions/prompts.ts describeTarget), changed visibly. */
function proposalFor(prompt: string): { rationale: string; code: string } {
  const target = /TARGET \(lines [^)]*\):\n(`{3,})([^\n]*)\n([\s\S]*?)\n\1/.exec(prompt);
  const language = target?.[2] ?? '';
  const code = target?.[3] ?? '';
  let changed = code.replace(/\bvar\b/g, 'let').replace(/([^=!<>])==([^=])/g, '$1===$2').replace(/[ \t]+$/gm, '');
  if (changed === code) {
    const comment = /^(python|shellscript|ruby|perl|r|yaml|toml|makefile|powershell)$/.test(language) ? '#' : '//';
    const indent = /^[ \t]*/.exec(code)?.[0] ?? '';
    changed = `${indent}${comment} Demo edit from the Gemini emulator: no model was asked.\n${code}`;
  }
  return { rationale: 'A demo proposal from the emulator: it tidies the selection (var → let, == → ===, trailing spaces) or marks it with a comment.', code: changed };
}

/** A few pieces per answer, split at line ends, so it streams visibly. */
function pieces(text: string): string[] {
  const lines = text.split(/(?<=\n)/);
  const out: string[] = [];
  for (let i = 0; i < lines.length; i += 3) out.push(lines.slice(i, i + 3).join(''));
  return out;
}

function brief(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 120 ? `${line.slice(0, 117)}…` : line;
}
