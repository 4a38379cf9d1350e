// A running command's output as the model will read it: terminal escape sequences removed
// (colours, cursor moves, shell-integration marks), line endings normalised, and capped — the
// first part and the last part are kept (where errors usually are), with what was left out counted.
// Pure; memory stays bounded whatever the command prints.

// eslint-disable-next-line no-control-regex
const ESCAPES = /\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b\[[0-?]*[ -/]*[@-~]|\u001b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]/g;

export function stripTerminalEscapes(text: string): string {
  return text.replace(ESCAPES, '').replace(/\r\n/g, '\n').replace(/\r/g, '\n');
}

export class OutputCapture {
  private head = '';
  private tail = '';
  private dropped = 0;
  private pending = '';

  constructor(private readonly maxChars: number) {}

  /** Raw output as it arrives (may split an escape sequence: the end of a chunk waits for the next). */
  push(raw: string): void {
    let text = this.pending + raw;
    this.pending = '';
    const lastEsc = text.lastIndexOf('\u001b');
    if (lastEsc >= 0 && lastEsc > text.length - 64 && !/[\u0007@-~]/.test(text.slice(lastEsc + 2))) {
      this.pending = text.slice(lastEsc);
      text = text.slice(0, lastEsc);
    }
    this.add(stripTerminalEscapes(text));
  }

  private add(text: string): void {
    const headRoom = Math.floor(this.maxChars / 4) - this.head.length;
    if (headRoom > 0) {
      this.head += text.slice(0, headRoom);
      text = text.slice(headRoom);
    }
    if (!text) return;
    this.tail += text;
    const tailMax = this.maxChars - Math.floor(this.maxChars / 4);
    if (this.tail.length > tailMax) {
      this.dropped += this.tail.length - tailMax;
      this.tail = this.tail.slice(this.tail.length - tailMax);
    }
  }

  get droppedChars(): number { return this.dropped; }

  text(): string {
    const rest = stripTerminalEscapes(this.pending);
    const body = this.dropped ? `${this.head}\n[… ${this.dropped} characters left out …]\n${this.tail}` : this.head + this.tail;
    return (body + rest).trimEnd();
  }
}
