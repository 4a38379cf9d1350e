// Google Search grounding metadata → the UI's GroundingInfo. The service measures segments in
// UTF-8 bytes of the answer; the UI indexes JavaScript strings (UTF-16 code units), so offsets
// are converted here, against the answer text as the UI received it.
import type { GroundingMetadata, UrlContextMetadata } from '@google/genai';
import type { GroundingCitation, GroundingInfo, GroundingSource, UrlContextSource } from './events';

const URL_STATUS: Record<string, UrlContextSource['status']> = {
  URL_RETRIEVAL_STATUS_SUCCESS: 'ok',
  URL_RETRIEVAL_STATUS_ERROR: 'failed',
  URL_RETRIEVAL_STATUS_PAYWALL: 'paywall',
  URL_RETRIEVAL_STATUS_UNSAFE: 'unsafe',
};

/** The pages the URL context tool read, once each, in the service's order. */
export function toUrlSources(metadata: UrlContextMetadata | undefined): UrlContextSource[] {
  const seen = new Set<string>();
  const out: UrlContextSource[] = [];
  for (const entry of metadata?.urlMetadata ?? []) {
    const uri = entry.retrievedUrl ?? '';
    if (!uri || seen.has(uri)) continue;
    seen.add(uri);
    out.push({ uri, status: URL_STATUS[String(entry.urlRetrievalStatus ?? '')] ?? 'unknown' });
  }
  return out;
}

/** Search grounding and URL context sources of one answer as one GroundingInfo; undefined: neither. */
export function answerGrounding(metadata: GroundingMetadata | undefined, urlContext: UrlContextMetadata | undefined, answer: string, offset: number): GroundingInfo | undefined {
  const urls = toUrlSources(urlContext);
  if (!hasGrounding(metadata) && !urls.length) return undefined;
  const info = hasGrounding(metadata) ? toGroundingInfo(metadata, answer, offset) : { sources: [], citations: [], queries: [] };
  return urls.length ? { ...info, urls } : info;
}

export function hasGrounding(metadata: GroundingMetadata | undefined): metadata is GroundingMetadata {
  return !!metadata && ((metadata.groundingChunks?.length ?? 0) > 0 || (metadata.webSearchQueries?.length ?? 0) > 0);
}

/**
 * @param answer the text of this model content the segments refer to
 * @param offset where that text starts within the turn's answer as the UI shows it
 */
export function toGroundingInfo(metadata: GroundingMetadata, answer: string, offset = 0): GroundingInfo {
  const sources: GroundingSource[] = (metadata.groundingChunks ?? []).map((chunk) => {
    const source = chunk.web ?? chunk.retrievedContext ?? {};
    return { uri: source.uri ?? '', title: source.title ?? source.uri ?? '' };
  });
  const toUtf16 = utf8ToUtf16Offsets(answer);
  const citations: GroundingCitation[] = [];
  for (const support of metadata.groundingSupports ?? []) {
    const segment = support.segment;
    if (!segment) continue;
    const text = segment.text ?? '';
    let start = toUtf16(segment.startIndex ?? 0);
    let end = toUtf16(segment.endIndex ?? 0);
    if (answer.slice(start, end) !== text && text) {
      // Offsets that don't line up (e.g. counted in another part): fall back to the text itself.
      const found = answer.indexOf(text);
      if (found < 0) continue;
      start = found;
      end = found + text.length;
    }
    const valid = (support.groundingChunkIndices ?? []).filter((i) => i >= 0 && i < sources.length);
    citations.push({ start: start + offset, end: end + offset, text, sources: valid });
  }
  return { sources, citations, queries: [...(metadata.webSearchQueries ?? [])] };
}

/** Maps a UTF-8 byte offset within `text` to the UTF-16 index of the same position. */
export function utf8ToUtf16Offsets(text: string): (byteOffset: number) => number {
  const byteStarts: number[] = []; // byteStarts[i] = UTF-8 offset of UTF-16 index i
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    byteStarts.push(bytes);
    const code = text.codePointAt(i)!;
    if (code > 0xffff) {
      byteStarts.push(bytes); // the low surrogate shares its code point's start
      bytes += 4;
      i++;
    } else {
      bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : 3;
    }
  }
  byteStarts.push(bytes);
  return (byteOffset) => {
    let lo = 0;
    let hi = byteStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (byteStarts[mid] < byteOffset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}
