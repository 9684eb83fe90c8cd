import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClsService } from 'nestjs-cls';
import { AuditNames } from '../src/modules/audit/audit-names';
import { AuditEventsRepository, AuditHeadsRepository } from '../src/modules/audit/audit.repository';
import { AuditService } from '../src/modules/audit/audit.service';
import { CurrentInstitution } from '../src/modules/institutions/current-institution';
import { APP_CONFIG } from '../src/platform/config/app-config';
import { Database } from '../src/platform/database/database';
import { RequestContext } from '../src/platform/tenancy/request-context';
import { TEST_DB, TestApp, bootTestApp } from './support/test-app';
import { StatementCounter } from './support/statements';

/**
 * Issue 18 item 2: an audit append is one INSERT linked to the head this process last wrote; the
 * database's trigger moves the chain head on in the same statement, only from the event's predecessor. A
 * stale guess (another process, a rolled-back transaction) is refused and falls back to reading the head
 * under its lock. The chain stays gapless and verifiable either way (AUD-03).
 */
describe(`audit chain appends on ${TEST_DB}`, () => {
  let t: TestApp;
  let tenant: string;
  let audit: AuditService;
  /** A second AuditService: another API process appending to the same chain. */
  let other: AuditService;
  const statements = new StatementCounter(/\b(outbox_messages|notification_\w+)\b/i);

  const seqs = async (): Promise<number[]> =>
    (
      await t.db.acrossTenants('test reads raw rows', () =>
        t.dataSource.query('SELECT seq FROM audit_events WHERE tenant_id = ? ORDER BY seq', [tenant]),
      )
    ).map((r: { seq: number | string }) => Number(r.seq));
  const verify = () => t.context.runAsTenant(tenant, () => audit.verify());
  const record = (service: AuditService, action: string) =>
    t.context.runAsTenant(tenant, () => service.record({ action }));

  beforeAll(async () => {
    t = await bootTestApp();
    tenant = (await t.given.institution('greenwood')).id;
    audit = t.app.get(AuditService);
    other = new AuditService(
      t.app.get(APP_CONFIG),
      t.app.get(Database),
      t.app.get(AuditEventsRepository),
      t.app.get(AuditHeadsRepository),
      t.app.get(RequestContext),
      t.app.get(ClsService),
      t.app.get(AuditNames),
      t.app.get(CurrentInstitution),
    );
    statements.install(t.dataSource);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('appends in one statement once this process knows the head', async () => {
    await record(audit, 'test.first'); // the first append here reads the head
    const [, sent] = await statements.count(() => record(audit, 'test.second'));
    const [, third] = await statements.count(() => record(audit, 'test.third'));
    const own = (s: string[]) =>
      s.filter((q) => !/^(BEGIN|COMMIT|START TRANSACTION|SAVEPOINT|RELEASE)/i.test(q));
    console.info(`[statements] audit append on ${TEST_DB}: ${own(sent).length} (+ transaction control)`);
    expect(own(sent)).toHaveLength(1);
    expect(own(third)).toHaveLength(1);
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('stays one gapless chain when another process appends in between', async () => {
    for (let i = 0; i < 3; i++) {
      await record(audit, `test.a${i}`);
      await record(other, `test.b${i}`); // moves the head past what `audit` remembers
      await record(other, `test.c${i}`);
    }
    await Promise.all(Array.from({ length: 6 }, (_, i) => record(i % 2 ? audit : other, `test.d${i}`)));
    const all = await seqs();
    expect(all).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('links the next event to the stored head after a rolled-back append', async () => {
    await expect(
      t.context.runAsTenant(tenant, () =>
        t.db.transaction(async () => {
          await audit.record({ action: 'test.rolled_back' });
          throw new Error('rule broken');
        }),
      ),
    ).rejects.toThrow('rule broken');
    await record(audit, 'test.after_rollback');
    const all = await seqs();
    expect(all).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
    expect(await verify()).toMatchObject({ ok: true });
  });
});
