// "Explain inline": the conversation of one comment thread anchored to the selected lines. The
// first question carries the code; follow-ups are asked with the earlier turns as history; the
// whole thread can be handed to the chat. Pure: no `vscode` import.
import { explainPrompt, fence } from './prompts';
import type { CodeTarget } from './target';

export interface ExplainTurn {
  question: string;
  answer: string;
}

export const EXPLAIN_INLINE_SYSTEM_INSTRUCTION = [
  'You explain code to a developer in a short comment thread next to the code in their editor.',
  'Answer in concise Markdown: what the code does and how, then anything surprising, risky or worth improving.',
  'Keep it readable in a narrow panel: short paragraphs and lists, small code snippets only when they help.',
].join(' ');

/** The first message: the explain request with the code and its surroundings. */
export function explainThreadPrompt(target: CodeTarget): string {
  const parts = [explainPrompt(target).replace('the attached', 'this'), fence(target.code, target.languageId)];
  if (target.before.trim() || target.after.trim()) {
    parts.push(`For orientation only, the code around it:\n${fence([target.before, '…', target.after].join('\n'), target.languageId)}`);
  }
  return parts.join('\n\n');
}

/** What the model sees before the next question: every earlier question and answer, in order. */
export function explainHistory(firstMessage: string, turns: readonly ExplainTurn[]): { role: 'user' | 'model'; text: string }[] {
  const history: { role: 'user' | 'model'; text: string }[] = [];
  turns.forEach((turn, index) => {
    history.push({ role: 'user', text: index === 0 ? firstMessage : turn.question });
    history.push({ role: 'model', text: turn.answer });
  });
  return history;
}

/** The message that moves the thread into the chat, the code going along as an attachment. */
export function continueInChatPrompt(target: Pick<CodeTarget, 'path' | 'lines'>, turns: readonly ExplainTurn[]): string {
  const lines = `${target.lines.startLine + 1}–${target.lines.endLine + 1}`;
  const transcript = turns.map((turn) => `**Me:** ${turn.question}\n\n**Gemini:** ${turn.answer.trim()}`).join('\n\n');
  return `We were discussing the attached code from ${target.path} (lines ${lines}) in an inline thread:\n\n${transcript}\n\n` +
    'Let us continue here. Briefly sum up where we are, then wait for my next question.';
}

/**
 * Calls `flush` at most once per `intervalMs` while text streams, and once more at the end, so a
 * long answer does not repaint the thread on every chunk.
 */
export class Throttle {
  private last = -Infinity;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly intervalMs: number, private readonly flush: () => void, private readonly now: () => number = () => Date.now()) {}

  poke(): void {
    const wait = this.last + this.intervalMs - this.now();
    if (wait <= 0) {
      this.run();
      return;
    }
    this.timer ??= setTimeout(() => this.run(), wait);
  }

  /** Flushes now (the end of the answer) and cancels a pending flush. */
  done(): void {
    this.run();
  }

  private run(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.last = this.now();
    this.flush();
  }
}
