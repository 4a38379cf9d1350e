// Vertex AI mode: the same SDK (`vertexai: true`) against a Google Cloud project, authenticated
// with an OAuth access token instead of an API key. The token comes from an AccessTokenSource:
// Application Default Credentials in the product (google-auth-library, loaded lazily), a fixed
// token in tests. Missing or expired credentials become a VertexCredentialsError whose message
// says exactly what to run.
import { l10n } from '../common/l10n';
import type { GoogleGenAI, HttpOptions } from '@google/genai';
import type { ModelInfo } from './models';

export const VERTEX_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';
/** Added to the credential errors: the way back to an API key. */
export function vertexSettingsHint(): string {
  return l10n.t('To use an API key instead, turn off "gemini.vertex.enabled".');
}

/** Where Vertex AI requests get their OAuth access token (and, optionally, a default project). */
export interface AccessTokenSource {
  getAccessToken(): Promise<string>;
  getProjectId?(): Promise<string | undefined>;
}

export interface VertexSettings {
  /** Empty: GOOGLE_CLOUD_PROJECT, else the project of the credentials. */
  project: string;
  location: string;
}

export interface VertexClientOptions {
  project: string;
  location: string;
  credential: AccessTokenSource;
  /** Base URL override (a private endpoint, a gateway, the test emulator). */
  endpoint?: string;
  /** The Gemini API version setting (`v1beta` or `v1`), mapped to Vertex's (`v1beta1` or `v1`). */
  apiVersion?: string;
  timeoutMs?: number;
  fetch?: HttpOptions['fetch'];
}

/** Credentials are missing, expired or unusable; the message says what to do. */
export class VertexCredentialsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VertexCredentialsError';
  }
}

/** Vertex names the preview surface v1beta1 where the Gemini API says v1beta. */
export function vertexApiVersion(apiVersion?: string): string {
  return apiVersion === 'v1' ? 'v1' : 'v1beta1';
}

export async function createVertexGenAI(options: VertexClientOptions): Promise<GoogleGenAI> {
  const { GoogleGenAI } = await import('@google/genai');
  const httpOptions: HttpOptions = { apiVersion: vertexApiVersion(options.apiVersion) };
  const endpoint = options.endpoint?.trim();
  if (endpoint) httpOptions.baseUrl = endpoint;
  if (options.timeoutMs && options.timeoutMs > 0) httpOptions.timeout = options.timeoutMs;
  if (options.fetch) httpOptions.fetch = options.fetch;
  return new GoogleGenAI({
    vertexai: true,
    project: options.project,
    location: options.location,
    // google-auth-library takes a ready client: ours only has to produce the request headers.
    googleAuthOptions: { authClient: bearerAuthClient(options.credential) as never },
    httpOptions,
  });
}

function bearerAuthClient(credential: AccessTokenSource): { getRequestHeaders(): Promise<Headers> } {
  return {
    async getRequestHeaders() {
      const token = await credential.getAccessToken();
      return new Headers({ authorization: `Bearer ${token}` });
    },
  };
}

/**
 * The project requests go to: the setting, else GOOGLE_CLOUD_PROJECT, else the credentials'
 * own project. Throws a VertexCredentialsError naming the setting when none is known.
 */
export async function resolveVertexProject(
  settings: VertexSettings,
  credential: AccessTokenSource,
  env: Record<string, string | undefined> = process.env,
): Promise<string> {
  const project = settings.project.trim() || env.GOOGLE_CLOUD_PROJECT?.trim() || (await credential.getProjectId?.().catch(() => undefined))?.trim();
  if (!project) {
    throw new VertexCredentialsError(l10n.t('Vertex AI needs a Google Cloud project. Set "gemini.vertex.project" (or GOOGLE_CLOUD_PROJECT). {0}', vertexSettingsHint()));
  }
  return project;
}

/** Application Default Credentials, through google-auth-library (loaded on first use). */
export function applicationDefaultCredential(): AccessTokenSource {
  let auth: Promise<import('google-auth-library').GoogleAuth> | undefined;
  const load = () => (auth ??= import('google-auth-library').then((lib) => new lib.GoogleAuth({ scopes: [VERTEX_SCOPE] })));
  return {
    async getAccessToken() {
      try {
        const token = await (await load()).getAccessToken();
        if (!token) throw new Error('Could not load the default credentials (no access token).');
        return token;
      } catch (error) {
        throw toVertexCredentialsError(error);
      }
    },
    async getProjectId() {
      return (await load()).getProjectId().catch(() => undefined);
    },
  };
}

/** google-auth-library's failures, as what happened and what to run. Never echoes a token. */
export function toVertexCredentialsError(error: unknown): VertexCredentialsError {
  if (error instanceof VertexCredentialsError) return error;
  const text = error instanceof Error ? error.message : String(error);
  if (/Could not load the default credentials|no access token/i.test(text)) {
    return new VertexCredentialsError(l10n.t('Vertex AI needs Google Cloud credentials and none were found. Run "gcloud auth application-default login" (or set GOOGLE_APPLICATION_CREDENTIALS to a service-account key file), then retry. {0}', vertexSettingsHint()));
  }
  if (/invalid_grant|invalid_rapt|reauth|expired|revoked/i.test(text)) {
    return new VertexCredentialsError(l10n.t('Your Google Cloud credentials have expired or were revoked. Run "gcloud auth application-default login" again, then retry.'));
  }
  if (/ENOENT|no such file|Unable to read the credential file|Unexpected token|JSON/i.test(text)) {
    return new VertexCredentialsError(l10n.t('The credentials file named by GOOGLE_APPLICATION_CREDENTIALS could not be read. Point it at a valid service-account key, or unset it and run "gcloud auth application-default login".'));
  }
  const brief = text.replace(/ya29\.[\w.-]+/g, '[token]').slice(0, 160);
  return new VertexCredentialsError(l10n.t('Google Cloud credentials for Vertex AI could not be used ({0}). Check "gcloud auth application-default login", then retry.', brief));
}

const MILLION = 1_048_576;

/**
 * Vertex's models.list describes publisher models without token limits or supported methods,
 * so in Vertex mode the chat models are these well-known Gemini ids (all available on `global`).
 */
export const VERTEX_MODELS: readonly ModelInfo[] = [
  // Current models as of 2026-12-06 (Google's Vertex model guides list 3.8 Flash, 3.5 Flash-Lite and 3.1 Pro on `global`).
  { id: 'gemini-3.8-flash', displayName: 'Gemini 3.8 Flash (Vertex AI)', inputTokenLimit: MILLION, outputTokenLimit: 65_536, thinking: true },
  { id: 'gemini-3.6-flash', displayName: 'Gemini 3.6 Flash (Vertex AI)', inputTokenLimit: MILLION, outputTokenLimit: 65_536, thinking: true },
  { id: 'gemini-3.5-flash-lite', displayName: 'Gemini 3.5 Flash-Lite (Vertex AI)', inputTokenLimit: MILLION, outputTokenLimit: 65_536, thinking: true },
  { id: 'gemini-3.1-flash-lite', displayName: 'Gemini 3.1 Flash-Lite (Vertex AI)', inputTokenLimit: MILLION, outputTokenLimit: 65_536, thinking: true },
  { id: 'gemini-3.1-pro-preview', displayName: 'Gemini 3.1 Pro Preview (Vertex AI)', inputTokenLimit: MILLION, outputTokenLimit: 65_536, thinking: true },
];
