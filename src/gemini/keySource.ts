// Where an API key can come from, without anything that uses one: the extension's startup shell
// reads this (for the `gemini.hasApiKey` context) before the rest of the code is loaded.

export const API_KEY_SECRET = 'gemini.apiKey';
export const API_KEY_ENV_VAR = 'GEMINI_API_KEY';

export type KeySource = 'secretStorage' | 'environment';

export interface ResolvedKey {
  key: string;
  source: KeySource;
}

/** The subset of vscode.SecretStorage reading a key needs. */
export interface SecretReader {
  get(key: string): PromiseLike<string | undefined>;
}

/** The stored key, else the environment's, else undefined. */
export async function findApiKey(secrets: SecretReader, env: Record<string, string | undefined> = process.env): Promise<ResolvedKey | undefined> {
  const stored = (await secrets.get(API_KEY_SECRET))?.trim();
  if (stored) return { key: stored, source: 'secretStorage' };
  const fromEnv = env[API_KEY_ENV_VAR]?.trim();
  return fromEnv ? { key: fromEnv, source: 'environment' } : undefined;
}
