import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Institution } from '../src/modules/institutions/entities/institution.entity';
import { OutboxService } from '../src/modules/notifications/outbox.service';
import { Signed, signIn } from './support/accounts';
import { msg91DeliveryReport, signDeliveryReport } from './support/fake-providers';
import {
  NotificationsTestApp,
  bootWithProviders,
  drainAll,
  enableSms,
  raw,
} from './support/fake-providers-harness';
import { School, givenSchool } from './support/school';
import { TEST_DB, TestApp } from './support/test-app';

type Row = { status: string; last_error: string | null };
type Detail = {
  status: string;
  reason: string | null;
  deliveredAt: string | null;
  events: { event: string; detail: string | null; at: string; attempt: number | null }[];
};

describe(`SMS delivery reports on ${TEST_DB}`, () => {
  let n: NotificationsTestApp;
  let t: TestApp;
  let gw: School;
  let rs: School;
  let bare: School;
  let admin: Signed;
  const GW_SECRET = 'greenwood-dlr-secret-0123456789abcdef';
  const RS_SECRET = 'riverside-dlr-secret-0123456789abcdef';

  const url = (institution: Institution) => `/api/v1/notifications/webhooks/sms/${institution.id}`;
  const post = (institution: Institution, body: string, headers: Record<string, string> = {}) =>
    t.request({
      method: 'POST',
      url: url(institution),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      payload: body,
      remoteAddress: '10.75.0.99',
    });
  const row = async (messageId: string) =>
    (await raw<Row>(t, 'SELECT status, last_error FROM outbox_messages WHERE id = ?', [messageId]))[0]!;
  const eventCount = async () =>
    Number((await raw<{ c: number }>(t, 'SELECT COUNT(*) AS c FROM notification_message_events'))[0]!.c);
  const detail = async (messageId: string) => {
    const res = await t.request({ url: `/api/v1/notifications/messages/${messageId}`, headers: admin.auth });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Detail>();
  };

  /** Sends one SMS for a school; answers the message id and the gateway's request id for it. */
  const sendOne = async (school: School, key: string): Promise<{ id: string; requestId: string }> => {
    const { message } = await t.context.runAsTenant(school.institution.id, () =>
      t.app.get(OutboxService).enqueue({
        channel: 'sms',
        template: 'absence_alert',
        recipient: '+919812345678',
        variables: { student: 'Asha', date: '2026-07-10', status: 'absent', school: 'Greenwood High' },
        idempotencyKey: key,
      }),
    );
    await drainAll(n.worker);
    const accepted = n.sms.accepted.get(message.id);
    expect(accepted, 'the gateway accepted the message').toBeDefined();
    return { id: message.id, requestId: accepted!.id };
  };

  beforeAll(async () => {
    n = await bootWithProviders();
    t = n.t;
    gw = await givenSchool(t, await t.given.institution('greenwood'), 1, 1);
    rs = await givenSchool(t, await t.given.institution('riverside'), 2, 1);
    bare = await givenSchool(t, await t.given.institution('bare'), 3, 1);
    await enableSms(t, gw.institution, GW_SECRET);
    await enableSms(t, rs.institution, RS_SECRET);
    await enableSms(t, bare.institution); // no webhook secret set
    admin = await signIn(t, gw.admin, '10.75.0.1');
  });
  afterAll(async () => {
    await n.close();
  });

  it('keeps the webhook secret write-only in the SMS channel settings and answers the callback URL', async () => {
    const put = (payload: object) =>
      t.request({ method: 'PUT', url: '/api/v1/notifications/channels/sms', headers: admin.auth, payload });
    const base = { enabled: true, entityId: '1101234567890123456', senderHeader: 'SHALAS' };
    const short = await put({ ...base, webhookSecret: 'too-short' });
    expect(short.statusCode).toBe(400);
    expect(JSON.stringify(short.json())).toContain('webhookSecret');
    const kept = await put(base);
    expect(kept.statusCode, kept.body).toBe(200);
    expect(kept.json()).toMatchObject({
      channel: 'sms',
      secrets: { apiKey: { set: true }, webhookSecret: { set: true } },
      webhookUrl: `http://localhost:3000${url(gw.institution)}`,
    });
    expect(kept.body).not.toContain(GW_SECRET);
  });

  it('[APP-07] marks a message delivered on a signed report naming its request id, at the reported time', async () => {
    const { id, requestId } = await sendOne(gw, 'sms-dlr-1');
    expect((await row(id)).status).toBe('sent');
    const body = msg91DeliveryReport([{ requestId, status: '1', date: '2026-07-10 10:06:20' }]);
    const res = await post(gw.institution, body, signDeliveryReport(GW_SECRET, body));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ reports: 1, applied: 1, duplicates: 0, ignored: 0 });
    const view = await detail(id);
    expect(view).toMatchObject({ status: 'delivered', deliveredAt: '2026-07-10T04:36:20.000Z' });
    expect(view.events.filter((e) => e.event === 'delivered')).toEqual([
      {
        event: 'delivered',
        detail: 'reported by the SMS gateway',
        at: '2026-07-10T04:36:20.000Z',
        attempt: null,
      },
    ]);
  });

  it('[APP-07] marks a message failed with the reason the gateway gives, without the number it may quote', async () => {
    const blocked = await sendOne(gw, 'sms-dlr-2');
    const ndnc = await sendOne(gw, 'sms-dlr-3');
    const body = msg91DeliveryReport([
      { requestId: blocked.requestId, status: '17', failedReason: 'Number 919812345678 is on the blocklist' },
      { requestId: ndnc.requestId, status: '9', desc: '' },
    ]);
    const res = await post(gw.institution, body, signDeliveryReport(GW_SECRET, body));
    expect(res.json()).toEqual({ reports: 2, applied: 2, duplicates: 0, ignored: 0 });
    expect(await row(blocked.id)).toEqual({
      status: 'failed',
      last_error: 'BLOCKED: Number [number] is on the blocklist (status 17)',
    });
    expect(await row(ndnc.id)).toEqual({
      status: 'failed',
      last_error: 'NDNC: the number is on the do-not-disturb register (status 9)',
    });
    expect((await detail(blocked.id)).reason).toBe(
      'BLOCKED: Number [number] is on the blocklist (status 17)',
    );
  });

  it('[APP-07] answers a forged, missing or foreign signature with 401 and changes nothing', async () => {
    const { id, requestId } = await sendOne(gw, 'sms-dlr-4');
    const body = msg91DeliveryReport([{ requestId, status: '1' }]);
    const good = signDeliveryReport(GW_SECRET, body);
    const before = await eventCount();
    const attempts: Record<string, string>[] = [
      {},
      { 'x-dlr-timestamp': good['x-dlr-timestamp'] },
      { ...good, 'x-dlr-signature': 'sha256=' + '0'.repeat(64) },
      signDeliveryReport('a-guessed-secret-0123456789abcdef', body),
      signDeliveryReport(RS_SECRET, body), // another school's secret
      { ...good, 'x-dlr-signature': good['x-dlr-signature'].replace('sha256=', 'sha1=') },
      { ...good, 'x-dlr-timestamp': String(Number(good['x-dlr-timestamp']) + 1) }, // not what was signed
      { 'x-dlr-signature': good['x-dlr-signature'] },
    ];
    for (const headers of attempts) {
      const res = await post(gw.institution, body, headers);
      expect(res.statusCode, JSON.stringify(headers)).toBe(401);
      expect(res.json<{ error: { code: string } }>().error.code).toBe('UNAUTHENTICATED');
    }
    // Nothing of an unverified body is parsed: a broken one answers 401 too, not 400.
    expect((await post(gw.institution, 'data=%5B%7B', signDeliveryReport('nope', 'x'))).statusCode).toBe(401);
    // A school without a webhook secret accepts no report at all; nor does an unknown institution.
    expect((await post(bare.institution, body, signDeliveryReport('', body))).statusCode).toBe(401);
    const unknown = await t.request({
      method: 'POST',
      url: '/api/v1/notifications/webhooks/sms/018f2f6e-0000-7000-8000-000000000000',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...good },
      payload: body,
    });
    expect(unknown.statusCode).toBe(401);
    expect((await row(id)).status).toBe('sent');
    expect(await eventCount()).toBe(before);
  });

  it('[APP-07] verifies the signature over the raw bytes: the same form with other encoding does not verify', async () => {
    const { id, requestId } = await sendOne(gw, 'sms-dlr-5');
    const body = msg91DeliveryReport([{ requestId, status: '1' }]);
    // The same fields, spaces written as %20 instead of +: parses to the same data, other bytes.
    const other = body.replace(/\+/g, '%20');
    expect(other).not.toBe(body);
    expect(new URLSearchParams(other).get('data')).toBe(new URLSearchParams(body).get('data'));
    expect((await post(gw.institution, other, signDeliveryReport(GW_SECRET, body))).statusCode).toBe(401);
    expect((await row(id)).status).toBe('sent');
    expect((await post(gw.institution, other, signDeliveryReport(GW_SECRET, other))).statusCode).toBe(200);
    expect((await row(id)).status).toBe('delivered');
  });

  it('[APP-07] rejects a replayed report whose signed timestamp is more than five minutes from now', async () => {
    const { id, requestId } = await sendOne(gw, 'sms-dlr-6');
    const body = msg91DeliveryReport([{ requestId, status: '1' }]);
    const now = Math.floor(Date.now() / 1000);
    const events = await eventCount();
    for (const at of [now - 301, now + 301, now - 86_400]) {
      const res = await post(gw.institution, body, signDeliveryReport(GW_SECRET, body, at));
      expect(res.statusCode).toBe(401);
      expect(res.json<{ error: { message: string } }>().error.message).toMatch(/five minutes/);
    }
    expect((await row(id)).status).toBe('sent');
    expect(await eventCount()).toBe(events);
    // Inside the window it is taken.
    expect(
      (await post(gw.institution, body, signDeliveryReport(GW_SECRET, body, now - 240))).json(),
    ).toMatchObject({ applied: 1 });
  });

  it('[APP-07] processes each report once: retries and replays inside the window change nothing', async () => {
    const { id, requestId } = await sendOne(gw, 'sms-dlr-7');
    const body = msg91DeliveryReport([{ requestId, status: '1' }]);
    const signed = signDeliveryReport(GW_SECRET, body);
    expect((await post(gw.institution, body, signed)).json()).toMatchObject({ applied: 1 });
    const events = await eventCount();
    // The exact request again (a replay), and the gateway's retry with a fresh timestamp.
    for (const headers of [signed, signDeliveryReport(GW_SECRET, body, Math.floor(Date.now() / 1000) + 5)]) {
      const res = await post(gw.institution, body, headers);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ reports: 1, applied: 0, duplicates: 1, ignored: 0 });
    }
    // The same report twice in one body: both are duplicates of the first.
    const twice = msg91DeliveryReport([
      { requestId, status: '1' },
      { requestId, status: '1' },
    ]);
    expect((await post(gw.institution, twice, signDeliveryReport(GW_SECRET, twice))).json()).toEqual({
      reports: 2,
      applied: 0,
      duplicates: 2,
      ignored: 0,
    });
    expect(await eventCount()).toBe(events);
    expect((await row(id)).status).toBe('delivered');
  });

  it('[APP-07] applies a report delivered several times at once exactly once', async () => {
    const { id, requestId } = await sendOne(gw, 'sms-dlr-8');
    const body = msg91DeliveryReport([{ requestId, status: '2', failedReason: 'Absent subscriber' }]);
    const events = await eventCount();
    const answers = await Promise.all(
      [0, 1, 2, 3].map(() => post(gw.institution, body, signDeliveryReport(GW_SECRET, body))),
    );
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 200]);
    const tallies = answers.map((a) => a.json<{ applied: number; duplicates: number }>());
    expect(tallies.reduce((s, x) => s + x.applied, 0)).toBe(1);
    expect(tallies.reduce((s, x) => s + x.duplicates, 0)).toBe(3);
    expect(await eventCount()).toBe(events + 1);
    expect(await row(id)).toEqual({ status: 'failed', last_error: 'FAILED: Absent subscriber (status 2)' });
  });

  it("[TEN-04] keeps institutions apart: one school's secret cannot update another school's message", async () => {
    const mine = await sendOne(gw, 'sms-dlr-9');
    const theirs = await sendOne(rs, 'sms-dlr-10');
    const events = await eventCount();
    // Riverside's own, validly signed report naming greenwood's request id: not among riverside's messages.
    const foreign = msg91DeliveryReport([{ requestId: mine.requestId, status: '1' }]);
    expect((await post(rs.institution, foreign, signDeliveryReport(RS_SECRET, foreign))).json()).toEqual({
      reports: 1,
      applied: 0,
      duplicates: 0,
      ignored: 1,
    });
    // Riverside's secret does not open greenwood's URL, nor greenwood's riverside's.
    expect((await post(gw.institution, foreign, signDeliveryReport(RS_SECRET, foreign))).statusCode).toBe(
      401,
    );
    const back = msg91DeliveryReport([{ requestId: theirs.requestId, status: '17' }]);
    expect((await post(rs.institution, back, signDeliveryReport(GW_SECRET, back))).statusCode).toBe(401);
    expect((await row(mine.id)).status).toBe('sent');
    expect((await row(theirs.id)).status).toBe('sent');
    expect(await eventCount()).toBe(events);
    // Each school's own report still works.
    expect((await post(rs.institution, back, signDeliveryReport(RS_SECRET, back))).json()).toMatchObject({
      applied: 1,
    });
    expect((await row(theirs.id)).status).toBe('failed');
    expect((await row(mine.id)).status).toBe('sent');
  });

  it('ignores interim statuses and request ids that are not its messages', async () => {
    const { id, requestId } = await sendOne(gw, 'sms-dlr-11');
    const body = msg91DeliveryReport([
      { requestId, status: '8', desc: 'SUBMITTED' },
      { requestId: 'sms-not-a-message-of-ours', status: '1' },
    ]);
    expect((await post(gw.institution, body, signDeliveryReport(GW_SECRET, body))).json()).toEqual({
      reports: 2,
      applied: 0,
      duplicates: 0,
      ignored: 2,
    });
    expect((await row(id)).status).toBe('sent');
  });

  it('validates the report after the signature: a signed body of another shape answers 400 naming the field', async () => {
    const send = async (body: string) => {
      const res = await post(gw.institution, body, signDeliveryReport(GW_SECRET, body));
      expect(res.statusCode, res.body).toBe(400);
      return res.json<{ error: { code: string; details?: { field: string }[] } }>().error;
    };
    expect(await send('report=1')).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'data' }] });
    expect((await send('data=%5B%7B')).code).toBe('MALFORMED_BODY');
    const noStatus = new URLSearchParams({
      data: JSON.stringify([{ requestId: 'x', report: [{ desc: 'DELIVERED' }] }]),
    }).toString();
    const error = await send(noStatus);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details!.map((d) => d.field)).toEqual(['data.0.report.0.status']);
  });
});
