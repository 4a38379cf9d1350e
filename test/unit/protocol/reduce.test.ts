// The reducer both sides run: deltas grow segments in arrival order, the status follows the
// engine's finish and error events, code execution results join their card, costs add up.
import * as assert from 'node:assert/strict';
import { applyTurnEvent, newModelTurn, settleTurn } from '../../../src/protocol/reduce';
import type { UsageInfo } from '../../../src/protocol/view';

describe('protocol: applyTurnEvent', () => {
  it('merges consecutive deltas and keeps thoughts, tools and text interleaved in order', () => {
    const turn = newModelTurn('t1', 0, 'gemini-2.5-flash');
    assert.deepEqual(applyTurnEvent(turn, { type: 'thought', text: 'Let me ' }, 1), { kind: 'segment', index: 0, created: true });
    assert.deepEqual(applyTurnEvent(turn, { type: 'thought', text: 'look.' }, 2), { kind: 'segment', index: 0, created: false, appended: 'look.' });
    applyTurnEvent(turn, { type: 'toolCall', call: { id: 'c1', name: 'read_file', args: { path: 'a.ts' } } }, 3);
    assert.deepEqual(applyTurnEvent(turn, { type: 'toolResult', result: { id: 'c1', name: 'read_file', ok: true, summary: 'read a.ts', bytes: 120, durationMs: 4 } }, 4),
      { kind: 'segment', index: 1, created: false });
    applyTurnEvent(turn, { type: 'text', text: 'The file ' }, 5);
    applyTurnEvent(turn, { type: 'text', text: 'exports x.' }, 6);
    assert.deepEqual(turn.segments.map((s) => s.kind), ['thought', 'tool', 'text']);
    assert.equal((turn.segments[0] as { text: string }).text, 'Let me look.');
    assert.equal((turn.segments[2] as { text: string }).text, 'The file exports x.');
    assert.equal((turn.segments[1] as { result?: { ok: boolean } }).result?.ok, true);
  });

  it('tracks retries as a countdown and clears them when output resumes', () => {
    const turn = newModelTurn('t1', 0);
    applyTurnEvent(turn, { type: 'retry', attempt: 1, maxAttempts: 3, delayMs: 2000, failure: { code: 'quotaPerMinute', message: 'Rate limited.', retryable: true } }, 1000);
    assert.equal(turn.retry?.until, 3000);
    applyTurnEvent(turn, { type: 'text', text: 'ok' }, 3100);
    assert.equal(turn.retry, undefined);
  });

  it('ends done, stopped or error from finish/error events and the outcome', () => {
    const done = newModelTurn('a', 0);
    applyTurnEvent(done, { type: 'usage', usage: { promptTokens: 3, outputTokens: 5, thoughtsTokens: 0, cachedTokens: 0, toolUsePromptTokens: 0, totalTokens: 8 }, model: 'gemini-2.5-pro' }, 1);
    applyTurnEvent(done, { type: 'finish', reason: 'stop' }, 2);
    assert.equal(done.status, 'done');
    assert.equal(done.model, 'gemini-2.5-pro');

    const stopped = newModelTurn('b', 0);
    applyTurnEvent(stopped, { type: 'finish', reason: 'cancelled' }, 2);
    assert.equal(stopped.status, 'stopped');

    const failed = newModelTurn('c', 0);
    applyTurnEvent(failed, { type: 'error', failure: { code: 'invalidKey', message: 'Bad key.', action: 'setKey', retryable: false } }, 2);
    settleTurn(failed, 'done', 3);
    assert.equal(failed.status, 'error', 'an error is not overwritten by a later settle');

    const cut = newModelTurn('d', 0);
    settleTurn(cut, 'stopped', 5);
    assert.equal(cut.status, 'stopped');
    assert.equal(cut.endedAt, 5);
  });

  it('folds a code execution result into the card of its code (by id), and keeps unpaired results apart', () => {
    const turn = newModelTurn('m1', 0);
    applyTurnEvent(turn, { type: 'codeExecution', execution: { id: 'a', code: { language: 'PYTHON', code: 'print(1)' } } }, 1);
    applyTurnEvent(turn, { type: 'codeExecution', execution: { id: 'b', code: { language: 'PYTHON', code: 'print(2)' } } }, 1);
    const change = applyTurnEvent(turn, { type: 'codeExecution', execution: { id: 'a', result: { outcome: 'OUTCOME_OK', output: '1\n' } } }, 2);
    assert.deepEqual(change, { kind: 'segment', index: 0, created: false });
    assert.deepEqual(turn.segments[0], { kind: 'codeExecution', execution: { id: 'a', code: { language: 'PYTHON', code: 'print(1)' }, result: { outcome: 'OUTCOME_OK', output: '1\n' } } });
    applyTurnEvent(turn, { type: 'codeExecution', execution: { result: { outcome: 'OUTCOME_FAILED', output: 'boom' } } }, 3);
    assert.equal((turn.segments[1] as { execution: { result?: unknown } }).execution.result !== undefined, true, 'without an id: the last code still waiting');
    applyTurnEvent(turn, { type: 'codeExecution', execution: { result: { outcome: 'OUTCOME_OK', output: 'stray' } } }, 4);
    assert.equal(turn.segments.length, 3, 'a result with no code waiting gets its own card');
  });

  it('adds up the cost of every request of a turn; shows the last usage', () => {
    const turn = newModelTurn('m1', 0);
    const usage = (prompt: number): UsageInfo => ({ promptTokens: prompt, outputTokens: 1, thoughtsTokens: 0, cachedTokens: 0, toolUsePromptTokens: 0, totalTokens: prompt + 1 });
    applyTurnEvent(turn, { type: 'usage', usage: usage(10), model: 'gemini-2.5-flash', costUsd: 0.001 }, 1);
    applyTurnEvent(turn, { type: 'usage', usage: usage(20), model: 'gemini-2.5-flash', costUsd: 0.002 }, 2);
    assert.ok(Math.abs(turn.costUsd! - 0.003) < 1e-12);
    assert.equal(turn.usage?.promptTokens, 20);
    const unpriced = newModelTurn('m2', 0);
    applyTurnEvent(unpriced, { type: 'usage', usage: usage(5), model: 'tuned' }, 1);
    assert.equal(unpriced.costUsd, undefined);
  });
});
