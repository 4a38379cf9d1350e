// How search_text decides that a line matches: literal or regular expression, with or without
// case. Regular expressions come from the model, so the ones that can backtrack exponentially
// are refused up front and very long lines are only matched on their beginning.
import { ToolError } from './text';

export interface TextMatcher {
  /** A cheap whole-file test; false means no line of the file can match. */
  mayMatch(text: string): boolean;
  matchesLine(line: string): boolean;
}

/** Lines longer than this (minified code) are matched on their first part only. */
const MAX_MATCHED_LINE_CHARS = 10_000;

/** A quantified group that itself contains a quantifier: (a+)+, (\w*x)*, (a|b+){2,}. */
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*(?:[+*]|\{\d+,\d*\})(?:[^()\\]|\\.)*\)(?:[+*]|\{\d+,\d*\})/;
/** Lookarounds and backreferences can match inside a line yet not inside the whole text. */
const CONTEXT_SENSITIVE = /\(\?<?[=!]|\\[1-9]|\\k</;

export function buildMatcher(query: string, isRegex: boolean, caseSensitive: boolean): TextMatcher {
  if (!isRegex && caseSensitive) {
    return { mayMatch: (text) => text.includes(query), matchesLine: (line) => line.includes(query) };
  }
  const source = isRegex ? query : escapeRegExp(query);
  if (isRegex && NESTED_QUANTIFIER.test(source)) {
    throw new ToolError(`search_text: the regex '${query}' repeats a group that itself repeats (like '(a+)+'), which can take exponential time. Rewrite it without nested repetition.`);
  }
  let line: RegExp;
  let whole: RegExp;
  try {
    line = new RegExp(source, caseSensitive ? '' : 'i');
    whole = new RegExp(source, caseSensitive ? 'm' : 'im');
  } catch (error) {
    throw new ToolError(`search_text: invalid regular expression '${query}': ${(error as Error).message}`);
  }
  if (line.test('')) {
    throw new ToolError(`search_text: the regex '${query}' matches the empty string, so it would match every line. Make it more specific.`);
  }
  const prefilter = !CONTEXT_SENSITIVE.test(source);
  return {
    mayMatch: (text) => !prefilter || whole.test(text),
    matchesLine: (text) => line.test(text.length > MAX_MATCHED_LINE_CHARS ? text.slice(0, MAX_MATCHED_LINE_CHARS) : text),
  };
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
