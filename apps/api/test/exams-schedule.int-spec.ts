import { AcademicsService } from '../src/modules/academics/academics.service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SchoolCalendar } from '../src/modules/attendance/school-calendar';
import { ExamsDemoSeeder } from '../src/modules/exams/exams-demo.seeder';
import { StudentDirectory } from '../src/modules/students/student-directory';
import { Clock } from '../src/platform/time/clock';
import { Signed, signIn } from './support/accounts';
import { CAN_READ_PDF, pdfText } from './support/pdf-text';
import { School, givenSchool } from './support/school';
import { TEST_DB, TestApp, bootTestApp } from './support/test-app';

/** Tests that read a PDF's text need pdftotext (see support/pdf-text.ts). */
const withText = CAN_READ_PDF ? it : it.skip;

interface Structure {
  subjects?: never;
  terms: {
    id: string;
    name: string;
    assessments: { id: string; code: string; papers: { id: string; classId: string; subjectId: string }[] }[];
  }[];
}
interface Sitting {
  paperId: string;
  sectionId: string | null;
  sitsOn: string;
  startsAt: string;
  endsAt: string;
  room: string;
  invigilatorUserId: string | null;
  subject: string;
  className: string;
  sectionName: string | null;
}
interface Schedule {
  assessmentId: string;
  sittings: Sitting[];
}
interface ErrorBody {
  error: { code: string; details?: { field: string; message: string }[] };
}

const HINDI_FIRST = 'अनन्या';
const HINDI_LAST = 'क्षत्रिय';

