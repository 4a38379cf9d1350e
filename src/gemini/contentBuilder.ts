// Rebuilds the model's Content from a stream of chunks, keeping it fit to be sent back verbatim.
// Consecutive text deltas of the same kind (answer or thought) are joined into one part, as a chat
// history would hold them, but following Google's thought-signature rules: a part that carries a
// thoughtSignature is never joined with another part, so every signature stays on exactly the
// part it arrived with. Every other part (functionCall with its id, executableCode,
// codeExecutionResult, inlineData, unknown future kinds) is kept as it came.
import type { Content, Part } from '@google/genai';

export class ModelContentBuilder {
  private readonly parts: Part[] = [];

  add(part: Part): void {
    if (isPlainText(part) && !part.text && !part.thoughtSignature) return; // carries nothing
    const last = this.parts[this.parts.length - 1];
    if (last && isPlainText(last) && isPlainText(part) && !last.thoughtSignature && !part.thoughtSignature && !!last.thought === !!part.thought) {
      last.text = (last.text ?? '') + (part.text ?? '');
      return;
    }
    this.parts.push(structuredClone(part));
  }

  get isEmpty(): boolean {
    return this.parts.length === 0;
  }

  functionCalls(): Part[] {
    return this.parts.filter((part) => part.functionCall);
  }

  content(): Content {
    return { role: 'model', parts: structuredClone(this.parts) };
  }
}

const TEXT_PART_KEYS = new Set(['text', 'thought', 'thoughtSignature']);

/** A part with text and nothing but the thought flag / signature beside it. */
function isPlainText(part: Part): boolean {
  return typeof part.text === 'string' && Object.keys(part).every((key) => TEXT_PART_KEYS.has(key));
}
