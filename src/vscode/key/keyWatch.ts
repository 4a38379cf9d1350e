// A key stored or removed in another VS Code window reaches this one only through secret
// storage's change event: without listening, this window kept its old idea of the key (no
// redaction of the new key, a stale "set a key" banner and model list). Only types come from
// `vscode`, so the unit tests drive it with a fake store.
import type * as vscode from 'vscode';
import { API_KEY_SECRET } from '../../gemini/keySource';

/** The part of vscode.SecretStorage the watch needs. */
export interface WatchedSecrets {
  get(key: string): PromiseLike<string | undefined>;
  onDidChange(listener: (event: Pick<vscode.SecretStorageChangeEvent, 'key'>) => unknown): { dispose(): unknown };
}

export interface StoredKeyWatchDeps {
  /** Registers the new key with the log's redaction before anything can log it. */
  redact(secret: string): void;
  /** The key was set, replaced or removed (by this window or another). */
  onKeyChanged(): void;
}

export function watchStoredKey(secrets: WatchedSecrets, deps: StoredKeyWatchDeps): { dispose(): unknown } {
  return secrets.onDidChange(async (event) => {
    if (event.key !== API_KEY_SECRET) return;
    const key = (await secrets.get(API_KEY_SECRET))?.trim();
    if (key) deps.redact(key);
    deps.onKeyChanged();
  });
}
