import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditService } from '../src/modules/audit/audit.service';
import type { Institution } from '../src/modules/institutions/entities/institution.entity';
import { Account, account, signIn } from './support/accounts';
import { TEST_DB, TestApp, bootTestApp } from './support/test-app';

const TRIGGERS = {
  sqlite: [
    "CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END",
    "CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END",
  ],
  mysql: [
    "CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_events is append-only'",
    "CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_events is append-only'",
  ],
};

describe(`audit log on ${TEST_DB}`, () => {
  let t: TestApp;
  let greenwood: Institution;
  let riverside: Institution;
  let gwAdmin: Account;
  let rsAdmin: Account;
  let teacher: Account;
  /** Admins sign in once: each TOTP code is good once, and a 30 s window holds only three usable steps. */
  let gw: { auth: Record<string, string> };
  let rs: { auth: Record<string, string> };

  beforeAll(async () => {
    t = await bootTestApp();
    greenwood = await t.given.institution('greenwood');
    riverside = await t.given.institution('riverside');
    gwAdmin = await account(t, greenwood, 'admin@greenwood.test', ['school_admin'], true);
    rsAdmin = await account(t, riverside, 'admin@riverside.test', ['school_admin'], true);
    teacher = await account(t, greenwood, 'teacher@greenwood.test', ['teacher']);
    gw = await signIn(t, gwAdmin, '10.20.9.1', -1);
    rs = await signIn(t, rsAdmin, '10.20.9.2', -1);
  });
  afterAll(async () => {
    await t.close();
  });

  /** Runs raw SQL as an operator with database access would, outside the app's rules. */
  const raw = (sql: string, params: unknown[] = []) =>
    t.db.acrossTenants('test tampers with the database', () => t.dataSource.query(sql, params));

  /** Simulates someone with direct database access: drops the triggers, runs `sql`, puts them back. */
  async function tamper(sql: string, params: unknown[]): Promise<void> {
    await raw('DROP TRIGGER audit_events_no_update');
    await raw('DROP TRIGGER audit_events_no_delete');
    try {
      await raw(sql, params);
    } finally {
      for (const statement of TRIGGERS[TEST_DB]) await raw(statement);
    }
  }

  it('[AUD-01] records sign-ins, failed sign-ins and logouts with actor, time, ip and request id', async () => {
    await t.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { institution: 'greenwood', email: teacher.email, password: 'wrong-password-99' },
      remoteAddress: '10.20.0.7',
    });
    const s = await signIn(t, teacher, '10.20.0.8');
    await t.request({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: s.auth,
      remoteAddress: '10.20.0.8',
    });
    const admin = gw;
    const res = await t.request({ url: '/api/v1/audit/events?action=auth.*&limit=200', headers: admin.auth });
    const events = res.json<{
      items: {
        action: string;
        outcome: string;
        ip: string;
        requestId: string;
        actorUserId: string | null;
        occurredAt: string;
      }[];
    }>().items;
    const failed = events.find((e) => e.action === 'auth.login' && e.outcome === 'failure');
    expect(failed).toMatchObject({ ip: '10.20.0.7', actorUserId: null, requestId: expect.any(String) });
    expect(
      events.find((e) => e.action === 'auth.login' && e.outcome === 'success' && e.ip === '10.20.0.8'),
    ).toMatchObject({ actorUserId: teacher.id });
    expect(events.find((e) => e.action === 'auth.logout')).toMatchObject({
      actorUserId: teacher.id,
      ip: '10.20.0.8',
    });
    expect(new Date(events[0]!.occurredAt).toISOString()).toBe(events[0]!.occurredAt);
  });

  it('[AUD-01] records role changes with what changed, and redacts secrets in details', async () => {
    const audit = t.app.get(AuditService);
    await t.context.runAsTenant(greenwood.id, () =>
      audit.record({
        action: 'test.secret',
        details: { password: 'hunter2', nested: { token: 'abc' }, name: 'ok' },
      }),
    );
    const admin = gw;
    const roles = (await t.request({ url: '/api/v1/roles', headers: admin.auth })).json<{
      items: { id: string; key: string; permissions: string[] }[];
    }>().items;
    const teacherRole = roles.find((r) => r.key === 'teacher')!;
    await t.request({
      method: 'PUT',
      url: `/api/v1/roles/${teacherRole.id}/permissions`,
      headers: admin.auth,
      payload: { permissions: [...teacherRole.permissions, 'fees.read'] },
    });
    const events = (
      await t.request({ url: '/api/v1/audit/events?action=roles.permissions_changed', headers: admin.auth })
    ).json<{ items: { details: unknown }[] }>().items;
    expect(events[0]!.details).toEqual({ role: 'teacher', added: ['fees.read'], removed: [] });
    const secret = (
      await t.request({ url: '/api/v1/audit/events?action=test.secret', headers: admin.auth })
    ).json<{ items: { details: unknown }[] }>().items;
    expect(secret[0]!.details).toEqual({
      password: '[redacted]',
      nested: { token: '[redacted]' },
      name: 'ok',
    });
  });

  it('[AUD-02] the database refuses UPDATE and DELETE of audit rows', async () => {
    await expect(
      raw('UPDATE audit_events SET action = ? WHERE tenant_id = ? AND seq = 1', ['forged', greenwood.id]),
    ).rejects.toThrow(/append-only/);
    await expect(
      raw('DELETE FROM audit_events WHERE tenant_id = ? AND seq = 1', [greenwood.id]),
    ).rejects.toThrow(/append-only/);
  });

  it('[AUD-04] pages newest first with a cursor and filters by actor and outcome', async () => {
    const admin = gw;
    const first = (await t.request({ url: '/api/v1/audit/events?limit=3', headers: admin.auth })).json<{
      items: { seq: number }[];
      nextCursor: string;
    }>();
    expect(first.items).toHaveLength(3);
    expect(first.items[0]!.seq).toBeGreaterThan(first.items[2]!.seq);
    const second = (
      await t.request({ url: `/api/v1/audit/events?limit=3&cursor=${first.nextCursor}`, headers: admin.auth })
    ).json<{ items: { seq: number }[] }>();
    expect(second.items[0]!.seq).toBe(first.items[2]!.seq - 1);
    const failures = (
      await t.request({ url: '/api/v1/audit/events?outcome=failure', headers: admin.auth })
    ).json<{ items: { outcome: string }[] }>();
    expect(failures.items.length).toBeGreaterThan(0);
    expect(failures.items.every((e) => e.outcome === 'failure')).toBe(true);
    const bad = await t.request({
      url: '/api/v1/audit/events?limit=500&from=yesterday',
      headers: admin.auth,
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json<{ error: { details: { field: string }[] } }>()
        .error.details.map((d) => d.field)
        .sort(),
    ).toEqual(['from', 'limit']);
  });

  it('[AUD-04] exports the log as CSV and as JSON, streamed, with formulas neutralised', async () => {
    const audit = t.app.get(AuditService);
    await t.context.runAsTenant(greenwood.id, () =>
      audit.record({ action: 'test.formula', targetType: 'student', targetId: '=cmd|calc' }),
    );
    const admin = gw;
    const csv = await t.request({ url: '/api/v1/audit/export?format=csv', headers: admin.auth });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe(
      'seq,localTime,timeZone,summary,actorName,action,outcome,targetType,targetName,id,occurredAt,actorUserId,targetId,ip,userAgent,requestId,details,prevHash,hash',
    );
    expect(csv.body).toContain("'=cmd|calc");
    const json = await t.request({
      url: '/api/v1/audit/export?format=json&action=auth.login',
      headers: admin.auth,
    });
    const rows = json.json<{ action: string; seq: number }[]>();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.action === 'auth.login')).toBe(true);
    expect(rows.map((r) => r.seq)).toEqual([...rows.map((r) => r.seq)].sort((a, b) => a - b));
  });

  it('[TEN-04] a riverside admin sees none of greenwood events', async () => {
    const admin = rs;
    const items = (await t.request({ url: '/api/v1/audit/events?limit=200', headers: admin.auth })).json<{
      items: { actorUserId: string | null; targetId: string | null }[];
    }>().items;
    expect(items.length).toBeGreaterThan(0);
    const greenwoodIds = [gwAdmin.id, teacher.id];
    expect(
      items.some(
        (e) => greenwoodIds.includes(e.actorUserId ?? '') || greenwoodIds.includes(e.targetId ?? ''),
      ),
    ).toBe(false);
    const exported = (await t.request({ url: '/api/v1/audit/export?format=json', headers: admin.auth })).json<
      { actorUserId: string }[]
    >();
    expect(exported.some((e) => greenwoodIds.includes(e.actorUserId))).toBe(false);
  });

  it('[AZ-02] a teacher cannot read the audit log', async () => {
    const s = await signIn(t, teacher, '10.20.5.1');
    expect((await t.request({ url: '/api/v1/audit/events', headers: s.auth })).statusCode).toBe(403);
    expect((await t.request({ url: '/api/v1/audit/verify', headers: s.auth })).statusCode).toBe(403);
  });

  describe('[AUD-03] tamper evidence', () => {
    const verify = () => t.context.runAsTenant(greenwood.id, () => t.app.get(AuditService).verify());

    it('verifies an untouched chain', async () => {
      const result = await verify();
      expect(result).toMatchObject({ ok: true });
      expect(result.checked).toBeGreaterThan(5);
    });

    it('names the seq of an edited row', async () => {
      await tamper('UPDATE audit_events SET outcome = ? WHERE tenant_id = ? AND seq = 3', [
        'success',
        greenwood.id,
      ]);
      await tamper('UPDATE audit_events SET details = \'{"x":1}\' WHERE tenant_id = ? AND seq = 3', [
        greenwood.id,
      ]);
      expect(await verify()).toMatchObject({ ok: false, firstBrokenSeq: 3, reason: 'event 3 was altered' });
    });

    it('still answers over HTTP, naming the broken seq', async () => {
      const admin = gw;
      const res = await t.request({ url: '/api/v1/audit/verify', headers: admin.auth });
      expect(res.json()).toMatchObject({ ok: false, firstBrokenSeq: 3 });
    });

    it('names a deleted row', async () => {
      const other = () => t.context.runAsTenant(riverside.id, () => t.app.get(AuditService).verify());
      expect(await other()).toMatchObject({ ok: true });
      await tamper('DELETE FROM audit_events WHERE tenant_id = ? AND seq = 2', [riverside.id]);
      expect(await other()).toMatchObject({ ok: false, firstBrokenSeq: 2, reason: 'event 2 is missing' });
    });

    it('detects a truncated tail through the signed head', async () => {
      const fresh = await t.given.institution('lakeside');
      const audit = t.app.get(AuditService);
      await t.context.runAsTenant(fresh.id, async () => {
        for (let i = 0; i < 5; i++) await audit.record({ action: 'test.event', details: { i } });
      });
      const check = () => t.context.runAsTenant(fresh.id, () => audit.verify());
      const before = await check();
      expect(before.ok).toBe(true);
      const last = (before as { lastSeq: number }).lastSeq;
      await tamper('DELETE FROM audit_events WHERE tenant_id = ? AND seq >= ?', [fresh.id, last - 1]);
      expect(await check()).toMatchObject({
        ok: false,
        firstBrokenSeq: last - 1,
        reason: expect.stringMatching(/truncated/),
      });
      // Rewinding the head to the new tail does not help: its MAC no longer matches.
      const kept: { hash: string }[] = await raw(
        'SELECT hash FROM audit_events WHERE tenant_id = ? AND seq = ?',
        [fresh.id, last - 2],
      );
      await raw('UPDATE audit_chain_heads SET last_seq = ?, last_hash = ? WHERE tenant_id = ?', [
        last - 2,
        kept[0]!.hash,
        fresh.id,
      ]);
      expect(await check()).toMatchObject({ ok: false, reason: 'the chain head was altered' });
    });

    it('rolls an audit event back with the business transaction that failed', async () => {
      const audit = t.app.get(AuditService);
      await expect(
        t.context.runAsTenant(riverside.id, () =>
          t.db.transaction(async () => {
            await audit.record({ action: 'test.rolled_back' });
            throw new Error('rule broken');
          }),
        ),
      ).rejects.toThrow('rule broken');
      const rows: unknown[] = await raw(
        "SELECT seq FROM audit_events WHERE tenant_id = ? AND action = 'test.rolled_back'",
        [riverside.id],
      );
      expect(rows).toEqual([]);
    });
  });
});
