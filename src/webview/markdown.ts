// Streaming markdown. An answer arrives in many small deltas; re-rendering the whole message per
// delta would make each chunk cost more than the last. Instead the source is split into top-level
// blocks: every block followed by another block is finished, rendered once and left in the DOM;
// only the trailing open block (the paragraph, list or code fence still growing) is rendered again.
// Lexing restarts at the first unfinished block, so the work per chunk stays flat.
import { Lexer, Parser, Renderer, type Token, type Tokens, type TokensList } from 'marked';
import { h, icon } from './dom';
import { highlightCode } from './highlight';
import { capNesting } from './nesting';
import { sanitizeToFragment, sanitizeToHtml } from './sanitize';
import { l10n } from '../common/l10n';

const OPTIONS = { gfm: true, breaks: false } as const;

export const CODE_ACTIONS = [
  { action: 'copy', icon: 'copy', label: l10n.t('Copy code') },
  { action: 'insert', icon: 'insert', label: l10n.t('Insert at cursor') },
  { action: 'apply', icon: 'diff', label: l10n.t('Apply to the active file (diff preview)') },
  { action: 'save', icon: 'new-file', label: l10n.t('Save as new file') },
] as const;
export type CodeAction = (typeof CODE_ACTIONS)[number]['action'];

/**
 * Finished blocks are kept in groups of this many: the browser lays out a container by walking its
 * children, so one flat container of thousands of blocks would make each chunk's layout cost grow
 * with the answer; groups keep it near-constant.
 */
const GROUP_SIZE = 32;

export class StreamingMarkdown {
  readonly element: HTMLElement;
  /** Holds the rendering of the unfinished tail; finished blocks go into groups before it. */
  private readonly open: HTMLElement;
  private source = '';
  /** The unfinished suffix of the source: the only part lexed again per chunk. */
  private tail = '';
  private group: HTMLElement | undefined;
  private groupBlocks = 0;
  /** Work counters, read by tests and the benchmark to show per-chunk work stays flat. */
  readonly stats = { lexedChars: 0, renderedBlocks: 0 };

  constructor(className = 'markdown') {
    this.element = h('div', { class: className });
    this.open = h('div', { class: 'md-open' });
    this.element.append(this.open);
  }

  get text(): string { return this.source; }

  append(delta: string): void {
    if (!delta) return;
    const normalised = delta.replace(/\r\n?/g, '\n');
    this.source += normalised;
    this.tail += normalised;
    this.renderTail();
  }

  /** Replaces the whole text (a snapshot, or an edited turn). */
  reset(text: string): void {
    this.source = '';
    this.tail = '';
    this.group = undefined;
    this.groupBlocks = 0;
    this.element.replaceChildren(this.open);
    this.open.replaceChildren();
    this.append(text);
  }

  private renderTail(): void {
    const tail = this.tail;
    this.stats.lexedChars += tail.length;
    let tokens: TokensList;
    const source = capNesting(tail);
    try {
      tokens = Lexer.lex(source, OPTIONS);
    } catch {
      // Past what the caps catch, the lexer can still overflow: show this part as text and go on.
      this.commitPlain(tail);
      return;
    }
    let last = tokens.length - 1;
    while (last > 0 && tokens[last].type === 'space') last--;
    // The lexer's raw strings normally tile the input exactly; if not, commit nothing (stay correct).
    const tiles = tokens.reduce((n, t) => n + t.raw.length, 0) === source.length;
    let openTokens: Token[] = tokens;
    if (tiles && last > 0) {
      const finished = tokens.slice(0, last);
      const consumed = originalLength(tail, source, finished.reduce((n, t) => n + t.raw.length, 0));
      if (consumed !== undefined) {
        this.commit(finished, tokens.links);
        this.tail = tail.slice(consumed);
        openTokens = tokens.slice(last);
      }
    }
    this.open.replaceChildren(renderTokens(openTokens, tokens.links));
    this.stats.renderedBlocks += openTokens.length;
  }

  /** Commits `text` as one plain-text block with a note, and starts a new tail after it. */
  private commitPlain(text: string): void {
    const group = h('div', { class: 'md-group' }, plainText(text));
    this.element.insertBefore(group, this.open);
    this.group = undefined;
    this.groupBlocks = 0;
    this.tail = '';
    this.open.replaceChildren();
  }

  /** Renders finished blocks once, into groups of GROUP_SIZE content blocks. */
  private commit(finished: Token[], links: TokensList['links']): void {
    let batch: Token[] = [];
    const flush = () => {
      if (!batch.length) return;
      if (!this.group) {
        this.group = h('div', { class: 'md-group' });
        this.element.insertBefore(this.group, this.open);
      }
      this.group.append(renderTokens(batch, links));
      this.stats.renderedBlocks += batch.length;
      batch = [];
    };
    for (const token of finished) {
      batch.push(token);
      if (token.type === 'space') continue;
      this.groupBlocks += 1;
      if (this.groupBlocks >= GROUP_SIZE) {
        flush();
        this.group = undefined;
        this.groupBlocks = 0;
      }
    }
    flush();
  }
}

/** Renders a whole markdown text at once (tool details, thoughts in a snapshot). */
export function renderMarkdown(source: string): DocumentFragment {
  const text = source.replace(/\r\n?/g, '\n');
  let tokens: TokensList;
  try {
    tokens = Lexer.lex(capNesting(text), OPTIONS);
  } catch {
    const fragment = document.createDocumentFragment();
    fragment.append(plainText(text));
    return fragment;
  }
  return renderTokens(tokens, tokens.links);
}

