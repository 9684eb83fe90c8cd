import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { type AuditVerifyResponse, DEMO_PASSWORD, type StudentProfile } from '@shala/contracts';
import { authenticator } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditService } from '../src/modules/audit/audit.service';
import type { Institution } from '../src/modules/institutions/entities/institution.entity';
import { InstitutionsService } from '../src/modules/institutions/institutions.service';
import { Database } from '../src/platform/database/database';
import { FieldCrypto } from '../src/platform/security/field-crypto';
import { PasswordHasher } from '../src/platform/security/password-hasher';
import { RequestContext } from '../src/platform/tenancy/request-context';
import { BulkScaleSeeder, type BulkSeedReport } from '../src/seed/bulk-scale.seeder';
import { DemoRefusedError, DemoSeeder } from '../src/seed/demo.seeder';
import { SeedModule } from '../src/seed/seed.module';
import { TEST_DB, TestApp, bootTestApp, takeSqlGuardViolations } from './support/test-app';

/** The tenant tables a scale school has rows in. */
const TABLES = [
  'academic_years',
  'attendance_settings',
  'audit_chain_heads',
  'audit_events',
  'classes',
  'enrolments',
  'guardians',
  'notification_consent_events',
  'notification_consents',
  'notification_templates',
  'role_permissions',
  'roles',
  'sections',
  'student_guardians',
  'students',
  'subjects',
  'tenant_data_keys',
  'user_roles',
  'users',
];

type Page = { items: { id: string; admissionNo: string }[]; nextCursor: string | null };

/**
 * Issue 18 item 5: `seed --bulk` writes 1,000 small schools in minutes instead of hours. The schools it
 * writes must be the schools the service path (`seed --institutions N`) makes: the same rows per table,
 * staff who sign in, students the API lists and opens (sealed fields bound to their own tenant and row),
 * and an audit chain that verifies and takes the next event.
 */
