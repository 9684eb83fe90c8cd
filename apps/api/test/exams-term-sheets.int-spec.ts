import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AcademicsService } from '../src/modules/academics/academics.service';
import { ExamsDemoSeeder } from '../src/modules/exams/exams-demo.seeder';
import { StudentDirectory } from '../src/modules/students/student-directory';
import { Clock } from '../src/platform/time/clock';
import { Signed, signIn } from './support/accounts';
import { CAN_READ_PDF, pdfText } from './support/pdf-text';
import { School, givenSchool } from './support/school';
import { TEST_DB, TestApp, bootTestApp, takeSqlGuardViolations } from './support/test-app';

/** Tests that read a PDF's text need pdftotext (see support/pdf-text.ts). */
const withText = CAN_READ_PDF ? it : it.skip;

type CoGrid = {
  termId: string;
  sectionId: string;
  areas: { areaId: string; name: string; grades: string[] }[];
  rows: {
    studentId: string;
    fullName: string;
    rollNo: number | null;
    grades: Record<string, string | null>;
  }[];
};
type Remarks = {
  maxLength: number;
  rows: { studentId: string; fullName: string; remark: string | null }[];
};
type Saved = { termId: string; sectionId: string; changed: number };
type Detail = { field: string; message: string; studentId?: string; studentName?: string; column?: string };
type Publications = {
  items: {
    classId: string;
    className: string;
    published: boolean;
    version: number;
    publishedAt: string | null;
  }[];
};

