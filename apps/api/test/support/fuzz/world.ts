import { DEMO_TOTP_SECRET, DefaultRole, PLATFORM_SLUG } from '@shala/contracts';
import type { Institution } from '../../../src/modules/institutions/entities/institution.entity';
import { StudentDirectory } from '../../../src/modules/students/student-directory';
import { AccessTokens } from '../../../src/platform/security/access-tokens';
import { Clock } from '../../../src/platform/time/clock';
import { demoParentPhone } from '../../../src/seed/school-data';
import { PASSWORD, account, totp } from '../accounts';
import { generate, givenFees } from '../fees';
import { School, givenPlatform, givenSchool } from '../school';
import type { TestApp } from '../test-app';
import { Callers, RoleSeat } from './identities';
import type { KnownValues } from './pools';

/** Friday 2026-11-20, 10:30 in Kolkata: a school day of the demo year, before the attendance cut-off. */
export const FUZZ_NOW = new Date('2026-11-20T05:00:00Z');

/** Extra users per role, so the per-user API limit does not starve the run. */
const EXTRA_USERS_PER_ROLE = 5;

export interface FuzzWorld {
  greenwood: School;
  riverside: School;
  platform: Institution;
  callers: Callers;
  /** Valid-ish strings: fresh TOTP codes and MFA tokens on each call. */
  known(): Promise<KnownValues>;
}

type Auth = Record<string, string>;

/**
 * Two schools like the demo (greenwood is fuzzed, riverside supplies other-tenant ids), the platform
 * institution with its operator, one signed-in caller per role, and at least one record of every kind
 * an operation takes an id of, made through the API.
 */
export async function buildWorld(t: TestApp): Promise<FuzzWorld> {
  t.app.get(Clock).setForTests(FUZZ_NOW);
  const greenwood = await givenSchool(t, await t.given.institution('greenwood'), 1, 4);
  const riverside = await givenSchool(t, await t.given.institution('riverside'), 2, 2);
  const platform = await givenPlatform(t);
  const accountant = await account(
    t,
    greenwood.institution,
    'accountant@greenwood.test',
    [DefaultRole.Accountant],
    true,
  );
  const operator = await account(t, platform, 'operator@shala.test', [DefaultRole.PlatformOperator], true);

  const seat = async (role: DefaultRole, institution: Institution, a: School['admin']): Promise<RoleSeat> => {
    const extraUserIds: string[] = [];
    for (let i = 1; i <= EXTRA_USERS_PER_ROLE; i++)
      extraUserIds.push(
        (await t.given.user(institution, `${role}.${i}@${institution.slug}.test`, [role])).id,
      );
    return { role, institution, account: a, extraUserIds };
  };
  const seats = [
    await seat(DefaultRole.SchoolAdmin, greenwood.institution, greenwood.admin),
    await seat(DefaultRole.Teacher, greenwood.institution, greenwood.teacher),
    await seat(DefaultRole.Accountant, greenwood.institution, accountant),
    await seat(DefaultRole.Parent, greenwood.institution, greenwood.parent),
    await seat(DefaultRole.Student, greenwood.institution, greenwood.student),
    await seat(DefaultRole.PlatformOperator, platform, operator),
  ];
  const callers = await Callers.signIn(t, seats);
  const as = (role: DefaultRole): Auth => ({ authorization: `Bearer ${callers.pick(role).token}` });
  await seedRecords(t, greenwood, as);

  const raw = <T>(sql: string) =>
    t.db.acrossTenants('the fuzzer reads known values', () => t.dataSource.query(sql) as Promise<T>);
  const emails = (await raw<{ email: string }[]>('SELECT email FROM users')).map((u) => u.email);
  const admissionNos = (await raw<{ admission_no: string }[]>('SELECT admission_no FROM students')).map(
    (s) => s.admission_no,
  );
  const roleKeys = [
    ...new Set((await raw<{ role_key: string }[]>('SELECT role_key FROM roles')).map((r) => r.role_key)),
  ];
  const template = await t.request({
    url: '/api/v1/students/import/template',
    headers: as(DefaultRole.SchoolAdmin),
  });
  const csvHeader = template.body.split('\n')[0] ?? '';
  const tokens = t.app.get(AccessTokens);
  const mfaToken = (user: { id: string }, tid: string, stage: 'verify' | 'enroll') =>
    tokens.issueMfa({ sub: user.id, tid, stage });

  return {
    greenwood,
    riverside,
    platform,
    callers,
    async known() {
      return {
        emails,
        slugs: [greenwood.institution.slug, riverside.institution.slug, PLATFORM_SLUG],
        admissionNos,
        phones: [demoParentPhone(1), demoParentPhone(2)],
        roleKeys,
        passwords: [PASSWORD],
        totpCodes: [totp(DEMO_TOTP_SECRET), totp(DEMO_TOTP_SECRET, 1)],
        mfaTokens: [
          await mfaToken(greenwood.admin, greenwood.institution.id, 'verify'),
          await mfaToken(accountant, greenwood.institution.id, 'enroll'),
          await mfaToken(greenwood.teacher, greenwood.institution.id, 'verify'),
          await mfaToken(riverside.admin, riverside.institution.id, 'verify'),
        ],
        csvHeader,
      };
    },
  };
}

