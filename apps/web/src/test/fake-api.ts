import {
  AxiosError,
  AxiosHeaders,
  type AxiosAdapter,
  type AxiosResponse,
  type InternalAxiosRequestConfig,
} from 'axios';
import { apiClient } from '../app/api/client';

/**
 * A tiny fake of the Shala API at the axios adapter level: the real client, interceptors and
 * serialisation run; only the network is replaced. Unknown routes answer 404 with the error envelope,
 * as the real API does for routes it does not have.
 */
export interface FakeRequest {
  method: string;
  /** Path including /api, without the query string, e.g. '/api/v1/me'. */
  path: string;
  /** The query string, from the URL and axios `params` together. */
  query: URLSearchParams;
  body: unknown;
  headers: AxiosHeaders;
  withCredentials: boolean;
}

export interface FakeReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type Handler = (request: FakeRequest) => FakeReply | 'network-error' | Promise<FakeReply | 'network-error'>;

export function envelope(status: number, code: string, message: string, details?: unknown[]): FakeReply {
  return {
    status,
    body: {
      error: { code, message, ...(details ? { details } : {}) },
      requestId: `req-${code.toLowerCase()}`,
    },
  };
}

export interface FakeApi {
  /** Answer `METHOD /api/path` with the handler; a later registration for the same route wins. */
  on(route: string, handler: Handler | FakeReply): FakeApi;
  /** Every request made so far, in order. */
  readonly requests: FakeRequest[];
  requestsTo(route: string): FakeRequest[];
  uninstall(): void;
}

export function installFakeApi(): FakeApi {
  const handlers = new Map<string, Handler>();
  const requests: FakeRequest[] = [];
  const previousAdapter = apiClient.defaults.adapter;

  const adapter: AxiosAdapter = async (config: InternalAxiosRequestConfig) => {
    const method = (config.method ?? 'get').toUpperCase();
    const url = new URL(`${config.baseURL ?? ''}${config.url ?? ''}`, 'http://shala.test');
    const query = new URLSearchParams(url.search);
    for (const [key, value] of Object.entries((config.params ?? {}) as Record<string, unknown>)) {
      if (value !== undefined && value !== null) query.append(key, String(value));
    }
    const request: FakeRequest = {
      method,
      path: url.pathname,
      query,
      body: typeof config.data === 'string' && config.data !== '' ? JSON.parse(config.data) : config.data,
      headers: AxiosHeaders.from(config.headers),
      withCredentials: config.withCredentials === true,
    };
    requests.push(request);

    // Yield like a real network call, so concurrent requests really overlap.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const handler = handlers.get(`${method} ${url.pathname}`);
    const reply = handler
      ? await handler(request)
      : envelope(404, 'ROUTE_NOT_FOUND', `Route ${method} ${url.pathname} not found`);

    if (reply === 'network-error') {
      throw new AxiosError('Network Error', AxiosError.ERR_NETWORK, config);
    }
    const response: AxiosResponse = {
      data: reply.body ?? '',
      status: reply.status,
      statusText: String(reply.status),
      headers: new AxiosHeaders(reply.headers ?? { 'content-type': 'application/json' }),
      config,
    };
    const validate = config.validateStatus ?? ((status: number) => status >= 200 && status < 300);
    if (validate(response.status)) return response;
    throw new AxiosError(
      `Request failed with status code ${response.status}`,
      response.status >= 500 ? AxiosError.ERR_BAD_RESPONSE : AxiosError.ERR_BAD_REQUEST,
      config,
      undefined,
      response,
    );
  };
  apiClient.defaults.adapter = adapter;

  const api: FakeApi = {
    on(route, handler) {
      handlers.set(route, typeof handler === 'function' ? handler : () => handler);
      return api;
    },
    requests,
    requestsTo(route) {
      return requests.filter((request) => `${request.method} ${request.path}` === route);
    },
    uninstall() {
      apiClient.defaults.adapter = previousAdapter;
    },
  };
  return api;
}
