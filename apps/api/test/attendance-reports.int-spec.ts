import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StudentDirectory } from '../src/modules/students/student-directory';
import { Clock } from '../src/platform/time/clock';
import { signIn } from './support/accounts';
import { School, givenSchool } from './support/school';
import { TEST_DB, TestApp, bootTestApp } from './support/test-app';

type Auth = { auth: Record<string, string> };
type Chronic = {
  threshold: number;
  items: { studentId: string; percent: number; counts: Record<string, number> }[];
};

/**
 * Every attendance report counts the same days: working days only. A mark saved on a day that is later
 * declared a holiday, or later becomes a weekly off, stays in the table but no report counts it.
 */
describe(`attendance reports agree on working days on ${TEST_DB}`, () => {
  let t: TestApp;
  let gw: School;
  let rs: School;
  let admin: Auth;
  let teacher: Auth;
  let rsAdmin: Auth;
  let class5A: string;
  let roster: string[];
  const clock = () => t.app.get(Clock);
  const get = <T>(a: Auth, url: string) => t.request({ url, headers: a.auth }).then((r) => r.json<T>());
  const put = (a: Auth, url: string, payload: object) =>
    t.request({ method: 'PUT', url, headers: a.auth, payload });
  const post = (a: Auth, url: string, payload: object) =>
    t.request({ method: 'POST', url, headers: a.auth, payload });
  const chronic = (a: Auth, query: string) =>
    get<Chronic>(a, `/api/v1/attendance/chronic-absentees?${query}`);

  /** Mon 9 .. Sat 14 November 2026 (Kolkata); Saturday is still a school day when the marks are saved. */
  const WEEK: [string, Record<number, string>][] = [
    ['2026-11-09', { 0: 'absent' }],
    ['2026-11-10', { 0: 'absent' }],
    ['2026-11-11', { 1: 'absent' }], // declared a holiday afterwards
    ['2026-11-12', {}],
    ['2026-11-13', { 2: 'half_day' }],
    ['2026-11-14', { 1: 'absent' }], // becomes a weekly off afterwards
  ];
  const RANGE = 'from=2026-11-09&to=2026-11-15';

  beforeAll(async () => {
    t = await bootTestApp();
    gw = await givenSchool(t, await t.given.institution('greenwood'), 1, 4);
    rs = await givenSchool(t, await t.given.institution('riverside'), 2, 3);
    class5A = gw.sections['Class 5 A']!;
    admin = await signIn(t, gw.admin, '10.61.0.1', -1);
    rsAdmin = await signIn(t, rs.admin, '10.61.0.2', -1);
    teacher = await signIn(t, gw.teacher, '10.61.0.3');
    roster = (
      await t.context.runAsTenant(gw.institution.id, () => t.app.get(StudentDirectory).roster(class5A))
    ).map((r) => r.studentId);
    for (const [date, except] of WEEK) {
      clock().setForTests(new Date(`${date}T05:00:00Z`));
      const res = await put(teacher, `/api/v1/attendance/sections/${class5A}/days/${date}`, {
        marks: roster.map((studentId, i) => ({ studentId, status: except[i] ?? 'present' })),
      });
      expect(res.statusCode).toBe(200);
    }
    clock().setForTests(new Date('2026-11-16T05:00:00Z'));
  });
  afterAll(async () => {
    clock().setForTests(null);
    await t.close();
  });

  it('counts every saved day while all of them are school days', async () => {
    const report = await chronic(admin, `${RANGE}&threshold=70`);
    expect(report.items.map((r) => [r.studentId, r.percent]).sort()).toEqual(
      [
        [roster[0], 66.7], // 4 present of 6
        [roster[1], 66.7],
      ].sort(),
    );
  });

  it('leaves out a day declared a holiday and a day that became a weekly off, as the register and calendar do', async () => {
    expect(
      (await post(admin, '/api/v1/attendance/holidays', { date: '2026-11-11', name: 'Founders Day' }))
        .statusCode,
    ).toBe(201);
    expect((await put(admin, '/api/v1/attendance/settings', { weeklyOffDays: [0, 6] })).statusCode).toBe(200);
    // Another school's holiday is not this school's: riverside closing on the 10th changes nothing here.
    await post(rsAdmin, '/api/v1/attendance/holidays', { date: '2026-11-10', name: 'Riverside Day' });

    const report = await chronic(admin, `${RANGE}&threshold=70`);
    // Student 1: absent Mon and Tue, present Thu and Fri = 2 of 4. Student 2 was absent only on the
    // holiday and the Saturday, so on the four working days they were always there.
    expect(report.items.map((r) => [r.studentId, r.percent])).toEqual([[roster[0], 50]]);
    expect(report.items[0]!.counts).toMatchObject({ present: 2, absent: 2, late: 0, excused: 0, halfDay: 0 });

    for (const [index, studentId] of roster.entries()) {
      const calendar = await get<{ summary: { percent: number | null; workingDays: number } }>(
        admin,
        `/api/v1/attendance/students/${studentId}/calendar?${RANGE}`,
      );
      expect(calendar.summary.workingDays).toBe(4);
      const month = await get<{ rows: { studentId: string; percent: number | null }[] }>(
        admin,
        `/api/v1/attendance/sections/${class5A}/months/2026-11`,
      );
      const everywhere = await chronic(admin, `${RANGE}&threshold=100`);
      const inReport = everywhere.items.find((r) => r.studentId === studentId)?.percent ?? 100;
      expect([index, inReport]).toEqual([index, calendar.summary.percent]);
      expect([index, month.rows.find((r) => r.studentId === studentId)!.percent]).toEqual([
        index,
        calendar.summary.percent,
      ]);
    }
  });

  it('counts nothing in the day summary of a day declared a holiday after it was marked', async () => {
    type Summary = {
      workingDay: boolean;
      nonWorkingReason: string | null;
      totals: Record<string, number>;
      sections: { sectionId: string; marked: boolean; absentees: unknown[] }[];
    };
    const holiday = await get<Summary>(admin, '/api/v1/attendance/summary?date=2026-11-11');
    expect(holiday).toMatchObject({
      workingDay: false,
      nonWorkingReason: 'holiday: Founders Day',
      totals: { total: 0, absent: 0 },
    });
    expect(holiday.sections.find((s) => s.sectionId === class5A)).toMatchObject({
      marked: false,
      absentees: [],
    });
    const schoolDay = await get<Summary>(admin, '/api/v1/attendance/summary?date=2026-11-10');
    expect(schoolDay).toMatchObject({
      workingDay: true,
      nonWorkingReason: null,
      totals: { total: 4, absent: 1 },
    });
  });

  it('shows the class teacher the same figures for their own section', async () => {
    const report = await chronic(teacher, `${RANGE}&threshold=70`);
    expect(report.items.map((r) => [r.studentId, r.percent])).toEqual([[roster[0], 50]]);
  });

  it('answers nothing when the range has no working day', async () => {
    const report = await chronic(admin, 'from=2026-11-14&to=2026-11-15&threshold=100');
    expect(report.items).toEqual([]);
  });

  it('refuses a range longer than a year, naming the field', async () => {
    const res = await t.request({
      url: '/api/v1/attendance/chronic-absentees?from=2025-01-01&to=2026-11-15',
      headers: admin.auth,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { details: [{ field: 'to' }] } });
  });

  it('refuses a holiday whose name is only spaces around one letter, and a backwards holiday list range', async () => {
    const blank = await post(admin, '/api/v1/attendance/holidays', { date: '2026-12-25', name: '  x  ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json()).toMatchObject({ error: { details: [{ field: 'name' }] } });
    const backwards = await t.request({
      url: '/api/v1/attendance/holidays?from=2026-12-31&to=2026-12-01',
      headers: admin.auth,
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json()).toMatchObject({ error: { details: [{ field: 'to' }] } });
    const listed = await get<{ items: { date: string; name: string }[] }>(
      admin,
      '/api/v1/attendance/holidays?from=2026-04-01&to=2027-03-31',
    );
    expect(listed.items).toEqual([{ id: expect.any(String), date: '2026-11-11', name: 'Founders Day' }]);
  });

  it('[TEN-04] does not show another school any of these students', async () => {
    const report = await chronic(rsAdmin, `${RANGE}&threshold=100`);
    expect(report.items.filter((r) => roster.includes(r.studentId))).toEqual([]);
  });
});
