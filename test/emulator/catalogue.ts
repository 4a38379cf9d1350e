// The emulator's built-in answers: the model catalogue (today's models.list: the real recorded
// page, less the models shut down since, plus those released since), token counts, embeddings and
// the default chat reply. All deterministic.
import * as fs from 'fs';
import * as path from 'path';
import { chunks } from './chunks';
import { recordingsDir } from './recordings';

export const CATALOGUE_FILE = 'extra_llm-gemini_models_list_page1_decoded.json';

export interface ModelInfo {
  name: string;
  [field: string]: unknown;
}

/**
 * Shut down between the recording (mid-2026) and 2026-12-06 (Google's deprecations page as read on that day): 2.0
 * Flash and Flash-Lite (2026-06-01), 2.5 Pro and Flash (2026-12-01), 3 Pro Preview (2026-03-09),
 * the image previews (2026-06-25); 2.5 Flash-Lite has conflicting reports and is treated as gone.
 * Left out of models.list, and answered with a 404 when the emulator is started with them.
 */
export const RETIRED_MODELS: readonly string[] = [
  'gemini-2.0-flash', 'gemini-2.0-flash-001', 'gemini-2.0-flash-lite', 'gemini-2.0-flash-lite-001',
  'gemini-2.5-pro', 'gemini-2.5-flash', 'gemini-2.5-flash-lite', 'gemini-3-pro-preview',
  'gemini-3.1-flash-image-preview', 'gemini-3-pro-image-preview',
];

function textModel(id: string, displayName: string, version: string, description: string): ModelInfo {
  return {
    name: `models/${id}`, version, displayName, description,
    inputTokenLimit: 1048576, outputTokenLimit: 65536,
    supportedGenerationMethods: ['generateContent', 'countTokens', 'createCachedContent', 'batchGenerateContent'],
    temperature: 1, topP: 0.95, topK: 64, maxTemperature: 2, thinking: true,
  };
}

/** Released after the recording (deprecations page, 2026-12-06), shaped like the recorded 3.6 Flash entry. */
const RELEASED_SINCE: ModelInfo[] = [
  textModel('gemini-3.7-flash', 'Gemini 3.7 Flash', '3.7-flash-08-2026', 'Gemini 3.7 Flash (deprecated: routed to Gemini 3.8 Flash)'),
  textModel('gemini-3.8-flash', 'Gemini 3.8 Flash', '3.8-flash-09-2026', 'Gemini 3.8 Flash, the newest Flash model'),
  { name: 'models/gemini-3.8-live', version: '3.8-live-09-2026', displayName: 'Gemini 3.8 Live', inputTokenLimit: 131072, outputTokenLimit: 65536, supportedGenerationMethods: ['bidiGenerateContent'] },
];

/** Used only when the recordings are absent, so the standalone emulator still starts. */
const FALLBACK_MODELS: ModelInfo[] = [
  textModel('gemini-3.5-flash-lite', 'Gemini 3.5 Flash Lite', '3.5-flash-lite-07-2026', 'Gemini 3.5 Flash-Lite'),
  textModel('gemini-3.6-flash', 'Gemini 3.6 Flash', '3.6-flash-07-2026', 'Gemini 3.6 Flash'),
  textModel('gemini-3.1-pro-preview', 'Gemini 3.1 Pro Preview', '3.1-pro-preview-01-2026', 'Gemini 3.1 Pro Preview'),
];

let cached: ModelInfo[] | undefined;

export function loadCatalogue(): ModelInfo[] {
  if (!cached) {
    const file = path.join(recordingsDir(), CATALOGUE_FILE);
    const recorded = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')).models as ModelInfo[]) : FALLBACK_MODELS;
    cached = [...recorded.filter((m) => !RETIRED_MODELS.includes(m.name.replace(/^models\//, ''))), ...RELEASED_SINCE];
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

/** Words of a text for the embedding stand-in: lower-cased, identifiers split at camelCase and `_`. */
export function embeddingWords(text: string): string[] {
  return text.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter((word) => word.length > 1);
}

function hash32(text: string, seed = 2166136261): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h;
}

/**
 * A deterministic stand-in for an embedding model: a hashed bag of words (each word adds ±1 at
 * two hashed positions), L2-normalised like gemini-embedding-2's vectors. Equal texts embed
 * equally, texts that share words are near (a query about "parse config" finds the chunk that
 * parses the config), and a text without words still gets a unit vector from its characters.
 */
export function embed(text: string, dimensions: number): number[] {
  const values = new Array<number>(dimensions).fill(0);
  const words = embeddingWords(text);
  for (const word of words.length ? words : [text]) {
    const h = hash32(word);
    values[h % dimensions] += (h & 0x80000000) ? -1 : 1;
    const g = hash32(word, 0x9747b28c);
    values[g % dimensions] += (g & 0x80000000) ? -0.5 : 0.5;
  }
  const norm = Math.sqrt(values.reduce((sum, v) => sum + v * v, 0)) || 1;
  return values.map((v) => Number((v / norm).toFixed(8)));
}

/** The usage block Google adds to an embeddings answer (recording 07): ceil(characters / 4) tokens. */
function embedUsage(texts: string[]): object {
  const tokens = Math.ceil(texts.join('').length / 4);
  return { promptTokenCount: tokens, promptTokenDetails: [{ modality: 'TEXT', tokenCount: tokens }] };
}

/** batchEmbedContents, in the shape of recording 07: `{ embeddings: [{ values }], usageMetadata }`. */
export function batchEmbed(body: any): object {
  const requests: any[] = Array.isArray(body?.requests) ? body.requests : [];
  const texts = requests.map((request) => collectText(request.content).join(' '));
  return {
    embeddings: requests.map((request, i) => ({ values: embed(texts[i], Number(request.outputDimensionality) || 3072) })),
    usageMetadata: embedUsage(texts),
  };
}

/**
 * embedContent (one content): `{ embedding: { values } }`, as the API reference gives it. Vertex AI
 * (gemini-embedding-2) puts the size under `embedContentConfig`.
 */
export function singleEmbed(body: any): object {
  const text = collectText(body?.content).join(' ');
  const dimensions = Number(body?.outputDimensionality ?? body?.embedContentConfig?.outputDimensionality) || 3072;
  return { embedding: { values: embed(text, dimensions) } };
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
