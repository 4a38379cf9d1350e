// Builds a workspace pack: the text files the tools may read, most relevant first, up to a token
// budget, as one user content headed by its manifest. The walk and every read go through the
// tools' port and policy (src/tools), so what is ignored, sensitive, binary or too large for
// read_file is never packed either. Reading stops at twice the budget (the rest is "over the
// budget" without being read), the pack is measured with the service's countTokens, and files are
// dropped from the least relevant end until the count fits. Asynchronous, yielding and
// cancellable throughout. Pure.
import type { Content, Part } from '@google/genai';
import { formatBytes } from '../common/format';
import type { ToolCallContext } from '../tools/context';
import { privateKeyRule } from '../tools/sensitiveFiles';
import { decodeText, looksBinary } from '../tools/text';
import { type IncludedFile, type OmittedEntry, type PackManifest, renderManifest } from './manifest';
import { PackCancelled, type PackCandidate, walkForPack, yieldToEventLoop } from './packWalk';
import { type RankSignals, fileScore, pathScore, questionTerms, rankFiles, rankReason } from './ranking';

export interface PackProgress {
  phase: 'walking' | 'reading' | 'counting';
  done: number;
  total?: number;
}

export interface PackRequest {
  ctx: ToolCallContext;
  question: string;
  /** Display paths of the files open in editors. */
  open: readonly string[];
  /** Display path → time of its last edit or save. */
  recent: ReadonlyMap<string, number>;
  budgetTokens: number;
  /** The service's count of a request's contents (models.countTokens). */
  countTokens(contents: Content[], signal: AbortSignal): Promise<number>;
  onProgress?(progress: PackProgress): void;
}

export interface WorkspacePack {
  /** The prefix every whole-workspace request starts with (one user content). */
  contents: Content[];
  manifest: PackManifest;
  /** Files looked at, folders included. */
  entries: number;
}

/** Share of the model's input limit a pack may take; the rest is the chat, the answer's room and tools. */
export const PACK_SHARE = 0.5;
/** Used when the model catalogue does not give the model's input limit. */
export const FALLBACK_INPUT_LIMIT = 128_000;
/** Files read at once. */
const READ_CONCURRENCY = 16;
/** Reading stops once this many times the budget (in characters) has been read. */
const READ_FACTOR = 2;
const CHARS_PER_TOKEN = 4;
const MAX_COUNT_ROUNDS = 4;

/** The pack's token budget for a model: PACK_SHARE of its input limit. */
export function packBudget(inputTokenLimit: number | undefined): number {
  return Math.floor((inputTokenLimit && inputTokenLimit > 0 ? inputTokenLimit : FALLBACK_INPUT_LIMIT) * PACK_SHARE);
}

interface ReadFile extends PackCandidate {
  text: string;
  tokens: number;
}