describe(`exams term sheets: co-scholastic grades, remarks, publications (${TEST_DB})`, () => {
  let t: TestApp;
  let gw: School;
  let rs: School;
  let admin: Signed;
  let rsAdmin: Signed;
  let teacher: Signed;
  let parent: Signed;
  let term1: string;
  let term2: string;
  let class5A: string;
  let class5B: string;
  let roster: { studentId: string; fullName: string }[];

  const clock = () => t.app.get(Clock);
  const exams = (a: Signed, method: 'GET' | 'PUT', url: string, payload?: object) =>
    t.request({ method, url: `/api/v1/exams/${url}`, headers: a.auth, ...(payload ? { payload } : {}) });
  const coUrl = (term: string, section: string) => `terms/${term}/sections/${section}/co-scholastic`;
  const remarksUrl = (term: string, section: string) => `terms/${term}/sections/${section}/remarks`;
  const events = async (action: string) =>
    (await t.request({ url: `/api/v1/audit/events?action=${action}`, headers: admin.auth })).json<{
      items: { details: Record<string, unknown> }[];
    }>().items;

  beforeAll(async () => {
    t = await bootTestApp();
    gw = await givenSchool(t, await t.given.institution('greenwood'), 1, 3);
    rs = await givenSchool(t, await t.given.institution('riverside'), 2, 2);
    class5A = gw.sections['Class 5 A']!;
    class5B = gw.sections['Class 5 B']!;
    admin = await signIn(t, gw.admin, '10.63.0.1', -1);
    rsAdmin = await signIn(t, rs.admin, '10.63.0.2', -1);
    teacher = await signIn(t, gw.teacher, '10.63.0.3');
    parent = await signIn(t, gw.parent, '10.63.0.4');
    const asGw = <T>(fn: () => Promise<T>) => t.context.runAsTenant(gw.institution.id, fn);
    roster = await asGw(() => t.app.get(StudentDirectory).roster(class5A));
    // The class teacher of 5 A also teaches Mathematics in 5 B, where they are not the class teacher.
    const math = (await asGw(() => t.app.get(AcademicsService).listSubjects())).find(
      (s) => s.code === 'MATH',
    )!;
    const assigned = await t.request({
      method: 'POST',
      url: '/api/v1/academics/subject-assignments',
      headers: admin.auth,
      payload: { sectionId: class5B, subjectId: math.id, teacherUserId: gw.teacher.id },
    });
    expect(assigned.statusCode, assigned.body).toBeLessThan(300);
    clock().setForTests(new Date('2026-10-05T05:00:00Z'));
    // The demo exams: Term 1 graded, remarked and published for every class; Term 2 without grades.
    await asGw(() => t.app.get(ExamsDemoSeeder).seed());
    const structure = (await exams(admin, 'GET', 'structure')).json<{
      terms: { id: string; name: string }[];
    }>();
    term1 = structure.terms.find((x) => x.name === 'Term 1')!.id;
    term2 = structure.terms.find((x) => x.name === 'Term 2')!.id;
  }, 240_000);

  afterAll(async () => {
    clock().setForTests(null);
    expect(takeSqlGuardViolations()).toEqual([]);
    await t.close();
  });

  it('round-trips the co-scholastic grid, and saving it again changes nothing (one audit event)', async () => {
    const empty = (await exams(teacher, 'GET', coUrl(term2, class5A))).json<CoGrid>();
    expect(empty.rows.map((r) => r.studentId)).toEqual(roster.map((r) => r.studentId));
    expect(empty.areas.length).toBeGreaterThan(1);
    expect(empty.areas.every((a) => a.grades.length > 1)).toBe(true);
    expect(empty.rows.every((r) => Object.values(r.grades).every((g) => g === null))).toBe(true);
    const [art, health] = empty.areas as [CoGrid['areas'][0], CoGrid['areas'][0]];
    const [a, b] = roster as [
      { studentId: string; fullName: string },
      { studentId: string; fullName: string },
    ];
    const payload = {
      rows: [
        {
          studentId: a.studentId,
          grades: { [art.areaId]: art.grades[0], [health.areaId]: health.grades[1] },
        },
        { studentId: b.studentId, grades: { [art.areaId]: art.grades[1] } },
      ],
    };
    const before = (await events('exams.co_scholastic.save')).length;
    const first = await exams(teacher, 'PUT', coUrl(term2, class5A), payload);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json<Saved>()).toMatchObject({ termId: term2, sectionId: class5A, changed: 3 });
    const again = await exams(admin, 'PUT', coUrl(term2, class5A), payload);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json<Saved>().changed).toBe(0);
    expect(await events('exams.co_scholastic.save')).toHaveLength(before + 1);
    const grid = (await exams(admin, 'GET', coUrl(term2, class5A))).json<CoGrid>();
    const rowOf = (id: string) => grid.rows.find((r) => r.studentId === id)!;
    expect(rowOf(a.studentId).grades[art.areaId]).toBe(art.grades[0]);
    expect(rowOf(a.studentId).grades[health.areaId]).toBe(health.grades[1]);
    expect(rowOf(b.studentId).grades[art.areaId]).toBe(art.grades[1]);
    expect(rowOf(b.studentId).grades[health.areaId]).toBeNull();
    // null clears a cell.
    const cleared = await exams(teacher, 'PUT', coUrl(term2, class5A), {
      rows: [{ studentId: b.studentId, grades: { [art.areaId]: null } }],
    });
    expect(cleared.json<Saved>().changed).toBe(1);
    const after = (await exams(admin, 'GET', coUrl(term2, class5A))).json<CoGrid>();
    expect(after.rows.find((r) => r.studentId === b.studentId)!.grades[art.areaId]).toBeNull();
  });

  it('refuses a grade outside the area scale with 400 naming the student and the area, saving nothing', async () => {
    const grid = (await exams(teacher, 'GET', coUrl(term2, class5A))).json<CoGrid>();
    const area = grid.areas[0]!;
    const [, , c] = roster as { studentId: string; fullName: string }[];
    const d = roster[0]!;
    const res = await exams(teacher, 'PUT', coUrl(term2, class5A), {
      rows: [
        { studentId: d.studentId, grades: { [area.areaId]: area.grades[2] } },
        { studentId: c!.studentId, grades: { [area.areaId]: 'Z9' } },
      ],
    });
    expect(res.statusCode, res.body).toBe(400);
    const details = res.json<{ error: { details: Detail[] } }>().error.details;
    expect(details).toHaveLength(1);
    expect(details[0]).toMatchObject({
      studentId: c!.studentId,
      studentName: c!.fullName,
      column: area.name,
    });
    expect(details[0]!.message).toContain(c!.fullName);
    expect(details[0]!.message).toContain(area.name);
    const unchanged = (await exams(teacher, 'GET', coUrl(term2, class5A))).json<CoGrid>();
    expect(unchanged).toEqual(grid);
  });

  it("saves the class teacher's remarks trimmed, idempotently; an empty remark removes it", async () => {
    const [a, b] = roster as [
      { studentId: string; fullName: string },
      { studentId: string; fullName: string },
    ];
    const before = (await events('exams.remarks.save')).length;
    const payload = {
      rows: [
        { studentId: a.studentId, remark: '  Curious and kind; reads widely.  ' },
        { studentId: b.studentId, remark: 'Needs practice with fractions.' },
      ],
    };
    const first = await exams(teacher, 'PUT', remarksUrl(term2, class5A), payload);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json<Saved>().changed).toBe(2);
    expect((await exams(teacher, 'PUT', remarksUrl(term2, class5A), payload)).json<Saved>().changed).toBe(0);
    expect(await events('exams.remarks.save')).toHaveLength(before + 1);
    let sheet = (await exams(teacher, 'GET', remarksUrl(term2, class5A))).json<Remarks>();
    expect(sheet.maxLength).toBe(500);
    expect(sheet.rows.find((r) => r.studentId === a.studentId)!.remark).toBe(
      'Curious and kind; reads widely.',
    );
    const tooLong = await exams(teacher, 'PUT', remarksUrl(term2, class5A), {
      rows: [
        { studentId: b.studentId, remark: '' },
        { studentId: a.studentId, remark: 'x'.repeat(501) },
      ],
    });
    expect(tooLong.statusCode, tooLong.body).toBe(400);
    expect(tooLong.json<{ error: { details: Detail[] } }>().error.details[0]).toMatchObject({
      studentId: a.studentId,
    });
    // Nothing saved: b's remark is still there.
    sheet = (await exams(teacher, 'GET', remarksUrl(term2, class5A))).json<Remarks>();
    expect(sheet.rows.find((r) => r.studentId === b.studentId)!.remark).toBe(
      'Needs practice with fractions.',
    );
    const removed = await exams(teacher, 'PUT', remarksUrl(term2, class5A), {
      rows: [{ studentId: b.studentId, remark: '   ' }],
    });
    expect(removed.json<Saved>().changed).toBe(1);
    sheet = (await exams(teacher, 'GET', remarksUrl(term2, class5A))).json<Remarks>();
    expect(sheet.rows.find((r) => r.studentId === b.studentId)!.remark).toBeNull();
  });

  it('answers a teacher who is not the class teacher 403, a parent 404 and another school 404', async () => {
    const body = { rows: [] };
    for (const url of [coUrl(term2, class5B), remarksUrl(term2, class5B)]) {
      expect((await exams(teacher, 'GET', url)).statusCode).toBe(403);
      expect((await exams(teacher, 'PUT', url, body)).statusCode).toBe(403);
    }
    for (const url of [coUrl(term2, class5A), remarksUrl(term2, class5A)]) {
      expect((await exams(parent, 'GET', url)).statusCode).toBe(404);
      expect((await exams(parent, 'PUT', url, body)).statusCode).toBe(403);
      expect((await exams(rsAdmin, 'GET', url)).statusCode).toBe(404);
      expect((await exams(rsAdmin, 'PUT', url, body)).statusCode).toBe(404);
    }
    expect((await exams(rsAdmin, 'GET', `terms/${term1}/publications`)).statusCode).toBe(404);
  });

  it('lists every class with papers in the term and whether its results are published', async () => {
    const t1 = await exams(teacher, 'GET', `terms/${term1}/publications`);
    expect(t1.statusCode, t1.body).toBe(200);
    const items = t1.json<Publications>().items;
    expect(items.map((i) => i.className).sort()).toEqual(['Class 5', 'Class 6']);
    expect(items.every((i) => i.published && i.version === 1 && i.publishedAt !== null)).toBe(true);
    const t2 = (await exams(admin, 'GET', `terms/${term2}/publications`)).json<Publications>().items;
    expect(t2.length).toBeGreaterThan(0);
    expect(t2.every((i) => !i.published && i.version === 0 && i.publishedAt === null)).toBe(true);
    expect((await exams(parent, 'GET', `terms/${term1}/publications`)).statusCode).toBe(403);
  });

  withText('prints a remark saved through the route on the report card', async () => {
    const child = roster[0]!.studentId;
    const remark = 'Leads the science club with care.';
    const saved = await exams(teacher, 'PUT', remarksUrl(term1, class5A), {
      rows: [{ studentId: child, remark }],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const card = await exams(admin, 'GET', `students/${child}/report-card?term=${term1}`);
    expect(card.statusCode, card.body).toBe(200);
    expect(pdfText(card.rawPayload)).toContain(remark);
  });
});
