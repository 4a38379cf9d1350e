// Streaming markdown: finished blocks are rendered once and stay in the DOM; only the open tail is
// re-rendered; the streamed result equals rendering the whole text at once.
import * as assert from 'node:assert/strict';
import { loadInDom, MARKDOWN_ENTRY, type MarkdownModule } from './bundle';

const ANSWER = `# Plan

First, read the **config**. Then see [the docs](https://example.com/docs).

- one
- two with \`code\`

\`\`\`ts
const answer: number = 42;
export function f() { return answer; }
\`\`\`

| a | b |
|---|---|
| 1 | 2 |

> quoted

Last paragraph that keeps growing`;

function chunksOf(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

describe('webview: StreamingMarkdown', () => {
  const { module, window } = loadInDom<MarkdownModule>(MARKDOWN_ENTRY);
  const document = window.document;

  it('renders markdown with highlighted code blocks that carry their toolbar', () => {
    const md = new module.StreamingMarkdown();
    md.reset(ANSWER);
    const el = md.element;
    assert.equal(el.querySelector('h1')?.textContent, 'Plan');
    assert.equal(el.querySelectorAll('li').length, 2);
    assert.equal(el.querySelector('table td')?.textContent, '1');
    const block = el.querySelector('.code-block')!;
    assert.equal(block.getAttribute('data-language'), 'ts');
    assert.ok(block.querySelector('code.hljs .hljs-keyword'), 'highlighted');
    assert.equal(block.querySelector('code')?.textContent, 'const answer: number = 42;\nexport function f() { return answer; }\n');
    const actions = Array.from(block.querySelectorAll('.code-toolbar button')).map((b) => b.getAttribute('data-code-action'));
    assert.deepEqual(actions, ['copy', 'insert', 'apply', 'save']);
    assert.ok(Array.from(block.querySelectorAll('button')).every((b) => b.getAttribute('aria-label')), 'every button has an accessible name');
    const link = el.querySelector('a')!;
    assert.equal(link.getAttribute('href'), 'https://example.com/docs');
  });

  for (const size of [2, 9, 31]) {
    it(`streamed in ${size}-character chunks, ends exactly like rendering the whole text`, () => {
      const streamed = new module.StreamingMarkdown();
      for (const chunk of chunksOf(ANSWER, size)) streamed.append(chunk);
      const whole = new module.StreamingMarkdown();
      whole.reset(ANSWER);
      assert.equal(streamed.element.innerHTML, whole.element.innerHTML);
    });
  }

  it('keeps finished blocks as the same DOM nodes while the answer grows', () => {
    const md = new module.StreamingMarkdown();
    document.body.append(md.element);
    md.append('# Title\n\nFirst paragraph.\n\n');
    md.append('Second');
    const heading = md.element.querySelector('h1')!;
    const first = md.element.querySelector('p')!;
    assert.equal(first.textContent, 'First paragraph.');
    for (const chunk of chunksOf(' paragraph grows and grows.\n\n- a\n- b\n\nThird', 4)) md.append(chunk);
    assert.ok(heading.isConnected && md.element.querySelector('h1') === heading, 'the heading node was never replaced');
    assert.ok(first.isConnected, 'the first paragraph node was never replaced');
    const open = md.element.querySelector('.md-open')!;
    assert.equal(open.children.length, 1, 'only the open block lives in the re-rendered tail');
    assert.equal(open.textContent?.trim(), 'Third');
  });

  it('renders an unclosed code fence while it streams, then closes it', () => {
    const md = new module.StreamingMarkdown();
    md.append('Code:\n\n```python\ndef f():\n');
    assert.equal(md.element.querySelector('.code-block')?.getAttribute('data-language'), 'python');
    assert.match(md.element.querySelector('code')?.textContent ?? '', /def f\(\):/);
    md.append('    return 1\n```\n\nAfter.');
    assert.equal(md.element.querySelectorAll('.code-block').length, 1);
    assert.equal(md.element.querySelector('.md-open')?.textContent?.trim(), 'After.');
  });

  it('lexes only the open tail: per-chunk work stays flat as the answer grows', function () {
    this.timeout(60_000); // counts work, not time; 360 appends in jsdom take seconds on a loaded machine
    const md = new module.StreamingMarkdown();
    const paragraph = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit.\n\n';
    const workPerChunk = (count: number) => {
      const before = { ...md.stats };
      for (let i = 0; i < count; i++) for (const chunk of chunksOf(paragraph, 20)) md.append(chunk);
      const chunks = count * Math.ceil(paragraph.length / 20);
      return { lexed: (md.stats.lexedChars - before.lexedChars) / chunks, blocks: (md.stats.renderedBlocks - before.renderedBlocks) / chunks };
    };
    workPerChunk(2);
    const early = workPerChunk(10);
    workPerChunk(100);
    const late = workPerChunk(10);
    assert.ok(md.text.length > 6_000);
    assert.equal(late.lexed, early.lexed, 'characters lexed per chunk do not grow with the answer');
    assert.equal(late.blocks, early.blocks, 'blocks rendered per chunk do not grow with the answer');
    assert.ok(early.lexed < paragraph.length * 2, `lexes about one block per chunk (${early.lexed})`);
  });
});
