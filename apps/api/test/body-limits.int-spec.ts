import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeesOnlineService } from '../src/modules/fees/fees-online.service';
import { SandboxGateway } from '../src/modules/fees/payments/sandbox.gateway';
import { JSON_LIMITS } from '../src/platform/http/json-body';
import { TEXT_BODY_LIMIT_BYTES } from '../src/platform/http/text-body';
import { signIn } from './support/accounts';
import type { Auth } from './support/fees';
import { School, givenSchool } from './support/school';
import { TEST_DB, TestApp, bootTestApp } from './support/test-app';

const json = { 'content-type': 'application/json' };
const LOGIN = '/api/v1/auth/login';
const ECHO = '/api/v1/__probe/echo';

/** `{"a":{"a":...1...}}`, `levels` objects deep. */
const nestedObjects = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

describe(`request body limits (APP-05) on ${TEST_DB}`, () => {
  let t: TestApp;
  let gw: School;
  let admin: Auth;

  const post = (url: string, payload: string, headers: Record<string, string> = json) =>
    t.request({ method: 'POST', url, headers, payload });

  beforeAll(async () => {
    t = await bootTestApp();
    gw = await givenSchool(t, await t.given.institution('greenwood'), 1, 1);
    await givenSchool(t, await t.given.institution('riverside'), 2, 1);
    admin = await signIn(t, gw.admin, '10.73.0.1');
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers 10 KB of "[" before sign-in with 400 within 100 ms, unclosed or closed', async () => {
    await post(LOGIN, '{}'); // warm the route up; the timing is about the body
    for (const payload of ['['.repeat(10 * 1024), `${'['.repeat(10 * 1024)}${']'.repeat(10 * 1024)}`]) {
      const started = performance.now();
      const res = await post(LOGIN, payload);
      const ms = performance.now() - started;
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toMatchObject({ error: { code: 'MALFORMED_BODY' } });
      expect(ms).toBeLessThan(100);
    }
    const closed = await post(LOGIN, `${'['.repeat(10 * 1024)}${']'.repeat(10 * 1024)}`);
    expect(closed.json<{ error: { message: string } }>().error.message).toMatch(
      /JSON nesting deeper than 32 levels/,
    );
  });

  it('refuses objects nested deeper than 32 levels and accepts 32', async () => {
    const deep = await post(ECHO, nestedObjects(JSON_LIMITS.maxDepth + 1));
    expect(deep.statusCode).toBe(400);
    expect(deep.json()).toMatchObject({
      error: { code: 'MALFORMED_BODY', message: expect.stringMatching(/deeper than 32 levels/) },
    });
    // 32 levels parse; the DTO then refuses the unknown field (VALIDATION_FAILED, not the limit).
    const ok = await post(ECHO, nestedObjects(JSON_LIMITS.maxDepth));
    expect(ok.statusCode).toBe(400);
    expect(ok.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    // A huge depth (a 1 MB body's worth) answers the same 400, not a stack overflow.
    const huge = await post(ECHO, nestedObjects(100_000));
    expect(huge.statusCode).toBe(400);
    expect(huge.json()).toMatchObject({ error: { code: 'MALFORMED_BODY' } });
  });

  it('refuses a body with 10,000 keys', async () => {
    const body = JSON.stringify(Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, i])));
    const res = await post(LOGIN, body);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      error: { code: 'MALFORMED_BODY', message: expect.stringMatching(/more than 5000 JSON keys/) },
    });
  });

  it('refuses prototype poisoning as before', async () => {
    for (const payload of [
      '{"email":"a@b.co","count":1,"status":"present","__proto__":{"admin":true}}',
      '{"email":"a@b.co","count":1,"status":"present","constructor":{"prototype":{"admin":true}}}',
    ]) {
      const res = await post(ECHO, payload);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: { code: 'MALFORMED_BODY' } });
    }
    expect((await post(ECHO, '{"email": ')).json()).toMatchObject({ error: { code: 'MALFORMED_BODY' } });
  });

  it('refuses a NUL character in a student name, naming the field', async () => {
    const student = (firstName: string, guardianName = 'Ravi Kumar') =>
      t.request({
        method: 'POST',
        url: '/api/v1/students',
        headers: admin.auth,
        payload: {
          admissionNo: `GR-NUL-${Math.random().toString(36).slice(2, 8)}`,
          firstName,
          lastName: 'Kumar',
          dateOfBirth: '2015-06-14',
          gender: 'female',
          admissionDate: '2026-04-01',
          guardians: [{ fullName: guardianName, relationship: 'father' }],
        },
      });
    const first = await student('Anu\u0000');
    expect(first.statusCode, first.body).toBe(400);
    expect(first.json()).toMatchObject({
      error: { code: 'VALIDATION_FAILED', details: [{ field: 'firstName', message: expect.any(String) }] },
    });
    const nested = await student('Anu', 'Ravi\u0000Kumar');
    expect(nested.statusCode).toBe(400);
    expect(nested.json()).toMatchObject({ error: { details: [{ field: 'guardians.0.fullName' }] } });
    // The same student without the NUL is created: the refusal was the NUL alone.
    expect((await student('Anu')).statusCode).toBe(201);
  });

  it('caps text bodies on every route but the student import', async () => {
    const big = 'x'.repeat(TEXT_BODY_LIMIT_BYTES + 1);
    for (const type of ['text/plain', 'text/csv']) {
      const res = await post(LOGIN, big, { 'content-type': type });
      expect(res.statusCode).toBe(413);
      expect(res.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
    }
    // The import still takes a CSV far over that cap (1 MB: a header and 20,000 blank-ish lines).
    const csv = `admissionNo,firstName\n${'#,\n'.repeat((1024 * 1024) / 3)}`;
    const imported = await t.request({
      method: 'POST',
      url: '/api/v1/students/import?dryRun=true',
      headers: { ...admin.auth, 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(imported.statusCode, imported.body.slice(0, 300)).not.toBe(413);
  });

  it('[APP-07] a signed webhook still verifies on its raw bytes', async () => {
    const body = SandboxGateway.capturedEvent('order_sbx_unknown', 100, 'INR');
    const signature = createHmac(
      'sha256',
      t.app.get(FeesOnlineService).webhookSecret('sandbox', gw.institution.id),
    )
      .update(body)
      .digest('hex');
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/fees/webhooks/sandbox/${gw.institution.id}`,
      headers: { ...json, 'x-razorpay-signature': signature, 'x-razorpay-event-id': 'evt_body_limits' },
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ outcome: 'ignored' });
    const forged = await t.request({
      method: 'POST',
      url: `/api/v1/fees/webhooks/sandbox/${gw.institution.id}`,
      headers: { ...json, 'x-razorpay-signature': '0'.repeat(64), 'x-razorpay-event-id': 'evt_forged' },
      payload: body,
    });
    expect(forged.statusCode).toBe(401);
    // Its raw bytes are read under the same body limit: an oversized webhook is refused, not buffered.
    const huge = await t.request({
      method: 'POST',
      url: `/api/v1/fees/webhooks/sandbox/${gw.institution.id}`,
      headers: { ...json, 'x-razorpay-signature': signature, 'x-razorpay-event-id': 'evt_huge' },
      payload: `{"pad":"${'x'.repeat(t.config.bodyLimitBytes)}"}`,
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
  });
});

describe(`response headers and security.txt (APP-04) on ${TEST_DB}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp({ PUBLIC_URL: 'https://erp.greenwood.example' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('sends Cache-Control: no-store on API answers, errors included', async () => {
    for (const url of ['/api/health/live', '/api/v1/me', '/api/v1/no-such-route']) {
      const res = await t.request({ url });
      expect(res.headers['cache-control'], url).toBe('no-store');
    }
    const bad = await t.request({ method: 'POST', url: ECHO, headers: json, payload: '[' });
    expect(bad.headers['cache-control']).toBe('no-store');
  });

  it("sends X-Frame-Options DENY, as Nginx's security-headers.conf does", async () => {
    const res = await t.request({ url: '/api/health/live' });
    expect(res.headers['x-frame-options']).toBe('DENY');
  });

  it('serves /.well-known/security.txt (RFC 9116) and the policy it names', async () => {
    const res = await t.request({ url: '/.well-known/security.txt' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const fields = Object.fromEntries(
      res.body
        .split('\n')
        .filter((l) => /^[A-Za-z-]+: /.test(l))
        .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]),
    );
    expect(fields).toMatchObject({
      Contact: 'mailto:security@shala.example',
      'Preferred-Languages': 'en',
      Canonical: 'https://erp.greenwood.example/.well-known/security.txt',
      Policy: 'https://erp.greenwood.example/.well-known/security-policy.txt',
    });
    const expires = Date.parse(fields.Expires!);
    expect(expires).toBeGreaterThan(Date.now());
    expect(expires).toBeLessThan(Date.now() + 365 * 24 * 3600 * 1000);
    const policy = await t.request({ url: '/.well-known/security-policy.txt' });
    expect(policy.statusCode).toBe(200);
    expect(policy.body).toMatch(/security@shala\.example/);
    expect(res.headers['x-frame-options']).toBe('DENY');
  });
});
