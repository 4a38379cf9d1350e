// Google Search grounding in an answer: numbered citation markers after the sentences the sources
// support, the numbered list of sources, the pages the URL context tool read, and the search
// queries Gemini ran. Citation offsets are
// UTF-16 positions in the turn's answer text (its text segments one after another), as the engine
// computed them. Markers are placed in the markdown source as private-use sentinels that markdown
// leaves alone, then swapped for our own elements after sanitising; inside code they are dropped.
// Links are plain http(s) anchors: the app intercepts every click and the host opens them.
import type { GroundingInfo, ModelSegment } from '../protocol/view';
import { h, icon } from './dom';
import { l10n } from '../common/l10n';

const OPEN = '\uE000';
const CLOSE = '\uE001';
const SENTINEL = /\uE000([\d,]*)\uE001/g;

/** Each text segment's source with citation sentinels inserted (undefined: segment has none). */
export function citedSources(segments: ModelSegment[], grounding: GroundingInfo | undefined): Map<number, string> {
  const result = new Map<number, string>();
  if (!grounding?.citations.length) return result;
  let offset = 0;
  segments.forEach((segment, index) => {
    if (segment.kind !== 'text') return;
    const start = offset;
    const end = offset + segment.text.length;
    offset = end;
    const inside = new Map<number, Set<number>>(); // position in segment → source numbers
    for (const citation of grounding.citations) {
      if (!citation.sources.length || citation.end <= start || citation.end > end) continue;
      const at = citation.end - start;
      const numbers = inside.get(at) ?? new Set<number>();
      citation.sources.forEach((source) => numbers.add(source));
      inside.set(at, numbers);
    }
    if (!inside.size) return;
    let text = segment.text;
    for (const at of [...inside.keys()].sort((a, b) => b - a)) {
      const numbers = [...inside.get(at)!].sort((a, b) => a - b).join(',');
      text = `${text.slice(0, at)}${OPEN}${numbers}${CLOSE}${text.slice(at)}`;
    }
    result.set(index, text);
  });
  return result;
}

/** Replaces sentinels in rendered markdown with citation links; removes them inside code. */
export function decorateCitations(root: HTMLElement, grounding: GroundingInfo): void {
  const walker = root.ownerDocument.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  const hits: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if ((node.nodeValue ?? '').includes(OPEN)) hits.push(node as Text);
  }
  for (const node of hits) {
    const text = node.nodeValue ?? '';
    if (node.parentElement?.closest('code, pre')) {
      node.nodeValue = text.replace(SENTINEL, '');
      continue;
    }
    const pieces: (Node | string)[] = [];
    let last = 0;
    for (const match of text.matchAll(SENTINEL)) {
      pieces.push(text.slice(last, match.index));
      pieces.push(citationMarker(match[1].split(',').filter(Boolean).map(Number), grounding));
      last = (match.index ?? 0) + match[0].length;
    }
    pieces.push(text.slice(last));
    node.replaceWith(...pieces.filter((p) => p !== ''));
  }
}

function citationMarker(sources: number[], grounding: GroundingInfo): HTMLElement {
  return h('sup', { class: 'citation' }, ...sources.map((index) => {
    const source = grounding.sources[index];
    const label = `[${index + 1}]`;
    if (!source) return label;
    const title = source.title || source.uri;
    return isWebLink(source.uri)
      ? h('a', { href: source.uri, title: l10n.t('Source {0}: {1}', index + 1, title), 'aria-label': l10n.t('Source {0}: {1}', index + 1, title) }, label)
      : h('span', { title }, label);
  }));
}

/** The sources (numbered as the markers) and the searches Gemini ran. */
export function renderGrounding(grounding: GroundingInfo): HTMLElement {
  const section = h('section', { class: 'grounding', 'aria-label': l10n.t('Sources') });
  if (grounding.sources.length) {
    section.append(h('div', { class: 'caption' }, icon('globe'), ' ' + l10n.t('Sources')),
      h('ol', { class: 'sources' }, ...grounding.sources.map((source, index) => h('li', { value: index + 1 },
        isWebLink(source.uri) ? h('a', { href: source.uri, title: source.uri }, source.title || source.uri) : source.title || source.uri))));
  }
  if (grounding.urls?.length) {
    section.append(h('div', { class: 'caption' }, icon('link'), ' ' + l10n.t('Pages read')),
      h('ul', { class: 'sources url-sources' }, ...grounding.urls.map((page) => h('li', { 'data-url-status': page.status },
        isWebLink(page.uri) ? h('a', { href: page.uri, title: page.uri }, page.uri) : page.uri,
        page.status === 'ok' ? null : h('span', { class: 'url-status' }, ` (${URL_STATUS_NOTES[page.status]})`)))));
  }
  if (grounding.queries.length) {
    section.append(h('div', { class: 'search-queries' }, icon('search'), ' ' + l10n.t('Searched:') + ' ',
      ...grounding.queries.flatMap((query, index) => [
        index ? ' · ' : '',
        h('a', { href: `https://www.google.com/search?q=${encodeURIComponent(query)}`, class: 'search-query', title: l10n.t('Search Google for “{0}”', query) }, query),
      ])));
  }
  return section;
}

const URL_STATUS_NOTES: Record<string, string> = {
  failed: l10n.t('could not be read'), paywall: l10n.t('behind a paywall: not read'), unsafe: l10n.t('flagged unsafe: not read'), unknown: l10n.t('status unknown'),
};

function isWebLink(uri: string): boolean {
  return /^https?:\/\//i.test(uri.trim()) && uri.trim() === uri;
}
