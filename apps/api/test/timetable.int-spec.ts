import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { StudentDirectory } from '../src/modules/students/student-directory';
import { Clock } from '../src/platform/time/clock';
import { account, signIn } from './support/accounts';
import { CAN_READ_PDF, pdfText } from './support/pdf-text';
import { School, givenSchool } from './support/school';
import { TEST_DB, TestApp, bootTestApp } from './support/test-app';

type Auth = { auth: Record<string, string> };
type Clash = {
  field: string;
  kind: string;
  teacherUserId: string | null;
  room: string | null;
  otherSectionId: string | null;
  weekday: number;
  period: number;
  message: string;
};
type ErrorBody = { error: { code: string; message: string; details?: Clash[] } };

/** Monday 2026-11-23, 09:00 in Kolkata: a school day. */
const MONDAY = '2026-11-23';
const MONDAY_MORNING = new Date('2026-11-23T03:30:00Z');

const WEEKDAY_BELLS = [
  { kind: 'period', start: '08:00', end: '08:40' },
  { kind: 'period', start: '08:40', end: '09:20' },
  { kind: 'break', label: 'Recess', start: '09:20', end: '09:40' },
  { kind: 'period', start: '09:40', end: '10:20' },
  { kind: 'period', start: '10:20', end: '11:00' },
];
const SATURDAY_BELLS = WEEKDAY_BELLS.slice(0, 2);

