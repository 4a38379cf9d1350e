// Coalesces streamed text and thought deltas on their way to the webview. A fast stream yields
// hundreds of tiny events a second; each is a message through VS Code's webview channel, and that
// channel, not the rendering, limits how fast an answer appears. The first delta goes out at once
// (no added latency to the first token); deltas arriving within the next interval are merged into
// one message. Any other message flushes what is pending first, so order is kept.
import type { HostMessage } from '../protocol/messages';

type TurnEventMessage = Extract<HostMessage, { type: 'turnEvent' }>;

export class DeltaBatcher {
  private pending: TurnEventMessage | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly sink: (message: HostMessage) => void, private readonly intervalMs: number) {}

  readonly post = (message: HostMessage): void => {
    if (this.intervalMs <= 0 || !isDelta(message)) {
      this.flush();
      this.sink(message);
      return;
    }
    const pending = this.pending;
    if (pending && (pending.turnId !== message.turnId || pending.chatId !== message.chatId || pending.event.type !== message.event.type)) this.flush();
    if (!this.timer) {
      // Quiet until now: send at once and open a window in which later deltas are merged.
      this.sink(message);
      this.openWindow();
      return;
    }
    if (this.pending) {
      const text = (this.pending.event as { text: string }).text + (message.event as { text: string }).text;
      this.pending = { ...this.pending, event: { type: message.event.type as 'text', text }, at: message.at };
    } else {
      this.pending = message;
    }
  };

  /** Sends what is pending now (before a snapshot, or any other message). */
  flush(): void {
    const pending = this.pending;
    this.pending = undefined;
    if (pending) this.sink(pending);
  }

  dispose(): void {
    this.flush();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private openWindow(): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!this.pending) return;
      this.flush();
      this.openWindow();
    }, this.intervalMs);
  }
}

function isDelta(message: HostMessage): message is TurnEventMessage {
  return message.type === 'turnEvent' && (message.event.type === 'text' || message.event.type === 'thought');
}
