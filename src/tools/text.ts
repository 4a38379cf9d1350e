// Byte accounting, binary sniffing and decoding shared by the tools. Results are measured in
// UTF-8 bytes because that is what travels to the model and what the settings cap.

/** A refusal or failure the model reads verbatim as the tool's `error`. */
export class ToolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ToolError';
  }
}

/** How many leading bytes decide whether a file is binary (git uses the same window). */
export const BINARY_SNIFF_BYTES = 8000;

/** A NUL byte in the first few KB: the heuristic git and grep use. */
export function looksBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, BINARY_SNIFF_BYTES);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return true;
  return false;
}

const decoder = new TextDecoder('utf-8');

/** Decodes UTF-8 (invalid bytes become U+FFFD) and drops a leading BOM. */
export function decodeText(bytes: Uint8Array): string {
  const text = decoder.decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) { bytes += 4; i++; }
    else bytes += 3;
  }
  return bytes;
}

/** Cuts text to at most `maxBytes` UTF-8 bytes without splitting a character. */
export function clipToBytes(text: string, maxBytes: number): string {
  if (text.length <= maxBytes / 3 || utf8Length(text) <= maxBytes) return text;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code >= 0xd800 && code <= 0xdbff ? 4 : 3;
    if (bytes + size > maxBytes) return text.slice(0, i);
    bytes += size;
    if (size === 4) i++;
  }
  return text;
}

export function plural(count: number, noun: string): string {
  if (count === 1) return `1 ${noun}`;
  if (/[^aeiou]y$/.test(noun)) return `${count} ${noun.slice(0, -1)}ies`;
  return `${count} ${/(s|x|ch|sh)$/.test(noun) ? `${noun}es` : `${noun}s`}`;
}

/**
 * Collects output lines under a byte budget. Once a line does not fit, everything after it is
 * only counted, so the result can end with an explicit "… truncated, N more" marker.
 */
export class OutputBudget {
  private readonly lines: string[] = [];
  private used = 0;
  private omitted = 0;

  constructor(private readonly maxBytes: number) {}

  /** Adds a line; false once the budget is exhausted (the line is then counted as omitted). */
  add(line: string): boolean {
    if (this.omitted > 0) { this.omitted++; return false; }
    const size = utf8Length(line) + 1;
    if (this.used + size > this.maxBytes) { this.omitted++; return false; }
    this.lines.push(line);
    this.used += size;
    return true;
  }

  /** Counts items that were never rendered (e.g. entries past the budget). */
  skip(count = 1): void { this.omitted += count; }

  get full(): boolean { return this.omitted > 0; }
  get omittedCount(): number { return this.omitted; }
  get lineCount(): number { return this.lines.length; }
  get bytesUsed(): number { return this.used; }

  /** The collected lines, without any marker. */
  body(): string {
    return this.lines.join('\n');
  }

  /**
   * The collected lines plus the truncation marker when anything was left out. `countStopped`:
   * counting gave up early, so the number is a lower bound.
   */
  render(noun: string, hint = '', countStopped = false): string {
    const body = this.body();
    if (this.omitted === 0) return body;
    return `${body}\n… truncated, ${this.omitted}${countStopped ? '+' : ''} more ${noun}${hint ? ` (${hint})` : ''}`;
  }
}
