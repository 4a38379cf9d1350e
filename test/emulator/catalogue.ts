// The emulator's built-in answers: the model catalogue (the real recorded models.list page),
// token counts, embeddings and the default chat reply. All deterministic.
import * as fs from 'fs';
import * as path from 'path';
import { chunks } from './chunks';
import { recordingsDir } from './recordings';

export const CATALOGUE_FILE = 'extra_llm-gemini_models_list_page1_decoded.json';

export interface ModelInfo {
  name: string;
  [field: string]: unknown;
}

/** Used only when the recordings folder is absent (a GEMINI_RECORDINGS_DIR without the catalogue). */
const FALLBACK_MODELS: ModelInfo[] = ['gemini-2.5-flash', 'gemini-2.5-pro', 'gemini-3-pro-preview'].map((id) => ({
  name: `models/${id}`,
  displayName: id,
  inputTokenLimit: 1048576,
  outputTokenLimit: 65536,
  supportedGenerationMethods: ['generateContent', 'countTokens', 'createCachedContent'],
  thinking: true,
}));

let cached: ModelInfo[] | undefined;

export function loadCatalogue(): ModelInfo[] {
  if (!cached) {
    const file = path.join(recordingsDir(), CATALOGUE_FILE);
    cached = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')).models as ModelInfo[]) : FALLBACK_MODELS;
  }
  return cached;
}

export interface Page<T> {
  items: T[];
  nextPageToken?: string;
}

/** Google pages with an opaque token; ours encodes the offset. Default page size 50, like models.list. */
export function paginate<T>(all: T[], pageSize: string | undefined, pageToken: string | undefined, defaultSize = 50): Page<T> {
  const size = Math.min(1000, Math.max(1, Number(pageSize) || defaultSize));
  const start = pageToken ? Number(Buffer.from(pageToken, 'base64url').toString('utf8').replace(/^offset:/, '')) || 0 : 0;
  const items = all.slice(start, start + size);
  const next = start + size < all.length ? Buffer.from(`offset:${start + size}`, 'utf8').toString('base64url') : undefined;
  return next ? { items, nextPageToken: next } : { items };
}

/** Every string under a `text` key, anywhere in a request body. */
export function collectText(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => collectText(item, out));
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'text' && typeof inner === 'string') out.push(inner);
      else collectText(inner, out);
    }
  }
  return out;
}

/** A deterministic stand-in for the tokenizer: ceil(characters / 4) over all text parts. */
export function estimateTokens(body: unknown): number {
  return Math.ceil(collectText(body).join('').length / 4);
}

/** A unit vector derived from the text, so equal texts embed equally and different texts differ. */
export function embed(text: string, dimensions: number): number[] {
  let seed = 2166136261;
  for (let i = 0; i < text.length; i++) seed = Math.imul(seed ^ text.charCodeAt(i), 16777619) >>> 0;
  const values: number[] = [];
  for (let i = 0; i < dimensions; i++) {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    values.push(seed / 0xffffffff - 0.5);
  }
  const norm = Math.sqrt(values.reduce((sum, v) => sum + v * v, 0)) || 1;
  return values.map((v) => v / norm);
}

export function batchEmbed(body: any): object {
  const requests: any[] = Array.isArray(body?.requests) ? body.requests : [];
  return {
    embeddings: requests.map((request) => ({
      values: embed(collectText(request.content).join(' '), Number(request.outputDimensionality) || 768),
    })),
  };
}

/** What the default answer echoes: the last user turn's text, or a note on what it carried instead. */
export function lastUserText(body: any): string {
  const contents: any[] = Array.isArray(body?.contents) ? body.contents : [];
  for (let i = contents.length - 1; i >= 0; i--) {
    const content = contents[i];
    if (content?.role && content.role !== 'user') continue;
    const parts: any[] = content?.parts ?? [];
    const texts = parts.filter((p) => typeof p.text === 'string').map((p) => p.text as string);
    if (texts.length) return texts.join('\n');
    const results = parts.filter((p) => p.functionResponse).map((p) => p.functionResponse.name as string);
    if (results.length) return `(results of ${results.join(', ')})`;
  }
  return '';
}

/** `You said: <text>` in a few chunks, closing with STOP and usage, so a person can chat with it. */
export function defaultAnswer(body: unknown): object[] {
  const answer = `You said: ${lastUserText(body)}`;
  const words = answer.split(/(?<= )/);
  const pieces: string[] = [];
  const perPiece = Math.max(1, Math.ceil(words.length / 3));
  for (let i = 0; i < words.length; i += perPiece) pieces.push(words.slice(i, i + perPiece).join(''));
  const promptTokenCount = estimateTokens(body);
  const candidatesTokenCount = Math.ceil(answer.length / 4);
  return [
    ...pieces.map((piece) => chunks.text(piece)),
    chunks.finish('STOP', { promptTokenCount, candidatesTokenCount }),
  ];
}