describe(`bulk scale seed on ${TEST_DB}`, () => {
  let t: TestApp;
  let seedApp: INestApplicationContext;
  let report: BulkSeedReport;
  let serviceSchool: Institution;
  let bulkSchools: Institution[];
  let seededChains: AuditVerifyResponse[];

  const countsOf = async (tenantId: string): Promise<Record<string, number>> => {
    const counts: Record<string, number> = {};
    for (const table of TABLES) {
      const [row] = await t.dataSource.query<{ n: number | string }[]>(
        `SELECT COUNT(*) AS n FROM ${table} WHERE tenant_id = ?`,
        [tenantId],
      );
      counts[table] = Number(row!.n);
    }
    return counts;
  };

  /** Password sign-in; an account whose role needs MFA enrols it on the way, as a first sign-in does. */
  const signIn = async (
    slug: string,
    email: string,
    remoteAddress: string,
  ): Promise<Record<string, string>> => {
    const login = await t.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { institution: slug, email, password: DEMO_PASSWORD },
      remoteAddress,
    });
    expect(login.statusCode, login.body).toBe(200);
    const body = login.json<{ accessToken?: string; mfaToken?: string }>();
    if (body.accessToken) return { authorization: `Bearer ${body.accessToken}` };
    const start = await t.request({
      method: 'POST',
      url: '/api/v1/auth/mfa/enrollment',
      payload: { mfaToken: body.mfaToken },
      remoteAddress,
    });
    expect(start.statusCode, start.body).toBe(200);
    const done = await t.request({
      method: 'POST',
      url: '/api/v1/auth/mfa/enrollment/confirm',
      payload: {
        mfaToken: body.mfaToken,
        code: authenticator.generate(start.json<{ secret: string }>().secret),
      },
      remoteAddress,
    });
    expect(done.statusCode, done.body).toBe(200);
    return { authorization: `Bearer ${done.json<{ accessToken: string }>().accessToken}` };
  };

  beforeAll(async () => {
    t = await bootTestApp();
    seedApp = await NestFactory.createApplicationContext(SeedModule.forRoot(t.config), { logger: false });
    // scale-0001 the service way, then scale-0002..0004 in bulk, two schools per transaction
    await seedApp.get(DemoSeeder).seedScale(1, 10);
    report = await seedApp.get(BulkScaleSeeder).seed(3, 10, { schoolsPerTransaction: 2 });
    const institutions = t.app.get(InstitutionsService);
    serviceSchool = (await institutions.findBySlug('scale-0001'))!;
    bulkSchools = await Promise.all(
      ['scale-0002', 'scale-0003', 'scale-0004'].map(async (slug) => (await institutions.findBySlug(slug))!),
    );
    const audit = t.app.get(AuditService);
    seededChains = [];
    for (const school of bulkSchools)
      seededChains.push(await t.context.runAsTenant(school.id, () => audit.verify()));
  }, 300_000);

  afterAll(async () => {
    await seedApp?.close();
    await t?.close();
  });

  it('reports the schools, users and students it wrote in multi-row statements', () => {
    // admin, accountant, teacher1 and parent in each; 10 students each
    expect(report).toMatchObject({ institutions: 3, users: 12, students: 30 });
    // two transactions of at most two schools: one INSERT per table each, and the institutions
    expect(report.statements).toBeLessThanOrEqual(2 * 21);
  });

  it('writes the rows per table the service path writes, with exactly the students asked for', async () => {
    const service = await countsOf(serviceSchool.id);
    // the service path fills whole sections of 40 (two sections: 80 students, 79 guardians); bulk makes 10
    expect(service).toMatchObject({ students: 80, enrolments: 80, student_guardians: 80, guardians: 79 });
    for (const school of bulkSchools) {
      expect(await countsOf(school.id), school.slug).toEqual({
        ...service,
        students: 10,
        enrolments: 10,
        student_guardians: 10,
        guardians: 9,
      });
    }
  });

  it("lets a bulk-seeded school's admin list and open its students, and only its own", async () => {
    const school = bulkSchools[1]!;
    const admin = await signIn(school.slug, `admin@${school.slug}.test`, '10.118.0.1');
    const list = await t.request({ url: '/api/v1/students?limit=50', headers: admin });
    expect(list.statusCode, list.body).toBe(200);
    const items = list.json<Page>().items;
    expect(items.map((s) => s.admissionNo).sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `S3-${String(i + 1).padStart(4, '0')}`),
    );
    const first = items.find((s) => s.admissionNo === 'S3-0001')!;
    const reveal = await t.request({
      method: 'POST',
      url: `/api/v1/students/${first.id}/reveal`,
      headers: admin,
    });
    expect(reveal.statusCode, reveal.body).toBe(200);
    const profile = reveal.json<StudentProfile>();
    // the sealed fields open under this school's key, bound to this row
    expect(profile.nationalId).toMatch(/^\d{4} 0001 0037$/);
    expect(profile.address).toBe('1 Demo Street, Bengaluru');
    expect(profile.enrolment).toMatchObject({ className: 'Class 1', sectionName: 'A' });
    expect(profile.guardians.map((g) => g.phone)).toEqual([expect.stringMatching(/^\+9197\d{2}000001$/)]);
    // search goes through the search key; another school's student is not found here
    const search = await t.request({ url: '/api/v1/students?q=s3-0002', headers: admin });
    expect(search.json<Page>().items.map((s) => s.admissionNo)).toEqual(['S3-0002']);
    const [other] = await t.dataSource.query<{ id: string }[]>(
      'SELECT id FROM students WHERE tenant_id = ? LIMIT 1',
      [bulkSchools[0]!.id],
    );
    const foreign = await t.request({ url: `/api/v1/students/${other!.id}`, headers: admin });
    expect(foreign.statusCode).toBe(404);
  });

  it("lets a bulk-seeded school's class teacher and parent sign in to their own students", async () => {
    const school = bulkSchools[2]!;
    const teacher = await signIn(school.slug, `teacher1@${school.slug}.test`, '10.118.0.2');
    const mine = await t.request({ url: '/api/v1/students?limit=50', headers: teacher });
    expect(mine.statusCode, mine.body).toBe(200);
    // teacher1 is the class teacher of Class 1 A: its five students
    expect(mine.json<Page>().items).toHaveLength(5);
    const parent = await signIn(school.slug, `parent@${school.slug}.test`, '10.118.0.3');
    const children = await t.request({ url: '/api/v1/students?limit=50', headers: parent });
    expect(children.statusCode, children.body).toBe(200);
    // the demo family: the first students of sections A and B
    expect(
      children
        .json<Page>()
        .items.map((s) => s.admissionNo)
        .sort(),
    ).toEqual(['S4-0001', 'S4-0006']);
  });

  it("leaves each bulk-seeded school's audit chain verifying, and the next event links on", async () => {
    // as seeded, before any request: 18 events each
    expect(seededChains).toEqual(bulkSchools.map(() => ({ ok: true, checked: 18, lastSeq: 18 })));
    // a write through the app appends to the seeded chain
    const school = bulkSchools[0]!;
    const admin = await signIn(school.slug, `admin@${school.slug}.test`, '10.118.0.4');
    const verify = await t.request({ url: '/api/v1/audit/verify', headers: admin });
    expect(verify.statusCode, verify.body).toBe(200);
    const after = verify.json<{ ok: boolean; lastSeq: number }>();
    expect(after.ok).toBe(true);
    expect(after.lastSeq).toBeGreaterThan(18);
  });

  it('refuses to write scale data when demo mode is off', async () => {
    const refusing = new BulkScaleSeeder(
      { ...t.config, demoMode: false },
      seedApp.get(Database),
      seedApp.get(RequestContext),
      seedApp.get(InstitutionsService),
      seedApp.get(FieldCrypto),
      seedApp.get(PasswordHasher),
    );
    await expect(refusing.seed(1, 10)).rejects.toBeInstanceOf(DemoRefusedError);
  });

  it('sends no statement on a tenant table without a tenant predicate', () => {
    expect(takeSqlGuardViolations()).toEqual([]);
  });
});
