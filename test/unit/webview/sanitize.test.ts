// The sanitiser, structurally, under jsdom: after rendering any payload, the DOM holds no script,
// frame, style or form element, no event-handler attribute, and no link that is not http(s).
// (sanitize.browser.test.ts proves in Chromium that none of them executes.)
import * as assert from 'node:assert/strict';
import { loadInDom, MARKDOWN_ENTRY, type MarkdownModule } from './bundle';
import { XSS_PAYLOADS } from './xssPayloads';

const FORBIDDEN = 'script, iframe, frame, object, embed, style, link, meta, base, form, input, button:not([data-code-action]), textarea, svg, math, template, video, audio, source, noscript, marquee';

describe('webview: sanitiser (jsdom)', () => {
  const { module } = loadInDom<MarkdownModule>(MARKDOWN_ENTRY);

  it(`has at least 20 payloads (${XSS_PAYLOADS.length})`, () => assert.ok(XSS_PAYLOADS.length >= 20));

  for (const payload of XSS_PAYLOADS) {
    it(`neutralises #${payload.id} ${payload.name}`, () => {
      for (const mode of ['whole', 'streamed'] as const) {
        const md = new module.StreamingMarkdown();
        if (mode === 'whole') md.reset(payload.markdown);
        else for (let i = 0; i < payload.markdown.length; i += 3) md.append(payload.markdown.slice(i, i + 3));
        const root = md.element;
        assert.equal(root.querySelector(FORBIDDEN), null, `${mode}: forbidden element in ${root.innerHTML}`);
        for (const element of Array.from(root.querySelectorAll('*'))) {
          for (const attribute of Array.from(element.attributes)) {
            assert.doesNotMatch(attribute.name, /^on/i, `${mode}: event handler ${attribute.name}`);
            assert.notEqual(attribute.name, 'style', `${mode}: style attribute`);
            assert.notEqual(attribute.name, 'srcdoc');
            if (['href', 'src', 'xlink:href', 'action', 'formaction', 'data'].includes(attribute.name)) {
              assert.match(attribute.value, /^(https?:\/\/|#|data:image\/(png|jpeg|gif|webp);base64,)/i, `${mode}: unsafe ${attribute.name}=${attribute.value}`);
            }
          }
        }
      }
    });
  }

  it('keeps harmless markdown intact: http(s) links, inline code, code blocks showing HTML as text', () => {
    const md = new module.StreamingMarkdown();
    md.reset('See [docs](https://example.com/a?b=1) and `<b>`.\n\n```html\n<script>alert(1)</script>\n```');
    const link = md.element.querySelector('a')!;
    assert.equal(link.getAttribute('href'), 'https://example.com/a?b=1');
    assert.equal(md.element.querySelector('p code')?.textContent, '<b>');
    assert.equal(md.element.querySelector('pre code')?.textContent, '<script>alert(1)</script>\n');
  });

  it('strips data-* and id attributes so model HTML cannot fake toolbar actions or clobber the DOM', () => {
    const md = new module.StreamingMarkdown();
    md.reset('<span data-code-action="apply" id="app" name="x" class="code-toolbar hljs-keyword">x</span>');
    const span = md.element.querySelector('span')!;
    assert.equal(span.getAttribute('data-code-action'), null);
    assert.equal(span.getAttribute('id'), null);
    assert.equal(span.getAttribute('name'), null);
    assert.equal(span.getAttribute('class'), 'hljs-keyword', 'only highlighter classes survive');
  });
});