/** One or more records of every kind the operations take ids of, made the way users make them. */
async function seedRecords(t: TestApp, gw: School, as: (role: DefaultRole) => Auth): Promise<void> {
  const admin = as(DefaultRole.SchoolAdmin);
  const send = async (auth: Auth, method: 'POST' | 'PUT', url: string, payload?: object) => {
    const res = await t.request({ method, url, headers: auth, ...(payload ? { payload } : {}) });
    if (res.statusCode >= 300) throw new Error(`seeding ${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json<Record<string, unknown>>();
  };
  const class5A = gw.sections['Class 5 A']!;
  const subjects = (await t.request({ url: '/api/v1/academics/subjects', headers: admin })).json<{
    items: { id: string; code: string }[];
  }>().items;
  await send(admin, 'POST', '/api/v1/academics/subject-assignments', {
    sectionId: class5A,
    subjectId: subjects[0]!.id,
    teacherUserId: gw.teacher.id,
  });
  await send(admin, 'POST', '/api/v1/roles', {
    key: 'librarian',
    name: 'Librarian',
    permissions: ['students.read'],
  });
  await send(admin, 'POST', '/api/v1/users/invitations', {
    email: 'new.teacher@greenwood.test',
    displayName: 'New Teacher',
    roles: [DefaultRole.Teacher],
  });
  await send(admin, 'POST', '/api/v1/attendance/holidays', { date: '2026-12-25', name: 'Christmas' });

  const children = (await t.request({ url: '/api/v1/students', headers: as(DefaultRole.Parent) })).json<{
    items: { id: string; guardians?: { id: string }[] }[];
  }>().items;
  const child = children[0]!.id;
  const roster = await t.context.runAsTenant(gw.institution.id, () =>
    t.app.get(StudentDirectory).roster(class5A),
  );
  await send(as(DefaultRole.Teacher), 'PUT', `/api/v1/attendance/sections/${class5A}/days/2026-11-20`, {
    marks: roster.map((r) => ({
      studentId: r.studentId,
      status: r.studentId === child ? 'absent' : 'present',
    })),
  });
  await send(as(DefaultRole.Parent), 'POST', '/api/v1/attendance/leave-requests', {
    studentId: child,
    fromDate: '2026-11-23',
    toDate: '2026-11-24',
    reason: 'Fever',
  });
  await send(admin, 'POST', '/api/v1/notifications/templates', {
    name: 'absence_alert',
    language: 'hi',
    sms: { body: '{{student}} was marked {{status}} on {{date}}. - {{school}}' },
  });

  const fees = await givenFees(t, gw, { auth: admin });
  await generate(t, { auth: admin }, fees.structures['Class 5']!);
  const accountant = as(DefaultRole.Accountant);
  const payment = await send(accountant, 'POST', `/api/v1/fees/students/${child}/payments`, {
    amount: 1_000_00,
    method: 'cash',
  });
  await send(accountant, 'POST', `/api/v1/fees/payments/${String(payment.id)}/reverse`, {
    reason: 'bounced',
  });
  await send(accountant, 'POST', `/api/v1/fees/students/${child}/payments`, {
    amount: 2_000_00,
    method: 'cash',
  });
  await send(as(DefaultRole.Parent), 'POST', `/api/v1/fees/students/${child}/online-orders`, {
    amount: 500_00,
  });
  await send(admin, 'POST', '/api/v1/fees/late-fee-rules', {
    name: 'Late fee',
    kind: 'flat',
    amount: 100_00,
    graceDays: 5,
    headId: fees.heads.activity,
  });
  await send(admin, 'POST', '/api/v1/fees/reminder-rules', { kind: 'on_due' });
}
