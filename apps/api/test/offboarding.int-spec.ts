import type { DeletionCertificateView, OffboardingView } from '@shala/contracts';
import { unzipSync } from 'fflate';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InstitutionsService } from '../src/modules/institutions/institutions.service';
import { OffboardingService } from '../src/modules/provisioning/offboarding/offboarding.service';
import { ExportDecryptionError, openExport } from '../src/modules/provisioning/offboarding/export-container';
import { OffboardingPurgeJob } from '../src/modules/provisioning/offboarding/offboarding-purge.job';
import { StudentDirectory } from '../src/modules/students/student-directory';
import { DecryptionError, FieldCrypto } from '../src/platform/security/field-crypto';
import { Clock } from '../src/platform/time/clock';
import { admissionNo } from '../src/seed/school-data';
import { Signed, account, refreshCookieOf, signIn } from './support/accounts';
import { School, givenPlatform, givenSchool } from './support/school';
import { seedDemo } from './support/demo';
import { TEST_DB, TestApp, bootTestApp } from './support/test-app';

const DAY_MS = 24 * 60 * 60 * 1000;
const PASSPHRASE = 'correct horse battery staple 42';
const NATIONAL_ID = 'OFFB 4821 7730';
const PROBE_TABLE = 'zz_offboarding_probe';
const SCRIPT = resolve(__dirname, '../../../scripts/decrypt-export.mjs');
const run = promisify(execFile);

type Files = Record<string, Buffer>;
interface Manifest {
  institution: { id: string; slug: string; name: string };
  tables: Record<string, { rows: number; files: Record<string, { bytes: number; sha256: string }> }>;
}

