// How search_text decides that a line matches: literal or regular expression, with or without
// case. Regular expressions come from the model, so they never run on a backtracking engine:
// RE2's linear-time matcher (re2js) runs them, and a model that asks for Perl-only syntax
// (lookarounds, backreferences) gets a clear refusal. Nested repetition is also refused up front
// with a message that helps the model write a better pattern. Validation happens here for every
// backend (ripgrep and the Node walker). Where a regex then runs is a RegexRunner's business: the
// extension's runs on a worker thread that a Stop or the time budget terminates mid-file.
import { RE2JS } from 're2js';
import { BytePrefilter, literalPrefilter, requiredLiteral } from './literalPrefilter';
import { ToolError } from './text';

export interface TextMatcher {
  readonly query: string;
  readonly isRegex: boolean;
  readonly caseSensitive: boolean;
  /** Literal queries only: the matching lines of one file's text, found on this thread. */
  literalLines?(text: string): number[];
  /** False when no line of a UTF-8 file with these raw bytes can match (literalPrefilter.ts). */
  mayMatch?: BytePrefilter;
}

/** One search's regex matching, started by a RegexRunner; stop() ends it at once. */
export interface RegexRun {
  matchingLines(text: string): Promise<number[]>;
  stop(reason: Error): void;
}

/**
 * Where regular expressions run. The extension passes a worker thread (src/node/regexPool.ts),
 * so a slow match never blocks the host and a Stop terminates it; without one they run here.
 */
export interface RegexRunner {
  /** regexProblem's answer, computed where matching runs; rejects when `signal` aborts. */
  validate(pattern: string, caseSensitive: boolean, signal: AbortSignal): Promise<string | undefined>;
  start(pattern: string, caseSensitive: boolean): RegexRun;
}

/** A quantified group that itself contains a quantifier: (a+)+, (\w*x)*, (a|b+){2,}. */
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*(?:[+*]|\{\d+,\d*\})(?:[^()\\]|\\.)*\)(?:[+*]|\{\d+,\d*\})/;

/**
 * Checks the query and builds the literal matcher. A regex gets the cheap checks here; RE2's own
 * parser (regexProblem) then runs where the RegexRunner runs it, for every backend alike:
 * ripgrep and the Node walker accept and refuse the same patterns with the same words.
 */
export function buildMatcher(query: string, isRegex: boolean, caseSensitive: boolean): TextMatcher {
  if (/[\r\n]/.test(query)) {
    throw new ToolError('search_text: the query contains a line break, but matching is line by line. Search for one line at a time.');
  }
  if (!isRegex && caseSensitive) {
    return { query, isRegex, caseSensitive, literalLines: (text) => linesWhere(text, (line) => line.includes(query)), mayMatch: literalPrefilter(query, true) };
  }
  if (!isRegex) {
    // An escaped literal has no quantifier to backtrack on: V8's engine is safe and fastest here.
    // 'u': Unicode case folding, as ripgrep folds.
    const pattern = new RegExp(escapeRegExp(query), 'iu');
    return { query, isRegex, caseSensitive, literalLines: (text) => (pattern.test(text) ? linesWhere(text, (line) => pattern.test(line)) : []), mayMatch: literalPrefilter(query, false) };
  }
  if (NESTED_QUANTIFIER.test(query)) {
    throw new ToolError(`search_text: the regex '${query}' repeats a group that itself repeats (like '(a+)+'), which can take exponential time. Rewrite it without nested repetition.`);
  }
  const required = requiredLiteral(query);
  return { query, isRegex, caseSensitive, mayMatch: required === undefined ? undefined : literalPrefilter(required, caseSensitive) };
}

/**
 * Why RE2 refuses a regex, or undefined. Compiling can itself take seconds for a pattern of
 * large counted repetitions ('[\\s\\S]{1,1000}' ten times), so the extension runs this on the
 * regex worker too.
 */
export function regexProblem(query: string, caseSensitive: boolean): string | undefined {
  let line: RE2JS;
  try {
    line = RE2JS.compile(query, caseSensitive ? 0 : RE2JS.CASE_INSENSITIVE);
  } catch (error) {
    return `search_text: invalid regular expression '${query}' (RE2 syntax: no lookarounds or backreferences): ${(error as Error).message}`;
  }
  if (line.matcher('').find()) {
    return `search_text: the regex '${query}' matches the empty string, so it would match every line. Make it more specific.`;
  }
  return undefined;
}

/** The 0-based numbers of the lines of `text` (split at \n, a trailing \r dropped) that pass. */
export function linesWhere(text: string, test: (line: string) => boolean): number[] {
  const found: number[] = [];
  let start = 0;
  for (let index = 0; start <= text.length; index++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const stop = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    if (test(text.slice(start, stop))) found.push(index);
    start = end + 1;
  }
  return found;
}

/** RE2 matching of one text, the same wherever it runs (the worker imports it too). */
export function regexLines(pattern: string, caseSensitive: boolean, text: string): number[] {
  const key = `${caseSensitive ? 1 : 0}:${pattern}`;
  if (lastCompiled?.key !== key) {
    const flags = caseSensitive ? 0 : RE2JS.CASE_INSENSITIVE;
    lastCompiled = { key, line: RE2JS.compile(pattern, flags), whole: RE2JS.compile(pattern, flags | RE2JS.MULTILINE) };
  }
  const { line, whole } = lastCompiled;
  // Lines end at \n with a \r dropped, so '$' must match before \r\n in the whole-text test too.
  if (!whole.matcher(text.includes('\r') ? text.replace(/\r\n/g, '\n') : text).find()) return [];
  return linesWhere(text, (text) => line.matcher(text).find());
}

let lastCompiled: { key: string; line: RE2JS; whole: RE2JS } | undefined;

/** Regexes on this thread: for hosts without worker threads. Stop is seen between files only. */
/**
 * Whether RE2 compiles this pattern in well under a millisecond: the product of its counted
 * repetitions ({n,m}) stays small. Others ('[\\s\\S]{1,1000}' ten times: 1.2 s) compile on the worker.
 */
export function compilesQuickly(pattern: string): boolean {
  let product = 1;
  for (const match of pattern.matchAll(/\{(\d+)(?:,(\d*))?\}/g)) {
    product *= Math.max(1, Number(match[2] || match[1]));
    if (product > 1000) return false;
  }
  return true;
}

export const inThreadRegexRunner: RegexRunner = {
  validate: async (pattern, caseSensitive) => regexProblem(pattern, caseSensitive),
  start(pattern, caseSensitive) {
    let stopped: Error | undefined;
    return {
      matchingLines: async (text) => {
        if (stopped) throw stopped;
        return regexLines(pattern, caseSensitive, text);
      },
      stop: (reason) => { stopped = reason; },
    };
  },
};

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
