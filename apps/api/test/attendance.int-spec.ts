import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { StudentDirectory } from '../src/modules/students/student-directory';
import { Clock } from '../src/platform/time/clock';
import { account, signIn } from './support/accounts';
import { School, givenSchool } from './support/school';
import { StatementCounter } from './support/statements';
import { TEST_DB, TestApp, bootTestApp } from './support/test-app';

type Auth = { auth: Record<string, string> };
type Register = {
  rows: { studentId: string; status: string | null; onLeave: boolean }[];
  locked: boolean;
  summary: Record<string, number>;
  changed?: number;
  workingDay: boolean;
};

/** Friday 2026-11-20, 10:30 in Kolkata: a school day, before the 17:00 cut-off. */
const FRIDAY_MORNING = new Date('2026-11-20T05:00:00Z');
const FRIDAY_EVENING = new Date('2026-11-20T12:30:00Z'); // 18:00 IST

describe(`attendance on ${TEST_DB}`, () => {
  let t: TestApp;
  let gw: School;
  let rs: School;
  let admin: Auth;
  let teacher: Auth;
  let other: Auth;
  let otherUserId: string;
  let parent: Auth;
  let rsAdmin: Auth;
  let class5A: string;
  let class5B: string;
  let roster5A: string[];
  const clock = () => t.app.get(Clock);
  const url = (section: string, date: string) => `/api/v1/attendance/sections/${section}/days/${date}`;
  const save = (a: Auth, section: string, date: string, payload: object) =>
    t.request({ method: 'PUT', url: url(section, date), headers: a.auth, payload });
  const all = (ids: string[], status = 'present', except: Record<string, string> = {}) =>
    ids.map((studentId) => ({ studentId, status: except[studentId] ?? status }));
  const raw = (sql: string, params: unknown[] = []) =>
    t.db.acrossTenants('test reads raw rows', () => t.dataSource.query(sql, params));

  beforeAll(async () => {
    t = await bootTestApp();
    gw = await givenSchool(t, await t.given.institution('greenwood'), 1, 6);
    rs = await givenSchool(t, await t.given.institution('riverside'), 2, 3);
    class5A = gw.sections['Class 5 A']!;
    class5B = gw.sections['Class 5 B']!;
    admin = await signIn(t, gw.admin, '10.60.0.1', -1);
    rsAdmin = await signIn(t, rs.admin, '10.60.0.2', -1);
    teacher = await signIn(t, gw.teacher, '10.60.0.3');
    parent = await signIn(t, gw.parent, '10.60.0.4');
    const colleague = await account(t, gw.institution, 'maths@greenwood.test', ['teacher']);
    other = await signIn(t, colleague, '10.60.0.5');
    otherUserId = colleague.id;
    const subjects = (await t.request({ url: '/api/v1/academics/subjects', headers: admin.auth })).json<{
      items: { id: string; code: string }[];
    }>().items;
    await t.request({
      method: 'POST',
      url: '/api/v1/academics/subject-assignments',
      headers: admin.auth,
      payload: {
        sectionId: class5A,
        subjectId: subjects.find((s) => s.code === 'MATH')!.id,
        teacherUserId: colleague.id,
      },
    });
    roster5A = (
      await t.context.runAsTenant(gw.institution.id, () => t.app.get(StudentDirectory).roster(class5A))
    ).map((r) => r.studentId);
  });
  beforeEach(() => clock().setForTests(FRIDAY_MORNING));
  afterAll(async () => {
    clock().setForTests(null);
    await t.close();
  });

  it('lets the class teacher mark the whole section for today in one request, idempotently', async () => {
    const res = await save(teacher, class5A, '2026-11-20', {
      marks: all(roster5A, 'present', { [roster5A[1]!]: 'absent', [roster5A[2]!]: 'late' }),
    });
    expect(res.statusCode).toBe(200);
    const body = res.json<Register>();
    expect(body).toMatchObject({
      changed: 6,
      locked: false,
      summary: { present: 4, absent: 1, late: 1, total: 6 },
    });
    const again = (
      await save(teacher, class5A, '2026-11-20', {
        marks: all(roster5A, 'present', { [roster5A[1]!]: 'absent', [roster5A[2]!]: 'late' }),
      })
    ).json<Register>();
    expect(again.changed).toBe(0);
    const marks = await raw(
      'SELECT COUNT(*) AS n FROM attendance_marks WHERE tenant_id = ? AND section_id = ? AND date = ?',
      [gw.institution.id, class5A, '2026-11-20'],
    );
    expect(Number((marks as { n: number }[])[0]!.n)).toBe(6);
    const events = (
      await t.request({ url: '/api/v1/audit/events?action=attendance.mark', headers: admin.auth })
    ).json<{ items: unknown[] }>().items;
    expect(events).toHaveLength(1);
  });

  it('[AZ-03] answers another section of the same school with 404 for a teacher who does not teach it', async () => {
    const roster5B = (
      await t.context.runAsTenant(gw.institution.id, () => t.app.get(StudentDirectory).roster(class5B))
    ).map((r) => r.studentId);
    expect((await save(teacher, class5B, '2026-11-20', { marks: all(roster5B) })).statusCode).toBe(404);
    expect((await t.request({ url: url(class5B, '2026-11-20'), headers: teacher.auth })).statusCode).toBe(
      404,
    );
    expect((await save(admin, class5B, '2026-11-20', { marks: all(roster5B) })).statusCode).toBe(200);
  });

  it('refuses a student who is not in the section, naming the mark', async () => {
    const stranger = (
      await t.context.runAsTenant(gw.institution.id, () => t.app.get(StudentDirectory).roster(class5B))
    )[0]!.studentId;
    const res = await save(teacher, class5A, '2026-11-20', {
      marks: [...all(roster5A.slice(0, 2)), { studentId: stranger, status: 'present' }],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      error: { code: 'STUDENT_NOT_IN_SECTION', details: [{ field: 'marks.2.studentId' }] },
    });
  });

  it('answers a malformed register with 400 naming each bad mark and field, and changes nothing', async () => {
    const marksOfDay = async () =>
      JSON.stringify(
        await raw(
          'SELECT student_id, status FROM attendance_marks WHERE section_id = ? AND date = ? ORDER BY 1',
          [class5A, '2026-11-20'],
        ),
      );
    const before = await marksOfDay();
    const res = await save(teacher, class5A, '2026-11-20', {
      marks: [
        ...all(roster5A.slice(0, 1), 'absent'),
        { studentId: roster5A[1], status: 'gone' },
        { studentId: 'nobody', status: 'present', nick: 'x' },
      ],
      period: 'first',
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json<{ error: { details: { field: string }[] } }>().error.details.map((d) => d.field);
    expect(new Set(fields)).toEqual(
      new Set(['period', 'marks.1.status', 'marks.2.nick', 'marks.2.studentId']),
    );
    expect(await marksOfDay()).toBe(before);
  });

  it('refuses future dates, weekly offs and holidays', async () => {
    expect((await save(teacher, class5A, '2026-11-21', { marks: all(roster5A) })).json()).toMatchObject({
      error: { code: 'FUTURE_DATE' },
    });
    clock().setForTests(new Date('2026-11-22T05:00:00Z'));
    expect((await save(teacher, class5A, '2026-11-22', { marks: all(roster5A) })).json()).toMatchObject({
      error: { code: 'NON_WORKING_DAY', message: expect.stringMatching(/weekly off/) },
    });
    await t.request({
      method: 'POST',
      url: '/api/v1/attendance/holidays',
      headers: admin.auth,
      payload: { date: '2026-11-19', name: 'Founders Day' },
    });
    clock().setForTests(FRIDAY_MORNING);
    expect(
      (await save(admin, class5A, '2026-11-19', { marks: all(roster5A), reason: 'x' })).json(),
    ).toMatchObject({ error: { code: 'NON_WORKING_DAY', message: expect.stringMatching(/Founders Day/) } });
    expect(
      (await t.request({ url: url(class5A, 'not-a-date'), headers: teacher.auth })).json(),
    ).toMatchObject({ error: { details: [{ field: 'date' }] } });
  });

  it('after the cut-off: no reason 422, a teacher with a reason 403, an admin with a reason 200 and an audit event with before and after', async () => {
    clock().setForTests(FRIDAY_EVENING);
    const change = all(roster5A, 'present', { [roster5A[1]!]: 'present', [roster5A[2]!]: 'late' });
    const noReason = await save(teacher, class5A, '2026-11-20', { marks: change });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json()).toMatchObject({
      error: { code: 'OVERRIDE_REASON_REQUIRED', details: [{ field: 'reason' }] },
    });
    expect(
      (await save(teacher, class5A, '2026-11-20', { marks: change, reason: 'Arrived at 9:05' })).statusCode,
    ).toBe(403);
    // An unchanged register is not a change: saving it again after the cut-off is fine.
    expect(
      (
        await save(teacher, class5A, '2026-11-20', {
          marks: all(roster5A, 'present', { [roster5A[1]!]: 'absent', [roster5A[2]!]: 'late' }),
        })
      ).statusCode,
    ).toBe(200);
    const ok = await save(admin, class5A, '2026-11-20', {
      marks: change,
      reason: 'Parent called: she was at the dentist',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ override: true, changed: 1, locked: true });
    const event = (
      await t.request({ url: '/api/v1/audit/events?action=attendance.override', headers: admin.auth })
    ).json<{ items: { details: unknown; actorUserId: string }[] }>().items[0]!;
    expect(event).toMatchObject({
      actorUserId: gw.admin.id,
      details: {
        date: '2026-11-20',
        reason: 'Parent called: she was at the dentist',
        changes: [{ studentId: roster5A[1], from: 'absent', to: 'present' }],
      },
    });
    const source = await raw(
      'SELECT source FROM attendance_marks WHERE tenant_id = ? AND student_id = ? AND date = ?',
      [gw.institution.id, roster5A[1], '2026-11-20'],
    );
    expect(source).toEqual([{ source: 'override' }]);
  });

  it('keeps one consistent register when two teachers save the same section at once', async () => {
    const a = all(roster5A, 'present');
    const b = all(roster5A, 'absent');
    const [ra, rb] = await Promise.all([
      save(teacher, class5A, '2026-11-18', { marks: a, reason: 'late entry' }),
      save(other, class5A, '2026-11-18', { marks: b, reason: 'late entry' }),
    ]);
    // Past days are locked and teachers lack the override: both refused, nothing half-written.
    expect([ra.statusCode, rb.statusCode]).toEqual([403, 403]);
    expect(
      await raw('SELECT status FROM attendance_marks WHERE tenant_id = ? AND date = ?', [
        gw.institution.id,
        '2026-11-18',
      ]),
    ).toEqual([]);
    const results = await Promise.all([
      save(teacher, class5A, '2026-11-20', { marks: a }),
      save(other, class5A, '2026-11-20', { marks: b }),
    ]);
    expect(results.map((r) => r.statusCode)).toEqual([200, 200]);
    const statuses: { status: string }[] = await raw(
      'SELECT status FROM attendance_marks WHERE tenant_id = ? AND section_id = ? AND date = ?',
      [gw.institution.id, class5A, '2026-11-20'],
    );
    const distinct = [...new Set(statuses.map((s) => s.status))];
    expect(distinct).toHaveLength(1);
    const [summary] = (await raw(
      'SELECT present, absent, total FROM attendance_day_summaries WHERE tenant_id = ? AND section_id = ? AND date = ?',
      [gw.institution.id, class5A, '2026-11-20'],
    )) as {
      present: number;
      absent: number;
      total: number;
    }[];
    expect(Number(summary!.total)).toBe(6);
    expect(Number(distinct[0] === 'present' ? summary!.present : summary!.absent)).toBe(6);
  });

  // The save's first statement reads the day's marks under the day-summary row lock (MySQL: FOR UPDATE
  // joined to the marks). SQLite transactions take turns, so there is no second writer to wait for.
  it.runIf(TEST_DB === 'mysql')(
    'reads the marks a concurrent writer committed while it waited for the day lock, losing none of the save',
    async () => {
      expect(
        (await save(teacher, class5A, '2026-11-20', { marks: all(roster5A, 'present') })).statusCode,
      ).toBe(200);
      const key = [gw.institution.id, '2026-11-20', class5A];
      const holder = t.dataSource.createQueryRunner();
      let saving: ReturnType<typeof save> | null = null;
      try {
        await t.db.acrossTenants('test holds the day lock as another writer', async () => {
          await holder.startTransaction();
          await holder.query(
            'SELECT total FROM attendance_day_summaries WHERE tenant_id = ? AND date = ? AND section_id = ? FOR UPDATE',
            key,
          );
          await holder.query(
            "UPDATE attendance_marks SET status = 'absent' WHERE tenant_id = ? AND date = ? AND section_id = ?",
            key,
          );
        });
        // The teacher marks everyone present while the other writer (all absent) still holds the lock.
        saving = save(teacher, class5A, '2026-11-20', { marks: all(roster5A, 'present') });
        await new Promise((r) => setTimeout(r, 400));
        await holder.commitTransaction();
      } finally {
        if (holder.isTransactionActive) await holder.rollbackTransaction();
        await holder.release();
      }
      const res = await saving!;
      expect(res.statusCode).toBe(200);
      // Read after the other writer committed, the save changes all six back; read before, it saw nothing
      // to change and the teacher's "present" was lost.
      expect(res.json<Register>().changed).toBe(6);
      const statuses = (await raw(
        'SELECT status FROM attendance_marks WHERE tenant_id = ? AND date = ? AND section_id = ?',
        key,
      )) as { status: string }[];
      expect(statuses.map((s) => s.status)).toEqual(roster5A.map(() => 'present'));
    },
  );

  // A locking read of a day-summary row that does not exist yet locks the gap where every section's row
  // for that day goes; each save then inserting its own row into that gap deadlocked with the others. The
  // first save of a section-day in a process creates the row first and reads the marks under its lock.
  it.runIf(TEST_DB === 'mysql')(
    "saves the morning's first registers of many sections at once without deadlocks",
    async () => {
      const counter = new StatementCounter().install(t.dataSource);
      const sections = [...Object.values(rs.sections)];
      const days = ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19'];
      const rosters = await t.context.runAsTenant(rs.institution.id, async () => {
        const directory = t.app.get(StudentDirectory);
        return Promise.all(sections.map(async (s) => (await directory.roster(s)).map((r) => r.studentId)));
      });
      const [results, sent] = await counter.count(() =>
        Promise.all(
          days.flatMap((day) =>
            sections.map((section, i) =>
              save(rsAdmin, section, day, { marks: all(rosters[i]!, 'present'), reason: 'entered late' }),
            ),
          ),
        ),
      );
      expect(results.filter((r) => r.statusCode !== 200).map((r) => r.body)).toEqual([]);
      const rollbacks = sent.filter((q) => /^ROLLBACK/i.test(q.trim()));
      console.info(
        `[deadlocks] ${results.length} first saves at once: ${rollbacks.length} rolled back and run again`,
      );
      expect(rollbacks).toEqual([]);
    },
  );

  it('approves a parent leave request: the child shows as on leave and earlier absences become excused', async () => {
    const child = (await t.request({ url: '/api/v1/students', headers: parent.auth }))
      .json<{ items: { id: string; enrolment: { sectionId: string } }[] }>()
      .items.find((c) => c.enrolment.sectionId === class5A)!;
    await save(teacher, class5A, '2026-11-20', { marks: all(roster5A, 'present', { [child.id]: 'absent' }) });
    const req = await t.request({
      method: 'POST',
      url: '/api/v1/attendance/leave-requests',
      headers: parent.auth,
      payload: { studentId: child.id, fromDate: '2026-11-20', toDate: '2026-11-24', reason: 'Fever' },
    });
    expect(req.statusCode).toBe(201);
    const leaveId = req.json<{ id: string }>().id;
    expect(
      (
        await t.request({
          method: 'POST',
          url: '/api/v1/attendance/leave-requests',
          headers: parent.auth,
          payload: { studentId: child.id, fromDate: '2026-11-23', toDate: '2026-11-23', reason: 'Again' },
        })
      ).statusCode,
    ).toBe(409);
    const someoneElse = roster5A.find((id) => id !== child.id)!;
    expect(
      (
        await t.request({
          method: 'POST',
          url: '/api/v1/attendance/leave-requests',
          headers: parent.auth,
          payload: {
            studentId: someoneElse,
            fromDate: '2026-11-23',
            toDate: '2026-11-23',
            reason: 'Not mine',
          },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await t.request({ url: '/api/v1/attendance/leave-requests?status=pending', headers: teacher.auth }))
        .json<{ items: { id: string }[] }>()
        .items.map((l) => l.id),
    ).toContain(leaveId);
    const decided = await t.request({
      method: 'POST',
      url: `/api/v1/attendance/leave-requests/${leaveId}/decision`,
      headers: teacher.auth,
      payload: { decision: 'approved', note: 'Get well soon' },
    });
    expect(decided.json()).toMatchObject({ status: 'approved', decisionNote: 'Get well soon' });
    const register = (
      await t.request({ url: url(class5A, '2026-11-20'), headers: teacher.auth })
    ).json<Register>();
    expect(register.rows.find((r) => r.studentId === child.id)).toMatchObject({
      status: 'excused',
      onLeave: true,
    });
    expect(register.summary).toMatchObject({ absent: 0, excused: 1 });
    expect(
      (
        await t.request({
          method: 'POST',
          url: `/api/v1/attendance/leave-requests/${leaveId}/decision`,
          headers: teacher.auth,
          payload: { decision: 'rejected' },
        })
      ).json(),
    ).toMatchObject({ error: { code: 'LEAVE_NOT_PENDING' } });
  });

  it('computes a month register, a student calendar, the day summary and chronic absentees correctly', async () => {
    await t.request({
      method: 'PUT',
      url: '/api/v1/attendance/settings',
      headers: admin.auth,
      payload: { weeklyOffDays: [0, 6] },
    });
    const [s1, s2, s3] = roster5A as [string, string, string];
    const days: [string, Record<string, string>][] = [
      ['2026-11-09', { [s1]: 'absent', [s2]: 'half_day' }],
      ['2026-11-10', { [s1]: 'absent', [s3]: 'late' }],
      ['2026-11-11', { [s1]: 'absent', [s2]: 'excused' }],
      ['2026-11-12', {}],
    ];
    for (const [date, except] of days) {
      clock().setForTests(new Date(`${date}T05:00:00Z`));
      expect(
        (await save(teacher, class5A, date, { marks: all(roster5A, 'present', except) })).statusCode,
      ).toBe(200);
    }
    clock().setForTests(new Date('2026-11-13T05:00:00Z'));
    const month = (
      await t.request({ url: `/api/v1/attendance/sections/${class5A}/months/2026-11`, headers: teacher.auth })
    ).json<{
      workingDays: string[];
      rows: {
        studentId: string;
        counts: Record<string, number>;
        percent: number | null;
        days: Record<string, string | null>;
      }[];
    }>();
    expect(month.workingDays).toEqual([
      '2026-11-02',
      '2026-11-03',
      '2026-11-04',
      '2026-11-05',
      '2026-11-06',
      '2026-11-09',
      '2026-11-10',
      '2026-11-11',
      '2026-11-12',
      '2026-11-13',
    ]);
    const row = (id: string) => month.rows.find((r) => r.studentId === id)!;
    expect(row(s1)).toMatchObject({ counts: { present: 1, absent: 3 }, percent: 25 });
    expect(row(s2)).toMatchObject({ counts: { present: 2, halfDay: 1, excused: 1 }, percent: 83.3 }); // (2 + 0.5) / 3
    expect(row(s3)).toMatchObject({ counts: { present: 3, late: 1 }, percent: 100 });
    expect(row(s1).days['2026-11-09']).toBe('A');
    const calendar = (
      await t.request({
        url: `/api/v1/attendance/students/${s1}/calendar?from=2026-11-09&to=2026-11-13`,
        headers: admin.auth,
      })
    ).json<{ summary: Record<string, number | null> }>();
    expect(calendar.summary).toMatchObject({ workingDays: 5, present: 1, absent: 3, percent: 25 });
    // The headline's own days: the unmarked 13th is a working day but not one the percentage is over.
    expect(calendar.summary).toMatchObject({ countedDays: 4, attendedDays: 1 });
    const halfAndLeave = (
      await t.request({
        url: `/api/v1/attendance/students/${s2}/calendar?from=2026-11-09&to=2026-11-13`,
        headers: admin.auth,
      })
    ).json<{ summary: Record<string, number | null> }>();
    // Half day on the 9th, excused on the 11th, the 13th not marked: 2.5 of 3 days, the 83.3 it reports.
    expect(halfAndLeave.summary).toMatchObject({
      workingDays: 5,
      countedDays: 3,
      attendedDays: 2.5,
      percent: 83.3,
    });
    const summary = (
      await t.request({ url: '/api/v1/attendance/summary?date=2026-11-10', headers: admin.auth })
    ).json<{
      totals: Record<string, number>;
      percent: number;
      sections: { sectionId: string; absentees: { studentId: string }[] }[];
    }>();
    expect(summary.totals).toMatchObject({ present: 4, absent: 1, late: 1, total: 6 });
    expect(summary.percent).toBe(83.3);
    expect(summary.sections.find((s) => s.sectionId === class5A)!.absentees.map((a) => a.studentId)).toEqual([
      s1,
    ]);
    const chronic = (
      await t.request({
        url: '/api/v1/attendance/chronic-absentees?from=2026-11-09&to=2026-11-13&threshold=50',
        headers: admin.auth,
      })
    ).json<{ items: { studentId: string; percent: number }[] }>();
    expect(chronic.items.map((c) => [c.studentId, c.percent])).toEqual([[s1, 25]]);
    const unmarked = (
      await t.request({ url: '/api/v1/attendance/unmarked?date=2026-11-13', headers: teacher.auth })
    ).json<{ sections: { sectionId: string }[] }>();
    expect(unmarked.sections.map((s) => s.sectionId)).toEqual([class5A]);
    const csv = await t.request({
      url: `/api/v1/attendance/sections/${class5A}/months/2026-11/export`,
      headers: teacher.auth,
    });
    expect(csv.body.split('\r\n')[0]).toMatch(
      /^roll_no,admission_no,name,2026-11-02,.*,present,absent,late,excused,half_day,percent$/,
    );
    await t.request({
      method: 'PUT',
      url: '/api/v1/attendance/settings',
      headers: admin.auth,
      payload: { weeklyOffDays: [0] },
    });
  });

  it('[AZ-03] a teacher taken off a section loses it on the very next request, not when a cache expires', async () => {
    const assignments = (
      await t.request({ url: '/api/v1/academics/subject-assignments', headers: admin.auth })
    ).json<{ items: { id: string; sectionId: string; subjectId: string; teacherUserId: string }[] }>().items;
    const mine = assignments.find((a) => a.sectionId === class5A && a.teacherUserId === otherUserId)!;
    // Warm every cache on the way: the teacher reads and saves the register.
    expect((await t.request({ url: url(class5A, '2026-11-20'), headers: other.auth })).statusCode).toBe(200);
    expect((await save(other, class5A, '2026-11-20', { marks: all(roster5A) })).statusCode).toBe(200);
    const off = await t.request({
      method: 'DELETE',
      url: `/api/v1/academics/subject-assignments/${mine.id}`,
      headers: admin.auth,
    });
    expect(off.statusCode).toBe(204);
    expect((await save(other, class5A, '2026-11-20', { marks: all(roster5A) })).statusCode).toBe(404);
    const back = await t.request({
      method: 'POST',
      url: '/api/v1/academics/subject-assignments',
      headers: admin.auth,
      payload: { sectionId: class5A, subjectId: mine.subjectId, teacherUserId: otherUserId },
    });
    expect(back.statusCode).toBe(201);
    expect((await save(other, class5A, '2026-11-20', { marks: all(roster5A) })).statusCode).toBe(200);
  });

  it('[TEN-04] answers another school section, students and leave with 404 and changes nothing', async () => {
    expect((await t.request({ url: url(class5A, '2026-11-20'), headers: rsAdmin.auth })).statusCode).toBe(
      404,
    );
    expect((await save(rsAdmin, class5A, '2026-11-20', { marks: all(roster5A, 'absent') })).statusCode).toBe(
      404,
    );
    expect(
      (
        await t.request({
          url: `/api/v1/attendance/students/${roster5A[0]}/calendar?from=2026-11-01&to=2026-11-20`,
          headers: rsAdmin.auth,
        })
      ).statusCode,
    ).toBe(404);
    const leaves = (await t.request({ url: '/api/v1/attendance/leave-requests', headers: admin.auth })).json<{
      items: { id: string }[];
    }>().items;
    expect(
      (
        await t.request({
          method: 'POST',
          url: `/api/v1/attendance/leave-requests/${leaves[0]!.id}/decision`,
          headers: rsAdmin.auth,
          payload: { decision: 'rejected' },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await t.request({ url: '/api/v1/attendance/leave-requests', headers: rsAdmin.auth })).json<{
        items: unknown[];
      }>().items,
    ).toEqual([]);
  });

  it('takes period-wise attendance when the school chooses it', async () => {
    await t.request({
      method: 'PUT',
      url: '/api/v1/attendance/settings',
      headers: rsAdmin.auth,
      payload: { mode: 'period', periodsPerDay: 6 },
    });
    const section = rs.sections['Class 6 B']!;
    const roster = (
      await t.context.runAsTenant(rs.institution.id, () => t.app.get(StudentDirectory).roster(section))
    ).map((r) => r.studentId);
    expect((await save(rsAdmin, section, '2026-11-20', { marks: all(roster) })).json()).toMatchObject({
      error: { details: [{ field: 'period' }] },
    });
    expect(
      (await save(rsAdmin, section, '2026-11-20', { period: 3, marks: all(roster) })).json(),
    ).toMatchObject({ period: 3, summary: { present: 3 } });
    expect((await save(rsAdmin, section, '2026-11-20', { period: 7, marks: all(roster) })).statusCode).toBe(
      400,
    );
  });
  it('marks a period for its subject: taught in the section, by its teacher or the class teacher', async () => {
    const subjects = (await t.request({ url: '/api/v1/academics/subjects', headers: admin.auth })).json<{
      items: { id: string; code: string }[];
    }>().items;
    const subject = (code: string) => subjects.find((s) => s.code === code)!.id;
    // English in Class 5 A is taught by someone else than the maths teacher; science is not taught there.
    expect(
      (
        await t.request({
          method: 'POST',
          url: '/api/v1/academics/subject-assignments',
          headers: admin.auth,
          payload: { sectionId: class5A, subjectId: subject('ENG'), teacherUserId: gw.teacher.id },
        })
      ).statusCode,
    ).toBe(201);
    const period = (who: Auth, subjectId: string) =>
      save(who, class5A, '2026-11-20', { period: 2, subjectId, marks: all(roster5A) });

    // Daily attendance takes no subject.
    const daily = await save(teacher, class5A, '2026-11-20', {
      subjectId: subject('MATH'),
      marks: all(roster5A),
    });
    expect(daily.statusCode).toBe(400);
    expect(daily.json()).toMatchObject({ error: { details: [{ field: 'subjectId' }] } });

    await t.request({
      method: 'PUT',
      url: '/api/v1/attendance/settings',
      headers: admin.auth,
      payload: { mode: 'period', periodsPerDay: 6 },
    });
    try {
      expect((await period(other, subject('MATH'))).statusCode).toBe(200);
      expect((await period(other, subject('ENG'))).json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
      expect((await period(teacher, subject('MATH'))).statusCode).toBe(200); // the class teacher
      const notTaught = await period(admin, subject('SCI'));
      expect(notTaught.statusCode).toBe(422);
      expect(notTaught.json()).toMatchObject({
        error: { code: 'SUBJECT_NOT_IN_SECTION', details: [{ field: 'subjectId' }] },
      });
      const stored = (await raw(
        'SELECT DISTINCT subject_id FROM attendance_marks WHERE tenant_id = ? AND section_id = ? AND date = ? AND period = 2',
        [gw.institution.id, class5A, '2026-11-20'],
      )) as { subject_id: string }[];
      expect(stored.map((r) => r.subject_id)).toEqual([subject('MATH')]);
    } finally {
      await t.request({
        method: 'PUT',
        url: '/api/v1/attendance/settings',
        headers: admin.auth,
        payload: { mode: 'daily' },
      });
    }
  });
});