describe(`exams schedule and hall tickets (${TEST_DB})`, () => {
  let t: TestApp;
  let gw: School;
  let rs: School;
  let admin: Signed;
  let rsAdmin: Signed;
  let teacher: Signed;
  let parent: Signed;
  let pt2: string; // Term 2's Periodic Test 2: the tests replace its demo schedule with their own
  let annual: string; // Term 2's Annual: the demo schedule
  let paper: (code: string, className: string, subject: string) => string;
  let child: string;
  let otherChild: string;
  let subjects: Map<string, string>;
  let classes: Map<string, string>;
  const get = (a: Signed, url: string) => t.request({ url: `/api/v1/exams/${url}`, headers: a.auth });
  const put = (a: Signed, assessmentId: string, sittings: unknown[]) =>
    t.request({
      method: 'PUT',
      url: `/api/v1/exams/assessments/${assessmentId}/schedule`,
      headers: a.auth,
      payload: { sittings },
    });
  const saves = async (assessmentId: string) =>
    Number(
      (
        await t.dataSource.query(
          "SELECT COUNT(*) AS n FROM audit_events WHERE tenant_id = ? AND action = 'exams.schedule.save' AND target_id = ?",
          [gw.institution.id, assessmentId],
        )
      )[0].n,
    );
  const sitting = (p: Partial<Sitting> & { paperId: string }) => ({
    sectionId: null,
    sitsOn: '2027-01-11',
    startsAt: '09:00',
    endsAt: '11:00',
    room: 'Hall 1',
    invigilatorUserId: null,
    ...p,
  });

  beforeAll(async () => {
    t = await bootTestApp();
    gw = await givenSchool(t, await t.given.institution('greenwood'), 1, 3);
    rs = await givenSchool(t, await t.given.institution('riverside'), 2, 2);
    admin = await signIn(t, gw.admin, '10.63.0.1', -1);
    rsAdmin = await signIn(t, rs.admin, '10.63.0.2', -1);
    teacher = await signIn(t, gw.teacher, '10.63.0.3');
    parent = await signIn(t, gw.parent, '10.63.0.4');
    t.app.get(Clock).setForTests(new Date('2026-10-05T05:00:00Z'));
    const students = t.app.get(StudentDirectory);
    const rosterA = await t.context.runAsTenant(gw.institution.id, () =>
      students.roster(gw.sections['Class 5 A']!),
    );
    child = rosterA[0]!.studentId;
    otherChild = rosterA[1]!.studentId;
    const renamed = await t.request({
      method: 'PATCH',
      url: `/api/v1/students/${child}`,
      headers: admin.auth,
      payload: { firstName: HINDI_FIRST, lastName: HINDI_LAST },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    // A holiday in Term 2 before the demo schedule is made: the demo seeder must step around it.
    await t.context.runAsTenant(gw.institution.id, () =>
      t.app.get(SchoolCalendar).addHoliday('2027-03-02', 'Holi'),
    );
    for (const school of [gw, rs])
      await t.context.runAsTenant(school.institution.id, () => t.app.get(ExamsDemoSeeder).seed());
    const structure = (await get(admin, 'structure')).json<Structure>();
    const term2 = structure.terms.find((x) => x.name === 'Term 2')!;
    pt2 = term2.assessments.find((a) => a.code === 'PT2')!.id;
    annual = term2.assessments.find((a) => a.code === 'AN')!.id;
    const subjectRows = (await t.request({ url: '/api/v1/academics/subjects', headers: admin.auth })).json<
      { id: string; name: string }[] | { items: { id: string; name: string }[] }
    >();
    const subjectList = Array.isArray(subjectRows) ? subjectRows : subjectRows.items;
    subjects = new Map(subjectList.map((s) => [s.name, s.id]));
    const classRows = (await t.request({ url: '/api/v1/academics/classes', headers: admin.auth })).json<
      { id: string; name: string }[] | { items: { id: string; name: string }[] }
    >();
    classes = new Map((Array.isArray(classRows) ? classRows : classRows.items).map((c) => [c.name, c.id]));
    paper = (code, className, subject) =>
      term2.assessments
        .find((a) => a.code === code)!
        .papers.find((p) => p.classId === classes.get(className) && p.subjectId === subjects.get(subject))!
        .id;
  }, 240_000);

  afterAll(async () => {
    t?.app.get(Clock).setForTests(null);
    await t?.close();
  });

  it('seeds a clash-free demo schedule on working days, and saving it back changes nothing', async () => {
    const res = await get(admin, `assessments/${annual}/schedule`);
    expect(res.statusCode, res.body).toBe(200);
    const demo = res.json<Schedule>();
    expect(demo.sittings).toHaveLength(5 * 4); // five subjects x four sections
    const days = [...new Set(demo.sittings.map((s) => s.sitsOn))];
    expect(days).toHaveLength(5);
    expect(days).not.toContain('2027-03-02'); // the holiday
    for (const d of days) expect(new Date(`${d}T00:00:00Z`).getUTCDay()).not.toBe(0);
    const before = await saves(annual);
    const again = await put(
      admin,
      annual,
      demo.sittings.map(({ paperId, sectionId, sitsOn, startsAt, endsAt, room, invigilatorUserId }) => ({
        paperId,
        sectionId,
        sitsOn,
        startsAt,
        endsAt,
        room,
        invigilatorUserId,
      })),
    );
    expect(again.statusCode, again.body).toBe(200);
    expect(await saves(annual)).toBe(before);
    const halfYearly = (await get(admin, 'structure'))
      .json<Structure>()
      .terms[0]!.assessments.find((a) => a.code === 'HY')!.id;
    const hy = (await get(admin, `assessments/${halfYearly}/schedule`)).json<Schedule>();
    expect(hy.sittings.every((s) => s.sitsOn >= '2026-09-14' && s.sitsOn <= '2026-09-30')).toBe(true);
  });

  it("lists on the teacher's dashboard the marks of exams already sat and not submitted, none still to come", async () => {
    await t.context.runAsTenant(gw.institution.id, () =>
      t.app.get(AcademicsService).assignSubject({
        sectionId: gw.sections['Class 5 A']!,
        subjectId: subjects.get('Mathematics')!,
        teacherUserId: gw.teacher.id,
      }),
    );
    const clock = t.app.get(Clock);
    const pending = async (at: string) => {
      clock.setForTests(new Date(at));
      const res = await t.request({ url: '/api/v1/dashboard/teacher', headers: teacher.auth });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<{
        marksPending: { assessmentName: string; subjectName: string; sectionName: string; status: string }[];
      }>().marksPending;
    };
    try {
      // Periodic Test 1 and the Half-Yearly are submitted; Periodic Test 2 (sat from 9 November) has draft
      // marks; the Annual is in March.
      expect(await pending('2026-11-05T05:00:00Z')).toEqual([]);
      expect(await pending('2026-11-20T05:00:00Z')).toEqual([
        {
          assessmentId: pt2,
          assessmentName: 'Periodic Test 2',
          paperId: paper('PT2', 'Class 5', 'Mathematics'),
          subjectId: subjects.get('Mathematics'),
          subjectName: 'Mathematics',
          sectionId: gw.sections['Class 5 A'],
          sectionName: 'Class 5 A',
          status: 'entered',
        },
      ]);
    } finally {
      clock.setForTests(new Date('2026-10-05T05:00:00Z'));
    }
  });

  it('saves a valid schedule, answers it back, and a second identical save is one audit event', async () => {
    const sittings = [
      sitting({
        paperId: paper('PT2', 'Class 5', 'Mathematics'),
        invigilatorUserId: gw.teacher.id,
        room: 'Room 5',
      }),
      sitting({ paperId: paper('PT2', 'Class 5', 'English'), sitsOn: '2027-01-12' }),
      sitting({
        paperId: paper('PT2', 'Class 6', 'Mathematics'),
        sectionId: gw.sections['Class 6 A']!,
        startsAt: '11:00',
        endsAt: '12:00',
        invigilatorUserId: gw.teacher.id,
      }),
    ];
    const before = await saves(pt2);
    const first = await put(admin, pt2, sittings);
    expect(first.statusCode, first.body).toBe(200);
    const second = await put(admin, pt2, sittings);
    expect(second.statusCode, second.body).toBe(200);
    expect(await saves(pt2)).toBe(before + 1);
    const read = (await get(admin, `assessments/${pt2}/schedule`)).json<Schedule>();
    expect(
      read.sittings.map((s) => [
        s.subject,
        s.className,
        s.sectionName,
        s.sitsOn,
        s.startsAt,
        s.endsAt,
        s.room,
      ]),
    ).toEqual([
      ['Mathematics', 'Class 5', null, '2027-01-11', '09:00', '11:00', 'Room 5'],
      ['Mathematics', 'Class 6', 'Class 6 A', '2027-01-11', '11:00', '12:00', 'Hall 1'],
      ['English', 'Class 5', null, '2027-01-12', '09:00', '11:00', 'Hall 1'],
    ]);
  });

  async function refused(sittings: unknown[], code = 'EXAMS_SCHEDULE_CLASH') {
    const before = (await get(admin, `assessments/${pt2}/schedule`)).json<Schedule>();
    const res = await put(admin, pt2, sittings);
    expect(res.statusCode, res.body).toBe(422);
    const body = res.json<ErrorBody>();
    expect(body.error.code).toBe(code);
    // Nothing saved.
    expect((await get(admin, `assessments/${pt2}/schedule`)).json<Schedule>()).toEqual(before);
    return body.error.details!;
  }

  it('refuses a section sitting two papers at once, naming the section and the paper', async () => {
    const details = await refused([
      sitting({ paperId: paper('PT2', 'Class 5', 'Mathematics') }),
      sitting({
        paperId: paper('PT2', 'Class 5', 'English'),
        sectionId: gw.sections['Class 5 A']!,
        startsAt: '10:00',
        endsAt: '12:00',
      }),
    ]);
    expect(details).toEqual([
      { field: 'sittings[1]', message: 'Class 5 A already sits Mathematics 09:00–11:00 on 2027-01-11' },
    ]);
  });

  it("refuses a sitting that clashes with another assessment's sitting in the same term", async () => {
    const demo = (await get(admin, `assessments/${annual}/schedule`)).json<Schedule>().sittings;
    const first = demo.find((s) => s.sectionName === 'Class 6 B')!;
    const details = await refused([
      sitting({
        paperId: paper('PT2', 'Class 6', 'Hindi'),
        sectionId: gw.sections['Class 6 B']!,
        sitsOn: first.sitsOn,
        startsAt: '12:00',
        endsAt: '13:00',
      }),
    ]);
    expect(details).toEqual([
      {
        field: 'sittings[0]',
        message: `Class 6 B already sits ${first.subject} (Annual) 09:30–12:30 on ${first.sitsOn}`,
      },
    ]);
  });

  it('refuses an invigilator in two rooms at once, naming them', async () => {
    const details = await refused([
      sitting({ paperId: paper('PT2', 'Class 5', 'Mathematics'), invigilatorUserId: gw.teacher.id }),
      sitting({
        paperId: paper('PT2', 'Class 6', 'Science'),
        room: 'Hall 2',
        startsAt: '10:30',
        endsAt: '12:00',
        invigilatorUserId: gw.teacher.id,
      }),
    ]);
    expect(details).toHaveLength(1);
    expect(details[0]!.field).toBe('sittings[1]');
    expect(details[0]!.message).toMatch(
      /already invigilates Mathematics in Hall 1 09:00–11:00 on 2027-01-11$/,
    );
  });

  it('refuses a paper on a non-working day, naming the reason', async () => {
    await t.context.runAsTenant(gw.institution.id, () =>
      t.app.get(SchoolCalendar).addHoliday('2027-01-26', 'Republic Day'),
    );
    const details = await refused([
      sitting({ paperId: paper('PT2', 'Class 5', 'Mathematics'), sitsOn: '2027-01-26' }),
    ]);
    expect(details).toEqual([
      {
        field: 'sittings[0]',
        message: '2027-01-26 is not a working day (holiday: Republic Day); Mathematics cannot sit then',
      },
    ]);
  });

  it('refuses an invigilator who is not an active staff member', async () => {
    const details = await refused(
      [sitting({ paperId: paper('PT2', 'Class 5', 'Mathematics'), invigilatorUserId: gw.parent.id })],
      'EXAMS_INVALID_INVIGILATOR',
    );
    expect(details).toEqual([
      {
        field: 'sittings[0].invigilatorUserId',
        message: 'no active staff member of this school has that id',
      },
    ]);
    // Another school's teacher is not this school's staff either.
    await refused(
      [sitting({ paperId: paper('PT2', 'Class 5', 'Mathematics'), invigilatorUserId: rs.teacher.id })],
      'EXAMS_INVALID_INVIGILATOR',
    );
  });

  it('answers 400 for malformed times and dates, and papers or sections that do not fit', async () => {
    const math = paper('PT2', 'Class 5', 'Mathematics');
    for (const [bad, field] of [
      [{ endsAt: '09:00' }, 'sittings[0].endsAt'],
      [{ startsAt: '08:00', endsAt: '16:30' }, 'sittings[0].endsAt'],
      [{ sitsOn: '2027-02-30' }, 'sitsOn'],
      [{ startsAt: '9:00' }, 'startsAt'],
      [{ paperId: paper('AN', 'Class 5', 'Mathematics') }, 'sittings[0].paperId'],
      [{ sectionId: gw.sections['Class 6 A']! }, 'sittings[0].sectionId'],
    ] as const) {
      const res = await put(admin, pt2, [sitting({ paperId: math, ...bad })]);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(JSON.stringify(res.json<ErrorBody>().error.details)).toContain(field);
    }
  });

  it('lets only school staff change the schedule; families read their own child only', async () => {
    expect((await put(teacher, pt2, [])).statusCode).toBe(403);
    expect((await get(teacher, `assessments/${pt2}/schedule`)).statusCode).toBe(200);
    expect((await get(parent, `assessments/${pt2}/schedule`)).statusCode).toBe(403);
    const own = await get(parent, `students/${child}/schedule`);
    expect(own.statusCode, own.body).toBe(200);
    const items = own.json<{ items: (Sitting & { assessmentName: string })[] }>().items;
    // Class 5 A sits the Half-Yearly and the Annual (a paper a day each) and Periodic Test 2's two papers.
    expect(items.filter((i) => i.assessmentName === 'Annual')).toHaveLength(5);
    expect(items.filter((i) => i.assessmentName === 'Periodic Test 2').map((i) => i.subject)).toEqual([
      'Mathematics',
      'English',
    ]);
    expect(items.every((i) => i.sectionName === null || i.sectionName === 'Class 5 A')).toBe(true);
    expect((await get(parent, `students/${otherChild}/schedule`)).statusCode).toBe(404);
    expect((await get(parent, `assessments/${annual}/hall-tickets/students/${otherChild}`)).statusCode).toBe(
      404,
    );
    expect(
      (await get(parent, `assessments/${annual}/hall-tickets/sections/${gw.sections['Class 5 A']}`))
        .statusCode,
    ).toBe(404);
    expect(
      (await get(teacher, `assessments/${annual}/hall-tickets/sections/${gw.sections['Class 6 B']}`))
        .statusCode,
    ).toBe(404);
  });

  withText("prints a student's hall ticket with the Devanagari name and the sittings", async () => {
    const res = await get(parent, `assessments/${annual}/hall-tickets/students/${child}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = pdfText(res.rawPayload);
    expect(text).toContain(`${HINDI_FIRST} ${HINDI_LAST}`);
    expect(text).toContain('Hall ticket');
    expect(text).toContain('Annual');
    expect(text).toContain('Mathematics');
    expect(text).toContain('Room 5A');
    expect(text).toContain('Class 5 A');
  });

  withText("prints a section's hall tickets, a page per student", async () => {
    const res = await get(teacher, `assessments/${annual}/hall-tickets/sections/${gw.sections['Class 5 A']}`);
    expect(res.statusCode, res.body).toBe(200);
    const text = pdfText(res.rawPayload);
    const roster = await t.context.runAsTenant(gw.institution.id, () =>
      t.app.get(StudentDirectory).roster(gw.sections['Class 5 A']!),
    );
    for (const r of roster) expect(text).toContain(r.fullName);
    expect(text.split('\f').filter((p) => p.trim()).length).toBe(roster.length);
  });

  it("takes turns on the term: two clashing saves of one term's assessments at once, one refused", async () => {
    // Runs last but one: it replaces the Annual's demo schedule. Each round clears both, then saves a
    // Class 5 A sitting to each assessment at the same time; one save must see the other's committed row.
    for (const [i, day] of ['2027-01-13', '2027-01-14', '2027-01-15'].entries()) {
      expect((await put(admin, pt2, [])).statusCode).toBe(200);
      expect((await put(admin, annual, [])).statusCode).toBe(200);
      const [a, b] = await Promise.all([
        put(admin, pt2, [sitting({ paperId: paper('PT2', 'Class 5', 'Mathematics'), sitsOn: day })]),
        put(admin, annual, [
          sitting({
            paperId: paper('AN', 'Class 5', 'English'),
            sectionId: gw.sections['Class 5 A']!,
            sitsOn: day,
            startsAt: '10:00',
          }),
        ]),
      ]);
      expect([a.statusCode, b.statusCode].sort(), `round ${i}: ${a.body} ${b.body}`).toEqual([200, 422]);
    }
  });

  it("answers 404 on every route for another school's records", async () => {
    const gwSection = gw.sections['Class 5 A']!;
    expect((await get(rsAdmin, `assessments/${annual}/schedule`)).statusCode).toBe(404);
    expect((await put(rsAdmin, annual, [])).statusCode).toBe(404);
    expect((await get(rsAdmin, `students/${child}/schedule`)).statusCode).toBe(404);
    expect((await get(rsAdmin, `assessments/${annual}/hall-tickets/students/${child}`)).statusCode).toBe(404);
    expect((await get(rsAdmin, `assessments/${annual}/hall-tickets/sections/${gwSection}`)).statusCode).toBe(
      404,
    );
    // The other school's own assessment with this school's section or student: 404 too.
    const rsAnnual = (await get(rsAdmin, 'structure'))
      .json<Structure>()
      .terms[1]!.assessments.find((a) => a.code === 'AN')!.id;
    expect(
      (await get(rsAdmin, `assessments/${rsAnnual}/hall-tickets/sections/${gwSection}`)).statusCode,
    ).toBe(404);
    expect((await get(rsAdmin, `assessments/${rsAnnual}/hall-tickets/students/${child}`)).statusCode).toBe(
      404,
    );
    // And saving the other school's schedule with this school's paper is refused.
    const res = await put(rsAdmin, rsAnnual, [sitting({ paperId: paper('PT2', 'Class 5', 'Mathematics') })]);
    expect(res.statusCode).toBe(400);
  });
});