describe(`offboarding: terminate, export, purge (${TEST_DB})`, () => {
  let t: TestApp;
  let gw: School;
  let rs: School;
  let operator: Signed;
  let gwAdmin: Signed;
  let gwTeacher: Signed;
  let rsAdmin: Signed;
  let platformId: string;
  let studentId: string;
  let exportFile: Buffer;
  let files: Files;
  const clock = () => t.app.get(Clock);
  const base = (id: string) => `/api/v1/platform/institutions/${id}/offboarding`;
  const call = (a: Signed, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.request({ method, url, headers: a.auth, ...(payload ? { payload } : {}) });
  const q = <T>(sql: string, params: unknown[] = []) => t.dataSource.query(sql, params) as Promise<T>;

  /** Every table of the live database with a tenant_id column (the catalog, not any list in the code). */
  async function tenantTables(): Promise<string[]> {
    const rows = await q<{ t: string }[]>(
      TEST_DB === 'sqlite'
        ? "SELECT m.name AS t FROM sqlite_master m WHERE m.type = 'table' AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) p WHERE p.name = 'tenant_id') ORDER BY m.name"
        : "SELECT TABLE_NAME AS t FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND COLUMN_NAME = 'tenant_id' ORDER BY TABLE_NAME",
    );
    return rows.map((r) => String(r.t));
  }

  async function countsOf(tenantId: string): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const table of await tenantTables()) {
      const [row] = await q<{ n: number | string }[]>(
        `SELECT COUNT(*) AS n FROM ${table} WHERE tenant_id = ?`,
        [tenantId],
      );
      out[table] = Number(row!.n);
    }
    return out;
  }
  const total = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);

  async function waitForExport(id: string): Promise<OffboardingView> {
    for (let i = 0; i < 2400; i++) {
      const view = (await call(operator, 'GET', base(id))).json<OffboardingView>();
      if (view.export.status !== 'running') return view;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('export never finished');
  }

  beforeAll(async () => {
    t = await bootTestApp();
    const platform = await givenPlatform(t);
    platformId = platform.id;
    operator = await signIn(
      t,
      await account(t, platform, 'operator@shala.test', ['platform_operator'], true),
      '10.72.0.9',
      -1,
    );
    gw = await givenSchool(t, await t.given.institution('greenwood', 'Greenwood High'), 1, 3);
    rs = await givenSchool(t, await t.given.institution('riverside', 'Riverside School'), 2, 2);
    gwAdmin = await signIn(t, gw.admin, '10.72.0.1', -1);
    gwTeacher = await signIn(t, gw.teacher, '10.72.0.2');
    rsAdmin = await signIn(t, rs.admin, '10.72.0.3', -1);
    await t.context.runAsTenant(gw.institution.id, async () => {
      studentId = (await t.app.get(StudentDirectory).studentIdByAdmissionNo(admissionNo(gw.prefix, 1)))!;
    });
    const patched = await call(gwAdmin, 'PATCH', `/api/v1/students/${studentId}`, {
      nationalId: NATIONAL_ID,
    });
    expect(patched.statusCode, patched.body).toBe(200);
    // A tenant table no module knows about (a later migration's): the export and purge must still cover it.
    await q(
      `CREATE TABLE ${PROBE_TABLE} (tenant_id varchar(36) NOT NULL, id varchar(36) NOT NULL, note varchar(40))`,
    );
    await q(`INSERT INTO ${PROBE_TABLE} (tenant_id, id, note) VALUES (?, ?, ?), (?, ?, ?)`, [
      gw.institution.id,
      'p1',
      'greenwood probe',
      rs.institution.id,
      'p2',
      'riverside probe',
    ]);
  }, 180_000);

  afterAll(async () => {
    clock().setForTests(null);
    await q(`DROP TABLE IF EXISTS ${PROBE_TABLE}`).catch(() => undefined);
    await t?.close();
  });

  it('refuses a termination without the exact school name, a retention outside 30..90 days or a short passphrase', async () => {
    const wrongName = await call(operator, 'POST', base(gw.institution.id), {
      confirmName: 'Greenwood',
      passphrase: PASSPHRASE,
    });
    expect(wrongName.statusCode, wrongName.body).toBe(422);
    expect(wrongName.json()).toMatchObject({ error: { code: 'OFFBOARDING_CONFIRMATION_MISMATCH' } });
    for (const body of [
      { confirmName: 'Greenwood High', passphrase: PASSPHRASE, retentionDays: 29 },
      { confirmName: 'Greenwood High', passphrase: PASSPHRASE, retentionDays: 91 },
      { confirmName: 'Greenwood High', passphrase: 'short' },
    ])
      expect((await call(operator, 'POST', base(gw.institution.id), body)).statusCode).toBe(400);
    expect((await call(gwAdmin, 'GET', '/api/v1/me')).statusCode).toBe(200);
    expect(
      (await call(gwAdmin, 'POST', base(gw.institution.id), { confirmName: 'x', passphrase: PASSPHRASE }))
        .statusCode,
    ).toBe(403);
  });

  it('[PRV-03] terminates a school: its sign-ins, access tokens and refresh tokens stop at once; the other school goes on', async () => {
    expect((await call(gwTeacher, 'GET', '/api/v1/me')).statusCode).toBe(200);
    const res = await call(operator, 'POST', base(gw.institution.id), {
      confirmName: 'Greenwood High',
      retentionDays: 30,
      passphrase: PASSPHRASE,
    });
    expect(res.statusCode, res.body).toBe(201);
    const view = res.json<OffboardingView>();
    expect(view).toMatchObject({ retentionDays: 30, purgedAt: null, slug: 'greenwood' });
    expect(new Date(view.purgeAfter).getTime() - new Date(view.terminatedAt).getTime()).toBe(30 * DAY_MS);

    for (const s of [gwAdmin, gwTeacher]) expect((await call(s, 'GET', '/api/v1/me')).statusCode).toBe(401);
    const refresh = await t.request({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      payload: {},
      headers: { cookie: `shala_refresh=${gwTeacher.refresh}` },
      remoteAddress: '10.72.0.2',
    });
    expect(refresh.statusCode).toBe(401);
    expect(refreshCookieOf(refresh) ?? '').toBe('');
    await expect(signIn(t, gw.teacher, '10.72.0.4')).rejects.toThrow(/sign-in failed: 401/);
    expect((await call(rsAdmin, 'GET', '/api/v1/me')).statusCode).toBe(200);
    const again = await call(operator, 'POST', base(gw.institution.id), {
      confirmName: 'Greenwood High',
      passphrase: PASSPHRASE,
    });
    expect(again.statusCode).toBe(409);
  });

  it('[PRV-03] makes the full export within minutes: every tenant table, decrypted, counts equal to the database, checksums right', async () => {
    const view = await waitForExport(gw.institution.id);
    expect(view.export.status).toBe('done');
    // The time the demo-sized school took, for the record (the promise is "within minutes").
    console.info(
      `[offboarding] export of ${gw.institution.slug} took ${view.export.durationMs} ms, ${view.export.bytes} bytes`,
    );
    expect(view.export.durationMs!).toBeLessThan(5 * 60_000);
    expect(view.export.done).toBe(view.export.total);

    const res = await call(operator, 'GET', `${base(gw.institution.id)}/export`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
    exportFile = Buffer.from(res.rawPayload);
    expect(createHash('sha256').update(exportFile).digest('hex')).toBe(view.export.sha256);
    expect(exportFile.subarray(0, 8).toString('ascii')).toBe('SHALAEXP');

    const zip = await openExport(exportFile, PASSPHRASE);
    files = Object.fromEntries(
      Object.entries(unzipSync(new Uint8Array(zip))).map(([n, b]) => [n, Buffer.from(b)]),
    );
    const manifest = JSON.parse(files['manifest.json']!.toString('utf8')) as Manifest;
    expect(manifest.institution).toEqual({
      id: gw.institution.id,
      slug: 'greenwood',
      name: 'Greenwood High',
    });

    // Every tenant table of the live database, the probe table no module knows included.
    const tables = await tenantTables();
    expect(tables).toContain(PROBE_TABLE);
    expect(Object.keys(manifest.tables).sort()).toEqual([...tables].sort());
    const counts = await countsOf(gw.institution.id);
    for (const table of tables) {
      if (table === 'audit_events' || table === 'audit_chain_heads') continue; // the download itself is audited
      expect(manifest.tables[table]!.rows, table).toBe(counts[table]);
    }
    expect(manifest.tables.students!.rows).toBe(12);
    expect(manifest.tables[PROBE_TABLE]!.rows).toBe(1);
    for (const entry of Object.values(manifest.tables))
      for (const [name, { sha256, bytes }] of Object.entries(entry.files)) {
        expect(files[name], name).toBeDefined();
        expect(files[name]!.length).toBe(bytes);
        expect(createHash('sha256').update(files[name]!).digest('hex'), name).toBe(sha256);
      }
    // Decrypted for the school: the national id in clear, no ciphertext anywhere.
    const students = JSON.parse(files['tables/students.json']!.toString('utf8')) as Record<string, unknown>[];
    expect(students.find((s) => s.id === studentId)).toMatchObject({ national_id: NATIONAL_ID });
    expect(files['tables/students.csv']!.toString('utf8')).toContain(NATIONAL_ID);
    const guardians = JSON.parse(files['tables/guardians.json']!.toString('utf8')) as Record<
      string,
      unknown
    >[];
    expect(guardians.length).toBeGreaterThan(0);
    expect(guardians.every((g) => typeof g.phone === 'string' && /^\+?\d+$/.test(g.phone))).toBe(true);
    const everything = Object.values(files)
      .map((b) => b.toString('utf8'))
      .join('\n');
    expect(everything).not.toMatch(/"f1\.\d+\./);
    expect(everything).not.toMatch(/\$2[aby]\$/); // no password hash
  });

  it('[PRV-03] leaves the other school out of the export entirely', () => {
    const everything = Object.values(files)
      .map((b) => b.toString('utf8'))
      .join('\n');
    expect(everything).not.toContain(rs.institution.id);
    expect(everything).not.toContain('riverside');
  });

  it('[PRV-03] opens only with the passphrase, and scripts/decrypt-export.mjs decrypts and verifies it', async () => {
    await expect(openExport(exportFile, 'not the passphrase at all')).rejects.toBeInstanceOf(
      ExportDecryptionError,
    );
    const tampered = Buffer.from(exportFile);
    tampered[60] = tampered[60]! ^ 1;
    await expect(openExport(tampered, PASSPHRASE)).rejects.toBeInstanceOf(ExportDecryptionError);

    const dir = mkdtempSync(join(tmpdir(), 'shala-export-'));
    try {
      const input = join(dir, 'greenwood.shalaexp');
      writeFileSync(input, exportFile);
      const ok = await run(process.execPath, [SCRIPT, input, '--out', join(dir, 'out.zip')], {
        env: { ...process.env, EXPORT_PASSPHRASE: PASSPHRASE },
      });
      const summary = JSON.parse(ok.stdout) as {
        checksums: string;
        rows: number;
        institution: { slug: string };
      };
      expect(summary).toMatchObject({ checksums: 'ok', institution: { slug: 'greenwood' } });
      expect(summary.rows).toBeGreaterThan(12);
      const wrong = await run(process.execPath, [SCRIPT, input, '--out', join(dir, 'no.zip')], {
        env: { ...process.env, EXPORT_PASSPHRASE: 'a wrong passphrase!' },
      }).catch((e: { code: number; stderr: string }) => e);
      expect(wrong).toMatchObject({ code: 3 });
      expect((wrong as { stderr: string }).stderr).toMatch(/wrong passphrase/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('audits the download on the platform, and only the operator reaches it', async () => {
    const actions = await q<{ action: string }[]>('SELECT action FROM audit_events WHERE tenant_id = ?', [
      platformId,
    ]);
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['platform.institution_terminated', 'platform.institution_export_downloaded']),
    );
    expect((await call(rsAdmin, 'GET', `${base(gw.institution.id)}/export`)).statusCode).toBe(403);
    // The passphrase is never stored or logged: not in the audit details, not in any log line.
    const details = await q<{ details: string | null }[]>(
      'SELECT details FROM audit_events WHERE tenant_id = ?',
      [platformId],
    );
    expect(JSON.stringify(details)).not.toContain(PASSPHRASE);
    expect(JSON.stringify(t.logs)).not.toContain(PASSPHRASE);
  });

  it('makes the export again with a new passphrase; the old one no longer opens the new file', async () => {
    const res = await call(operator, 'POST', `${base(gw.institution.id)}/export`, {
      passphrase: 'a second long passphrase',
    });
    expect(res.statusCode, res.body).toBe(202);
    expect((await waitForExport(gw.institution.id)).export.status).toBe('done');
    const file = Buffer.from((await call(operator, 'GET', `${base(gw.institution.id)}/export`)).rawPayload);
    await expect(openExport(file, PASSPHRASE)).rejects.toBeInstanceOf(ExportDecryptionError);
    expect((await openExport(file, 'a second long passphrase')).length).toBeGreaterThan(0);
  });

  it('[PRV-03] refuses the purge before the retention period is over and deletes nothing', async () => {
    const before = total(await countsOf(gw.institution.id));
    const res = await call(operator, 'POST', `${base(gw.institution.id)}/purge`);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json()).toMatchObject({ error: { code: 'OFFBOARDING_PURGE_NOT_DUE' } });
    expect(await t.app.get(OffboardingPurgeJob).runDue()).toEqual([]);
    expect(total(await countsOf(gw.institution.id))).toBe(before);
  });

  it('[AUD-02] keeps audit rows of a school that is not being purged append-only', async () => {
    await expect(q('DELETE FROM audit_events WHERE tenant_id = ?', [rs.institution.id])).rejects.toThrow(
      /append-only/,
    );
    await expect(q('DELETE FROM audit_events WHERE tenant_id = ?', [gw.institution.id])).rejects.toThrow(
      /append-only/,
    );
  });

  let purgedCounts: Record<string, number>;
  let sealedPhone: { id: string; phone: string };
  let snapshot: { keys: Record<string, unknown>[]; guardian: Record<string, unknown> };

  it('[PRV-03] purges after the date: every row of the school and its data keys go, the other school is intact, a certificate is kept', async () => {
    const [g] = await q<Record<string, unknown>[]>(
      'SELECT * FROM guardians WHERE tenant_id = ? AND phone_enc IS NOT NULL AND user_id IS NULL',
      [gw.institution.id],
    );
    sealedPhone = { id: String(g!.id), phone: String(g!.phone_enc) };
    snapshot = {
      keys: await q('SELECT * FROM tenant_data_keys WHERE tenant_id = ?', [gw.institution.id]),
      guardian: g!,
    };
    const rsBefore = await countsOf(rs.institution.id);
    const gwBefore = await countsOf(gw.institution.id);
    expect(gwBefore.tenant_data_keys).toBeGreaterThan(0);
    expect(gwBefore.outbox_messages! + gwBefore.audit_events!).toBeGreaterThan(0);

    clock().setForTests(new Date(Date.now() + 31 * DAY_MS));
    const res = await call(operator, 'POST', `${base(gw.institution.id)}/purge`);
    expect(res.statusCode, res.body).toBe(200);
    const certificate = res.json<DeletionCertificateView>();
    purgedCounts = certificate.tables;

    expect(total(await countsOf(gw.institution.id))).toBe(0);
    expect(await countsOf(rs.institution.id)).toEqual(rsBefore);
    expect(certificate).toMatchObject({
      institutionId: gw.institution.id,
      institutionName: 'Greenwood High',
      slug: 'greenwood',
    });
    expect(certificate.tables).toEqual(gwBefore);
    expect(certificate.totalRows).toBe(total(gwBefore));
    expect((await call(rsAdmin, 'GET', '/api/v1/me')).statusCode).toBe(200);
    const [{ n }] = await q<[{ n: number }]>(`SELECT COUNT(*) AS n FROM ${PROBE_TABLE} WHERE tenant_id = ?`, [
      rs.institution.id,
    ]);
    expect(Number(n)).toBe(1);

    const again = await call(operator, 'POST', `${base(gw.institution.id)}/purge`);
    expect(again.json()).toMatchObject({ error: { code: 'OFFBOARDING_ALREADY_PURGED' } });
    const status = (await call(operator, 'GET', base(gw.institution.id))).json<OffboardingView>();
    expect(status.export.status).toBe('purged');
    expect((await call(operator, 'GET', `${base(gw.institution.id)}/export`)).statusCode).toBe(409);
  });

  it('[PRV-03] crypto-shreds: a copy of an encrypted value cannot be decrypted once the keys are gone', async () => {
    await expect(
      t.context.runAsTenant(gw.institution.id, () =>
        t.app
          .get(FieldCrypto)
          .decrypt({ table: 'guardians', column: 'phone_enc', rowId: sealedPhone.id }, sealedPhone.phone),
      ),
    ).rejects.toBeInstanceOf(DecryptionError);
  });

  it('[PRV-03] keeps the deletion certificate on the platform, listed for the operator', async () => {
    const res = await call(operator, 'GET', '/api/v1/platform/offboarding/certificates');
    expect(res.statusCode).toBe(200);
    const [certificate] = res.json<{ items: DeletionCertificateView[] }>().items;
    expect(certificate).toMatchObject({ institutionId: gw.institution.id, tables: purgedCounts });
    const schedule = (await call(operator, 'GET', '/api/v1/platform/offboarding')).json<{
      items: OffboardingView[];
    }>();
    expect(schedule.items.map((i) => i.slug)).toEqual(['greenwood']);
  });

  it('[PRV-03] purges again a school a restored backup brought back, which cannot sign in meanwhile', async () => {
    // A backup taken between termination and purge, restored afterwards: the school's rows and keys are
    // back, and its offboarding row says "not purged yet".
    const insert = async (table: string, row: Record<string, unknown>) => {
      const cols = Object.keys(row);
      await q(
        `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
        Object.values(row),
      );
    };
    for (const key of snapshot.keys) await insert('tenant_data_keys', key);
    await insert('guardians', snapshot.guardian);
    await q(
      'UPDATE institution_offboardings SET purged_at = NULL, purge_started_at = NULL, export_status = ? WHERE tenant_id = ? AND institution_id = ?',
      ['done', platformId, gw.institution.id],
    );
    expect(total(await countsOf(gw.institution.id))).toBeGreaterThan(0);
    await expect(signIn(t, gw.admin, '10.72.0.5', -4)).rejects.toThrow(/sign-in failed: 401/);

    expect(await t.app.get(OffboardingPurgeJob).runDue()).toEqual([gw.institution.id]);
    expect(total(await countsOf(gw.institution.id))).toBe(0);
  });
});

describe(`offboarding: the demo school's export time (${TEST_DB})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await bootTestApp();
    await seedDemo(t);
  }, 300_000);

  afterAll(async () => {
    await t?.close();
  });

  it('[PRV-03] exports the seeded demo school within minutes, and prints how long it took', async () => {
    const institutions = t.app.get(InstitutionsService);
    const platform = (await institutions.findBySlug('platform'))!;
    const school = (await institutions.findBySlug('greenwood'))!;
    const offboarding = t.app.get(OffboardingService);
    const started = Date.now();
    const { finished } = await t.context.runAsTenant(
      platform.id,
      () => offboarding.terminate(school.id, { confirmName: school.name, passphrase: PASSPHRASE }),
      '018f2f6e-0000-7000-8000-0000000000aa',
    );
    await finished;
    const view = await t.context.runAsTenant(platform.id, () => offboarding.view(school.id));
    console.info(
      `[offboarding] demo school ${school.slug} (${TEST_DB}): export ${view.export.status} in ${view.export.durationMs} ms ` +
        `(${Date.now() - started} ms with termination), ${view.export.total - 1} tables, ${view.export.bytes} bytes encrypted`,
    );
    expect(view.export.status).toBe('done');
    expect(view.export.durationMs!).toBeLessThan(5 * 60_000);
  }, 300_000);
});
