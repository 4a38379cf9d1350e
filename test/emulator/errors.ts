// Google API error bodies in the exact shape generativelanguage.googleapis.com sends them
// ({error:{code,message,status,details}}), wrapped as ScriptedResponses ready to enqueue.
import type { ErrorResponse } from './types';

const ERROR_INFO = 'type.googleapis.com/google.rpc.ErrorInfo';
const QUOTA_FAILURE = 'type.googleapis.com/google.rpc.QuotaFailure';
const RETRY_INFO = 'type.googleapis.com/google.rpc.RetryInfo';
const HELP = 'type.googleapis.com/google.rpc.Help';
const LOCALIZED_MESSAGE = 'type.googleapis.com/google.rpc.LocalizedMessage';

export interface GoogleErrorBody {
  error: { code: number; message: string; status: string; details?: object[] };
}

export function googleError(code: number, status: string, message: string, details?: object[]): GoogleErrorBody {
  return { error: details ? { code, message, status, details } : { code, message, status } };
}

function asResponse(body: GoogleErrorBody): ErrorResponse {
  return { kind: 'error', status: body.error.code, body };
}

export const INVALID_KEY_MESSAGE = 'API key not valid. Please pass a valid API key.';

export function invalidKeyBody(): GoogleErrorBody {
  return googleError(400, 'INVALID_ARGUMENT', INVALID_KEY_MESSAGE, [
    {
      '@type': ERROR_INFO,
      reason: 'API_KEY_INVALID',
      domain: 'googleapis.com',
      metadata: { service: 'generativelanguage.googleapis.com' },
    },
    { '@type': LOCALIZED_MESSAGE, locale: 'en-US', message: INVALID_KEY_MESSAGE },
  ]);
}

export function notFoundMessage(model: string, apiVersion = 'v1beta'): string {
  const name = model.startsWith('models/') ? model : `models/${model}`;
  return (
    `${name} is not found for API version ${apiVersion}, or is not supported for generateContent. ` +
    'Call ListModels to see the list of available models and their supported methods.'
  );
}

const DEBUG_INFO = 'type.googleapis.com/google.rpc.DebugInfo';

/** What the service answers for a model it does not serve (recording 06, byte for byte in shape). */
export function modelNotFoundBody(model: string, apiVersion = 'v1beta'): GoogleErrorBody {
  const message = notFoundMessage(model, apiVersion);
  return googleError(404, 'NOT_FOUND', message, [
    { '@type': DEBUG_INFO, detail: `[ORIGINAL ERROR] generic::not_found: ${message} [google.rpc.error_details_ext] { message: ${JSON.stringify(message)} }` },
  ]);
}

export interface QuotaOptions {
  /** RetryInfo.retryDelay, e.g. '2s'. Default '2s'. */
  retryDelay?: string;
  /** Per-day quota (retrying soon is pointless) instead of per-minute. Default false. */
  perDay?: boolean;
  model?: string;
}

export const errors = {
  invalidKey(): ErrorResponse {
    return asResponse(invalidKeyBody());
  },

  quota(options: QuotaOptions = {}): ErrorResponse {
    const retryDelay = options.retryDelay ?? '2s';
    const model = options.model ?? 'gemini-2.5-flash';
    const period = options.perDay ? 'PerDay' : 'PerMinute';
    const metric = 'generativelanguage.googleapis.com/generate_content_free_tier_requests';
    const message =
      'You exceeded your current quota, please check your plan and billing details. For more information on this ' +
      'error, head to: https://ai.google.dev/gemini-api/docs/rate-limits. To monitor your current usage, head to: ' +
      `https://ai.dev/usage?tab=rate-limit. \n* Quota exceeded for metric: ${metric}, limit: ` +
      `${options.perDay ? 250 : 10}, model: ${model}\nPlease retry in ${retryDelay}.`;
    return asResponse(
      googleError(429, 'RESOURCE_EXHAUSTED', message, [
        {
          '@type': QUOTA_FAILURE,
          violations: [
            {
              quotaMetric: metric,
              quotaId: `GenerateRequests${period}PerProjectPerModel-FreeTier`,
              quotaDimensions: { location: 'global', model },
              quotaValue: options.perDay ? '250' : '10',
            },
          ],
        },
        {
          '@type': HELP,
          links: [{ description: 'Learn more about Gemini API quotas', url: 'https://ai.google.dev/gemini-api/docs/rate-limits' }],
        },
        { '@type': RETRY_INFO, retryDelay },
      ]),
    );
  },

  permissionDenied(message = 'The caller does not have permission'): ErrorResponse {
    return asResponse(googleError(403, 'PERMISSION_DENIED', message));
  },

  /** The 404 of a retired or unknown model, body as in recording 06 (with its DebugInfo). */
  notFound(model: string, apiVersion = 'v1beta'): ErrorResponse {
    return asResponse(modelNotFoundBody(model, apiVersion));
  },

  badRequest(message = 'Request contains an invalid argument.'): ErrorResponse {
    return asResponse(googleError(400, 'INVALID_ARGUMENT', message));
  },

  internal(): ErrorResponse {
    return asResponse(
      googleError(
        500,
        'INTERNAL',
        'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
      ),
    );
  },

  overloaded(): ErrorResponse {
    return asResponse(googleError(503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.'));
  },
};
