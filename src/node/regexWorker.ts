// The worker thread that runs search_text's model-supplied regular expressions for the Node
// walker (see regexPool.ts): RE2's linear-time engine can still take seconds on a huge pattern
// over a long line, and here that time blocks nobody; the pool terminates this thread when the
// call is stopped or its time budget runs out. Input: batches of file texts; output: the
// 0-based numbers of the matching lines of each.
import { parentPort } from 'node:worker_threads';
import { regexLines } from '../tools/textMatcher';
import type { RegexBatch, RegexBatchResult } from './regexPool';

parentPort?.on('message', (batch: RegexBatch) => {
  const reply: RegexBatchResult = { id: batch.id, lines: batch.texts.map((text) => regexLines(batch.pattern, batch.caseSensitive, text)) };
  parentPort!.postMessage(reply);
});
