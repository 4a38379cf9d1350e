// Where the API key lives and whether it works. The key is kept only in the editor's secret
// storage (behind the SecretStore interface); the GEMINI_API_KEY environment variable is a
// documented fallback. A key is checked with the cheapest call there is: models.list, one item.
import { l10n } from '../common/l10n';
import { createGenAI, ConnectionSettings } from './client';
import { describeFailure } from './errors';
import type { FailureInfo } from './events';
import { API_KEY_SECRET, findApiKey, type ResolvedKey, type SecretReader } from './keySource';

export { API_KEY_ENV_VAR, API_KEY_SECRET, type KeySource, type ResolvedKey } from './keySource';

/** The subset of vscode.SecretStorage the key service needs. */
export interface SecretStore extends SecretReader {
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
}

export const GET_API_KEY_URL = 'https://aistudio.google.com/apikey';

export type KeyVerdict =
  | { verdict: 'ok'; message: string }
  | { verdict: 'invalid'; message: string }
  | { verdict: 'permission'; message: string }
  | { verdict: 'network'; message: string; failure: FailureInfo };

export interface ApiKeyServiceDeps {
  secrets: SecretStore;
  connection: () => ConnectionSettings;
  env?: Record<string, string | undefined>;
  /** Deadline of the validation request. Default 15 s. */
  validateTimeoutMs?: number;
}

export class ApiKeyService {
  private readonly listeners = new Set<() => void>();
  private readonly seen = new Set<string>();

  constructor(private readonly deps: ApiKeyServiceDeps) {}

  /** The stored key, else the environment's, else undefined. */
  async getKey(): Promise<string | undefined> {
    return (await this.resolve())?.key;
  }

  async resolve(): Promise<ResolvedKey | undefined> {
    const found = await findApiKey(this.deps.secrets, this.deps.env);
    return found && this.remember(found);
  }

  /**
   * Every key this service has handed out or stored this session, for redaction: a message
   * about a request made with the previous key must not leak it either.
   */
  knownSecrets(): string[] {
    return [...this.seen];
  }

  private remember(found: ResolvedKey): ResolvedKey {
    this.seen.add(found.key);
    return found;
  }

  async setKey(key: string): Promise<void> {
    this.seen.add(key.trim());
    await this.deps.secrets.store(API_KEY_SECRET, key.trim());
    this.fire();
  }

  async clearKey(): Promise<void> {
    await this.deps.secrets.delete(API_KEY_SECRET);
    this.fire();
  }

  /** Called after the key was set or cleared (e.g. to register it with the log's redaction). */
  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Checks a key against the configured endpoint with models.list (pageSize 1). */
  async validate(key: string, signal?: AbortSignal): Promise<KeyVerdict> {
    const trimmed = key.trim();
    if (!trimmed) return { verdict: 'invalid', message: l10n.t('The API key is empty.') };
    try {
      const { endpoint, apiVersion, proxy } = this.deps.connection();
      const genai = await createGenAI({ apiKey: trimmed, endpoint, apiVersion, proxy, timeoutMs: this.deps.validateTimeoutMs ?? 15_000 });
      await genai.models.list({ config: { pageSize: 1, ...(signal ? { abortSignal: signal } : {}) } });
      return { verdict: 'ok', message: l10n.t('The API key works.') };
    } catch (err) {
      const failure = describeFailure(err, { secrets: [trimmed] });
      switch (failure.code) {
        case 'invalidKey':
          return { verdict: 'invalid', message: l10n.t('Google rejected this API key as invalid. Check that you copied all of it, or create a new one.') };
        case 'keyLeaked':
        case 'apiDisabled':
        case 'permissionDenied':
          return { verdict: 'permission', message: failure.message };
        case 'quotaPerMinute':
        case 'quotaPerDay':
          // Rate limits are counted per key: a 429 means the key itself was accepted.
          return { verdict: 'ok', message: l10n.t('The API key works (it is rate-limited right now).') };
        default:
          return { verdict: 'network', failure,
            message: l10n.t('The key could not be checked: {0}', failure.message) };
      }
    }
  }

  private fire(): void {
    for (const listener of this.listeners) listener();
  }
}