export async function buildWorkspacePack(request: PackRequest): Promise<WorkspacePack> {
  const { ctx, budgetTokens } = request;
  const walked = await walkForPack(ctx, { onProgress: (done) => request.onProgress?.({ phase: 'walking', done }) });
  const omitted: OmittedEntry[] = [...walked.omitted];
  const signals: RankSignals = { open: new Set(request.open), recent: request.recent, terms: questionTerms(request.question) };
  const byPath = rankFiles(walked.candidates, (file) => pathScore(file, signals));

  const read = await readInOrder(ctx, byPath, budgetTokens * CHARS_PER_TOKEN * READ_FACTOR, omitted, request.onProgress);
  const ranked = rankFiles(read.files, (file) => fileScore(file, signals));
  for (const file of read.unread) omitted.push({ display: file.display, reason: 'budget', detail: 'not read: the budget was filled by more relevant files' });

  let chosen: ReadFile[] = [];
  let estimate = 0;
  for (const file of ranked) {
    if (estimate + file.tokens <= budgetTokens) { chosen.push(file); estimate += file.tokens; }
  }
  let tokens = 0;
  let contents: Content[] = [];
  let manifest: PackManifest = { included: [], omitted, tokens: 0, budgetTokens };
  for (let round = 0; round < MAX_COUNT_ROUNDS; round++) {
    if (ctx.signal.aborted) throw new PackCancelled();
    const dropped = new Set(chosen);
    const left = ranked.filter((file) => !dropped.has(file)).map((file) => ({ display: file.display, reason: 'budget' as const, detail: `about ${file.tokens.toLocaleString('en-US')} tokens` }));
    manifest = {
      included: chosen.map((file): IncludedFile => ({ display: file.display, tokens: file.tokens, ...withWhy(rankReason(file, signals)) })),
      omitted: [...left, ...omitted], tokens: estimate, budgetTokens,
    };
    contents = [packContent(manifest, chosen)];
    request.onProgress?.({ phase: 'counting', done: chosen.length, total: chosen.length });
    tokens = await request.countTokens(contents, ctx.signal);
    if (tokens <= budgetTokens || chosen.length === 0) break;
    // The service counts more than the estimate: keep the most relevant files that fit the ratio.
    const target = Math.floor((estimate * budgetTokens) / tokens * 0.97);
    const kept: ReadFile[] = [];
    let keptTokens = 0;
    for (const file of chosen) {
      if (keptTokens + file.tokens > target) break;
      kept.push(file);
      keptTokens += file.tokens;
    }
    chosen = kept;
    estimate = keptTokens;
  }
  manifest.tokens = tokens;
  return { contents, manifest, entries: walked.entries };
}

/** Reads candidates in rank order until `maxChars` have been read; sorts out binary, sensitive, oversize and unreadable files. */
async function readInOrder(ctx: ToolCallContext, files: readonly PackCandidate[], maxChars: number, omitted: OmittedEntry[], onProgress?: (progress: PackProgress) => void): Promise<{ files: ReadFile[]; unread: PackCandidate[] }> {
  const kept: ReadFile[] = [];
  let chars = 0;
  let next = 0;
  const maxBytes = ctx.settings.maxFileBytes;
  while (next < files.length && chars < maxChars) {
    if (ctx.signal.aborted) throw new PackCancelled();
    const batch = files.slice(next, next + READ_CONCURRENCY);
    next += batch.length;
    const results = await Promise.all(batch.map((file) => readOne(ctx, file, maxBytes)));
    for (const result of results) {
      if ('reason' in result) omitted.push(result);
      else { kept.push(result); chars += result.text.length; }
    }
    onProgress?.({ phase: 'reading', done: next, total: files.length });
    await yieldToEventLoop();
  }
  return { files: kept, unread: files.slice(next) };
}

async function readOne(ctx: ToolCallContext, file: PackCandidate, maxBytes: number): Promise<ReadFile | OmittedEntry> {
  let bytes: Uint8Array | undefined;
  try {
    bytes = await ctx.port.readFileIfSmall(file.location, maxBytes);
  } catch (error) {
    return { display: file.display, reason: 'unreadable', detail: (error as Error)?.message ?? String(error) };
  }
  if (!bytes) return { display: file.display, reason: 'tooLarge', detail: `over the ${formatBytes(maxBytes)} limit` };
  if (looksBinary(bytes)) return { display: file.display, reason: 'binary' };
  const secret = privateKeyRule(bytes);
  if (secret) return { display: file.display, reason: 'sensitive', detail: secret };
  const text = decodeText(bytes);
  return { ...file, text, tokens: Math.ceil((text.length + file.display.length + 32) / CHARS_PER_TOKEN) };
}

/** The pack as one user content: an introduction with the manifest, then one part per file. */
function packContent(manifest: PackManifest, files: readonly ReadFile[]): Content {
  const intro = [
    'These are the text files of the user\'s workspace (VS Code), most relevant first, each between',
    '<file path="..."> and </file>. Answer questions about the code from them, name the files you rely',
    'on, and say so when the answer may lie in a file the manifest lists as left out.',
    '',
    renderManifest(manifest),
  ].join('\n');
  const parts: Part[] = [{ text: intro }];
  for (const file of files) parts.push({ text: `<file path="${file.display}">\n${file.text}\n</file>` });
  return { role: 'user', parts };
}

function withWhy(why: string | undefined): { why?: string } {
  return why ? { why } : {};
}
