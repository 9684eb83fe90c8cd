import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AcademicsService } from '../src/modules/academics/academics.service';
import { ExamsDemoSeeder } from '../src/modules/exams/exams-demo.seeder';
import { StudentDirectory } from '../src/modules/students/student-directory';
import { signIn } from './support/accounts';
import { CBSE_BANDS } from './support/exams';
import { School, givenSchool } from './support/school';
import { TEST_DB, TestApp, bootTestApp, takeSqlGuardViolations } from './support/test-app';

type Auth = { auth: Record<string, string> };
type Grid = {
  status: string;
  version: number;
  columns: { code: string; maxMarks: number }[];
  rows: { studentId: string; fullName: string; rollNo: number | null; cells: Record<string, unknown> }[];
};
type Saved = { status: string; version: number; changed: number; moderated: boolean };
type Detail = { field: string; message: string; studentId?: string; studentName?: string; column?: string };

describe(`exam marks entry on ${TEST_DB}`, () => {
  let t: TestApp;
  let gw: School;
  let rs: School;
  let admin: Auth;
  let teacher: Auth;
  let rsAdmin: Auth;
  let parent: Auth;
  let class5A: string;
  let class5B: string;
  let roster5A: { studentId: string; fullName: string }[];
  let roster5B: string[];
  let pt1: string;
  let hy: string;
  let mathPt1: string;
  let sciHy: string;

  const exams = (a: Auth, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    t.request({ method, url: `/api/v1/exams/${url}`, headers: a.auth, ...(payload ? { payload } : {}) });
  const marksUrl = (paper: string, section: string) => `papers/${paper}/sections/${section}/marks`;
  const grid = async (a: Auth, paper: string, section: string) =>
    (await exams(a, 'GET', marksUrl(paper, section))).json<Grid>();
  const save = (a: Auth, paper: string, section: string, payload: object) =>
    exams(a, 'PUT', marksUrl(paper, section), payload);
  const everyone = (value: unknown, column = 'total') =>
    roster5A.map((r) => ({ studentId: r.studentId, cells: { [column]: value } }));
  const events = async (action: string) =>
    (await t.request({ url: `/api/v1/audit/events?action=${action}`, headers: admin.auth })).json<{
      items: { details: Record<string, unknown> }[];
    }>().items;

  beforeAll(async () => {
    t = await bootTestApp();
    gw = await givenSchool(t, await t.given.institution('greenwood'), 1, 4);
    rs = await givenSchool(t, await t.given.institution('riverside'), 2, 2);
    class5A = gw.sections['Class 5 A']!;
    class5B = gw.sections['Class 5 B']!;
    admin = await signIn(t, gw.admin, '10.72.0.1', -1);
    rsAdmin = await signIn(t, rs.admin, '10.72.0.2', -1);
    teacher = await signIn(t, gw.teacher, '10.72.0.3');
    parent = await signIn(t, gw.parent, '10.72.0.4');
    const academics = t.app.get(AcademicsService);
    const students = t.app.get(StudentDirectory);
    const asGw = <T>(fn: () => Promise<T>) => t.context.runAsTenant(gw.institution.id, fn);
    const yearId = (await asGw(() => academics.currentYear())).id;
    const class5 = (await asGw(() => academics.findClassByName('Class 5')))!.id;
    const subjects = Object.fromEntries(
      (await asGw(() => academics.listSubjects())).map((s) => [s.code, s.id]),
    );
    roster5A = await asGw(() => students.roster(class5A));
    roster5B = (await asGw(() => students.roster(class5B))).map((r) => r.studentId);
    // The class teacher of 5 A also teaches its Mathematics.
    await t.request({
      method: 'POST',
      url: '/api/v1/academics/subject-assignments',
      headers: admin.auth,
      payload: { sectionId: class5A, subjectId: subjects.MATH, teacherUserId: gw.teacher.id },
    });
    await exams(admin, 'POST', 'grading-scales', { name: 'CBSE', kind: 'scholastic', bands: CBSE_BANDS });
    const termId = (
      await exams(admin, 'PUT', `years/${yearId}/terms`, {
        terms: [{ name: 'Term 1', startsOn: '2026-04-01', endsOn: '2027-03-31', yearWeightage: 100 }],
      })
    ).json<{ terms: { id: string }[] }>().terms[0]!.id;
    [pt1, hy] = (
      await exams(admin, 'PUT', `terms/${termId}/assessments`, {
        assessments: [
          { name: 'Periodic Test 1', code: 'PT1', termWeightage: 20 },
          { name: 'Half-Yearly', code: 'HY', termWeightage: 80 },
        ],
      })
    )
      .json<{ terms: { assessments: { id: string }[] }[] }>()
      .terms[0]!.assessments.map((a) => a.id) as [string, string];
    mathPt1 = (
      await exams(admin, 'PUT', `assessments/${pt1}/papers`, {
        papers: [{ classId: class5, subjectId: subjects.MATH, maxMarks: 20, passMarks: 7 }],
      })
    ).json<{ id: string }[]>()[0]!.id;
    sciHy = (
      await exams(admin, 'PUT', `assessments/${hy}/papers`, {
        papers: [
          {
            classId: class5,
            subjectId: subjects.SCI,
            maxMarks: 80,
            passMarks: 26,
            components: [
              { code: 'theory', maxMarks: 60 },
              { code: 'practical', maxMarks: 20 },
            ],
          },
        ],
      })
    ).json<{ id: string }[]>()[0]!.id;
  });
  afterAll(async () => {
    expect(takeSqlGuardViolations()).toEqual([]);
    await t.close();
  });

  it('shows the grid: enrolled students by roll number, one cell per column, nothing entered', async () => {
    const g = await grid(teacher, mathPt1, class5A);
    expect(g.status).toBe('draft');
    expect(g.columns).toEqual([{ code: 'total', maxMarks: 20 }]);
    expect(g.rows.map((r) => r.studentId)).toEqual(roster5A.map((r) => r.studentId));
    expect(g.rows.every((r) => r.cells.total === null)).toBe(true);
    const sci = await grid(admin, sciHy, class5A);
    expect(sci.columns.map((c) => [c.code, c.maxMarks])).toEqual([
      ['theory', 60],
      ['practical', 20],
    ]);
  });

  it('refuses a grid with a bad cell, naming the student and the column, and saves nothing', async () => {
    const [a, b, c, d] = roster5A;
    const res = await save(teacher, mathPt1, class5A, {
      rows: [
        { studentId: a!.studentId, cells: { total: 15 } },
        { studentId: b!.studentId, cells: { total: 20.5 } },
        { studentId: c!.studentId, cells: { total: '12.345' } },
        { studentId: d!.studentId, cells: { total: 'XY' } },
      ],
    });
    expect(res.statusCode).toBe(400);
    const details = res.json<{ error: { details: Detail[] } }>().error.details;
    expect(details).toEqual([
      expect.objectContaining({
        studentId: b!.studentId,
        studentName: b!.fullName,
        column: 'total',
        field: 'rows.1.cells.total',
      }),
      expect.objectContaining({ studentId: c!.studentId, studentName: c!.fullName, column: 'total' }),
      expect.objectContaining({ studentId: d!.studentId, studentName: d!.fullName, column: 'total' }),
    ]);
    expect(details[0]!.message).toContain(b!.fullName);
    const theory = await save(admin, sciHy, class5A, {
      rows: [{ studentId: a!.studentId, cells: { theory: 61, practical: 20 } }],
    });
    expect(theory.statusCode).toBe(400);
    expect(theory.json<{ error: { details: Detail[] } }>().error.details).toEqual([
      expect.objectContaining({ column: 'theory', studentName: a!.fullName }),
    ]);
    expect((await grid(teacher, mathPt1, class5A)).rows.every((r) => r.cells.total === null)).toBe(true);
    expect((await grid(admin, sciHy, class5A)).rows.every((r) => r.cells.practical === null)).toBe(true);
  });

  it('refuses a student who is not enrolled in the section, naming them', async () => {
    const res = await save(admin, mathPt1, class5A, {
      rows: [
        { studentId: roster5A[0]!.studentId, cells: { total: 10 } },
        { studentId: roster5B[0]!, cells: { total: 10 } },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      error: { details: [{ field: 'rows.1.studentId', studentId: roster5B[0] }] },
    });
    expect((await grid(admin, mathPt1, class5A)).rows[0]!.cells.total).toBeNull();
  });

  it('saves the whole grid idempotently: the same body twice is one change and one audit event', async () => {
    const rows = everyone(12.5);
    rows[1] = { studentId: roster5A[1]!.studentId, cells: { total: 'AB' } };
    rows[2] = { studentId: roster5A[2]!.studentId, cells: { total: 'ml' } };
    const first = await save(teacher, mathPt1, class5A, { rows });
    expect(first.statusCode).toBe(200);
    expect(first.json<Saved>()).toMatchObject({ changed: 4, status: 'draft', version: 1, moderated: false });
    const again = await save(teacher, mathPt1, class5A, { rows });
    expect(again.json<Saved>()).toMatchObject({ changed: 0, version: 1 });
    expect((await events('exams.marks.save')).length).toBe(1);
    const g = await grid(teacher, mathPt1, class5A);
    expect(g.rows.map((r) => r.cells.total)).toEqual([12.5, 'AB', 'ML', 12.5]);
  });

  it('leaves one consistent grid when two people save it at the same moment', async () => {
    const before = (await grid(admin, mathPt1, class5A)).version;
    const [a, b] = await Promise.all([
      save(teacher, mathPt1, class5A, { rows: everyone(11) }),
      save(admin, mathPt1, class5A, { rows: everyone('17.25') }),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    const versions = [a.json<Saved>().version, b.json<Saved>().version].sort();
    expect(versions).toEqual([before + 1, before + 2]);
    const last = a.json<Saved>().version > b.json<Saved>().version ? 11 : 17.25;
    const g = await grid(admin, mathPt1, class5A);
    expect(g.version).toBe(before + 2);
    expect(g.rows.map((r) => r.cells.total)).toEqual(roster5A.map(() => last));
  });

  it('answers a teacher 404 for a section they do not teach and 403 for a subject they do not teach', async () => {
    expect((await exams(teacher, 'GET', marksUrl(mathPt1, class5B))).statusCode).toBe(404);
    expect((await save(teacher, mathPt1, class5B, { rows: [] })).statusCode).toBe(404);
    // The class teacher reads every subject of 5 A but enters only Mathematics.
    expect((await exams(teacher, 'GET', marksUrl(sciHy, class5A))).statusCode).toBe(200);
    const sci = await save(teacher, sciHy, class5A, {
      rows: [{ studentId: roster5A[0]!.studentId, cells: { theory: 40 } }],
    });
    expect(sci.statusCode).toBe(403);
    expect((await exams(teacher, 'POST', `${marksUrl(sciHy, class5A)}/submit`)).statusCode).toBe(403);
    // Parents and students hold exams.read for their own results, not for a section's grid.
    expect((await exams(parent, 'GET', marksUrl(mathPt1, class5A))).statusCode).toBe(404);
  });

  it('locks a submitted sheet: a change then needs a reason and exams.moderate, audited before and after', async () => {
    const url = `${marksUrl(mathPt1, class5A)}/submit`;
    const partial = await save(teacher, mathPt1, class5A, {
      rows: [{ studentId: roster5A[3]!.studentId, cells: { total: null } }],
    });
    expect(partial.json<Saved>().changed).toBe(1);
    const incomplete = await exams(teacher, 'POST', url);
    expect(incomplete.statusCode).toBe(422);
    expect(incomplete.json()).toMatchObject({
      error: { code: 'EXAMS_MARKS_INCOMPLETE', details: [{ studentId: roster5A[3]!.studentId }] },
    });
    await save(teacher, mathPt1, class5A, {
      rows: [{ studentId: roster5A[3]!.studentId, cells: { total: 'EX' } }],
    });
    const submitted = await exams(teacher, 'POST', url);
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json<Saved>().status).toBe('submitted');
    expect((await exams(teacher, 'POST', url)).json<Saved>().version).toBe(submitted.json<Saved>().version);

    // The previous test's concurrent saves leave either 11 or 17.25: read what stands now.
    const standing = (await grid(admin, mathPt1, class5A)).rows[0]!.cells.total;
    const change = { rows: [{ studentId: roster5A[0]!.studentId, cells: { total: 19 } }] };
    const noReason = await save(teacher, mathPt1, class5A, change);
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json()).toMatchObject({
      error: { code: 'EXAMS_MODERATION_REASON_REQUIRED', details: [{ field: 'reason' }] },
    });
    expect((await save(teacher, mathPt1, class5A, { ...change, reason: 'recount' })).statusCode).toBe(403);
    expect((await save(admin, mathPt1, class5A, change)).statusCode).toBe(422);
    // Unchanged cells of a submitted sheet need no reason: the same grid again is no change.
    const same = (await grid(admin, mathPt1, class5A)).rows.map((r) => ({
      studentId: r.studentId,
      cells: r.cells,
    }));
    expect((await save(teacher, mathPt1, class5A, { rows: same })).json<Saved>().changed).toBe(0);

    const moderated = await save(admin, mathPt1, class5A, { ...change, reason: 'Re-totalled after appeal' });
    expect(moderated.statusCode).toBe(200);
    expect(moderated.json<Saved>()).toMatchObject({ moderated: true, changed: 1, status: 'submitted' });
    expect((await save(admin, mathPt1, class5A, { ...change, reason: 'again' })).json<Saved>().changed).toBe(
      0,
    );
    const audit = await events('exams.marks.moderate');
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({
      reason: 'Re-totalled after appeal',
      changes: [{ studentId: roster5A[0]!.studentId, before: { total: standing }, after: { total: 19 } }],
    });
    expect((await grid(teacher, mathPt1, class5A)).rows[0]!.cells.total).toBe(19);
  });

  it('reports progress per section and subject: pending, entered, submitted', async () => {
    await save(admin, sciHy, class5A, {
      rows: [{ studentId: roster5A[0]!.studentId, cells: { theory: 40, practical: 'AB' } }],
    });
    const pt = (await exams(admin, 'GET', `progress?assessmentId=${pt1}`)).json<{
      rows: { sectionId: string; status: string; entered: number; students: number }[];
    }>();
    expect(pt.rows.map((r) => [r.sectionId, r.status, r.entered, r.students])).toEqual([
      [class5A, 'submitted', 4, 4],
      [class5B, 'pending', 0, 4],
    ]);
    const half = (await exams(admin, 'GET', `progress?assessmentId=${hy}`)).json<{
      rows: { sectionId: string; status: string; entered: number }[];
    }>();
    expect(half.rows.find((r) => r.sectionId === class5A)).toMatchObject({ status: 'entered', entered: 1 });
    // A teacher sees the sections they teach.
    const mine = (await exams(teacher, 'GET', `progress?assessmentId=${pt1}`)).json<{
      rows: { sectionId: string }[];
    }>();
    expect(mine.rows.map((r) => r.sectionId)).toEqual([class5A]);
  });

  it("[TEN-04] answers another school's papers, sections and assessments with 404 on every route", async () => {
    const body = { rows: [{ studentId: roster5A[0]!.studentId, cells: { total: 1 } }], reason: 'x' };
    expect((await exams(rsAdmin, 'GET', marksUrl(mathPt1, class5A))).statusCode).toBe(404);
    expect((await save(rsAdmin, mathPt1, class5A, body)).statusCode).toBe(404);
    expect((await exams(rsAdmin, 'POST', `${marksUrl(mathPt1, class5A)}/submit`)).statusCode).toBe(404);
    expect((await exams(rsAdmin, 'GET', `progress?assessmentId=${pt1}`)).statusCode).toBe(404);
    expect((await grid(admin, mathPt1, class5A)).rows[0]!.cells.total).toBe(19);
  });

  it('seeds the demo exams in bulk, once', async () => {
    const seeder = t.app.get(ExamsDemoSeeder);
    const started = Date.now();
    const first = await t.context.runAsTenant(rs.institution.id, () => seeder.seed());
    const ms = Date.now() - started;
    // 4 assessments x 2 classes x 5 subjects; PT1, Half-Yearly and PT2 sheets for 2 sections each (60);
    // 2 students a sheet, one column a sheet but two for the Half-Yearly Science sheets (4 of them).
    expect(first).toEqual({ papers: 40, sheets: 60, marks: 2 * (60 + 4) });
    expect(await t.context.runAsTenant(rs.institution.id, () => seeder.seed())).toEqual({
      papers: 0,
      sheets: 0,
      marks: 0,
    });
    expect(ms).toBeLessThan(10_000);
    const count = async (table: string) =>
      Number(
        (
          (await t.db.acrossTenants('test counts seeded rows', () =>
            t.dataSource.query(`SELECT COUNT(*) AS n FROM ${table} WHERE tenant_id = ?`, [rs.institution.id]),
          )) as { n: number | string }[]
        )[0]!.n,
      );
    // 8 students: a grade in each of 4 areas and a remark each; Term 1 published for both classes.
    expect([
      await count('co_scholastic_grades'),
      await count('exam_remarks'),
      await count('result_publications'),
    ]).toEqual([32, 8, 2]);
    const s = (await exams(rsAdmin, 'GET', 'structure')).json<{
      scales: { name: string; bands: { grade: string; minPercent: number; maxPercent: number }[] }[];
      terms: {
        name: string;
        yearWeightage: number;
        assessments: { id: string; code: string; termWeightage: number }[];
      }[];
      coScholasticAreas: unknown[];
    }>();
    expect(
      s.terms.map((x) => [x.name, x.yearWeightage, x.assessments.map((a) => [a.code, a.termWeightage])]),
    ).toEqual([
      [
        'Term 1',
        50,
        [
          ['PT1', 20],
          ['HY', 80],
        ],
      ],
      [
        'Term 2',
        50,
        [
          ['PT2', 20],
          ['AN', 80],
        ],
      ],
    ]);
    expect(s.coScholasticAreas).toHaveLength(4);
    expect(s.scales.find((x) => x.name === 'CBSE eight-point')!.bands.at(-1)).toMatchObject({
      grade: 'E',
      minPercent: 0,
      maxPercent: 32.99,
    });
    const progress = (
      await exams(rsAdmin, 'GET', `progress?assessmentId=${s.terms[0]!.assessments[0]!.id}`)
    ).json<{ rows: { status: string }[] }>();
    expect(new Set(progress.rows.map((r) => r.status))).toEqual(new Set(['submitted']));
  });
});