/**
 * Where `consumed` characters of the capped source end in the original: capping only inserts
 * backslashes within lines, so whole lines map one to one. undefined when not at a line start.
 */
function originalLength(original: string, capped: string, consumed: number): number | undefined {
  if (original === capped) return consumed;
  if (consumed > 0 && capped[consumed - 1] !== '\n') return undefined;
  let lines = 0;
  for (let at = capped.indexOf('\n'); at >= 0 && at < consumed; at = capped.indexOf('\n', at + 1)) lines++;
  let offset = 0;
  for (let i = 0; i < lines; i++) offset = original.indexOf('\n', offset) + 1;
  return offset;
}

function renderTokens(tokens: Token[], links: TokensList['links']): DocumentFragment {
  const list = Object.assign([...tokens], { links }) as TokensList;
  const fences = new FenceCollector();
  let fragment: DocumentFragment;
  try {
    fragment = sanitizeToFragment(Parser.parse(list, { ...OPTIONS, renderer: fences }));
  } catch {
    fragment = document.createDocumentFragment();
    fragment.append(plainText(tokens.map((t) => t.raw).join('')));
    return fragment;
  }
  fences.fill(fragment);
  flattenDeepNodes(fragment);
  return fragment;
}

/** Elements nested deeper than this (raw HTML can nest without limit) are replaced by their text. */
const MAX_DOM_DEPTH = 80;

function flattenDeepNodes(root: DocumentFragment): void {
  const stack: [Element, number][] = Array.from(root.children, (child) => [child, 1]);
  while (stack.length) {
    const [element, depth] = stack.pop()!;
    if (depth >= MAX_DOM_DEPTH) {
      element.replaceWith(document.createTextNode(element.textContent ?? ''));
      continue;
    }
    for (const child of Array.from(element.children)) stack.push([child, depth + 1]);
  }
}

/** Text the renderer could not format, shown as it is, with a note saying why. */
function plainText(text: string): HTMLElement {
  return h('div', { class: 'md-plain' },
    h('p', { class: 'md-plain-note' }, l10n.t('Shown as plain text: this part of the answer could not be formatted (it is nested too deeply).')),
    h('div', { class: 'md-plain-text' }, text));
}

/**
 * Code blocks (with Copy / Insert / Apply) are built only from markdown fences, from the fence's
 * own text: the renderer leaves a placeholder carrying a per-load random marker that model text
 * cannot guess, and after sanitising each placeholder is swapped for a block built with DOM calls.
 * A `<pre><code>` the model wrote as HTML stays plain sanitised content without any action.
 */
const FENCE_MARKER = `gemini-fence-${Array.from(crypto.getRandomValues(new Uint32Array(4)), (n) => n.toString(36)).join('')}-`;

class FenceCollector extends Renderer {
  private readonly fences: { text: string; language: string }[] = [];

  override code({ text, lang }: Tokens.Code): string {
    const language = /^[\w+#.-]+$/.exec((lang ?? '').match(/^\S*/)?.[0] ?? '')?.[0] ?? '';
    this.fences.push({ text: `${text.replace(/\n$/, '')}\n`, language });
    return `<pre>${FENCE_MARKER}${this.fences.length - 1}</pre>\n`;
  }

  fill(fragment: DocumentFragment): void {
    for (const pre of Array.from(fragment.querySelectorAll('pre'))) {
      const text = pre.textContent ?? '';
      if (!text.startsWith(FENCE_MARKER) || pre.children.length) continue;
      const fence = this.fences[Number(text.slice(FENCE_MARKER.length))];
      if (fence) pre.replaceWith(codeBlock(fence.text, fence.language));
    }
  }
}

/** What each toolbar copies, inserts or applies: the fence text the block was built from. */
const blockCode = new WeakMap<Element, string>();

/** A highlighted code block with its toolbar, all our own markup; it shows exactly `text`. */
function codeBlock(text: string, language: string): HTMLElement {
  const code = h('code', language ? { class: `language-${language}` } : {});
  const highlighted = highlightCode(text, language);
  if (highlighted !== undefined) {
    code.innerHTML = sanitizeToHtml(highlighted);
    code.classList.add('hljs');
  }
  // The highlighter only wraps text in spans; should it ever change the text, show it plain.
  if (code.textContent !== text) code.textContent = text;
  const toolbar = h('div', { class: 'code-toolbar', role: 'toolbar', 'aria-label': language ? l10n.t('{0} block actions', language) : l10n.t('Code block actions') },
    h('span', { class: 'code-language' }, language));
  for (const { action, icon: name, label } of CODE_ACTIONS) {
    toolbar.append(h('button', { type: 'button', class: 'icon-button', title: label, 'aria-label': label, 'data-code-action': action }, icon(name)));
  }
  const block = h('div', { class: 'code-block', 'data-language': language }, toolbar, h('pre', {}, code));
  blockCode.set(block, text);
  return block;
}

/** The code and language of the block a toolbar button belongs to (only blocks built from fences). */
export function codeOfButton(button: Element): { code: string; language: string } | undefined {
  const block = button.closest('.code-block');
  const code = block ? blockCode.get(block) : undefined;
  if (!block || code === undefined) return undefined;
  return { code, language: block.getAttribute('data-language') ?? '' };
}
