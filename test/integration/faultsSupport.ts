// What the in-host fault and security specs share: the extension's test API, settings changed for
// one test and put back, and a watch on unhandled promise rejections in this extension host.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GeminiTestApi } from '../../src/extension';
import type { TurnEvent } from '../../src/gemini/events';
import type { TurnOutcome } from '../../src/gemini/turnContract';
import { scenario, type Area } from '../reliability/record';

export const EXTENSION_ID = 'gemini-vscode-oss.gemini-for-vscode';

export async function testApi(): Promise<GeminiTestApi> {
  const extension = vscode.extensions.getExtension<GeminiTestApi | undefined>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not loaded`);
  const api = await extension.activate();
  assert.ok(api, 'the extension exports its test API outside production mode');
  return api;
}

/** One reliability scenario of the integration layer (recorded for docs/RELIABILITY.md). */
export function hostScenario(area: Area, what: string, expected: string, fn: (this: Mocha.Context) => Promise<void>): Mocha.Test {
  return scenario('integration', { area, scenario: what, expected }, fn, { vscodeVersion: vscode.version });
}

/** Sets `gemini.*` user settings for the duration of `work`, then removes them again. */
export async function withSettings<T>(values: Record<string, unknown>, work: () => Promise<T>): Promise<T> {
  const config = () => vscode.workspace.getConfiguration('gemini');
  for (const [key, value] of Object.entries(values)) await config().update(key, value, vscode.ConfigurationTarget.Global);
  try {
    return await work();
  } finally {
    for (const key of Object.keys(values)) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
  }
}

/**
 * Collects promise rejections nobody handled while it runs (what VS Code's host logs as "rejected
 * promise not handled within 1 second"); ones handled late are taken back off the list.
 */
export class UnhandledRejections {
  private readonly pending = new Map<Promise<unknown>, unknown>();
  private readonly onUnhandled = (reason: unknown, promise: Promise<unknown>) => this.pending.set(promise, reason);
  private readonly onHandled = (promise: Promise<unknown>) => this.pending.delete(promise);

  start(): void {
    process.on('unhandledRejection', this.onUnhandled);
    process.on('rejectionHandled', this.onHandled);
  }

  stop(): void {
    process.off('unhandledRejection', this.onUnhandled);
    process.off('rejectionHandled', this.onHandled);
  }

  /** What is still unhandled, after giving late handlers the same second VS Code gives them. */
  async settled(): Promise<string[]> {
    await new Promise((resolve) => setTimeout(resolve, 1100));
    return [...this.pending.values()].map((reason) => (reason instanceof Error ? reason.stack ?? reason.message : String(reason)));
  }
}

export interface TurnResult {
  events: TurnEvent[];
  outcome: TurnOutcome;
  /** The answer text as the events streamed it. */
  text: string;
  /** The partial or whole answer the turn keeps for the history (its last model content). */
  keptText: string;
  of<K extends TurnEvent['type']>(type: K): Extract<TurnEvent, { type: K }>[];
}

export async function runTurn(api: GeminiTestApi, text: string): Promise<TurnResult> {
  const { events, outcome } = await api.runTurn(text);
  const model = [...outcome.contents].reverse().find((content) => content.role === 'model');
  return {
    events,
    outcome,
    text: events.map((event) => (event.type === 'text' ? event.text : '')).join(''),
    keptText: (model?.parts ?? []).map((part) => (part.thought ? '' : part.text ?? '')).join(''),
    of: <K extends TurnEvent['type']>(type: K) => events.filter((event): event is Extract<TurnEvent, { type: K }> => event.type === type),
  };
}
