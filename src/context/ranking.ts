// Which workspace files go into a pack first: the files open in the editor, then the ones edited
// recently, then those near the question's terms (a term in the path counts more than a term in
// the text), then shallow files before deep ones. Scores are plain numbers so a test can show
// each rule moving a file up. Pure.

export interface RankSignals {
  /** Display paths of the files open in editors. */
  open: ReadonlySet<string>;
  /** Display path → ms since the epoch of its last edit or save, newest first when compared. */
  recent: ReadonlyMap<string, number>;
  /** The question's terms, from questionTerms. */
  terms: readonly string[];
}

export interface RankInput {
  display: string;
  depth: number;
  /** The file's text when it has been read; undefined before. */
  text?: string;
}

const OPEN_SCORE = 1_000_000;
const RECENT_SCORE = 100_000;
const PATH_TERM_SCORE = 1_000;
/** A term's hits in a file's text count up to this many times (a long file is not more relevant). */
const MAX_TEXT_HITS_PER_TERM = 20;
const TEXT_HIT_SCORE = 10;

const STOP_WORDS = new Set([
  'the', 'and', 'for', 'are', 'but', 'not', 'you', 'all', 'any', 'can', 'how', 'what', 'where', 'when', 'which', 'who', 'why',
  'does', 'this', 'that', 'with', 'from', 'into', 'about', 'there', 'their', 'have', 'has', 'was', 'were', 'will', 'would',
  'should', 'could', 'code', 'file', 'files', 'workspace', 'project', 'repo', 'repository', 'explain', 'show', 'find', 'please',
  'use', 'used', 'uses', 'using', 'does', 'did', 'its', 'our', 'out', 'get', 'set', 'make', 'like', 'than', 'then', 'them',
]);

/**
 * The question's search terms: words of three or more letters, lower-cased, without common
 * English words; identifiers are also split at camelCase and snake_case boundaries
 * ("parseConfig" gives parseconfig, parse, config). At most 24 terms.
 */
export function questionTerms(question: string): string[] {
  const terms = new Set<string>();
  for (const word of question.match(/[A-Za-z_$][A-Za-z0-9_$]*/g) ?? []) {
    const pieces = [word, ...word.split(/_+|(?<=[a-z0-9])(?=[A-Z])/)];
    for (const piece of pieces) {
      const term = piece.toLowerCase().replace(/^[_$]+|[_$]+$/g, '');
      if (term.length >= 3 && !STOP_WORDS.has(term)) terms.add(term);
    }
  }
  return [...terms].slice(0, 24);
}

/** The score before any text is read: open, recently edited, path terms, depth. */
export function pathScore(file: RankInput, signals: RankSignals): number {
  let score = 0;
  if (signals.open.has(file.display)) score += OPEN_SCORE;
  const edited = signals.recent.get(file.display);
  if (edited !== undefined) score += RECENT_SCORE + recencyRank(edited, signals.recent);
  const path = file.display.toLowerCase();
  for (const term of signals.terms) if (path.includes(term)) score += PATH_TERM_SCORE;
  return score - Math.min(file.depth, 50);
}

/** The full score, once the text is known: the path score plus the text's term hits. */
export function fileScore(file: RankInput, signals: RankSignals): number {
  return pathScore(file, signals) + textHits(file.text, signals.terms) * TEXT_HIT_SCORE;
}

/** Term occurrences in the text, each term capped at MAX_TEXT_HITS_PER_TERM. */
export function textHits(text: string | undefined, terms: readonly string[]): number {
  if (!text || terms.length === 0) return 0;
  const lower = text.toLowerCase();
  let hits = 0;
  for (const term of terms) {
    let count = 0;
    for (let at = lower.indexOf(term); at >= 0 && count < MAX_TEXT_HITS_PER_TERM; at = lower.indexOf(term, at + term.length)) count++;
    hits += count;
  }
  return hits;
}

/** Sorts best first; ties keep the walk's order (name order, depth first). Returns a new array. */
export function rankFiles<T extends RankInput>(files: readonly T[], score: (file: T) => number): T[] {
  return files
    .map((file, index) => ({ file, index, score: score(file) }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((entry) => entry.file);
}

/** Why a file ranked high, for the manifest. */
export function rankReason(file: RankInput, signals: RankSignals): string | undefined {
  if (signals.open.has(file.display)) return 'open';
  if (signals.recent.has(file.display)) return 'recently edited';
  const path = file.display.toLowerCase();
  if (signals.terms.some((term) => path.includes(term)) || textHits(file.text, signals.terms) > 0) return 'matches the question';
  return undefined;
}

/** Among recently edited files, the newest gets the most (up to 1,000 places). */
function recencyRank(edited: number, recent: ReadonlyMap<string, number>): number {
  let newer = 0;
  for (const time of recent.values()) if (time > edited) newer++;
  return Math.max(0, 1000 - newer);
}
