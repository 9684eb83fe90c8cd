/**
 * The HTTP layer under the SPA's one client (client.ts): a request and its answer, the error of a failed
 * request, and the transport that sends a request with the browser's fetch. It replaces axios, which was
 * 22 KB gzip of every page's first load for what fetch already does; client.ts keeps axios's call shape
 * (`apiClient.get<T>(path, { params, signal })` resolving to `{ data, status, headers }`), so the feature
 * APIs read the same.
 */

/** Query parameters: each set value becomes one `key=value`; undefined and null are left out. */
export type QueryParams = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  params?: QueryParams;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** How the body is read: JSON (the default; a body that is not JSON stays text) or a Blob (downloads). */
  responseType?: 'json' | 'blob';
  /** Milliseconds before the request is given up; it then fails like a lost connection. */
  timeout?: number;
  /** Send cookies (the refresh cookie). */
  withCredentials?: boolean;
  /** The statuses that are answers rather than errors: 2xx unless given. */
  validateStatus?: (status: number) => boolean;
  /** Send no Authorization header (login, MFA and refresh authenticate by body or cookie). */
  anonymous?: boolean;
  /** Do not try a token refresh when this request answers 401. */
  skipAuthRefresh?: boolean;
}

/** A request as the transport sends it. */
export interface HttpRequest {
  method: string;
  /** Path with the base URL and the query string, e.g. '/api/v1/students?limit=50'. */
  url: string;
  headers: Headers;
  body: BodyInit | undefined;
  responseType: 'json' | 'blob';
  withCredentials: boolean;
  signal: AbortSignal;
}

export interface HttpResponse<T = unknown> {
  data: T;
  status: number;
  /** The response headers, names in lower case: `headers['content-disposition']`. */
  headers: Record<string, string>;
}

/** Sends a request and reads the whole answer, whatever its status; fails only when no answer arrives. */
export type Transport = (request: HttpRequest) => Promise<HttpResponse>;

/** Why a request failed: an answer whose status is an error, or no answer at all. */
export type ApiErrorKind = 'status' | 'network' | 'timeout' | 'canceled';

/** A failed request. `response` is there when the server answered (with an error status). */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    message: string,
    readonly kind: ApiErrorKind,
    readonly request: HttpRequest,
    readonly response?: HttpResponse,
  ) {
    super(message);
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** `/api` + path + the set parameters (a path may carry a query string of its own). */
export function buildUrl(baseUrl: string, path: string, params: QueryParams = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null) query.append(key, String(value));
  }
  const search = query.toString();
  const url = `${baseUrl}${path}`;
  return search === '' ? url : `${url}${url.includes('?') ? '&' : '?'}${search}`;
}

/**
 * The body as fetch sends it: Blobs, files, form data and strings as they are (their own content type),
 * anything else as JSON.
 */
export function encodeBody(data: unknown, headers: Headers): BodyInit | undefined {
  if (data === undefined) return undefined;
  if (
    typeof data === 'string' ||
    data instanceof Blob ||
    data instanceof FormData ||
    data instanceof URLSearchParams ||
    data instanceof ArrayBuffer
  ) {
    return data;
  }
  if (!headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
  return JSON.stringify(data);
}

/** A JSON answer parsed; an empty body is '', and a body that is not JSON stays text. */
function parseBody(text: string): unknown {
  if (text === '') return '';
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The browser's fetch. Cookies go only to our own origin unless the request asks for them. */
export const fetchTransport: Transport = async (request) => {
  const response = await fetch(request.url, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    credentials: request.withCredentials ? 'include' : 'same-origin',
    signal: request.signal,
  });
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const data = request.responseType === 'blob' ? await response.blob() : parseBody(await response.text());
  return { data, status: response.status, headers };
};

const isSuccess = (status: number) => status >= 200 && status < 300;

/**
 * Sends `request` (its signal is made here: the caller's signal and the timeout both abort it) and
 * answers the response, or fails with an ApiError: an error status, a lost connection, the timeout, or
 * the caller's cancellation.
 */
export async function send<T>(
  transport: Transport,
  request: Omit<HttpRequest, 'signal'>,
  options: Pick<RequestOptions, 'signal' | 'timeout' | 'validateStatus'>,
): Promise<HttpResponse<T>> {
  const controller = new AbortController();
  const cancel = () => controller.abort();
  let timedOut = false;
  const timer =
    options.timeout && options.timeout > 0
      ? setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, options.timeout)
      : undefined;
  if (options.signal?.aborted) controller.abort();
  else options.signal?.addEventListener('abort', cancel, { once: true });
  const sent: HttpRequest = { ...request, signal: controller.signal };
  let response: HttpResponse;
  try {
    response = await transport(sent);
  } catch (error) {
    if (timedOut) throw new ApiError(`timeout of ${options.timeout}ms exceeded`, 'timeout', sent);
    if (options.signal?.aborted) throw new ApiError('canceled', 'canceled', sent);
    throw new ApiError(error instanceof Error ? error.message : 'Network Error', 'network', sent);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', cancel);
  }
  if (!(options.validateStatus ?? isSuccess)(response.status)) {
    throw new ApiError(`Request failed with status code ${response.status}`, 'status', sent, response);
  }
  return response as HttpResponse<T>;
}
