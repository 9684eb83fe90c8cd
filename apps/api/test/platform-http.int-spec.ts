import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { account, signIn } from './support/accounts';
import { TEST_DB, TestApp, bootTestApp } from './support/test-app';

const ENVELOPE = {
  error: { code: expect.any(String), message: expect.any(String) },
  requestId: expect.any(String),
};

describe(`HTTP platform on ${TEST_DB}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers liveness and readiness with the database up', async () => {
    expect((await t.request({ url: '/api/health/live' })).json()).toEqual({ status: 'ok' });
    const ready = await t.request({ url: '/api/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ok', checks: { database: 'up', redis: 'not_configured' } });
  });

  it('answers an unknown route with 404 in the envelope', async () => {
    const res = await t.request({ url: '/api/v1/does-not-exist' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({
      ...ENVELOPE,
      error: { code: 'ROUTE_NOT_FOUND', message: 'No route GET /api/v1/does-not-exist.' },
    });
    expect(res.headers['content-type']).toMatch(/application\/json/);
  });

  it('answers a malformed JSON body with 400 MALFORMED_BODY', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/__probe/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ ...ENVELOPE, error: { code: 'MALFORMED_BODY' } });
  });

  it('answers a 2 MB body with 413 and does not parse it', async () => {
    const payload = JSON.stringify({
      email: 'a@b.co',
      count: 1,
      status: 'present',
      filler: 'x'.repeat(2 * 1024 * 1024),
    });
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/__probe/echo',
      headers: { 'content-type': 'application/json' },
      payload,
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ ...ENVELOPE, error: { code: 'PAYLOAD_TOO_LARGE' } });
  });

  it('[APP-01] answers a badly encoded or over-long path parameter in the envelope, without echoing it', async () => {
    for (const url of [
      '/api/v1/students/%zz',
      '/api/v1/students/%C0%AF',
      `/api/v1/students/${'a'.repeat(150)}`,
    ]) {
      const res = await t.request({ url });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ ...ENVELOPE, error: { code: 'VALIDATION_FAILED' } });
      expect(res.json<{ requestId: string }>().requestId).toBe(res.headers['x-request-id']);
      expect(res.body).not.toContain('%zz');
      expect(res.body).not.toContain('aaaaaaaaaa');
    }
  });

  it('answers a body of the wrong media type with 415', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/__probe/echo',
      headers: { 'content-type': 'text/xml' },
      payload: '<a/>',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ error: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
  });

  it('[APP-01] names every invalid and unknown field in a 400', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/__probe/echo',
      payload: {
        email: 'not-an-email',
        count: 11,
        status: 'gone',
        address: { city: 'X' },
        tenantId: 'other-tenant',
      },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json<{ error: { code: string; details: { field: string }[] } }>();
    expect(body.error.code).toBe('VALIDATION_FAILED');
    const fields = body.error.details.map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['email', 'count', 'status', 'address.city', 'tenantId']));
  });

  it('[APP-01] accepts a valid body and strips nothing it declared', async () => {
    const payload = { email: 'a@b.co', count: 3, status: 'present', address: { city: 'Pune' } };
    const res = await t.request({ method: 'POST', url: '/api/v1/__probe/echo', payload });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual(payload);
  });

  it('answers an unexpected failure with 500 and no internal detail', async () => {
    const res = await t.request({ method: 'POST', url: '/api/v1/__probe/boom', payload: {} });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toMatch(/hunter2|secret internal|at .*\.ts/);
    expect(res.json()).toMatchObject({ error: { code: 'INTERNAL_ERROR' } });
  });

  it('echoes the request id in the header and in the envelope', async () => {
    const res = await t.request({ url: '/api/v1/nope', headers: { 'x-request-id': 'req-from-proxy-0001' } });
    expect(res.headers['x-request-id']).toBe('req-from-proxy-0001');
    expect(res.json()).toMatchObject({ requestId: 'req-from-proxy-0001' });
    const forged = await t.request({
      url: '/api/v1/nope',
      headers: { 'x-request-id': 'bad id with spaces\n' },
    });
    expect(forged.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('[APP-04] sends security headers with a CSP that forbids inline script', async () => {
    const res = await t.request({ url: '/api/health/live' });
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it('[APP-04] sends the whole helmet set on every kind of answer: a route, an unknown route, an error', async () => {
    const answers = [
      await t.request({ url: '/api/health/live' }),
      await t.request({ url: '/api/v1/nope' }),
      await t.request({ method: 'POST', url: '/api/v1/auth/login', payload: { institution: 'x' } }),
    ];
    expect(answers.map((r) => r.statusCode)).toEqual([200, 404, 400]);
    for (const res of answers) {
      expect(res.headers).toMatchObject({
        'x-frame-options': 'DENY',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-resource-policy': 'same-origin',
        'origin-agent-cluster': '?1',
        'x-dns-prefetch-control': 'off',
        'x-download-options': 'noopen',
        'x-permitted-cross-domain-policies': 'none',
        'x-xss-protection': '0',
      });
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('serves the OpenAPI document at /api/docs-json', async () => {
    const res = await t.request({ url: '/api/docs-json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/health/live', '/api/health/ready']));
  });

  it('[DAT-05] writes JSON logs with the request id and redacts credentials and query values', async () => {
    t.logs.length = 0;
    await t.request({
      url: '/api/v1/nothing-here?token=supersecret-reset-token',
      headers: {
        authorization: 'Bearer eyJsecret',
        cookie: 'refresh=abc123secret',
        'x-request-id': 'log-check-000001',
      },
    });
    const line = t.logs.find((l) => (l.req as { id?: string } | undefined)?.id === 'log-check-000001');
    expect(line).toBeDefined();
    const text = JSON.stringify(t.logs);
    expect(text).not.toMatch(/eyJsecret|abc123secret|supersecret-reset-token/);
    expect((line!.req as { url: string }).url).toBe('/api/v1/nothing-here?token=[Redacted]');
  });

  it('[DAT-05] writes one line per request naming the tenant and user once they are signed in', async () => {
    const school = await t.given.institution('log-line-school');
    const admin = await signIn(t, await account(t, school, 'admin@log-line.test', ['school_admin'], true));
    t.logs.length = 0;
    const res = await t.request({
      url: '/api/v1/students?limit=5',
      headers: { ...admin.auth, 'x-request-id': 'log-check-000002' },
    });
    expect(res.statusCode).toBe(200);
    const lines = t.logs.filter((l) => (l.req as { id?: string } | undefined)?.id === 'log-check-000002');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 30,
      msg: 'request completed',
      service: 'shala-api',
      tenantId: school.id,
      userId: expect.any(String),
      req: { id: 'log-check-000002', method: 'GET', url: '/api/v1/students?limit=[Redacted]' },
      res: { statusCode: 200 },
      responseTime: expect.any(Number),
    });
    expect(JSON.stringify(lines[0])).not.toContain(admin.accessToken);
  });

  it('[DAT-05] gives lines written during a request its req, and a failed request a request errored line', async () => {
    t.logs.length = 0;
    await t.request({
      method: 'POST',
      url: '/api/v1/__probe/boom',
      payload: {},
      headers: { 'x-request-id': 'log-check-000003' },
    });
    const lines = t.logs.filter((l) => (l.req as { id?: string } | undefined)?.id === 'log-check-000003');
    // The error filter's line (written while the request runs), then the request's own line.
    expect(lines).toEqual([
      expect.objectContaining({ level: 50, context: 'Errors', requestId: 'log-check-000003' }),
      expect.objectContaining({
        level: 50,
        msg: 'request errored',
        res: { statusCode: 500 },
        err: expect.objectContaining({ message: 'failed with status code 500' }),
      }),
    ]);
  });

  it('writes no request line for health checks', async () => {
    t.logs.length = 0;
    await t.request({ url: '/api/health/live', headers: { 'x-request-id': 'log-check-000004' } });
    expect(t.logs.filter((l) => (l.req as { id?: string } | undefined)?.id === 'log-check-000004')).toEqual(
      [],
    );
  });

  it('answers 503 from readiness when the database is down', async () => {
    const local = await bootTestApp();
    await local.dataSource.destroy();
    const res = await local.request({ url: '/api/health/ready' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ status: 'unavailable', checks: { database: 'down' } });
    await local.app.close().catch(() => undefined);
    await local.close().catch(() => undefined);
  });
});

describe('readiness with Redis configured', () => {
  // npm test sets TEST_REDIS_URL when a Redis server answers (always on CI).
  it.skipIf(!process.env.TEST_REDIS_URL)('reports Redis up when a real Redis answers', async () => {
    const up = await bootTestApp({ REDIS_URL: process.env.TEST_REDIS_URL! });
    try {
      const res = await up.request({ url: '/api/health/ready' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ checks: { redis: 'up' } });
    } finally {
      await up.close();
    }
  });

  it('answers 503 when the configured Redis does not answer', async () => {
    const down = await bootTestApp({ REDIS_URL: 'redis://127.0.0.1:1' });
    try {
      const res = await down.request({ url: '/api/health/ready' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ checks: { redis: 'down' } });
    } finally {
      await down.close();
    }
  });
});
