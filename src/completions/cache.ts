// Recent completions, so that typing through a suggestion costs nothing: when what the user typed
// since a suggestion was made is the start of that suggestion, the rest of it is served from here
// with no request. Also serves the same spot again (cursor moved away and back). Pure.

/** Characters of the prefix kept to recognise the spot (with the prefix's length). */
const ANCHOR_CHARS = 400;
/** Characters of the suffix that must still follow the cursor. */
const SUFFIX_CHARS = 200;

interface Entry {
  document: string;
  prefixLength: number;
  anchor: string;
  suffixHead: string;
  text: string;
}

export class CompletionCache {
  private entries: Entry[] = [];

  constructor(private readonly capacity = 50) {}

  get size(): number {
    return this.entries.length;
  }

  /** Remembers `text` as the completion at the spot `prefix|suffix` of `document`. */
  put(document: string, prefix: string, suffix: string, text: string): void {
    if (!text) return;
    const entry: Entry = {
      document, prefixLength: prefix.length, anchor: prefix.slice(-ANCHOR_CHARS), suffixHead: suffix.slice(0, SUFFIX_CHARS), text,
    };
    this.entries = [entry, ...this.entries.filter((e) => !(e.document === document && e.prefixLength === entry.prefixLength && e.anchor === entry.anchor))];
    if (this.entries.length > this.capacity) this.entries.length = this.capacity;
  }

  /**
   * What is left of a cached completion at the spot `prefix|suffix`: the user typed its first
   * characters (or none), the code after the cursor is unchanged. undefined: nothing fits.
   */
  get(document: string, prefix: string, suffix: string): string | undefined {
    const suffixHead = suffix.slice(0, SUFFIX_CHARS);
    for (const entry of this.entries) {
      if (entry.document !== document || entry.suffixHead !== suffixHead || prefix.length < entry.prefixLength) continue;
      const typed = prefix.slice(entry.prefixLength);
      if (typed.length >= entry.text.length || !entry.text.startsWith(typed)) continue;
      if (prefix.slice(entry.prefixLength - entry.anchor.length, entry.prefixLength) !== entry.anchor) continue;
      // Most recently used first, so a long session keeps the suggestions in use.
      this.entries = [entry, ...this.entries.filter((e) => e !== entry)];
      return entry.text.slice(typed.length);
    }
    return undefined;
  }

  /** Forgets one document's entries (closed), or all (model or settings changed). */
  clear(document?: string): void {
    this.entries = document === undefined ? [] : this.entries.filter((e) => e.document !== document);
  }
}
