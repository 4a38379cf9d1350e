// The rest of the extension, loaded on first use. Activation registers only what must exist from
// the start (commands, the chat view, code actions, the status bar, VS Code AI registrations) and
// each of them loads the core bundle (dist/core.js) the first time it is used: a command, the chat
// view becoming visible, VS Code asking for our models, a tool call.
import * as vscode from 'vscode';
import type { Logger } from '../common/logger';

export class LazyCore<T> implements vscode.Disposable {
  private value: T | undefined;
  private failure: Error | undefined;
  private readonly placeholders: vscode.Disposable[] = [];

  constructor(private readonly load: () => T, private readonly log: Logger) {}

  get loaded(): boolean {
    return this.value !== undefined;
  }

  /** The core, loaded now if it was not yet. Throws (every time) if it could not be loaded. */
  get(): T {
    if (this.value !== undefined) return this.value;
    if (this.failure) throw this.failure;
    // The core registers the real commands under the same ids: free them first.
    for (const placeholder of this.placeholders.splice(0)) placeholder.dispose();
    const started = Date.now();
    try {
      this.value = this.load();
    } catch (error) {
      this.failure = error instanceof Error ? error : new Error(String(error));
      this.log.error(`Gemini could not start: ${this.failure.stack ?? this.failure.message}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('Gemini could not start: {0}', this.failure.message));
      throw this.failure;
    }
    this.log.info(`Loaded in ${Date.now() - started} ms on first use`);
    return this.value;
  }

  /**
   * Commands the core implements: until it is loaded, each id runs a placeholder that loads it
   * and then runs the real command with the same arguments.
   */
  deferCommands(ids: readonly string[]): void {
    for (const id of ids) {
      this.placeholders.push(vscode.commands.registerCommand(id, (...args: unknown[]) => {
        this.get();
        return vscode.commands.executeCommand(id, ...args);
      }));
    }
  }

  dispose(): void {
    for (const placeholder of this.placeholders.splice(0)) placeholder.dispose();
  }
}
