import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Institution } from '../src/modules/institutions/entities/institution.entity';
import { OutboxService } from '../src/modules/notifications/outbox.service';
import { Signed, signIn } from './support/accounts';
import { whatsappStatusPayload } from './support/fake-providers';
import {
  NotificationsTestApp,
  WhatsAppAccount,
  bootWithProviders,
  drainAll,
  enableWhatsApp,
  raw,
} from './support/fake-providers-harness';
import { School, givenSchool } from './support/school';
import { TEST_DB, TestApp } from './support/test-app';

type Row = { status: string; delivered_at: unknown; read_at: unknown; last_error: string | null };

describe(`WhatsApp delivery webhooks on ${TEST_DB}`, () => {
  let n: NotificationsTestApp;
  let t: TestApp;
  let gw: School;
  let rs: School;
  let admin: Signed;
  const GW: WhatsAppAccount = {
    phoneNumberId: '111111111111111',
    accessToken: 'EAAG-greenwood-token-0123456789',
    appSecret: 'greenwood-app-secret-0123456789',
    verifyToken: 'greenwood-verify-token',
  };
  const RS: WhatsAppAccount = {
    phoneNumberId: '222222222222222',
    accessToken: 'EAAG-riverside-token-0123456789',
    appSecret: 'riverside-app-secret-0123456789',
    verifyToken: 'riverside-verify-token',
  };

  const url = (institution: Institution) => `/api/v1/notifications/webhooks/whatsapp/${institution.id}`;
  const sign = (secret: string, body: string) =>
    `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
  const post = (institution: Institution, body: string, signature?: string) =>
    t.request({
      method: 'POST',
      url: url(institution),
      headers: {
        'content-type': 'application/json',
        ...(signature ? { 'x-hub-signature-256': signature } : {}),
      },
      payload: body,
      remoteAddress: '10.74.0.99',
    });
  const row = async (wamid: string) =>
    (
      await raw<Row>(
        t,
        'SELECT status, delivered_at, read_at, last_error FROM outbox_messages WHERE provider_message_id = ?',
        [wamid],
      )
    )[0]!;
  const eventCount = async () =>
    Number((await raw<{ c: number }>(t, 'SELECT COUNT(*) AS c FROM notification_message_events'))[0]!.c);

  /** Sends one WhatsApp message for a school and answers its provider id (wamid). */
  const sendOne = async (school: School, key: string): Promise<string> => {
    await t.context.runAsTenant(school.institution.id, () =>
      t.app.get(OutboxService).enqueue({
        channel: 'whatsapp',
        template: 'absence_alert',
        recipient: '+919812345678',
        variables: { student: 'Asha', date: '2026-07-10', status: 'absent', school: 'School' },
        idempotencyKey: key,
      }),
    );
    await drainAll(n.worker);
    return n.wa.requests.at(-1)!.wamid!;
  };

  beforeAll(async () => {
    n = await bootWithProviders();
    t = n.t;
    gw = await givenSchool(t, await t.given.institution('greenwood'), 1, 1);
    rs = await givenSchool(t, await t.given.institution('riverside'), 2, 1);
    await enableWhatsApp(t, gw.institution, GW);
    await enableWhatsApp(t, rs.institution, RS);
    admin = await signIn(t, gw.admin, '10.74.0.1');
  });
  afterAll(async () => {
    await n.close();
  });

  it("[APP-07] answers the GET verification with hub.challenge for the institution's verify token only", async () => {
    const verify = (institution: Institution, mode: string, token: string) =>
      t.request({
        url: `${url(institution)}?hub.mode=${mode}&hub.verify_token=${encodeURIComponent(token)}&hub.challenge=1158201444`,
      });
    const ok = await verify(gw.institution, 'subscribe', GW.verifyToken);
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toBe('1158201444');
    expect(ok.headers['content-type']).toMatch(/^text\/plain/);
    expect((await verify(gw.institution, 'subscribe', 'wrong-token')).statusCode).toBe(403);
    expect((await verify(gw.institution, 'subscribe', RS.verifyToken)).statusCode).toBe(403);
    expect((await verify(gw.institution, 'unsubscribe', GW.verifyToken)).statusCode).toBe(403);
    expect(
      (
        await t.request({
          url: `/api/v1/notifications/webhooks/whatsapp/018f2f6e-0000-7000-8000-000000000000?hub.mode=subscribe&hub.verify_token=${GW.verifyToken}&hub.challenge=1`,
        })
      ).statusCode,
    ).toBe(403);
  });

  it('[APP-07] applies signed delivered and read statuses to the message by its provider id', async () => {
    const wamid = await sendOne(gw, 'wa-1');
    const delivered = JSON.stringify(
      whatsappStatusPayload(GW.phoneNumberId, [{ id: wamid, status: 'delivered', timestamp: 1783670400 }]),
    );
    const res = await post(gw.institution, delivered, sign(GW.appSecret, delivered));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ statuses: 1, applied: 1, duplicates: 0, ignored: 0 });
    expect((await row(wamid)).status).toBe('delivered');
    const read = JSON.stringify(
      whatsappStatusPayload(GW.phoneNumberId, [{ id: wamid, status: 'read', timestamp: 1783670460 }]),
    );
    expect((await post(gw.institution, read, sign(GW.appSecret, read))).statusCode).toBe(200);
    const log = (
      await t.request({ url: `/api/v1/notifications/messages?status=read`, headers: admin.auth })
    ).json<{
      items: { providerMessageId: string; deliveredAt: string; readAt: string }[];
    }>().items;
    expect(log.find((m) => m.providerMessageId === wamid)).toMatchObject({
      deliveredAt: new Date(1783670400_000).toISOString(),
      readAt: new Date(1783670460_000).toISOString(),
    });
  });

  it('[APP-07] verifies the signature over the raw bytes: the same JSON with other whitespace does not verify', async () => {
    const wamid = await sendOne(gw, 'wa-2');
    const payload = whatsappStatusPayload(GW.phoneNumberId, [{ id: wamid, status: 'delivered' }]);
    const pretty = JSON.stringify(payload, null, 2);
    const compact = JSON.stringify(payload);
    expect(JSON.parse(pretty)).toEqual(JSON.parse(compact));
    // A signature over the pretty bytes does not cover the compact bytes, and the reverse.
    expect((await post(gw.institution, compact, sign(GW.appSecret, pretty))).statusCode).toBe(401);
    expect((await post(gw.institution, pretty, sign(GW.appSecret, compact))).statusCode).toBe(401);
    expect((await row(wamid)).status).toBe('sent');
    // The original bytes with their own signature verify.
    expect((await post(gw.institution, pretty, sign(GW.appSecret, pretty))).statusCode).toBe(200);
    expect((await row(wamid)).status).toBe('delivered');
  });

  it('[APP-07] answers a forged, missing or foreign signature with 401 and changes nothing', async () => {
    const wamid = await sendOne(gw, 'wa-3');
    const body = JSON.stringify(whatsappStatusPayload(GW.phoneNumberId, [{ id: wamid, status: 'read' }]));
    const before = await eventCount();
    for (const signature of [
      undefined,
      'sha256=' + '0'.repeat(64),
      sign('a-guessed-secret', body),
      sign(RS.appSecret, body), // another school's app secret
      sign(GW.appSecret, body).replace('sha256=', 'sha1='),
      sign(GW.appSecret, `${body} `),
    ]) {
      const res = await post(gw.institution, body, signature);
      expect(res.statusCode).toBe(401);
      expect(res.json<{ error: { code: string } }>().error.code).toBe('UNAUTHENTICATED');
    }
    // Not even a malformed body is parsed before the signature is checked.
    expect((await post(gw.institution, '{"object": ', sign('nope', '{"object": '))).statusCode).toBe(401);
    expect((await row(wamid)).status).toBe('sent');
    expect(await eventCount()).toBe(before);
  });

  it('[APP-07] processes each status event once: duplicates and replays change nothing', async () => {
    const wamid = await sendOne(gw, 'wa-4');
    const delivered = JSON.stringify(
      whatsappStatusPayload(GW.phoneNumberId, [{ id: wamid, status: 'delivered' }]),
    );
    const signature = sign(GW.appSecret, delivered);
    expect((await post(gw.institution, delivered, signature)).json()).toMatchObject({ applied: 1 });
    const read = JSON.stringify(whatsappStatusPayload(GW.phoneNumberId, [{ id: wamid, status: 'read' }]));
    expect((await post(gw.institution, read, sign(GW.appSecret, read))).json()).toMatchObject({ applied: 1 });
    const before = await row(wamid);
    const events = await eventCount();
    // The same delivery, replayed (twice in one body too), after the message was read.
    const replay = await post(gw.institution, delivered, signature);
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toEqual({ statuses: 1, applied: 0, duplicates: 1, ignored: 0 });
    const twice = JSON.stringify(
      whatsappStatusPayload(GW.phoneNumberId, [
        { id: wamid, status: 'read' },
        { id: wamid, status: 'read' },
      ]),
    );
    expect((await post(gw.institution, twice, sign(GW.appSecret, twice))).json()).toMatchObject({
      applied: 0,
      duplicates: 2,
    });
    expect(await row(wamid)).toEqual(before);
    expect(before.status).toBe('read');
    expect(await eventCount()).toBe(events);
  });

  it('[APP-07] records the reason of a failed delivery', async () => {
    const wamid = await sendOne(gw, 'wa-5');
    const failed = JSON.stringify(
      whatsappStatusPayload(GW.phoneNumberId, [
        { id: wamid, status: 'failed', errors: [{ code: 131026, title: 'Message undeliverable' }] },
      ]),
    );
    expect((await post(gw.institution, failed, sign(GW.appSecret, failed))).json()).toMatchObject({
      applied: 1,
    });
    expect(await row(wamid)).toMatchObject({
      status: 'failed',
      last_error: 'Message undeliverable (code 131026)',
    });
  });

  it("[TEN-04] keeps each institution's WhatsApp account apart: another school's webhook cannot touch this school's message", async () => {
    const wamid = await sendOne(gw, 'wa-6');
    const events = await eventCount();
    // Riverside's own, validly signed callback naming greenwood's message: not found among riverside's.
    const foreign = JSON.stringify(whatsappStatusPayload(RS.phoneNumberId, [{ id: wamid, status: 'read' }]));
    expect((await post(rs.institution, foreign, sign(RS.appSecret, foreign))).json()).toEqual({
      statuses: 1,
      applied: 0,
      duplicates: 0,
      ignored: 1,
    });
    // A status for greenwood's phone number id arriving at riverside's URL is ignored as well.
    const otherNumber = JSON.stringify(
      whatsappStatusPayload(GW.phoneNumberId, [{ id: wamid, status: 'read' }]),
    );
    expect((await post(rs.institution, otherNumber, sign(RS.appSecret, otherNumber))).json()).toMatchObject({
      ignored: 1,
    });
    // Greenwood's signature does not open riverside's URL.
    expect((await post(rs.institution, otherNumber, sign(GW.appSecret, otherNumber))).statusCode).toBe(401);
    expect((await row(wamid)).status).toBe('sent');
    expect(await eventCount()).toBe(events);
  });

  it('validates the payload after the signature: a signed body of another shape answers 400', async () => {
    const wrong = JSON.stringify({ object: 'page', entry: [] });
    const res = await post(gw.institution, wrong, sign(GW.appSecret, wrong));
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('VALIDATION_FAILED');
    const broken = '{"object": ';
    expect(
      (await post(gw.institution, broken, sign(GW.appSecret, broken))).json<{ error: { code: string } }>()
        .error.code,
    ).toBe('MALFORMED_BODY');
  });
});
