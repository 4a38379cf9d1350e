// The estimate shown before the first index: tokens from the files' sizes (about four
// characters a token, what the emulator and the chat's estimates also use) and gemini-embedding-2's
// paid-tier text price, USD 0.20 per 1M input tokens (Google's pricing page; the free tier
// costs nothing but is rate-limited, which the indexer's pause and resume absorb).
import { formatTokens, formatUsd } from '../common/format';
import { EMBEDDING_MODEL } from './embedder';

export const EMBEDDING_USD_PER_MILLION_TOKENS = 0.2;
/** Each chunk is sent as "title: <path> | text: <chunk>": about this many characters more. */
const TITLE_OVERHEAD_CHARS = 40;

export interface IndexEstimate {
  files: number;
  bytes: number;
  tokens: number;
  usd: number;
  model: string;
}

export function estimateIndexCost(fileSizes: readonly number[], chunkChars = 2000): IndexEstimate {
  const bytes = fileSizes.reduce((sum, size) => sum + size, 0);
  const chunks = fileSizes.reduce((sum, size) => sum + Math.max(1, Math.ceil(size / chunkChars)), 0);
  const tokens = Math.ceil((bytes + chunks * TITLE_OVERHEAD_CHARS) / 4);
  return { files: fileSizes.length, bytes, tokens, usd: (tokens / 1_000_000) * EMBEDDING_USD_PER_MILLION_TOKENS, model: EMBEDDING_MODEL };
}

/** "1.1K" / "7.7M" tokens and "$0.0002" / "$1.54", in the display language's number format. */
export function describeEstimate(estimate: IndexEstimate): { tokens: string; cost: string } {
  return { tokens: formatTokens(estimate.tokens), cost: formatUsd(estimate.usd) };
}
