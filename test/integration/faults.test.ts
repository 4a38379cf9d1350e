// Faults through the real extension in a real VS Code extension host: the extension's own engine,
// settings, key and SDK, with the emulator misbehaving on cue. Each scenario checks the message a
// person gets (what happened, what to do), that the part of the answer that arrived is kept for
// the history, and, over the whole suite, that no promise rejection went unhandled in the host.
// What the chat webview shows for the same faults, and after a window reload: test/ui/faults.test.ts.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GeminiTestApi } from '../../src/extension';
import { chunks, errors, type QueuedResponse } from '../emulator';
import { EmulatorRemote } from '../harness/emulatorRemote';
import { hostScenario, runTurn, testApi, UnhandledRejections, withSettings } from './faultsSupport';

const PARTIAL = 'The first half of the answer arrived. ';
const stream = (...list: object[]): QueuedResponse => ({ kind: 'stream', chunks: list });
const answer = (text: string): QueuedResponse => stream(chunks.text(text), chunks.finish('STOP'));

describe('faults in the extension host', function () {
  this.timeout(60_000);
  const emulator = EmulatorRemote.fromEnv();
  const rejections = new UnhandledRejections();
  let api: GeminiTestApi;

  before(async () => {
    api = await testApi();
    rejections.start();
  });
  beforeEach(() => emulator.reset());
  after(() => rejections.stop());

  hostScenario('fault', 'HTTP 429 (per-minute quota) with RetryInfo 1s, then an answer', 'waits the 1 s the service asked for, announces the retry, then the answer arrives', async () => {
    await emulator.enqueue(errors.quota({ retryDelay: '1s' }), answer('Back after the wait.'));
    const started = Date.now();
    const result = await runTurn(api, 'rate limited');
    const [retry] = result.of('retry');
    assert.ok(retry, 'a retry was announced');
    assert.equal(retry.delayMs, 1000);
    assert.equal(retry.failure.code, 'quotaPerMinute');
    assert.match(retry.failure.message, /Too many requests to gemini-3\.8-flash this minute/);
    assert.ok(Date.now() - started >= 950, 'the wait really happened');
    assert.equal(result.text, 'Back after the wait.');
    assert.equal(result.outcome.status, 'done');
    assert.equal((await emulator.requests()).filter((r) => /generateContent/i.test(r.path)).length, 2);
  });

  hostScenario('fault', 'HTTP 429 (per-day quota)', 'no pointless retry: says the daily quota is used up and offers to switch model', async () => {
    await emulator.enqueue(errors.quota({ perDay: true, retryDelay: '1s' }));
    const result = await runTurn(api, 'out of quota');
    assert.equal(result.of('retry').length, 0);
    const [error] = result.of('error');
    assert.equal(error.failure.code, 'quotaPerDay');
    assert.equal(error.failure.action, 'switchModel');
    assert.match(error.failure.message, /today's quota for gemini-3\.8-flash/);
    assert.equal(result.outcome.status, 'error');
  });

  hostScenario('fault', 'HTTP 500, then an answer', 'backs off (≤ 1 s), retries once, then the answer arrives', async () => {
    await emulator.enqueue(errors.internal(), answer('Recovered from a 500.'));
    const result = await runTurn(api, 'server error once');
    const [retry] = result.of('retry');
    assert.equal(retry.failure.code, 'internal');
    assert.ok(retry.delayMs >= 500 && retry.delayMs <= 1000, `first backoff ${retry.delayMs} ms`);
    assert.equal(result.text, 'Recovered from a 500.');
  });

  hostScenario('fault', 'HTTP 503 on every attempt (retry.maxAttempts 1)', 'one retry, then "overloaded: retry in a moment, or switch model" with a Retry action', async () => {
    await withSettings({ 'retry.maxAttempts': 1 }, async () => {
      await emulator.enqueue(errors.overloaded(), errors.overloaded());
      const result = await runTurn(api, 'overloaded');
      assert.equal(result.of('retry').length, 1);
      const [error] = result.of('error');
      assert.equal(error.failure.code, 'overloaded');
      assert.equal(error.failure.action, 'retry');
      assert.match(error.failure.message, /Gemini-3\.8-flash is overloaded right now\. Retry in a moment, or switch to another model\./);
      assert.equal((await emulator.requests()).filter((r) => /generateContent/i.test(r.path)).length, 2);
    });
  });

  hostScenario('fault', 'the connection drops in the middle of the answer', 'no retry (output already shown); "the connection dropped", and the partial answer is kept for the history', async () => {
    await emulator.enqueue({ kind: 'stream', chunks: [chunks.text(PARTIAL), chunks.text('more ')], then: 'disconnect' });
    const result = await runTurn(api, 'cut me off');
    assert.equal(result.of('retry').length, 0);
    const [error] = result.of('error');
    assert.equal(error.failure.code, 'streamCut');
    assert.match(error.failure.message, /dropped in the middle of the answer\. What arrived so far is kept/);
    assert.equal(result.keptText, `${PARTIAL}more `);
    assert.equal(result.outcome.status, 'error');
  });

  hostScenario('fault', 'the stream ends cleanly after thoughts, with no answer text and no finish reason', 'reported as cut off (not "empty answer"), the thoughts kept, Retry offered', async () => {
    await emulator.enqueue({ kind: 'stream', chunks: [chunks.text('Thinking it through. ', { thought: true }), chunks.text('Almost there.', { thought: true })] });
    const result = await runTurn(api, 'think then stop');
    assert.deepEqual(result.of('thought').map((t) => t.text), ['Thinking it through. ', 'Almost there.']);
    assert.equal(result.of('finish').length, 0);
    const [error] = result.of('error');
    assert.equal(error.failure.code, 'cutOff');
    assert.equal(error.failure.action, 'retry');
    assert.match(error.failure.message, /cut off.*The thoughts are kept; retry/);
    const kept = result.outcome.contents.at(-1)!;
    assert.ok(kept.role === 'model' && kept.parts!.every((part) => part.thought), 'the thoughts are kept for the history');
  });

  hostScenario('fault', 'a malformed SSE chunk after part of the answer', '"the answer stream was malformed", the part before it kept', async () => {
    await emulator.enqueue({ kind: 'stream', chunks: [chunks.text(PARTIAL), chunks.text('never parsed'), chunks.finish('STOP')], malformedAt: 1 });
    const result = await runTurn(api, 'malformed');
    const [error] = result.of('error');
    assert.ok(error, `events: ${JSON.stringify(result.events)}`);
    assert.match(error.failure.message, /malformed/);
    assert.equal(result.keptText, PARTIAL);
    assert.doesNotMatch(result.text, /never parsed/);
  });

  hostScenario('fault', 'the service goes silent mid-answer past gemini.requestTimeoutSeconds (5 s)', 'abandoned after 5 s with "sent nothing for 5 seconds … the part that arrived is kept"', async () => {
    await withSettings({ requestTimeoutSeconds: 5 }, async () => {
      await emulator.enqueue({ kind: 'stream', chunks: [chunks.text(PARTIAL)], then: 'stall' });
      const started = Date.now();
      const result = await runTurn(api, 'stall');
      const elapsed = Date.now() - started;
      assert.ok(elapsed >= 4900 && elapsed < 20_000, `gave up after ${elapsed} ms`);
      const [error] = result.of('error');
      assert.equal(error.failure.code, 'timeout');
      assert.match(error.failure.message, /sent nothing for 5 seconds.*The part of the answer that arrived is kept/);
      assert.equal(result.keptText, PARTIAL);
    });
  });

  hostScenario('fault', 'an empty candidate (no parts, finish STOP)', '"Gemini returned an empty answer" with a Retry action', async () => {
    await emulator.enqueue(stream(chunks.finish('STOP')));
    const result = await runTurn(api, 'empty');
    const [finish] = result.of('finish');
    assert.equal(finish.reason, 'empty');
    assert.equal(finish.failure?.action, 'retry');
    assert.match(finish.message ?? '', /empty answer/);
  });

  const FINISH_REASONS: [reason: string, kind: string, message: RegExp][] = [
    ['MAX_TOKENS', 'maxTokens', /output token limit/],
    ['SAFETY', 'safety', /safety filter/],
    ['IMAGE_SAFETY', 'safety', /safety filter/],
    ['RECITATION', 'recitation', /repeated existing published text/],
    ['PROHIBITED_CONTENT', 'safety', /does not allow \(prohibited content\)/],
    ['BLOCKLIST', 'safety', /does not allow \(blocked terms\)/],
    ['SPII', 'safety', /does not allow \(sensitive personal information\)/],
    ['MALFORMED_FUNCTION_CALL', 'malformedFunctionCall', /tool call that could not be used/],
    ['UNEXPECTED_TOOL_CALL', 'malformedFunctionCall', /tool call that could not be used/],
    ['LANGUAGE', 'other', /stopped early \(reason: unsupported language\)/],
    ['OTHER', 'other', /stopped early \(reason: unspecified\)/],
  ];
  for (const [reason, kind, message] of FINISH_REASONS) {
    hostScenario('fault', `finish reason ${reason} after part of the answer`, `the text so far is kept and the user is told why it ended (${kind})`, async () => {
      await emulator.enqueue(stream(chunks.text(PARTIAL), chunks.finish(reason)));
      const result = await runTurn(api, `finish ${reason}`);
      const [finish] = result.of('finish');
      assert.equal(finish.reason, kind);
      assert.match(finish.message ?? '', message);
      assert.equal(result.keptText, PARTIAL);
      assert.equal(result.outcome.status, 'done');
    });
  }

  hostScenario('fault', 'finish reason STOP', 'a normal end: no warning', async () => {
    await emulator.enqueue(answer('All fine.'));
    const result = await runTurn(api, 'finish STOP');
    assert.deepEqual(result.of('finish').map((f) => [f.reason, f.message]), [['stop', undefined]]);
  });

  hostScenario('fault', 'the prompt is blocked (promptFeedback.blockReason SAFETY, no candidate)', '"the request was blocked before Gemini answered (reason: safety filter)"', async () => {
    await emulator.enqueue(stream(chunks.blocked('SAFETY')));
    const result = await runTurn(api, 'blocked prompt');
    const [finish] = result.of('finish');
    assert.equal(finish.reason, 'blocked');
    assert.match(finish.message ?? '', /blocked before Gemini answered \(reason: safety filter\)/);
  });

  hostScenario('fault', 'a chat question (Explain), an editor action (Refactor) and an engine turn at the same time', 'each gets its own answer: the refactor proposal is exactly its code, the others echo their own question', async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const file = vscode.Uri.joinPath(folder, 'faults-concurrency.py');
    const source = 'def total(items):\n    result = 0\n    for item in items:\n        result = result + item\n    return result\n';
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(source));
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file), { preview: false });
    try {
      const line = new vscode.Range(3, 0, 3, 31);
      const proposal = JSON.stringify({ rationale: 'Shorter.', code: '        result += item' });
      // The refactor answers slowly, so the other two run while it streams.
      await emulator.enqueue({ kind: 'stream', chunkDelayMs: 300, chunks: [chunks.text(proposal.slice(0, 10)), chunks.text(proposal.slice(10, 30)), chunks.text(proposal.slice(30)), chunks.finish('STOP')] });
      const refactor = vscode.commands.executeCommand<{ status: string; proposedText?: string }>('gemini.refactorSelection', file, line, 'use +=');
      await emulator.waitForRequests(1, 10_000);
      // Nothing else queued: the emulator answers each of them "You said: <its own question>".
      const [explained, engineTurn, refactored] = await Promise.all([
        vscode.commands.executeCommand<{ status: string }>('gemini.explainSelection', file, line),
        runTurn(api, 'concurrent engine turn'),
        refactor,
      ]);
      assert.equal(refactored.status, 'previewed');
      assert.equal(refactored.proposedText, '        result += item');
      assert.equal(explained.status, 'sent');
      assert.equal(engineTurn.text, 'You said: concurrent engine turn');
      const requests = await emulator.waitForRequests(3, 10_000);
      assert.ok(requests.some((r) => /result = result \+ item/.test(JSON.stringify(r.body?.contents)) && /Explain/.test(JSON.stringify(r.body?.contents))), 'the chat asked with the selection');
      await vscode.commands.executeCommand('gemini.rejectProposal');
      assert.equal(editor.document.getText(), source, 'nothing applied without Accept');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(file, { useTrash: false });
    }
  });

  hostScenario('fault', 'a burst of 50 turns at once', 'all 50 complete, each with the answer to its own question', async () => {
    const questions = Array.from({ length: 50 }, (_, i) => `burst question ${i}`);
    const results = await Promise.all(questions.map((question) => runTurn(api, question)));
    assert.deepEqual(results.map((r) => r.outcome.status), questions.map(() => 'done'));
    assert.deepEqual(results.map((r) => r.text), questions.map((q) => `You said: ${q}`));
    assert.equal((await emulator.requests()).filter((r) => /generateContent/i.test(r.path)).length, 50);
  });

  hostScenario('fault', 'every fault above, in one extension host', 'no promise rejection left unhandled in the extension host', async () => {
    assert.deepEqual(await rejections.settled(), []);
  });
});
