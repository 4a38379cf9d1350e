// Vertex AI routes of the emulator: `/{v1,v1beta1}/projects/{p}/locations/{l}/publishers/google/
// models/{m}:{generateContent,streamGenerateContent,countTokens,embedContent}`, authenticated with an OAuth
// bearer token instead of an API key. Answers come from the same queue and defaults as the
// Gemini API routes; server.ts only asks this file whether a path is a Vertex one.
import { googleError, GoogleErrorBody } from './errors';
import type { RecordedRequest, RouteKind } from './types';

/** The access token the emulator accepts unless told otherwise (GeminiEmulator.vertexAccessToken). */
export const VERTEX_TEST_TOKEN = 'test-vertex-token';

export interface VertexRoute {
  kind: RouteKind;
  apiVersion: string;
  project: string;
  location: string;
  /** The model id, without `publishers/google/models/`. */
  target: string;
}

const VERTEX_PATH = /^\/(v1|v1beta1)\/projects\/([^/]+)\/locations\/([^/]+)\/publishers\/google\/models\/([^/:]+):(generateContent|streamGenerateContent|countTokens|embedContent)$/;

export function parseVertexRoute(method: string, pathname: string): VertexRoute | undefined {
  if (method !== 'POST') return undefined;
  const match = VERTEX_PATH.exec(pathname);
  if (!match) return undefined;
  const [, apiVersion, project, location, model, verb] = match;
  return {
    kind: verb as RouteKind,
    apiVersion,
    project: decodeURIComponent(project),
    location: decodeURIComponent(location),
    target: decodeURIComponent(model),
  };
}

export const VERTEX_UNAUTHENTICATED_MESSAGE =
  'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.';

/** The 401 Vertex answers when the bearer token is missing or wrong; undefined when it is right. */
export function vertexAuthFailure(request: RecordedRequest, token: string): GoogleErrorBody | undefined {
  const header = request.headers.authorization;
  const sent = Array.isArray(header) ? header[0] : header;
  if (sent === `Bearer ${token}`) return undefined;
  return googleError(401, 'UNAUTHENTICATED', VERTEX_UNAUTHENTICATED_MESSAGE);
}
