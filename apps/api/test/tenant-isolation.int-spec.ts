import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Institution } from '../src/modules/institutions/entities/institution.entity';
import { OutboxRepository } from '../src/modules/notifications/outbox.repository';
import { OutboxService } from '../src/modules/notifications/outbox.service';
import { UsersRepository } from '../src/modules/users/users.repository';
import { TenantIsolationError } from '../src/platform/errors/domain-error';
import { TEST_DB, TestApp, bootTestApp, takeSqlGuardViolations } from './support/test-app';

/**
 * TEN-01..03 through the real repositories on a real database. Each case seeds both institutions with
 * look-alike rows, acts as one, and proves the other's rows are invisible and untouchable.
 */
describe(`tenant-scoped repository on ${TEST_DB}`, () => {
  let t: TestApp;
  let greenwood: Institution;
  let riverside: Institution;
  let users: UsersRepository;
  let gwAdmin: { id: string; email: string };
  let rsAdmin: { id: string; email: string };
  const asGreenwood = <T>(fn: () => Promise<T>) => t.context.runAsTenant(greenwood.id, fn);
  const asRiverside = <T>(fn: () => Promise<T>) => t.context.runAsTenant(riverside.id, fn);

  beforeAll(async () => {
    t = await bootTestApp();
    greenwood = await t.given.institution('greenwood');
    riverside = await t.given.institution('riverside');
    gwAdmin = await t.given.user(greenwood, 'admin@greenwood.test', ['school_admin']);
    rsAdmin = await t.given.user(riverside, 'admin@riverside.test', ['school_admin']);
    await t.given.user(riverside, 'shared@example.test');
    await t.given.user(greenwood, 'shared@example.test');
    users = t.app.get(UsersRepository);
  });
  afterEach(() => {
    expect(takeSqlGuardViolations()).toEqual([]);
  });
  afterAll(async () => {
    await t.close();
  });

  it('[TEN-03] reads only the current tenant rows', async () => {
    const emails = await asGreenwood(async () => (await users.listByEmail()).map((u) => u.email));
    expect(emails).toEqual(['admin@greenwood.test', 'shared@example.test']);
    expect(await asGreenwood(() => users.countAll())).toBe(2);
  });

  it('[TEN-03] answers another tenant record by id as not found', async () => {
    expect(await asGreenwood(() => users.findById(rsAdmin.id))).toBeNull();
    expect(await asRiverside(() => users.findById(rsAdmin.id))).toMatchObject({
      email: 'admin@riverside.test',
    });
  });

  it('[TEN-03] finds the same email in each tenant as that tenant own user', async () => {
    const gw = await asGreenwood(() => users.findByEmail('shared@example.test'));
    const rs = await asRiverside(() => users.findByEmail('shared@example.test'));
    expect(gw?.tenantId).toBe(greenwood.id);
    expect(rs?.tenantId).toBe(riverside.id);
    expect(gw?.id).not.toBe(rs?.id);
  });

  it('[TEN-03] cannot update another tenant row', async () => {
    expect(await asGreenwood(() => users.rename(rsAdmin.id, 'Hijacked'))).toBe(0);
    expect((await asRiverside(() => users.findById(rsAdmin.id)))?.displayName).not.toBe('Hijacked');
    expect(await asRiverside(() => users.rename(rsAdmin.id, 'Riverside Admin'))).toBe(1);
  });

  it('[TEN-03] cannot delete another tenant row', async () => {
    const victim = await t.given.user(riverside, 'victim@riverside.test');
    expect(await asGreenwood(() => users.remove(victim.id))).toBe(0);
    expect(await asRiverside(() => users.findById(victim.id))).not.toBeNull();
    expect(await asRiverside(() => users.remove(victim.id))).toBe(1);
  });

  it('[TEN-03] stamps the context tenant on every insert', async () => {
    const created = await t.given.user(greenwood, 'new@greenwood.test');
    const rows: { tenant_id: string }[] = await t.db.acrossTenants('test reads the raw row', () =>
      t.dataSource.query('SELECT tenant_id FROM users WHERE id = ?', [created.id]),
    );
    expect(rows).toEqual([{ tenant_id: greenwood.id }]);
  });

  it('[TEN-01] refuses a caller-supplied tenant id in a where, an insert or an update', async () => {
    type Exposed = {
      findOneBy(w: object): Promise<unknown>;
      insert(r: object): Promise<unknown>;
      update(w: object, p: object): Promise<unknown>;
    };
    const raw = users as unknown as Exposed;
    await expect(
      asGreenwood(() => raw.findOneBy({ tenantId: riverside.id, id: rsAdmin.id })),
    ).rejects.toThrow(TenantIsolationError);
    await expect(
      asGreenwood(() =>
        raw.insert({
          tenantId: riverside.id,
          id: 'x',
          email: 'x@y.z',
          displayName: 'x',
          passwordHash: null,
          status: 'active',
        }),
      ),
    ).rejects.toThrow(TenantIsolationError);
    await expect(
      asGreenwood(() => raw.update({ id: gwAdmin.id }, { tenantId: riverside.id })),
    ).rejects.toThrow(TenantIsolationError);
    expect(await asGreenwood(() => users.findById(gwAdmin.id))).toMatchObject({ tenantId: greenwood.id });
  });

  it('[TEN-01] throws when tenant data is read with no tenant in context', async () => {
    await expect(users.findById(gwAdmin.id)).rejects.toThrow(TenantIsolationError);
    await expect(t.context.runWithoutTenant(() => users.listByEmail())).rejects.toThrow(
      /No tenant in the request context/,
    );
  });

  it('[TEN-01] refuses to run with an empty tenant id', async () => {
    await expect(t.context.runAsTenant('', () => users.listByEmail())).rejects.toThrow(TenantIsolationError);
  });

  it('[TEN-02] the database refuses a row that points at another tenant row', async () => {
    const gwRole: { id: string }[] = await t.db.acrossTenants('test', () =>
      t.dataSource.query("SELECT id FROM roles WHERE tenant_id = ? AND role_key = 'teacher'", [greenwood.id]),
    );
    // A Riverside user given a Greenwood role: the composite (tenant_id, role_id) key has no match.
    await expect(
      t.db.acrossTenants('test writes a forged row', () =>
        t.dataSource.query('INSERT INTO user_roles (tenant_id, user_id, role_id) VALUES (?, ?, ?)', [
          riverside.id,
          rsAdmin.id,
          gwRole[0]!.id,
        ]),
      ),
    ).rejects.toThrow(/FOREIGN KEY|foreign key constraint/i);
  });
});

