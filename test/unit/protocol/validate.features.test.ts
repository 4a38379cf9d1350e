// The protocol of the power features: the validator's rules for the new webview messages, and the
// reducer folding a code execution result into its card and adding up a turn's cost.
import * as assert from 'node:assert/strict';
import { applyTurnEvent, newModelTurn } from '../../../src/protocol/reduce';
import { MAX_DROP_BYTES, MAX_MESSAGE_CHARS } from '../../../src/protocol/messages';
import { validateWebviewMessage } from '../../../src/protocol/validate';
import type { UsageInfo } from '../../../src/protocol/view';

const ok = (message: unknown) => assert.equal(validateWebviewMessage(message).ok, true, JSON.stringify(message).slice(0, 120));
const rejects = (message: unknown, reason: RegExp) => {
  const result = validateWebviewMessage(message);
  assert.equal(result.ok, false);
  assert.match((result as { reason: string }).reason, reason);
};

describe('protocol: power features', () => {
  it('accepts chat options, token counts and data attachments', () => {
    ok({ type: 'setChatOptions', googleSearch: true });
    ok({ type: 'setChatOptions', model: 'gemini-3-pro-preview', codeExecution: false, thinking: 'level:low', requestId: 3 });
    ok({ type: 'setChatOptions', thinking: 'budget:-1' });
    ok({ type: 'setChatOptions', thinking: 'default' });
    ok({ type: 'countTokens', text: 'draft', requestId: 12 });
    ok({ type: 'attachData', mimeType: 'application/pdf', base64: 'JVBERi0=', name: 'a.pdf' });
    ok({ type: 'attachData', mimeType: 'text/plain', base64: '', name: 'empty.txt' });
  });

  it('rejects malformed options, request ids and data', () => {
    rejects({ type: 'setChatOptions', thinking: 'budget:1e9' }, /thinking: has characters/);
    rejects({ type: 'setChatOptions', googleSearch: 1 }, /googleSearch: expected a boolean/);
    rejects({ type: 'setChatOptions', temperature: 1 }, /unexpected field/);
    rejects({ type: 'countTokens', text: 'x', requestId: -1 }, /requestId must be a non-negative integer/);
    rejects({ type: 'countTokens', text: 'x', requestId: 1.5 }, /requestId/);
    rejects({ type: 'countTokens', text: 'x', seq: 1 }, /unexpected field/);
    rejects({ type: 'attachData', mimeType: 'application/zip', base64: 'UEs=', name: 'a.zip' }, /mimeType/);
    rejects({ type: 'attachData', mimeType: 'application/pdf', base64: 'not base64!', name: 'a.pdf' }, /base64: has characters/);
  });

  it('lets a dropped file up to 20 MB through, and no more', () => {
    const limit = Math.ceil(MAX_DROP_BYTES / 3) * 4;
    assert.ok(MAX_MESSAGE_CHARS > limit);
    ok({ type: 'attachData', mimeType: 'application/pdf', base64: 'A'.repeat(limit), name: 'big.pdf' });
    rejects({ type: 'attachData', mimeType: 'application/pdf', base64: 'A'.repeat(limit + 4), name: 'bigger.pdf' }, /too long|too large/);
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
