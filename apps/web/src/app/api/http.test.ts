import { describe, expect, it } from 'vitest';
import { send, type HttpRequest, type Transport } from './http';

/** A transport that answers only when its request is aborted (then fails, as fetch does). */
const hanging: Transport = (request) =>
  new Promise((_, reject) => {
    request.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
  });

const request: Omit<HttpRequest, 'signal'> = {
  method: 'GET',
  url: '/api/v1/me',
  headers: new Headers(),
  body: undefined,
  responseType: 'json',
  withCredentials: false,
};

describe('HTTP layer', () => {
  it('gives up a request that does not answer within its timeout, as a timeout', async () => {
    const started = Date.now();
    await expect(send(hanging, request, { timeout: 50 })).rejects.toMatchObject({ kind: 'timeout' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("stops a request when the caller's signal aborts, as a cancellation", async () => {
    const caller = new AbortController();
    const sending = send(hanging, request, { signal: caller.signal, timeout: 60_000 });
    caller.abort();
    await expect(sending).rejects.toMatchObject({ kind: 'canceled' });
  });

  it('answers an error status as an error that carries the response', async () => {
    const refused: Transport = async () => ({ data: { error: {} }, status: 503, headers: {} });
    await expect(send(refused, request, {})).rejects.toMatchObject({
      kind: 'status',
      response: { status: 503 },
    });
  });
});
