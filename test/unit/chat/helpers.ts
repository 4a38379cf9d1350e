// Shared by the chat tests: a TurnRunner that plays scripted events (the engine itself is tested
// against the emulator elsewhere), a recording logger, and a message sink.
import type { Content } from '@google/genai';
import type { TurnOutcome, TurnRequest, TurnRunner } from '../../../src/gemini/turnContract';
import type { TurnEvent } from '../../../src/gemini/events';
import type { Logger } from '../../../src/common/logger';
import type { HostMessage } from '../../../src/protocol/messages';

export interface ScriptedTurn {
  events: TurnEvent[];
  /** Defaults to [message, model content with the text events]. */
  contents?: (request: TurnRequest) => Content[];
  status?: TurnOutcome['status'];
  /** Wait this long before each event (lets a test stop mid-stream). */
  delayMs?: number;
  /** Throw instead of running (a runner failure before any event). */
  throws?: Error;
  /** Ignore the abort signal (an engine that does not wind down). */
  ignoreAbort?: boolean;
}

export class ScriptedRunner implements TurnRunner {
  readonly requests: TurnRequest[] = [];
  constructor(private readonly script: ScriptedTurn[]) {}

  async *runTurn(request: TurnRequest): AsyncGenerator<TurnEvent, TurnOutcome, void> {
    this.requests.push(request);
    const turn = this.script.shift() ?? { events: [{ type: 'text', text: 'default answer' }, { type: 'finish', reason: 'stop' }] };
    if (turn.throws) throw turn.throws;
    let text = '';
    for (const event of turn.events) {
      if (turn.delayMs) await new Promise((r) => setTimeout(r, turn.delayMs));
      if (request.signal.aborted && !turn.ignoreAbort) {
        yield { type: 'finish', reason: 'cancelled' };
        return { contents: [request.message, ...(text ? [{ role: 'model', parts: [{ text }] }] : [])], status: 'stopped' };
      }
      if (event.type === 'text') text += event.text;
      yield event;
    }
    if (turn.ignoreAbort) await new Promise(() => undefined);
    const contents = turn.contents ? turn.contents(request) : [request.message, { role: 'model', parts: [{ text }] }];
    return { contents, status: turn.status ?? 'done' };
  }
}

export class RecordingLogger implements Logger {
  readonly lines: string[] = [];
  debug(m: string): void { this.lines.push(`debug ${m}`); }
  info(m: string): void { this.lines.push(`info ${m}`); }
  warn(m: string): void { this.lines.push(`warn ${m}`); }
  error(m: string): void { this.lines.push(`error ${m}`); }
}

export class MessageSink {
  readonly messages: HostMessage[] = [];
  readonly post = (message: HostMessage): void => { this.messages.push(JSON.parse(JSON.stringify(message)) as HostMessage); };
  of<T extends HostMessage['type']>(type: T): Extract<HostMessage, { type: T }>[] {
    return this.messages.filter((m): m is Extract<HostMessage, { type: T }> => m.type === type);
  }
  clear(): void { this.messages.length = 0; }
}

export function text(value: string): TurnEvent { return { type: 'text', text: value }; }
export const STOP: TurnEvent = { type: 'finish', reason: 'stop' };
