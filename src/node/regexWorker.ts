// The worker thread that runs search_text's model-supplied regular expressions for the Node
// walker (see regexPool.ts): RE2's linear-time engine can still take seconds on a huge pattern
// over a long line, and here that time blocks nobody; the pool terminates this thread when the
// call is stopped or its time budget runs out. Input: a pattern to validate (RE2's compile alone
// can take seconds), or batches of file texts; output: the refusal, or each text's matching lines.
import { parentPort } from 'node:worker_threads';
import { regexLines, regexProblem } from '../tools/textMatcher';
import type { RegexBatch, RegexBatchResult, RegexValidation } from './regexPool';

parentPort?.on('message', (message: RegexBatch | RegexValidation) => {
  if ('validate' in message) {
    parentPort!.postMessage({ id: message.id, problem: regexProblem(message.pattern, message.caseSensitive) ?? null });
    return;
  }
  const reply: RegexBatchResult = { id: message.id, lines: message.texts.map((text) => regexLines(message.pattern, message.caseSensitive, text)) };
  parentPort!.postMessage(reply);
});
