// How search_text decides that a line matches: literal or regular expression, with or without
// case. Regular expressions come from the model, so they never run on a backtracking engine:
// RE2's linear-time matcher (re2js) runs them, and a model that asks for Perl-only syntax
// (lookarounds, backreferences) gets a clear refusal. Nested repetition is also refused up front
// with a message that helps the model write a better pattern. Very long lines are only matched on
// their beginning.
import { RE2JS } from 're2js';
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
export function buildMatcher(query: string, isRegex: boolean, caseSensitive: boolean): TextMatcher {
  if (!isRegex && caseSensitive) {
    return { mayMatch: (text) => text.includes(query), matchesLine: (line) => line.includes(query) };
  }
  if (!isRegex) {
    // An escaped literal has no quantifier to backtrack on: V8's engine is safe and fastest here.
    const line = new RegExp(escapeRegExp(query), 'i');
    return { mayMatch: (text) => line.test(text), matchesLine: (text) => line.test(text) };
  }
  if (NESTED_QUANTIFIER.test(query)) {
    throw new ToolError(`search_text: the regex '${query}' repeats a group that itself repeats (like '(a+)+'), which can take exponential time. Rewrite it without nested repetition.`);
  }
  let line: RE2JS;
  let whole: RE2JS;
  try {
    const flags = caseSensitive ? 0 : RE2JS.CASE_INSENSITIVE;
    line = RE2JS.compile(query, flags);
    whole = RE2JS.compile(query, flags | RE2JS.MULTILINE);
  } catch (error) {
    throw new ToolError(`search_text: invalid regular expression '${query}' (RE2 syntax: no lookarounds or backreferences): ${(error as Error).message}`);
  }
  if (line.matcher('').find()) {
    throw new ToolError(`search_text: the regex '${query}' matches the empty string, so it would match every line. Make it more specific.`);
  }
  return {
    mayMatch: (text) => whole.matcher(text).find(),
    matchesLine: (text) => line.matcher(text.length > MAX_MATCHED_LINE_CHARS ? text.slice(0, MAX_MATCHED_LINE_CHARS) : text).find(),
  };
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
