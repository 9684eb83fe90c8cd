import { FeesScheduler } from '../src/modules/fees/fees-scheduler';
import { PrivacyScheduler } from '../src/modules/privacy/privacy-reminders';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Institution } from '../src/modules/institutions/entities/institution.entity';
import { NotificationsRetention } from '../src/modules/notifications/notifications-retention.service';
import { NotificationsWorkerRunner } from '../src/modules/notifications/notifications-worker.module';
import { OutboxClaims } from '../src/modules/notifications/outbox-claims';
import { DrainOptions, LEASE_MS, OutboxWorker } from '../src/modules/notifications/outbox-worker.service';
import { OutboxRequest, OutboxService } from '../src/modules/notifications/outbox.service';
import { WorkerAppModule } from '../src/modules/notifications/worker-app.module';
import { ChannelSettingsService } from '../src/modules/notifications/channel-settings.service';
import { Signed, signIn } from './support/accounts';
import {
  NotificationsTestApp,
  bootWithProviders,
  drainAll,
  enableSms,
  raw,
  statusOf,
} from './support/fake-providers-harness';
import { School, givenSchool } from './support/school';
import { TEST_DB, TestApp } from './support/test-app';

type Row = {
  id: string;
  status: string;
  attempts: number;
  last_error: string | null;
  lease_token: string | null;
};

