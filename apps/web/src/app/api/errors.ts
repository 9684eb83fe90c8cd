import { isErrorEnvelope, type ErrorDetail } from '@shala/contracts';
import { isApiError } from './http';

/**
 * What the UI needs to know about a failed request. `message` is the API's own message from the error
 * envelope when there is one; otherwise `message` is null and `kind` says which fallback text to show.
 */
export interface ApiProblem {
  kind: 'api' | 'network' | 'unexpected';
  /** HTTP status, or 0 when no response arrived. */
  status: number;
  code: string | null;
  message: string | null;
  details: ErrorDetail[];
  requestId: string | null;
}

export function toApiProblem(error: unknown): ApiProblem {
  if (isApiError(error)) {
    const response = error.response;
    if (!response) {
      return { kind: 'network', status: 0, code: null, message: null, details: [], requestId: null };
    }
    const body: unknown = response.data;
    if (isErrorEnvelope(body)) {
      return {
        kind: 'api',
        status: response.status,
        code: body.error.code,
        message: body.error.message,
        details: Array.isArray(body.error.details) ? body.error.details : [],
        requestId: typeof body.requestId === 'string' ? body.requestId : null,
      };
    }
    return {
      kind: 'unexpected',
      status: response.status,
      code: null,
      message: null,
      details: [],
      requestId: headerValue(response.headers, 'x-request-id'),
    };
  }
  return { kind: 'unexpected', status: 0, code: null, message: null, details: [], requestId: null };
}

function headerValue(headers: unknown, name: string): string | null {
  if (typeof headers !== 'object' || headers === null) return null;
  const value = (headers as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : null;
}

/** The status of a failed request, or null when the error did not come from HTTP. */
export function errorStatus(error: unknown): number | null {
  return isApiError(error) ? (error.response?.status ?? null) : null;
}