describe(`transactional outbox on ${TEST_DB}`, () => {
  let t: TestApp;
  let school: Institution;
  let other: Institution;
  let outbox: OutboxService;
  let outboxRows: OutboxRepository;
  beforeAll(async () => {
    t = await bootTestApp();
    school = await t.given.institution('greenwood');
    other = await t.given.institution('riverside');
    outbox = t.app.get(OutboxService);
    outboxRows = t.app.get(OutboxRepository);
  });
  afterAll(async () => {
    await t.close();
  });

  const message = (key: string) => ({
    channel: 'sms' as const,
    template: 'absence_alert',
    recipient: '+919800000001',
    variables: { student: 'Asha', date: '2026-11-20' },
    idempotencyKey: key,
  });

  it('enqueues a message once per idempotency key', async () => {
    const first = await t.context.runAsTenant(school.id, () =>
      outbox.enqueue(message('absence:s1:2026-11-20:g1')),
    );
    const again = await t.context.runAsTenant(school.id, () =>
      outbox.enqueue(message('absence:s1:2026-11-20:g1')),
    );
    expect(first.created).toBe(true);
    expect(again).toMatchObject({
      created: false,
      message: { id: first.message.id, status: 'pending', attempts: 0 },
    });
  });

  it('keeps idempotency keys per institution', async () => {
    const a = await t.context.runAsTenant(school.id, () => outbox.enqueue(message('same-key')));
    const b = await t.context.runAsTenant(other.id, () => outbox.enqueue(message('same-key')));
    expect(a.created && b.created).toBe(true);
    expect(a.message.id).not.toBe(b.message.id);
  });

  it('writes the message only when the business transaction commits', async () => {
    await expect(
      t.context.runAsTenant(school.id, () =>
        t.db.transaction(async () => {
          await outbox.enqueue(message('rolled-back'));
          throw new Error('business rule failed after enqueue');
        }),
      ),
    ).rejects.toThrow('business rule failed');
    await t.context.runAsTenant(school.id, () =>
      t.db.transaction(() => outbox.enqueue(message('committed'))),
    );
    const keys = await t.context.runAsTenant(school.id, async () =>
      (await outboxRows.listNewestFirst(50)).map((m) => m.idempotencyKey),
    );
    expect(keys).toContain('committed');
    expect(keys).not.toContain('rolled-back');
  });

  it('rejects a message that names no recipient or an unknown channel', async () => {
    await expect(
      t.context.runAsTenant(school.id, () =>
        outbox.enqueue({ ...message('bad'), recipient: '', channel: 'pigeon' as 'sms' }),
      ),
    ).rejects.toMatchObject({
      status: 400,
      details: expect.arrayContaining([
        expect.objectContaining({ field: 'recipient' }),
        expect.objectContaining({ field: 'channel' }),
      ]),
    });
  });
});
