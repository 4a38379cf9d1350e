// A one-shot Gemini turn for a command (an editor action, the commit message): the prompt as a
// lone user message without workspace tools, under a cancellable progress notification whose
// Cancel aborts the turn and which shows the engine's retry countdowns while it waits.
import * as vscode from 'vscode';
import type { TurnRunner } from '../../gemini/turnContract';
import { summarizeTurn, type TurnSummary } from '../../actions/actionTurn';

export interface OneShotPrompt {
  text: string;
  systemInstruction?: string;
  /** Structured output: the answer must be JSON matching this schema. */
  responseJsonSchema?: Record<string, unknown>;
}

/**
 * Runs `prompt` under a progress notification titled `title`. `abort` is the caller's when it
 * must also stop the turn from elsewhere (cancelling every running action); Cancel aborts it too.
 */
export function runTurnWithProgress(runner: TurnRunner, title: string, prompt: OneShotPrompt, abort = new AbortController()): Thenable<TurnSummary> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
    token.onCancellationRequested(() => abort.abort());
    return summarizeTurn(
      runner,
      {
        history: [],
        message: { role: 'user', parts: [{ text: prompt.text }] },
        signal: abort.signal,
        systemInstruction: prompt.systemInstruction,
        responseJsonSchema: prompt.responseJsonSchema,
        features: { workspaceTools: false },
      },
      (event) => {
        if (event.type === 'retry') {
          progress.report({ message: vscode.l10n.t('{0} Retrying in {1} s (attempt {2} of {3}).', event.failure.message, Math.ceil(event.delayMs / 1000), event.attempt, event.maxAttempts) });
        }
      },
    );
  });
}
