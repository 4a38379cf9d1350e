// Shared by the Gemini core tests: an engine wired to the emulator through the real SDK, a clock
// that records retry waits instead of sleeping, and event collection.
import type { Content } from '@google/genai';
import { createGenAI } from '../../../src/gemini/client';
import type { ToolExecution, ToolExecutor, TurnOutcome, TurnRequest } from '../../../src/gemini/turnContract';
import type { ToolCallInfo, TurnEvent } from '../../../src/gemini/events';
import type { RetryClock } from '../../../src/gemini/retry';
import { abortError } from '../../../src/gemini/retry';
import { SettingValues, settingValues } from '../../../src/config/settingValues';
import { GeminiEngine } from '../../../src/gemini/turnEngine';
import { TEST_KEY, type GeminiEmulator } from '../../emulator';

/** Resolves at once, remembering each requested wait; still rejects when aborted. */
export class RecordingClock implements RetryClock {
  readonly sleeps: number[] = [];
  constructor(private readonly jitter = 0.5) {}
  async sleep(ms: number, signal: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    if (signal.aborted) throw abortError();
  }
  random(): number {
    return this.jitter;
  }
}

export interface EngineSetup {
  settings?: Partial<SettingValues>;
  tools?: ToolExecutor;
  clock?: RetryClock;
}

export function engineFor(emu: GeminiEmulator, setup: EngineSetup = {}): { engine: GeminiEngine; clock: RetryClock } {
  const clock = setup.clock ?? new RecordingClock();
  const settings = settingValues({ model: 'gemini-2.5-flash', ...setup.settings });
  const client = createGenAI({ apiKey: TEST_KEY, endpoint: emu.baseUrl, apiVersion: settings.apiVersion });
  const engine = new GeminiEngine({
    genai: () => client,
    settings: () => settings,
    tools: setup.tools,
    clock,
    secrets: () => [TEST_KEY],
  });
  return { engine, clock };
}

export function userText(text: string): Content {
  return { role: 'user', parts: [{ text }] };
}

export function turn(text: string, extra: Partial<TurnRequest> = {}): TurnRequest {
  return { history: [], message: userText(text), signal: new AbortController().signal, ...extra };
}

export interface TurnRecord {
  events: TurnEvent[];
  outcome: TurnOutcome;
  text: string;
  thoughts: string;
  of<T extends TurnEvent['type']>(type: T): Extract<TurnEvent, { type: T }>[];
}

/** Drains a turn; `onEvent` may act mid-stream (e.g. abort after the first text). */
export async function runTurn(
  engine: GeminiEngine,
  request: TurnRequest,
  onEvent?: (event: TurnEvent) => void,
): Promise<TurnRecord> {
  const events: TurnEvent[] = [];
  const generator = engine.runTurn(request);
  let step = await generator.next();
  while (!step.done) {
    events.push(step.value);
    onEvent?.(step.value);
    step = await generator.next();
  }
  const of = <T extends TurnEvent['type']>(type: T) => events.filter((e): e is Extract<TurnEvent, { type: T }> => e.type === type);
  return {
    events,
    outcome: step.value,
    text: of('text').map((e) => e.text).join(''),
    thoughts: of('thought').map((e) => e.text).join(''),
    of,
  };
}

/** A ToolExecutor that answers from a table and records what it ran. */
export class FakeTools implements ToolExecutor {
  readonly calls: ToolCallInfo[] = [];
  constructor(
    private readonly answers: Record<string, (args: Record<string, unknown>, signal: AbortSignal) => Promise<unknown> | unknown>,
  ) {}
  declarations() {
    return Object.keys(this.answers).map((name) => ({ name, description: `Test tool ${name}`, parametersJsonSchema: { type: 'object', properties: {} } }));
  }
  async execute(call: ToolCallInfo, signal: AbortSignal): Promise<ToolExecution> {
    this.calls.push(call);
    const output = await this.answers[call.name](call.args, signal);
    return { response: { output }, ok: true, summary: `${call.name} ran` };
  }
}
