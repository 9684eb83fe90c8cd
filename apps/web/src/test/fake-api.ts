import { setTransport } from '../app/api/client';
import type { HttpRequest, HttpResponse, Transport } from '../app/api/http';

/**
 * A tiny fake of the Shala API at the transport level: the real client, its token handling and
 * serialisation run; only the network is replaced. Unknown routes answer 404 with the error envelope,
 * as the real API does for routes it does not have.
 */
export interface FakeRequest {
  method: string;
  /** Path including /api, without the query string, e.g. '/api/v1/me'. */
  path: string;
  /** The query string, from the path and the `params` together. */
  query: URLSearchParams;
  body: unknown;
  headers: Headers;
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

  const fake: Transport = async (sent: HttpRequest): Promise<HttpResponse> => {
    const url = new URL(sent.url, 'http://shala.test');
    const contentType = sent.headers.get('Content-Type') ?? '';
    const request: FakeRequest = {
      method: sent.method,
      path: url.pathname,
      query: new URLSearchParams(url.search),
      body:
        typeof sent.body === 'string' && contentType.includes('json')
          ? (JSON.parse(sent.body) as unknown)
          : sent.body,
      headers: new Headers(sent.headers),
      withCredentials: sent.withCredentials,
    };
    requests.push(request);

    // Yield like a real network call, so concurrent requests really overlap.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const handler = handlers.get(`${sent.method} ${url.pathname}`);
    const reply = handler
      ? await handler(request)
      : envelope(404, 'ROUTE_NOT_FOUND', `Route ${sent.method} ${url.pathname} not found`);

    // What fetch does when no answer arrives.
    if (reply === 'network-error') throw new TypeError('Failed to fetch');
    const headers = Object.fromEntries(
      Object.entries(reply.headers ?? { 'content-type': 'application/json' }).map(([name, value]) => [
        name.toLowerCase(),
        value,
      ]),
    );
    return { data: reply.body ?? '', status: reply.status, headers };
  };
  const previousTransport = setTransport(fake);

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
      setTransport(previousTransport);
    },
  };
  return api;
}
