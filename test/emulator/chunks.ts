// Builders for GenerateContentResponse chunks (the JSON of one SSE event), shaped like the
// recordings in test/fixtures/gemini-recordings: one candidate, role "model", index 0.

export interface UsageCounts {
  promptTokenCount?: number;
  candidatesTokenCount?: number;
  thoughtsTokenCount?: number;
  cachedContentTokenCount?: number;
  toolUsePromptTokenCount?: number;
}

export interface TextOptions {
  thought?: boolean;
  thoughtSignature?: string;
}

export interface FunctionCallOptions {
  /** Server-generated call id, as Gemini 3.x models send it. */
  id?: string;
  thoughtSignature?: string;
}

export interface GroundingSpec {
  sources: { uri: string; title: string }[];
  /** segment offsets into the answer text, with indexes into `sources`. */
  supports?: { startIndex: number; endIndex: number; text: string; sources: number[] }[];
  queries?: string[];
  renderedContent?: string;
}

const MODEL_VERSION = 'gemini-emulator';

function candidateChunk(parts: object[], extra: Record<string, unknown> = {}): object {
  return {
    candidates: [{ content: { parts, role: 'model' }, index: 0, ...extra }],
    modelVersion: MODEL_VERSION,
  };
}

function usageMetadata(counts: UsageCounts): object {
  const prompt = counts.promptTokenCount ?? 0;
  const candidates = counts.candidatesTokenCount ?? 0;
  const thoughts = counts.thoughtsTokenCount ?? 0;
  const toolUse = counts.toolUsePromptTokenCount ?? 0;
  const usage: Record<string, unknown> = {
    promptTokenCount: prompt,
    totalTokenCount: prompt + candidates + thoughts + toolUse,
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: prompt }],
  };
  if (counts.candidatesTokenCount !== undefined) usage.candidatesTokenCount = candidates;
  if (counts.thoughtsTokenCount !== undefined) usage.thoughtsTokenCount = thoughts;
  if (counts.toolUsePromptTokenCount !== undefined) usage.toolUsePromptTokenCount = toolUse;
  if (counts.cachedContentTokenCount !== undefined) usage.cachedContentTokenCount = counts.cachedContentTokenCount;
  return usage;
}

export const chunks = {
  text(text: string, options: TextOptions = {}): object {
    const part: Record<string, unknown> = { text };
    if (options.thought) part.thought = true;
    if (options.thoughtSignature) part.thoughtSignature = options.thoughtSignature;
    return candidateChunk([part]);
  },

  functionCall(name: string, args: Record<string, unknown> = {}, options: FunctionCallOptions = {}): object {
    const call: Record<string, unknown> = { name, args };
    if (options.id) call.id = options.id;
    const part: Record<string, unknown> = { functionCall: call };
    if (options.thoughtSignature) part.thoughtSignature = options.thoughtSignature;
    return candidateChunk([part]);
  },

  /** Several parts in one chunk, e.g. two parallel function calls. */
  parts(parts: object[]): object {
    return candidateChunk(parts);
  },

  /** The closing chunk: empty text, a finish reason and (optionally) usage, as Google sends it. */
  finish(finishReason = 'STOP', usage?: UsageCounts, extra: { finishMessage?: string } = {}): object {
    const chunk = candidateChunk([{ text: '' }], { finishReason, ...extra }) as Record<string, unknown>;
    if (usage) chunk.usageMetadata = usageMetadata(usage);
    return chunk;
  },

  /** A chunk that only carries usage (merge it with others via `merge` if needed). */
  usage(counts: UsageCounts): object {
    return { usageMetadata: usageMetadata(counts), modelVersion: MODEL_VERSION };
  },

  /** Grounding metadata on a candidate, like the final chunk of recording 03. */
  grounding(spec: GroundingSpec, text = ''): object {
    const metadata: Record<string, unknown> = {
      groundingChunks: spec.sources.map((source) => ({ web: { uri: source.uri, title: source.title } })),
      groundingSupports: (spec.supports ?? []).map((support) => ({
        segment: { startIndex: support.startIndex, endIndex: support.endIndex, text: support.text },
        groundingChunkIndices: support.sources,
      })),
      webSearchQueries: spec.queries ?? [],
    };
    if (spec.renderedContent !== undefined) metadata.searchEntryPoint = { renderedContent: spec.renderedContent };
    return candidateChunk([{ text }], { groundingMetadata: metadata });
  },

  /** URL context metadata on a candidate: the pages the url_context tool read, with their status. */
  urlContext(urls: { url: string; status?: string }[], text = ''): object {
    const urlMetadata = urls.map((u) => ({ retrievedUrl: u.url, urlRetrievalStatus: u.status ?? 'URL_RETRIEVAL_STATUS_SUCCESS' }));
    return candidateChunk([{ text }], { urlContextMetadata: { urlMetadata } });
  },

  /** executableCode and/or codeExecutionResult parts, like recording 04. */
  code(
    code: string,
    result?: { output: string; outcome?: string },
    options: { language?: string; thoughtSignature?: string } = {},
  ): object {
    const executable: Record<string, unknown> = { executableCode: { language: options.language ?? 'PYTHON', code } };
    if (options.thoughtSignature) executable.thoughtSignature = options.thoughtSignature;
    const parts: object[] = [executable];
    if (result) parts.push({ codeExecutionResult: { outcome: result.outcome ?? 'OUTCOME_OK', output: result.output } });
    return candidateChunk(parts);
  },

  /** A prompt blocked before any candidate (promptFeedback.blockReason). */
  blocked(blockReason = 'SAFETY'): object {
    return { promptFeedback: { blockReason }, modelVersion: MODEL_VERSION };
  },
};

/**
 * Merges stream chunks into the single response generateContent returns: parts concatenated,
 * adjacent plain text parts joined, the last finishReason / usage / grounding kept.
 */
export function mergeChunks(list: object[]): object {
  const parts: Record<string, unknown>[] = [];
  const candidateExtras: Record<string, unknown> = {};
  const top: Record<string, unknown> = {};
  for (const chunk of list as Record<string, any>[]) {
    for (const [key, value] of Object.entries(chunk)) {
      if (key !== 'candidates') top[key] = value;
    }
    const candidate = chunk.candidates?.[0];
    if (!candidate) continue;
    for (const [key, value] of Object.entries(candidate)) {
      if (key !== 'content') candidateExtras[key] = value;
    }
    for (const part of (candidate.content?.parts ?? []) as Record<string, unknown>[]) {
      const last = parts[parts.length - 1];
      const plainText = (p: Record<string, unknown>) =>
        typeof p.text === 'string' && Object.keys(p).every((k) => k === 'text' || k === 'thought');
      if (last && plainText(last) && plainText(part) && !!last.thought === !!part.thought) {
        last.text = `${last.text}${part.text}`;
      } else if (!(part.text === '' && Object.keys(part).length === 1)) {
        parts.push({ ...part });
      }
    }
  }
  if (parts.length === 0 && !('finishReason' in candidateExtras)) return top;
  return { candidates: [{ content: { parts, role: 'model' }, ...candidateExtras }], ...top };
}