describe(`timetable on ${TEST_DB}`, () => {
  let t: TestApp;
  let gw: School;
  let rs: School;
  let admin: Auth;
  let rsAdmin: Auth;
  let teacher: Auth;
  let parent: Auth;
  let maths: Auth;
  let mathsId: string;
  let englishId: string;
  let english: Auth;
  let s5A: string;
  let s5B: string;
  let s6A: string;
  let subject: Record<string, string>;
  const clock = () => t.app.get(Clock);
  const cellUrl = (section: string, weekday: number, period: number) =>
    `/api/v1/timetable/sections/${section}/cells/${weekday}/${period}`;
  const putCell = (a: Auth, section: string, weekday: number, period: number, payload: object) =>
    t.request({ method: 'PUT', url: cellUrl(section, weekday, period), headers: a.auth, payload });
  const settings = (payload: object) =>
    t.request({ method: 'PUT', url: '/api/v1/timetable/settings', headers: admin.auth, payload });
  const assign = (sectionId: string, code: string, teacherUserId: string) =>
    t.request({
      method: 'POST',
      url: '/api/v1/academics/subject-assignments',
      headers: admin.auth,
      payload: { sectionId, subjectId: subject[code], teacherUserId },
    });

  beforeAll(async () => {
    t = await bootTestApp();
    gw = await givenSchool(t, await t.given.institution('greenwood'), 1, 3);
    rs = await givenSchool(t, await t.given.institution('riverside'), 2, 2);
    s5A = gw.sections['Class 5 A']!;
    s5B = gw.sections['Class 5 B']!;
    s6A = gw.sections['Class 6 A']!;
    admin = await signIn(t, gw.admin, '10.71.0.1', -1);
    rsAdmin = await signIn(t, rs.admin, '10.71.0.2', -1);
    teacher = await signIn(t, gw.teacher, '10.71.0.3');
    parent = await signIn(t, gw.parent, '10.71.0.4');
    const m = await account(t, gw.institution, 'maths@greenwood.test', ['teacher']);
    const e = await account(t, gw.institution, 'english@greenwood.test', ['teacher']);
    mathsId = m.id;
    englishId = e.id;
    maths = await signIn(t, m, '10.71.0.5');
    english = await signIn(t, e, '10.71.0.6');
    const subjects = (await t.request({ url: '/api/v1/academics/subjects', headers: admin.auth })).json<{
      items: { id: string; code: string }[];
    }>().items;
    subject = Object.fromEntries(subjects.map((s) => [s.code, s.id]));
    for (const [section, code, who] of [
      [s5A, 'MATH', mathsId],
      [s5B, 'MATH', mathsId],
      [s6A, 'MATH', mathsId],
      [s5A, 'ENG', gw.teacher.id],
      [s5B, 'ENG', englishId],
      [s6A, 'ENG', englishId],
    ] as const)
      expect((await assign(section, code, who)).statusCode).toBe(201);
  });
  beforeEach(() => clock().setForTests(MONDAY_MORNING));
  afterAll(async () => {
    clock().setForTests(null);
    await t.close();
  });

  it('refuses a bell schedule with a bad time, an end before its start or overlapping slots, naming the field', async () => {
    const bad = await settings({
      days: [{ weekday: 1, slots: [{ kind: 'period', start: '8:00', end: '08:40' }] }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<ErrorBody>().error.details).toEqual([
      { field: 'days.0.slots.0.start', message: 'must be HH:MM (00:00-23:59)' },
    ]);
    const backwards = await settings({
      days: [{ weekday: 1, slots: [{ kind: 'period', start: '09:00', end: '08:40' }] }],
    });
    expect(backwards.json<ErrorBody>().error.details).toEqual([
      { field: 'days.0.slots.0.end', message: 'must be after start' },
    ]);
    const overlap = await settings({
      days: [
        { weekday: 1, slots: WEEKDAY_BELLS },
        { weekday: 6, slots: [...SATURDAY_BELLS, { kind: 'break', start: '08:30', end: '08:50' }] },
      ],
    });
    expect(overlap.statusCode).toBe(400);
    expect(overlap.json<ErrorBody>().error.details![0]!.field).toBe('days.1.slots.2.start');
  });

  it('saves a bell schedule per weekday (a short Saturday), numbering periods as the register does', async () => {
    const res = await settings({
      days: [1, 2, 3, 4, 5]
        .map((weekday) => ({ weekday, slots: WEEKDAY_BELLS }))
        .concat({ weekday: 6, slots: SATURDAY_BELLS }),
      maxPeriodsPerDay: 3,
      maxPeriodsPerWeek: 12,
    });
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      days: { weekday: number; slots: { kind: string; period: number | null }[] }[];
    }>();
    expect(body.days.find((d) => d.weekday === 1)!.slots.map((s) => s.period)).toEqual([1, 2, null, 3, 4]);
    expect(body.days.find((d) => d.weekday === 6)!.slots).toHaveLength(2);
    const read = await t.request({ url: '/api/v1/timetable/settings', headers: teacher.auth });
    expect(read.json()).toEqual(body);
  });

  it('refuses more periods a day than the period-wise register takes', async () => {
    await t.request({
      method: 'PUT',
      url: '/api/v1/attendance/settings',
      headers: admin.auth,
      payload: { mode: 'period', periodsPerDay: 4 },
    });
    const res = await settings({
      days: [{ weekday: 1, slots: [...WEEKDAY_BELLS, { kind: 'period', start: '11:00', end: '11:40' }] }],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json<ErrorBody>().error.details).toEqual([
      { field: 'days.0.slots', message: 'more than 4 periods' },
    ]);
  });

  it('sets a cell and refuses a teacher in two sections at once, naming teacher, section, day and period', async () => {
    expect(
      (await putCell(admin, s5A, 1, 1, { subjectId: subject.MATH, teacherUserId: mathsId, room: 'Lab 1' }))
        .statusCode,
    ).toBe(200);
    const res = await putCell(admin, s5B, 1, 1, { subjectId: subject.MATH, teacherUserId: mathsId });
    expect(res.statusCode).toBe(422);
    const error = res.json<ErrorBody>().error;
    expect(error.code).toBe('TIMETABLE_CLASH');
    expect(error.details).toEqual([
      expect.objectContaining({
        field: 'teacherUserId',
        kind: 'teacher_double_booked',
        teacherUserId: mathsId,
        otherSectionId: s5A,
        sectionId: s5B,
        weekday: 1,
        period: 1,
      }),
    ]);
    expect(error.message).toContain('already teaches Class 5 A on Monday, period 1');
  });

  it('refuses a double-booked room (ignoring case and spaces)', async () => {
    const res = await putCell(admin, s5B, 1, 1, {
      subjectId: subject.ENG,
      teacherUserId: englishId,
      room: ' lab 1',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json<ErrorBody>().error.details).toEqual([
      expect.objectContaining({
        field: 'room',
        kind: 'room_double_booked',
        otherSectionId: s5A,
        room: 'lab 1',
      }),
    ]);
  });

  it("refuses a teacher not assigned the subject in that section this year, and a period the day's bells lack", async () => {
    const res = await putCell(admin, s5B, 1, 2, { subjectId: subject.ENG, teacherUserId: gw.teacher.id });
    expect(res.json<ErrorBody>().error.details).toEqual([
      expect.objectContaining({ field: 'teacherUserId', kind: 'teacher_not_assigned' }),
    ]);
    const saturday = await putCell(admin, s5B, 6, 3, { subjectId: subject.ENG, teacherUserId: englishId });
    expect(saturday.statusCode).toBe(422);
    expect(saturday.json<ErrorBody>().error.details).toEqual([
      expect.objectContaining({ field: 'period', kind: 'no_such_period', weekday: 6, period: 3 }),
    ]);
  });

  it('refuses a teacher above the daily maximum, and accepts the whole grid of a section in one request', async () => {
    expect(
      (await putCell(admin, s5B, 1, 2, { subjectId: subject.MATH, teacherUserId: mathsId })).statusCode,
    ).toBe(200);
    expect(
      (await putCell(admin, s6A, 1, 3, { subjectId: subject.MATH, teacherUserId: mathsId })).statusCode,
    ).toBe(200);
    const over = await putCell(admin, s6A, 1, 4, { subjectId: subject.MATH, teacherUserId: mathsId });
    expect(over.json<ErrorBody>().error.details).toEqual([
      expect.objectContaining({
        kind: 'teacher_over_daily_max',
        teacherUserId: mathsId,
        weekday: 1,
        period: 4,
      }),
    ]);
    // The whole grid of 5 A: the Monday maths cell kept, English around it.
    const grid = await t.request({
      method: 'PUT',
      url: `/api/v1/timetable/sections/${s5A}`,
      headers: admin.auth,
      payload: {
        cells: [
          { weekday: 1, period: 1, subjectId: subject.MATH, teacherUserId: mathsId, room: 'Lab 1' },
          { weekday: 1, period: 2, subjectId: subject.ENG, teacherUserId: gw.teacher.id },
          { weekday: 1, period: 3, subjectId: subject.ENG, teacherUserId: gw.teacher.id },
          { weekday: 2, period: 1, subjectId: subject.ENG, teacherUserId: gw.teacher.id },
        ],
      },
    });
    expect(grid.statusCode).toBe(200);
    const cells = grid.json<{
      cells: { weekday: number; period: number; teacherName: string; subjectName: string }[];
    }>().cells;
    expect(cells.map((c) => `${c.weekday}/${c.period} ${c.subjectName}`)).toEqual([
      '1/1 Mathematics',
      '1/2 English',
      '1/3 English',
      '2/1 English',
    ]);
  });

  it('names the cell index of a clash in a whole-grid write and of a repeated slot, and writes nothing', async () => {
    const clash = await t.request({
      method: 'PUT',
      url: `/api/v1/timetable/sections/${s6A}`,
      headers: admin.auth,
      payload: {
        cells: [
          { weekday: 2, period: 2, subjectId: subject.ENG, teacherUserId: englishId },
          { weekday: 1, period: 2, subjectId: subject.MATH, teacherUserId: mathsId },
        ],
      },
    });
    expect(clash.statusCode).toBe(422);
    expect(clash.json<ErrorBody>().error.details![0]).toMatchObject({
      field: 'cells.1.teacherUserId',
      kind: 'teacher_double_booked',
      otherSectionId: s5B,
    });
    const again = await t.request({
      method: 'PUT',
      url: `/api/v1/timetable/sections/${s6A}`,
      headers: admin.auth,
      payload: {
        cells: [
          { weekday: 2, period: 2, subjectId: subject.ENG, teacherUserId: englishId },
          { weekday: 2, period: 2, subjectId: subject.MATH, teacherUserId: mathsId },
        ],
      },
    });
    expect(again.statusCode).toBe(400);
    expect(again.json<ErrorBody>().error.details).toEqual([
      { field: 'cells.1.period', message: 'a second cell for this weekday and period' },
    ]);
    const kept = await t.request({ url: `/api/v1/timetable/sections/${s6A}`, headers: admin.auth });
    expect(kept.json<{ cells: { period: number }[] }>().cells.map((c) => c.period)).toEqual([3]);
  });

  it('serialises concurrent writes: two that would each fit alone never both land over the limit', async () => {
    // maths teaches 3 periods on Monday (the limit); free one, then race two writes in different slots (no
    // unique key can catch them): each fits alone, both together would be 4.
    expect(
      (await t.request({ method: 'DELETE', url: cellUrl(s6A, 1, 3), headers: admin.auth })).statusCode,
    ).toBe(200);
    for (let round = 0; round < 3; round++) {
      const results = await Promise.all([
        putCell(admin, s6A, 1, 4, { subjectId: subject.MATH, teacherUserId: mathsId }),
        putCell(admin, s5B, 1, 3, { subjectId: subject.MATH, teacherUserId: mathsId }),
      ]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 422]);
      const week = await t.request({ url: `/api/v1/timetable/teachers/${mathsId}`, headers: admin.auth });
      expect(week.json<{ cells: { weekday: number }[] }>().cells.filter((c) => c.weekday === 1)).toHaveLength(
        3,
      );
      for (const url of [cellUrl(s6A, 1, 4), cellUrl(s5B, 1, 3)])
        await t.request({ method: 'DELETE', url, headers: admin.auth });
    }
    expect(
      (await putCell(admin, s6A, 1, 4, { subjectId: subject.MATH, teacherUserId: mathsId })).statusCode,
    ).toBe(200);
  });

  it('lets a parent read their child’s section only, and no teacher’s week', async () => {
    const children = (await t.request({ url: '/api/v1/students', headers: parent.auth })).json<{
      items: { enrolment: { sectionId: string } | null }[];
    }>().items;
    const own = children[0]!.enrolment!.sectionId;
    const other = Object.values(gw.sections).find(
      (s) => !children.some((c) => c.enrolment?.sectionId === s),
    )!;
    expect(
      (await t.request({ url: `/api/v1/timetable/sections/${own}`, headers: parent.auth })).statusCode,
    ).toBe(200);
    expect(
      (await t.request({ url: `/api/v1/timetable/sections/${other}`, headers: parent.auth })).statusCode,
    ).toBe(404);
    expect(
      (await t.request({ url: `/api/v1/timetable/teachers/${mathsId}`, headers: parent.auth })).statusCode,
    ).toBe(404);
    expect(
      (await putCell(parent, own, 2, 2, { subjectId: subject.ENG, teacherUserId: englishId })).statusCode,
    ).toBe(403);
  });

  it('answers 404 for another school’s section, teacher and substitution', async () => {
    expect(
      (await t.request({ url: `/api/v1/timetable/sections/${s5A}`, headers: rsAdmin.auth })).statusCode,
    ).toBe(404);
    expect(
      (await putCell(rsAdmin, s5A, 2, 2, { subjectId: subject.ENG, teacherUserId: englishId })).statusCode,
    ).toBe(404);
    expect(
      (await t.request({ url: `/api/v1/timetable/teachers/${mathsId}`, headers: rsAdmin.auth })).statusCode,
    ).toBe(404);
    expect(
      (
        await t.request({
          url: `/api/v1/timetable/substitutions/proposals?teacherUserId=${mathsId}&date=${MONDAY}`,
          headers: rsAdmin.auth,
        })
      ).statusCode,
    ).toBe(404);
  });

  (CAN_READ_PDF ? it : it.skip)('prints a section’s and a teacher’s week as a PDF', async () => {
    const section = await t.request({ url: `/api/v1/timetable/sections/${s5A}/pdf`, headers: admin.auth });
    expect(section.statusCode).toBe(200);
    expect(section.headers['content-type']).toBe('application/pdf');
    const text = pdfText(section.rawPayload);
    expect(text).toContain('Timetable: Class 5 A');
    expect(text).toMatch(/Monday\s+Tuesday/);
    expect(text).toContain('Mathematics');
    expect(text).toContain('Lab 1');
    const teacherPdf = await t.request({
      url: `/api/v1/timetable/teachers/${mathsId}/pdf`,
      headers: admin.auth,
    });
    expect(pdfText(teacherPdf.rawPayload)).toContain('Class 5 B');
    expect(
      (await t.request({ url: `/api/v1/timetable/teachers/${mathsId}/pdf`, headers: parent.auth }))
        .statusCode,
    ).toBe(404);
    expect(
      (await t.request({ url: `/api/v1/timetable/sections/${s5A}/pdf`, headers: rsAdmin.auth })).statusCode,
    ).toBe(404);
  });

  it("lists a teacher's day with times, and the periods they teach", async () => {
    const res = await t.request({ url: '/api/v1/timetable/my-day', headers: teacher.auth });
    expect(res.statusCode).toBe(200);
    const day = res.json<{
      date: string;
      periodAttendance: boolean;
      periods: { period: number; start: string; sectionId: string; subjectName: string }[];
    }>();
    expect(day.date).toBe(MONDAY);
    expect(day.periodAttendance).toBe(true);
    expect(day.periods.map((p) => [p.period, p.start, p.sectionId, p.subjectName])).toEqual([
      [2, '08:40', s5A, 'English'],
      [3, '09:40', s5A, 'English'],
    ]);
  });

  describe('substitutions', () => {
    let substitutionId: string;
    const roster = () =>
      t.context.runAsTenant(gw.institution.id, () => t.app.get(StudentDirectory).rosterIds(s5A));
    const mark = async (a: Auth, date: string, period: number) =>
      t.request({
        method: 'PUT',
        url: `/api/v1/attendance/sections/${s5A}/days/${date}`,
        headers: a.auth,
        payload: {
          period,
          subjectId: subject.MATH,
          marks: (await roster()).map((studentId) => ({ studentId, status: 'present' })),
        },
      });

    it("proposes free teachers for an absent teacher's periods, fewest periods that day first", async () => {
      const res = await t.request({
        url: `/api/v1/timetable/substitutions/proposals?teacherUserId=${mathsId}&date=${MONDAY}`,
        headers: admin.auth,
      });
      expect(res.statusCode).toBe(200);
      const periods = res.json<{
        periods: {
          period: number;
          sectionId: string;
          candidates: { userId: string; periodsThatDay: number }[];
        }[];
      }>().periods;
      expect(periods.map((p) => [p.period, p.sectionId])).toEqual([
        [1, s5A],
        [2, s5B],
        [4, s6A],
      ]);
      // Period 1: the class teacher of 5 A (2 periods that day) and the English teacher (none) are free.
      expect(periods[0]!.candidates.map((c) => [c.userId, c.periodsThatDay])).toEqual([
        [englishId, 0],
        [gw.teacher.id, 2],
      ]);
      // Period 2: the class teacher teaches 5 A then.
      expect(periods[1]!.candidates.map((c) => c.userId)).toEqual([englishId]);
    });

    it('refuses a busy substitute naming the field, confirms a free one and audits it', async () => {
      const busy = await t.request({
        method: 'POST',
        url: '/api/v1/timetable/substitutions',
        headers: admin.auth,
        payload: { date: MONDAY, absentTeacherUserId: mathsId, period: 2, substituteUserId: gw.teacher.id },
      });
      expect(busy.statusCode).toBe(422);
      expect(busy.json<ErrorBody>().error.details![0]!.field).toBe('substituteUserId');
      const res = await t.request({
        method: 'POST',
        url: '/api/v1/timetable/substitutions',
        headers: admin.auth,
        payload: { date: MONDAY, absentTeacherUserId: mathsId, period: 1, substituteUserId: englishId },
      });
      expect(res.statusCode).toBe(201);
      substitutionId = res.json<{ id: string }>().id;
      const audit = await t.request({
        url: '/api/v1/audit/events?action=timetable.substitution_confirm',
        headers: admin.auth,
      });
      const events = audit.json<{ items: { targetId: string; details: Record<string, unknown> }[] }>().items;
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        targetId: s5A,
        details: expect.objectContaining({
          substituteUserId: englishId,
          absentTeacherUserId: mathsId,
          period: 1,
        }),
      });
    });

    it('shows the substitute the period in their day, and the absent teacher who covers theirs', async () => {
      const sub = (await t.request({ url: '/api/v1/timetable/my-day', headers: english.auth })).json<{
        periods: { period: number; substitutionId: string | null }[];
      }>();
      expect(sub.periods).toEqual([expect.objectContaining({ period: 1, substitutionId })]);
      const absent = (await t.request({ url: '/api/v1/timetable/my-day', headers: maths.auth })).json<{
        periods: { period: number; coveredBy: string | null }[];
      }>();
      expect(absent.periods.find((p) => p.period === 1)!.coveredBy).toEqual(expect.any(String));
      expect(absent.periods.find((p) => p.period === 2)!.coveredBy).toBeNull();
    });

    it("lets the substitute mark that period's register that day only", async () => {
      expect((await mark(english, MONDAY, 1)).statusCode).toBe(200);
      expect(
        (
          await t.request({
            url: `/api/v1/attendance/sections/${s5A}/days/${MONDAY}?period=1`,
            headers: english.auth,
          })
        ).statusCode,
      ).toBe(200);
      // Another period, or the same period another day: not theirs.
      expect((await mark(english, MONDAY, 2)).statusCode).toBe(404);
      clock().setForTests(new Date('2026-11-24T03:30:00Z'));
      expect((await mark(english, '2026-11-24', 1)).statusCode).toBe(404);
    });

    it('cancels a substitution, after which the register is closed to the substitute again', async () => {
      const res = await t.request({
        method: 'DELETE',
        url: `/api/v1/timetable/substitutions/${substitutionId}`,
        headers: admin.auth,
      });
      expect(res.statusCode).toBe(204);
      expect((await mark(english, MONDAY, 1)).statusCode).toBe(404);
    });
  });
});
