import { DefaultRole, type RetentionPolicyView, type RetentionRunView } from '@shala/contracts';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxService } from '../src/modules/notifications/outbox.service';
import type { Institution } from '../src/modules/institutions/entities/institution.entity';
import { RETENTION_BATCH, RetentionJob } from '../src/modules/privacy/retention/retention-job';
import { sqlTimestamp } from '../src/platform/database/transformers';
import { Signed, account, signIn } from './support/accounts';
import { raw } from './support/fake-providers-harness';
import { School, givenSchool } from './support/school';
import { TEST_DB, TestApp, bootTestApp, takeSqlGuardViolations } from './support/test-app';

const DAY_MS = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);

describe(`privacy: retention policy and its job (${TEST_DB})`, () => {
  let t: TestApp;
  let gw: School;
  let rs: School;
  let admin: Signed;
  let rsAdmin: Signed;
  let teacher: Signed;
  /** Rows the test planted, by school and name. */
  const planted: Record<string, string[]> = {};

  const call = (a: Signed, method: 'GET' | 'PUT', url: string, payload?: object) =>
    t.request({ method, url, headers: a.auth, ...(payload ? { payload } : {}) });
  const ts = (at: Date) => sqlTimestamp(at, t.db.dialect);
  const job = () => t.app.get(RetentionJob);
  const asSchool = <T>(s: School, fn: () => Promise<T>) => t.context.runAsTenant(s.institution.id, fn);

  /** Ended sessions of `userId` (expired `endedDaysAgo` days ago), one statement; their ids. */
  async function plantSessions(
    institution: Institution,
    userId: string,
    count: number,
    endedDaysAgo: number,
    how: 'expired' | 'revoked' = 'expired',
  ): Promise<string[]> {
    const ids = Array.from({ length: count }, () => uuidv7());
    const ended = ts(daysAgo(endedDaysAgo));
    const future = ts(daysAgo(-30));
    const rows = ids.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
    const params = ids.flatMap((id) => [
      institution.id,
      id,
      userId,
      ts(daysAgo(endedDaysAgo + 1)),
      ended,
      how === 'expired' ? ended : future,
      how === 'revoked' ? ended : null,
      '10.0.0.9',
      'retention-test',
    ]);
    await raw(
      t,
      `INSERT INTO sessions (tenant_id, id, user_id, created_at, last_used_at, expires_at, revoked_at, ip, user_agent) VALUES ${rows}`,
      params,
    );
    return ids;
  }

  /** A message of the school, finished (`sent`) or still `pending`, created `createdDaysAgo` days ago. */
  async function plantMessage(s: School, key: string, createdDaysAgo: number, status = 'sent') {
    const id = await asSchool(s, () =>
      t.db.transaction(
        async () =>
          (
            await t.app.get(OutboxService).enqueue({
              channel: 'email',
              template: 'privacy_requests_due',
              recipient: `office@${s.institution.slug}.test`,
              variables: { count: 1, overdue: 0, school: s.institution.name },
              idempotencyKey: `retention-test:${key}`,
            })
          ).message.id,
      ),
    );
    await raw(t, 'UPDATE outbox_messages SET status = ?, created_at = ? WHERE id = ?', [
      status,
      ts(daysAgo(createdDaysAgo)),
      id,
    ]);
    await raw(
      t,
      'INSERT INTO notification_message_events (tenant_id, id, message_id, event, occurred_at) VALUES (?, ?, ?, ?, ?)',
      [s.institution.id, uuidv7(), id, 'sent', ts(daysAgo(createdDaysAgo))],
    );
    return id;
  }

  const present = async (table: string, ids: string[]) =>
    ids.length === 0
      ? 0
      : (
          await raw<{ n: number | string }>(
            t,
            `SELECT COUNT(*) AS n FROM ${table} WHERE id IN (${ids.map(() => '?').join(', ')})`,
            ids,
          )
        ).map((r) => Number(r.n))[0]!;

  beforeAll(async () => {
    t = await bootTestApp();
    gw = await givenSchool(t, await t.given.institution('greenwood'), 1, 1);
    rs = await givenSchool(t, await t.given.institution('riverside'), 2, 1);
    admin = await signIn(t, gw.admin, '10.72.0.1', -1);
    rsAdmin = await signIn(t, rs.admin, '10.72.0.2', -1);
    teacher = await signIn(t, gw.teacher, '10.72.0.3');
    const other = await account(t, gw.institution, 'office@greenwood.test', [DefaultRole.Teacher]);

    // greenwood will keep logs 400 days and delivery records 60 days
    planted.gwOldSessions = [
      // more than one batch, so the job has to come back for the rest
      ...(await plantSessions(gw.institution, other.id, RETENTION_BATCH + 3, 401)),
      ...(await plantSessions(gw.institution, gw.admin.id, 2, 450, 'revoked')),
    ];
    planted.gwNewSessions = await plantSessions(gw.institution, other.id, 2, 399);
    planted.gwOldMessages = [await plantMessage(gw, 'gw-old', 61)];
    planted.gwKeptMessages = [
      await plantMessage(gw, 'gw-new', 59),
      await plantMessage(gw, 'gw-old-pending', 61, 'pending'),
    ];
    // a refresh token of an old session goes with it
    planted.gwOldTokens = [uuidv7()];
    await raw(
      t,
      'INSERT INTO refresh_tokens (tenant_id, id, session_id, token_hash, created_at) VALUES (?, ?, ?, ?, ?)',
      [gw.institution.id, planted.gwOldTokens[0], planted.gwOldSessions[0], 'f'.repeat(64), ts(daysAgo(402))],
    );
    // riverside: rows greenwood's policy would delete, but riverside is never run here
    planted.rsSessions = await plantSessions(rs.institution, rs.admin.id, 3, 1000);
    planted.rsMessages = [await plantMessage(rs, 'rs-old', 500)];
  });

  afterAll(async () => {
    expect(takeSqlGuardViolations()).toEqual([]);
    await t?.close();
  });

  it('[PRV-04] shows the installation defaults until the school sets its own', async () => {
    const res = await call(admin, 'GET', '/api/v1/privacy/retention');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<RetentionPolicyView>()).toMatchObject({
      processingLogDays: null,
      deliveryRecordDays: null,
      defaults: { processingLogDays: 365, deliveryRecordDays: 90 },
      effective: { processingLogDays: 365, deliveryRecordDays: 90 },
      bounds: { processingLogDays: { min: 365 } },
      auditEventDays: null,
      archiveDays: 7,
      updatedAt: null,
    });
  });

  it('[PRV-04] refuses logs of processing kept less than one year with 400 naming the field', async () => {
    const res = await call(admin, 'PUT', '/api/v1/privacy/retention', {
      processingLogDays: 364,
      deliveryRecordDays: 60,
    });
    expect(res.statusCode, res.body).toBe(400);
    const error = res.json<{ error: { message: string; details: { field: string; message: string }[] } }>()
      .error;
    expect(error.details).toEqual([expect.objectContaining({ field: 'processingLogDays', min: 365 })]);
    expect(error.details[0]!.message).toMatch(/at least 365 days \(one year, DPDP Rules 2025\)/);
    // nothing was saved
    expect((await call(admin, 'GET', '/api/v1/privacy/retention')).json<RetentionPolicyView>()).toMatchObject(
      { processingLogDays: null, deliveryRecordDays: null },
    );
  });

  it('refuses delivery records outside their bounds and a body without the fields', async () => {
    const short = await call(admin, 'PUT', '/api/v1/privacy/retention', {
      processingLogDays: null,
      deliveryRecordDays: 29,
    });
    expect(short.statusCode, short.body).toBe(400);
    expect(JSON.stringify(short.json())).toContain('deliveryRecordDays');
    const empty = await call(admin, 'PUT', '/api/v1/privacy/retention', {});
    expect(empty.statusCode, empty.body).toBe(400);
    const fractional = await call(admin, 'PUT', '/api/v1/privacy/retention', {
      processingLogDays: 400.5,
      deliveryRecordDays: null,
    });
    expect(fractional.statusCode, fractional.body).toBe(400);
  });

  it('saves the school\u2019s periods (audited); a teacher may not', async () => {
    expect(
      (
        await call(teacher, 'PUT', '/api/v1/privacy/retention', {
          processingLogDays: 400,
          deliveryRecordDays: 60,
        })
      ).statusCode,
    ).toBe(403);
    const res = await call(admin, 'PUT', '/api/v1/privacy/retention', {
      processingLogDays: 400,
      deliveryRecordDays: 60,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<RetentionPolicyView>()).toMatchObject({
      processingLogDays: 400,
      deliveryRecordDays: 60,
      effective: { processingLogDays: 400, deliveryRecordDays: 60 },
    });
    const audit = await t.request({
      url: '/api/v1/audit/events?action=privacy.retention.update',
      headers: admin.auth,
    });
    expect(audit.json<{ items: unknown[] }>().items).toHaveLength(1);
    // riverside still follows the defaults
    expect(
      (await call(rsAdmin, 'GET', '/api/v1/privacy/retention')).json<RetentionPolicyView>().effective,
    ).toEqual({ processingLogDays: 365, deliveryRecordDays: 90 });
  });

  it('[PRV-04] deletes what is older than the school\u2019s periods in batches, keeps newer and unsent rows, and reports the counts', async () => {
    const before = {
      sessions: await present('sessions', planted.gwOldSessions!),
      messages: await present('outbox_messages', planted.gwOldMessages!),
    };
    expect(before).toEqual({ sessions: RETENTION_BATCH + 5, messages: 1 });

    const run = await asSchool(gw, () => job().apply());

    const after = {
      sessions: await present('sessions', planted.gwOldSessions!),
      messages: await present('outbox_messages', planted.gwOldMessages!),
    };
    expect(after).toEqual({ sessions: 0, messages: 0 });
    expect(run).toMatchObject({
      status: 'done',
      processingLogDays: 400,
      deliveryRecordDays: 60,
      deleted: { processingLogs: before.sessions, deliveryRecords: before.messages },
    });
    expect(await present('refresh_tokens', planted.gwOldTokens!)).toBe(0);
    const events = await raw(t, 'SELECT id FROM notification_message_events WHERE message_id = ?', [
      planted.gwOldMessages![0],
    ]);
    expect(events).toEqual([]);
    // newer rows, unsent messages and the live sessions of this test's sign-ins stay
    expect(await present('sessions', planted.gwNewSessions!)).toBe(2);
    expect(await present('outbox_messages', planted.gwKeptMessages!)).toBe(2);
    expect((await call(admin, 'GET', '/api/v1/privacy/retention')).statusCode).toBe(200);
  });

  it('[PRV-04] a second pass deletes nothing more, and the daily run happens once a day', async () => {
    const second = await asSchool(gw, () => job().apply());
    expect(second.deleted).toEqual({ processingLogs: 0, deliveryRecords: 0 });
    expect(await asSchool(gw, () => job().runDaily())).toEqual({ ran: false, reason: 'already_ran' });
    expect(await present('sessions', planted.gwNewSessions!)).toBe(2);
  });

  it('[TEN] leaves another school\u2019s rows and reports alone', async () => {
    expect(await present('sessions', planted.rsSessions!)).toBe(3);
    expect(await present('outbox_messages', planted.rsMessages!)).toBe(1);
    const rsRuns = await call(rsAdmin, 'GET', '/api/v1/privacy/retention/runs');
    expect(rsRuns.statusCode, rsRuns.body).toBe(200);
    expect(rsRuns.json<{ items: RetentionRunView[] }>().items).toEqual([]);
  });

  it('[PRV-04] admins read the run reports newest first; the runs are audited and the audit chain still verifies', async () => {
    const res = await call(admin, 'GET', '/api/v1/privacy/retention/runs');
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json<{ items: RetentionRunView[] }>().items;
    expect(items).toHaveLength(2);
    expect(items[0]!.deleted).toEqual({ processingLogs: 0, deliveryRecords: 0 });
    expect(items[1]!.deleted).toEqual({ processingLogs: RETENTION_BATCH + 5, deliveryRecords: 1 });
    expect(items.every((r) => r.status === 'done' && r.finishedAt !== null)).toBe(true);
    const audit = await t.request({
      url: '/api/v1/audit/events?action=privacy.retention.run',
      headers: admin.auth,
    });
    expect(audit.json<{ items: { details: unknown }[] }>().items).toEqual([
      expect.objectContaining({
        details: expect.objectContaining({ processingLogs: RETENTION_BATCH + 5, deliveryRecords: 1 }),
      }),
    ]);
    const verify = await t.request({ url: '/api/v1/audit/verify', headers: admin.auth });
    expect(verify.statusCode, verify.body).toBe(200);
    expect(verify.json<{ ok: boolean }>().ok).toBe(true);
    expect((await call(teacher, 'GET', '/api/v1/privacy/retention/runs')).statusCode).toBe(403);
  });

  it('[PRV-04] the other school\u2019s own run applies its default periods to its own rows only', async () => {
    const run = await asSchool(rs, () => job().apply());
    expect(run.deleted).toEqual({ processingLogs: 3, deliveryRecords: 1 });
    expect(await present('sessions', planted.gwNewSessions!)).toBe(2);
    expect(await present('outbox_messages', planted.gwKeptMessages!)).toBe(2);
  });
});
