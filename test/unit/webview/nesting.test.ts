// Pathologically nested markdown degrades instead of breaking: nesting is capped and the rest is
// shown as text, nothing of the answer disappears, and a turn that cannot be rendered at all shows
// its raw text with a note while every other turn of the chat still shows.
import * as assert from 'node:assert/strict';
import type { HostMessage } from '../../../src/protocol/messages';
import type { ChatView } from '../../../src/protocol/view';
import { loadInDom, MARKDOWN_ENTRY, type MarkdownModule } from './bundle';

const TAIL = 'tail paragraph after the nesting';

export const NESTED_ANSWERS: { name: string; text: string; marker: string }[] = [
  { name: '3,000 nested blockquotes', text: `${'>'.repeat(3000)} deepest quote\n\n${TAIL}`, marker: 'deepest quote' },
  { name: '3,000 spaced blockquotes', text: `${'> '.repeat(3000)}deepest quote\n\n${TAIL}`, marker: 'deepest quote' },
  { name: '1,500 nested list levels', text: `${Array.from({ length: 1500 }, (_, i) => `${'  '.repeat(i)}- item ${i}`).join('\n')}\n\n${TAIL}`, marker: 'item 1499' },
  { name: '5,000 nested emphasis markers', text: `${'*'.repeat(5000)}deepest emphasis${'*'.repeat(5000)}\n\n${TAIL}`, marker: 'deepest emphasis' },
  { name: 'quotes and lists mixed 2,000 deep', text: `${'> - '.repeat(2000)}deepest mix\n\n${TAIL}`, marker: 'deepest mix' },
];

function depthOf(root: Node): number {
  let max = 0;
  const stack: [Node, number][] = [[root, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    max = Math.max(max, depth);
    for (const child of Array.from(node.childNodes)) stack.push([child, depth + 1]);
  }
  return max;
}

describe('webview: pathologically nested markdown', () => {
  const { module } = loadInDom<MarkdownModule>(MARKDOWN_ENTRY);

  for (const { name, text, marker } of NESTED_ANSWERS) {
    it(`${name}: rendered with capped depth, the deep part and the tail still shown`, () => {
      const md = new module.StreamingMarkdown();
      md.reset(text);
      const shown = md.element.textContent ?? '';
      assert.ok(shown.includes(marker), 'the deepest text is shown');
      assert.ok(shown.includes(TAIL), 'the tail of the answer is shown');
      assert.ok(depthOf(md.element) <= 120, `DOM depth ${depthOf(md.element)}`);
    });
  }

  it('streamed in chunks, a deep answer keeps every later chunk', () => {
    const { text, marker } = NESTED_ANSWERS[0];
    const md = new module.StreamingMarkdown();
    for (let i = 0; i < text.length; i += 97) md.append(text.slice(i, i + 97));
    md.append('\n\nand one more line');
    const shown = md.element.textContent ?? '';
    assert.ok(shown.includes(marker));
    assert.ok(shown.includes(TAIL));
    assert.ok(shown.includes('and one more line'));
  });

  it('shallow nesting is untouched: 10 levels of quotes and lists render as markdown', () => {
    const md = new module.StreamingMarkdown();
    md.reset(`${'> '.repeat(10)}quoted\n\n${Array.from({ length: 10 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n')}\n\n**bold**`);
    assert.equal(md.element.querySelectorAll('blockquote').length, 10);
    assert.equal(md.element.querySelectorAll('ul').length, 10);
    assert.equal(md.element.querySelector('strong')?.textContent, 'bold');
    assert.ok(!(md.element.textContent ?? '').includes('\\'), 'no escape characters shown');
  });
});

interface AppModule {
  ChatApp: new (root: HTMLElement, host: unknown) => { handle(message: HostMessage): void };
  HostConnection: new (api: unknown) => unknown;
}

describe('webview: a turn that cannot be rendered', () => {
  function start() {
    const { module, window } = loadInDom<AppModule>("export { ChatApp } from './app'; export { HostConnection } from './api';");
    const api = { postMessage() {}, getState: () => undefined, setState() {} };
    const root = window.document.getElementById('app')!;
    const app = new module.ChatApp(root, new module.HostConnection(api));
    const snapshot = (chat: ChatView) => app.handle({ type: 'snapshot', snapshot: { chat, busy: false, hasApiKey: true, model: 'gemini-2.5-flash', models: ['gemini-2.5-flash'], attachments: [], history: [] } });
    return { root, snapshot };
  }
  const turns = (middle: unknown): ChatView => ({
    id: 'c1', title: 'chat', createdAt: 1, updatedAt: 1,
    turns: [
      { role: 'user', id: 'u1', text: 'first question', attachments: [], createdAt: 1 },
      middle as ChatView['turns'][number],
      { role: 'user', id: 'u2', text: 'second question', attachments: [], createdAt: 1 },
      { role: 'model', id: 'm2', status: 'done', segments: [{ kind: 'text', text: 'second **answer**' }], createdAt: 1 },
    ],
  });

  it('a reloaded chat with a deeply nested answer shows every turn and the whole answer', () => {
    const ui = start();
    const { text, marker } = NESTED_ANSWERS[0];
    ui.snapshot(turns({ role: 'model', id: 'm1', status: 'done', segments: [{ kind: 'text', text }], createdAt: 1 }));
    const articles = ui.root.querySelectorAll('article.turn');
    assert.equal(articles.length, 4);
    assert.ok(articles[1].textContent!.includes(marker));
    assert.ok(articles[1].textContent!.includes(TAIL));
    assert.equal(ui.root.querySelector('[data-turn-id="m2"] strong')?.textContent, 'answer');
  });

  it('a stored turn that throws while rendering shows its raw text with a note; the others still show', () => {
    const ui = start();
    // A damaged stored turn: a text segment whose text is not a string, next to one that is.
    ui.snapshot(turns({ role: 'model', id: 'm1', status: 'done', segments: [{ kind: 'text', text: 'raw **kept** text' }, { kind: 'text', text: { broken: true } }], createdAt: 1 }));
    const articles = ui.root.querySelectorAll('article.turn');
    assert.equal(articles.length, 4, 'every turn is shown');
    const broken = ui.root.querySelector('[data-turn-id="m1"]')!;
    assert.ok(broken.querySelector('.render-failed'), 'the note says this turn could not be rendered');
    assert.ok(broken.textContent!.includes('raw **kept** text'), 'its raw text is shown');
    assert.equal(ui.root.querySelector('[data-turn-id="m2"] strong')?.textContent, 'answer');
    assert.equal(ui.root.querySelector('[data-turn-id="u2"] .user-text')?.textContent, 'second question');
  });
});
