// Every piece of model output passes through DOMPurify after markdown rendering and before it
// touches the DOM. On top of DOMPurify's defaults: no styles, forms, frames, SVG or MathML, no
// data-* or id attributes (our own toolbars use data-* for actions, so model HTML must not fake
// them), only highlight/language classes, only http(s) links, and only inline data images (the
// CSP blocks remote ones anyway). Model HTML must not hide text either, so that what the user
// reads is what is there: no `hidden`, `popover`, colour or `dir` attributes, and the elements
// that fold, colour, reorder or never show their content are unwrapped (their text stays, shown).
import createDOMPurify from 'dompurify';

const FORBID_TAGS = ['style', 'form', 'input', 'button', 'textarea', 'select', 'option', 'iframe', 'frame', 'frameset', 'object', 'embed',
  'link', 'meta', 'base', 'svg', 'math', 'template', 'video', 'audio', 'source', 'track', 'dialog', 'portal', 'applet', 'noscript', 'marquee', 'blink',
  // Content folded away, coloured or never rendered: unwrapped, so their text shows as plain content.
  'details', 'summary', 'font', 'bdo', 'progress', 'meter', 'canvas', 'datalist', 'optgroup', 'rp', 'map', 'area', 'noembed', 'noframes', 'xmp', 'plaintext'];
const FORBID_ATTR = ['style', 'id', 'name', 'target', 'formaction', 'srcset', 'ping',
  'hidden', 'popover', 'open', 'color', 'bgcolor', 'text', 'background', 'face', 'size', 'dir', 'inert'];
// highlight.js marks sub-scopes with a trailing underscore (`function_`, `class_`).
const SAFE_CLASS = /^(language-[\w+#.-]+|hljs(-[\w-]+)?|[a-z]+_+)$/;
const SAFE_HREF = /^(https?:\/\/|#)/i;
const SAFE_IMAGE = /^data:image\/(png|jpeg|gif|webp);base64,[a-z0-9+/=\s]+$/i;

type Purifier = ReturnType<typeof createDOMPurify>;
let purifier: Purifier | undefined;

function instance(): Purifier {
  if (purifier) return purifier;
  const purify = createDOMPurify(window);
  purify.addHook('uponSanitizeElement', (node, data) => {
    if (data.tagName === 'img' && !SAFE_IMAGE.test((node as Element).getAttribute?.('src') ?? '')) node.parentNode?.removeChild(node);
  });
  purify.addHook('afterSanitizeAttributes', (node) => {
    const element = node as Element;
    if (element.hasAttribute?.('class')) {
      const kept = (element.getAttribute('class') ?? '').split(/\s+/).filter((c) => SAFE_CLASS.test(c));
      if (kept.length) element.setAttribute('class', kept.join(' '));
      else element.removeAttribute('class');
    }
    if (element.tagName === 'A') {
      const href = element.getAttribute('href') ?? '';
      if (!SAFE_HREF.test(href.trim())) element.removeAttribute('href');
      else if (!href.startsWith('#')) element.setAttribute('title', href);
      element.removeAttribute('target');
    }
  });
  purifier = purify;
  return purify;
}

export function sanitizeToFragment(html: string): DocumentFragment {
  return instance().sanitize(html, {
    FORBID_TAGS,
    FORBID_ATTR,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    RETURN_DOM_FRAGMENT: true,
  }) as unknown as DocumentFragment;
}

/** Highlighter output is escaped by highlight.js already; it still goes through the same gate. */
export function sanitizeToHtml(html: string): string {
  return instance().sanitize(html, { ALLOWED_TAGS: ['span'], ALLOWED_ATTR: ['class'] }) as unknown as string;
}

export function isSafeLink(href: string): boolean {
  return /^https?:\/\//i.test(href.trim());
}