describe(`notifications outbox and worker on ${TEST_DB}`, () => {
  let n: NotificationsTestApp;
  let t: TestApp;
  let gw: School;
  let rs: School;
  let admin: Signed;
  let outbox: OutboxService;

  const absence = (i: number, key: string): OutboxRequest => ({
    channel: 'sms',
    template: 'absence_alert',
    recipient: `+9198${String(i).padStart(8, '0')}`,
    variables: { student: `Student ${i}`, date: '2026-07-10', status: 'absent', school: 'Greenwood High' },
    idempotencyKey: `${key}:${i}`,
  });

  /** Enqueues in one transaction per 100 messages; returns the ids. */
  const enqueue = async (institution: Institution, requests: OutboxRequest[]): Promise<string[]> => {
    const ids: string[] = [];
    for (let i = 0; i < requests.length; i += 100)
      await t.context.runAsTenant(institution.id, () =>
        t.db.transaction(async () => {
          for (const r of requests.slice(i, i + 100)) ids.push((await outbox.enqueue(r)).message.id);
        }),
      );
    return ids;
  };

  const rows = (ids: string[]) =>
    raw<Row>(
      t,
      `SELECT id, status, attempts, last_error, lease_token FROM outbox_messages WHERE id IN (${ids.map(() => '?').join(',')})`,
      ids,
    );

  beforeAll(async () => {
    n = await bootWithProviders({ NOTIFICATIONS_MAX_ATTEMPTS: '3' });
    t = n.t;
    outbox = t.app.get(OutboxService);
    gw = await givenSchool(t, await t.given.institution('greenwood'), 1, 2);
    rs = await givenSchool(t, await t.given.institution('riverside'), 2, 2);
    await enableSms(t, gw.institution);
    await enableSms(t, rs.institution);
    admin = await signIn(t, gw.admin, '10.71.0.1');
  });
  afterEach(async () => {
    // Nothing left due for the next test: unsent messages of a test end with it.
    await raw(t, "UPDATE outbox_messages SET status = 'cancelled' WHERE status IN ('pending', 'sending')");
    n.sms.requests.length = 0;
    n.sms.accepted.clear();
  });
  afterAll(async () => {
    await n.close();
  });

  it('[APP-06] sends nothing for a message enqueued in a transaction that rolled back', async () => {
    await expect(
      t.context.runAsTenant(gw.institution.id, () =>
        t.db.transaction(async () => {
          await outbox.enqueue(absence(1, 'rolled-back'));
          throw new Error('the register save failed');
        }),
      ),
    ).rejects.toThrow('the register save failed');
    expect(await raw(t, "SELECT id FROM outbox_messages WHERE idempotency_key LIKE 'rolled-back:%'")).toEqual(
      [],
    );
    expect((await drainAll(n.worker)).claimed).toBe(0);
    expect(n.sms.requests).toEqual([]);

    // The same enqueue committed is delivered once, however often it is enqueued again.
    const [id] = await enqueue(gw.institution, [absence(1, 'committed'), absence(1, 'committed')]);
    expect(
      await raw(t, "SELECT id FROM outbox_messages WHERE idempotency_key LIKE 'committed:%'"),
    ).toHaveLength(1);
    expect((await drainAll(n.worker)).sent).toBe(1);
    expect(n.sms.requests.map((r) => r.body.reference)).toEqual([id]);
    expect(n.sms.requests[0]!.body.text).toBe(
      'Dear parent, Student 1 was marked absent on 2026-07-10. - Greenwood High',
    );
  });

  it('retries a provider 500 with exponential backoff and jitter, dead-letters it, and an admin retry sends it', async () => {
    const [id] = await enqueue(gw.institution, [absence(2, 'flaky')]);
    n.sms.failNext(3, 500);
    // The wait after a failed attempt: from the failure's log entry to the next attempt's due time.
    const delays: number[] = [];
    const recordDelay = async () => {
      const m = (await t.request({ url: `/api/v1/notifications/messages/${id}`, headers: admin.auth })).json<{
        status: string;
        nextAttemptAt: string;
        events: { event: string; at: string }[];
      }>();
      expect(m.status).toBe('queued');
      const failedAt = m.events.filter((e) => e.event === 'attempt_failed').at(-1)!.at;
      delays.push(new Date(m.nextAttemptAt).getTime() - new Date(failedAt).getTime());
    };
    // Attempt 1 fails: queued again, due after 0.5-1 s (base 1 s, jitter).
    expect(await n.worker.drainOnce()).toMatchObject({ claimed: 1, retry: 1 });
    await recordDelay();
    // Not due yet: a pass now claims nothing.
    expect((await n.worker.drainOnce()).claimed).toBe(0);
    // Attempt 2 (the claim clock moved past the backoff) fails: due after 1-2 s.
    expect(await n.worker.drainOnce({ at: new Date(Date.now() + 10_000) })).toMatchObject({ retry: 1 });
    await recordDelay();
    // Attempt 3 is the last (NOTIFICATIONS_MAX_ATTEMPTS=3): dead, with the reason.
    expect(await n.worker.drainOnce({ at: new Date(Date.now() + 60_000) })).toMatchObject({ dead: 1 });
    expect(delays[0]).toBeGreaterThanOrEqual(450);
    expect(delays[0]).toBeLessThanOrEqual(1000);
    expect(delays[1]).toBeGreaterThanOrEqual(950);
    expect(delays[1]).toBeLessThanOrEqual(2000);
    expect(n.sms.requests).toHaveLength(3);

    const dead = await t.request({ url: '/api/v1/notifications/dead-letters', headers: admin.auth });
    expect(dead.statusCode).toBe(200);
    const item = dead.json<{ items: { id: string; status: string; reason: string; attempts: number }[] }>()
      .items[0]!;
    expect(item).toMatchObject({ id, status: 'dead', attempts: 3 });
    expect(item.reason).toMatch(/^gave up after 3 attempts: sms gateway answered 500/);

    // Retrying anything but a dead message is refused; the dead one goes out on the next pass.
    const retry = await t.request({
      method: 'POST',
      url: `/api/v1/notifications/messages/${id}/retry`,
      headers: admin.auth,
    });
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toMatchObject({ status: 'queued', attempts: 0 });
    const again = await t.request({
      method: 'POST',
      url: `/api/v1/notifications/messages/${id}/retry`,
      headers: admin.auth,
    });
    expect(again.statusCode).toBe(409);
    expect(await n.worker.drainOnce()).toMatchObject({ sent: 1 });
    expect(n.sms.accepted.get(id!)).toBeDefined();
    const detail = (
      await t.request({ url: `/api/v1/notifications/messages/${id}`, headers: admin.auth })
    ).json<{
      status: string;
      events: { event: string }[];
    }>();
    expect(detail.status).toBe('sent');
    expect(detail.events.map((e) => e.event)).toEqual([
      'attempt_failed',
      'attempt_failed',
      'dead',
      'retried',
      'sent',
    ]);
    const audit = await t.request({
      url: '/api/v1/audit/events?action=notifications.message_retry',
      headers: admin.auth,
    });
    expect(JSON.stringify(audit.json())).toContain(id);
  });

  it('dead-letters a message the provider refuses for good (4xx) without retrying', async () => {
    const [id] = await enqueue(gw.institution, [absence(3, 'refused')]);
    n.sms.failNext(1, 400);
    expect(await n.worker.drainOnce()).toMatchObject({ dead: 1 });
    expect((await rows([id!]))[0]).toMatchObject({ status: 'dead', attempts: 1 });
    expect(n.sms.requests).toHaveLength(1);
  });

  it("[APP-06] leases claimed messages: no second claim while a worker holds them; a killed worker's messages are sent once after the lease", async () => {
    const ids = await enqueue(
      gw.institution,
      Array.from({ length: 5 }, (_, i) => absence(i, 'lease')),
    );
    // Worker A claims the batch and is killed before sending anything.
    const killed = await t.app.get(OutboxClaims).claim(20, LEASE_MS);
    expect(killed.messages.map((m) => m.id).sort()).toEqual([...ids].sort());
    expect((await rows(ids)).every((r) => r.status === 'sending' && r.lease_token === killed.token)).toBe(
      true,
    );
    // Worker B finds nothing to claim while the lease holds...
    expect((await n.worker.drainOnce()).claimed).toBe(0);
    expect(n.sms.requests).toEqual([]);
    // ...and takes the messages over once it has ended.
    const takeover = await t.app
      .get(OutboxClaims)
      .claim(20, LEASE_MS, new Date(Date.now() + LEASE_MS + 1000));
    expect(takeover.messages.map((m) => m.id).sort()).toEqual([...ids].sort());
    // Worker A wakes up and goes on with its stale claim: the lease is no longer its own, so it sends nothing.
    expect(await n.worker.handle(gw.institution.id, ids[0]!, killed.token)).toBe('lost');
    expect(n.sms.requests).toEqual([]);
    // Worker B sends each message once.
    for (const m of takeover.messages)
      expect(await n.worker.handle(m.tenantId, m.id, takeover.token)).toBe('sent');
    expect(n.sms.requests.map((r) => r.body.reference).sort()).toEqual([...ids].sort());
    expect((await rows(ids)).every((r) => Number(r.attempts) === 2)).toBe(true);
    expect((await rows(ids)).map((r) => r.status)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent']);
  });

  it('[APP-06] claims made at the same moment take disjoint, full batches', async () => {
    const ids = await enqueue(
      gw.institution,
      Array.from({ length: 40 }, (_, i) => absence(i, 'same-moment')),
    );
    // On MySQL the two claims run in two transactions on two pooled connections at once (SKIP LOCKED
    // lets the second pass over the rows the first holds); on SQLite they take turns.
    const claims = t.app.get(OutboxClaims);
    const [a, b] = await Promise.all([claims.claim(20, LEASE_MS), claims.claim(20, LEASE_MS)]);
    expect(a.messages).toHaveLength(20);
    expect(b.messages).toHaveLength(20);
    const taken = [...a.messages, ...b.messages].map((m) => m.id);
    expect(new Set(taken).size).toBe(40);
    expect(new Set(taken)).toEqual(new Set(ids));
  });

  it('[APP-06] two workers racing over 1,000 messages send each exactly once', async () => {
    const count = 1000;
    const ids = [
      ...(await enqueue(
        gw.institution,
        Array.from({ length: count / 2 }, (_, i) => absence(i, 'race')),
      )),
      ...(await enqueue(
        rs.institution,
        Array.from({ length: count / 2 }, (_, i) => absence(i, 'race')),
      )),
    ];
    const started = Date.now();
    let claimedBy: number[];
    // A claim another worker also took shows up as "lost": disjoint claims have none.
    let lost = 0;
    if (TEST_DB === 'mysql') {
      // Two worker processes as `node dist/worker.js` builds them: separate contexts and connection pools,
      // each running its own loop; FOR UPDATE SKIP LOCKED keeps their claims apart.
      const quiet = new Writable({ write: (_c, _e, done) => done() });
      const config = { ...t.config, notifications: { ...t.config.notifications, pollMs: 20 } };
      // Count what each worker sent (wrapping the pass every worker's loop calls).
      const perWorker = new Map<OutboxWorker, number>();
      const original = OutboxWorker.prototype.drainOnce;
      OutboxWorker.prototype.drainOnce = async function (this: OutboxWorker, options?: DrainOptions) {
        const report = await original.call(this, options);
        perWorker.set(this, (perWorker.get(this) ?? 0) + report.sent);
        lost += report.lost;
        return report;
      };
      const workers: INestApplicationContext[] = [];
      try {
        for (let w = 0; w < 2; w++)
          workers.push(
            await NestFactory.createApplicationContext(WorkerAppModule.forRoot(config, quiet), {
              logger: false,
            }),
          );
        const deadline = Date.now() + 120_000;
        const sent = async () =>
          Number(
            (
              await raw<{ c: number }>(
                t,
                "SELECT COUNT(*) AS c FROM outbox_messages WHERE idempotency_key LIKE 'race:%' AND status = 'sent'",
              )
            )[0]!.c,
          );
        while ((await sent()) < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      } finally {
        await Promise.all(workers.map((w) => w.close()));
        OutboxWorker.prototype.drainOnce = original;
      }
      claimedBy = [...perWorker.values()];
      expect(claimedBy).toHaveLength(2);
      expect(claimedBy[0]! + claimedBy[1]!).toBe(count);
      expect(claimedBy.every((c) => c > 0)).toBe(true);
    } else {
      // SQLite: one connection whose transactions take turns, so each claim is exclusive; two drain loops
      // in one process interleave their claims and sends.
      const loop = async () => {
        let claimed = 0;
        for (let idle = 0; idle < 2;) {
          const r = await n.worker.drainOnce();
          claimed += r.claimed;
          lost += r.lost;
          idle = r.claimed ? 0 : idle + 1;
        }
        return claimed;
      };
      claimedBy = await Promise.all([loop(), loop()]);
      expect(claimedBy[0]! + claimedBy[1]!).toBe(count);
      expect(claimedBy.every((c) => c > 0)).toBe(true);
    }
    const elapsed = Date.now() - started;
    expect(lost).toBe(0);
    const perMessage = new Map<string, number>();
    for (const r of n.sms.requests)
      perMessage.set(r.body.reference, (perMessage.get(r.body.reference) ?? 0) + 1);
    expect(perMessage.size).toBe(count);
    expect([...perMessage.values()].every((c) => c === 1)).toBe(true);
    expect(n.sms.requests).toHaveLength(count);
    expect(new Set(ids)).toEqual(new Set(perMessage.keys()));
    const final = await raw<{ status: string; attempts: number; c: number }>(
      t,
      "SELECT status, attempts, COUNT(*) AS c FROM outbox_messages WHERE idempotency_key LIKE 'race:%' GROUP BY status, attempts",
    );
    expect(final.map((r) => ({ status: r.status, attempts: Number(r.attempts), c: Number(r.c) }))).toEqual([
      { status: 'sent', attempts: 1, c: count },
    ]);
    process.stdout.write(
      `[notifications] ${TEST_DB}: 2 workers sent ${count} messages once each in ${elapsed} ms${claimedBy.length ? ` (per worker ${claimedBy.join(' + ')})` : ''}\n`,
    );
  }, 180_000);

  it('on shutdown the worker finishes the message in hand and gives the rest of its claim back', async () => {
    const ids = await enqueue(
      gw.institution,
      Array.from({ length: 5 }, (_, i) => absence(i, 'shutdown')),
    );
    const runner = new NotificationsWorkerRunner(t.config, n.worker, t.app.get(NotificationsRetention));
    n.sms.delayNext(400);
    runner.onApplicationBootstrap();
    while (n.sms.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    await runner.beforeApplicationShutdown(); // what SIGTERM triggers (enableShutdownHooks)
    const after = await rows(ids);
    expect(n.sms.requests).toHaveLength(1);
    expect(after.filter((r) => r.status === 'sent')).toHaveLength(1);
    const released = after.filter((r) => r.status === 'pending');
    expect(released).toHaveLength(4);
    expect(released.every((r) => Number(r.attempts) === 0 && r.lease_token === null)).toBe(true);
    // The next worker sends the rest, once each.
    expect(await drainAll(n.worker)).toMatchObject({ sent: 4 });
    expect(new Set(n.sms.requests.map((r) => r.body.reference))).toEqual(new Set(ids));
  });

  it('holds messages to families during quiet hours until the window ends; account emails still go', async () => {
    const hhmm = (d: Date) =>
      new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Asia/Kolkata',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(d);
    const start = hhmm(new Date(Date.now() - 60 * 60_000));
    const end = hhmm(new Date(Date.now() + 60 * 60_000));
    const set = await t.request({
      method: 'PUT',
      url: '/api/v1/notifications/settings',
      headers: admin.auth,
      payload: { quietHours: { start, end }, defaultLanguage: 'en' },
    });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ quietHours: { start, end }, timeZone: 'Asia/Kolkata' });
    const [alert] = await enqueue(gw.institution, [{ ...absence(9, 'quiet'), purpose: 'absence_alerts' }]);
    const [reset] = await enqueue(gw.institution, [
      {
        channel: 'email',
        template: 'password_reset',
        recipient: 'someone@greenwood.test',
        variables: {
          name: 'Someone',
          link: 'http://localhost/reset-password?token=x',
          expiresInMinutes: 30,
          institution: 'Greenwood',
        },
        idempotencyKey: 'quiet-reset',
      },
    ]);
    expect(await drainAll(n.worker)).toMatchObject({ sent: 1, deferred: 1 });
    expect(await statusOf(t, reset!)).toBe('sent');
    const held = (
      await t.request({ url: `/api/v1/notifications/messages/${alert}`, headers: admin.auth })
    ).json<{
      status: string;
      attempts: number;
      nextAttemptAt: string;
      events: { event: string; detail: string }[];
    }>();
    expect(held).toMatchObject({ status: 'queued', attempts: 0 });
    const waitMinutes = (new Date(held.nextAttemptAt).getTime() - Date.now()) / 60_000;
    expect(waitMinutes).toBeGreaterThan(55);
    expect(waitMinutes).toBeLessThanOrEqual(61);
    expect(held.events.map((e) => e.event)).toEqual(['deferred']);
    expect(n.sms.requests).toEqual([]);
    // Once the window is over (here: quiet hours removed) it goes out.
    await t.request({
      method: 'PUT',
      url: '/api/v1/notifications/settings',
      headers: admin.auth,
      payload: { quietHours: null, defaultLanguage: 'en' },
    });
    expect(await drainAll(n.worker, new Date(held.nextAttemptAt))).toMatchObject({ sent: 1 });
    expect(await statusOf(t, alert!)).toBe('sent');
  });

  it('[PRV-04] deletes delivery records older than the retention period with their log; keeps newer and unsent ones', async () => {
    const [old, recent, oldQueued] = await enqueue(gw.institution, [
      absence(1, 'retention-old'),
      absence(2, 'retention-new'),
      absence(3, 'retention-queued'),
    ]);
    await drainAll(n.worker);
    await raw(t, "UPDATE outbox_messages SET status = 'pending' WHERE id = ?", [oldQueued]);
    const longAgo = new Date(Date.now() - 91 * 24 * 60 * 60_000)
      .toISOString()
      .replace('T', ' ')
      .replace('Z', '');
    await raw(t, 'UPDATE outbox_messages SET created_at = ? WHERE id IN (?, ?)', [longAgo, old, oldQueued]);
    expect(
      await raw(t, 'SELECT id FROM notification_message_events WHERE message_id = ?', [old]),
    ).toHaveLength(1);
    const report = await t.app.get(NotificationsRetention).purgeAll();
    expect(report).toEqual(
      expect.arrayContaining([
        { institution: 'greenwood', deleted: 1 },
        { institution: 'riverside', deleted: 0 },
      ]),
    );
    expect(await raw(t, 'SELECT id FROM outbox_messages WHERE id = ?', [old])).toEqual([]);
    expect(await raw(t, 'SELECT id FROM notification_message_events WHERE message_id = ?', [old])).toEqual(
      [],
    );
    expect(
      await raw(t, 'SELECT id FROM outbox_messages WHERE id IN (?, ?)', [recent, oldQueued]),
    ).toHaveLength(2);
    const audit = await t.request({
      url: '/api/v1/audit/events?action=notifications.retention_purge',
      headers: admin.auth,
    });
    expect(JSON.stringify(audit.json())).toContain('"deleted":1');
  });

  it('refuses to enable SMS without its DLT fields and key', async () => {
    await expect(
      t.context.runAsTenant(rs.institution.id, () =>
        t.app
          .get(ChannelSettingsService)
          .update('sms', { enabled: true, settings: {}, secrets: { apiKey: null } }),
      ),
    ).rejects.toMatchObject({ status: 422 });
  });

  it('runs the daily fee and privacy jobs in the worker process, which compose runs beside an API that does not', async () => {
    // As compose starts them: the API with WORKER_IN_PROCESS=false, and `node dist/worker.js`.
    expect(t.config.notifications.workerInProcess).toBe(false);
    expect(t.app.get(FeesScheduler).active).toBe(false);
    expect(t.app.get(PrivacyScheduler).active).toBe(false);
    const quiet = new Writable({ write: (_c, _e, done) => done() });
    const worker = await NestFactory.createApplicationContext(WorkerAppModule.forRoot(t.config, quiet), {
      logger: false,
    });
    try {
      expect(worker.get(FeesScheduler).active).toBe(true);
      expect(worker.get(PrivacyScheduler).active).toBe(true);
    } finally {
      await worker.close();
    }
  });
});
