// The one output channel ("Gemini"), behind the pure Logger interface. Every line is scrubbed of
// registered secrets (the API key) before it is written.
import * as vscode from 'vscode';
import { Logger, redact } from '../common/logger';

export class OutputLog implements Logger, vscode.Disposable {
  readonly channel = vscode.window.createOutputChannel('Gemini', { log: true });
  private readonly secrets = new Set<string>();

  addSecret(secret: string | undefined): void {
    if (secret) this.secrets.add(secret);
  }
  debug(message: string): void { this.channel.debug(redact(message, this.secrets)); }
  info(message: string): void { this.channel.info(redact(message, this.secrets)); }
  warn(message: string): void { this.channel.warn(redact(message, this.secrets)); }
  error(message: string): void { this.channel.error(redact(message, this.secrets)); }
  show(): void { this.channel.show(true); }
  dispose(): void { this.channel.dispose(); }
}
