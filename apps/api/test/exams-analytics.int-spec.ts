import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AcademicsService } from '../src/modules/academics/academics.service';
import { StudentDirectory } from '../src/modules/students/student-directory';
import { csvRow } from '../src/platform/http/csv';
import { Clock } from '../src/platform/time/clock';
import { Signed, signIn } from './support/accounts';
import { CBSE_BANDS } from './support/exams';
import { School, givenSchool } from './support/school';
import { TEST_DB, TestApp, bootTestApp } from './support/test-app';
import { StatementCounter } from './support/statements';

/** A cell of [Maths PT1 /20, Maths HY /80, Science PT1 /20, Science HY /80]; null = not entered. */
type Cell = number | string | null;
type Cells = [Cell, Cell, Cell, Cell];

interface Student {
  studentId: string;
  fullName: string;
  admissionNo: string;
  rollNo: number | null;
}

interface Fixture {
  classId: string;
  otherClassId: string;
  termId: string;
  /** Class 5 A and B by roll number. */
  a: Student[];
  b: Student[];
}

/**
 * Through the exams routes: a CBSE scale, Term 1 with PT1 (20 %, max 20, pass 7) and Half Yearly (80 %,
 * max 80, pass 26), Maths and Science papers for Class 5 and every student's cells. With these weights a
 * subject's percentage is PT1 + HY marks (both counted) and its pass percentage 7 + 26 = 33.
 */
async function givenAnalytics(
  t: TestApp,
  school: School,
  admin: Signed,
  cells: (section: 'A' | 'B', i: number) => Cells,
): Promise<Fixture> {
  const ok = async (method: 'POST' | 'PUT', url: string, payload: object) => {
    const res = await t.request({ method, url: `/api/v1/exams/${url}`, headers: admin.auth, payload });
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res.json();
  };
  const base = await t.context.runAsTenant(school.institution.id, async () => {
    const academics = t.app.get(AcademicsService);
    const directory = t.app.get(StudentDirectory);
    return {
      yearId: (await academics.findCurrentYear())!.id,
      classId: (await academics.findClassByName('Class 5'))!.id,
      otherClassId: (await academics.findClassByName('Class 6'))!.id,
      subjects: Object.fromEntries((await academics.listSubjects()).map((s) => [s.name, s.id])),
      a: await directory.roster(school.sections['Class 5 A']!),
      b: await directory.roster(school.sections['Class 5 B']!),
    };
  });
  const scale = await ok('POST', 'grading-scales', { name: 'CBSE', kind: 'scholastic', bands: CBSE_BANDS });
  const structure = await ok('PUT', `years/${base.yearId}/terms`, {
    terms: [
      {
        name: 'Term 1',
        startsOn: '2026-04-01',
        endsOn: '2026-09-30',
        yearWeightage: 50,
        gradingScaleId: scale.id,
      },
      {
        name: 'Term 2',
        startsOn: '2026-10-01',
        endsOn: '2027-03-31',
        yearWeightage: 50,
        gradingScaleId: scale.id,
      },
    ],
  });
  const termId = structure.terms.find((x: { name: string }) => x.name === 'Term 1').id as string;
  const withAssessments = await ok('PUT', `terms/${termId}/assessments`, {
    assessments: [
      { name: 'Periodic Test 1', code: 'PT1', termWeightage: 20 },
      { name: 'Half Yearly', code: 'HY', termWeightage: 80 },
    ],
  });
  const assessments = withAssessments.terms.find((x: { id: string }) => x.id === termId).assessments as {
    id: string;
    code: string;
  }[];
  const papers: Record<string, string> = {};
  for (const a of assessments) {
    const saved = (await ok('PUT', `assessments/${a.id}/papers`, {
      papers: ['Mathematics', 'Science'].map((s) => ({
        classId: base.classId,
        subjectId: base.subjects[s],
        maxMarks: a.code === 'PT1' ? 20 : 80,
        passMarks: a.code === 'PT1' ? 7 : 26,
      })),
    })) as { id: string; subjectId: string }[];
    for (const p of saved) papers[`${a.code}:${p.subjectId}`] = p.id;
  }
  const columns = [
    ['PT1', 'Mathematics'],
    ['HY', 'Mathematics'],
    ['PT1', 'Science'],
    ['HY', 'Science'],
  ] as const;
  for (const [section, roster] of [
    ['A', base.a],
    ['B', base.b],
  ] as const)
    for (const [k, [code, subject]] of columns.entries())
      await ok(
        'PUT',
        `papers/${papers[`${code}:${base.subjects[subject]}`]}/sections/${school.sections[`Class 5 ${section}`]}/marks`,
        { rows: roster.map((s, i) => ({ studentId: s.studentId, cells: { total: cells(section, i)[k] } })) },
      );
  return { classId: base.classId, otherClassId: base.otherClassId, termId, a: base.a, b: base.b };
}

/**
 * Greenwood's Class 5 (three students a section). Maths / Science percentages (PT1 + HY):
 *   A0  15+62.5 = 77.5 B1 / AB+60 = 60 C1    -> 68.75 B2 pass
 *   A1  20+80 = 100 A1    / 100 A1           -> 100 A1
 *   A2  5+20 = 25 E fail  / 25 E fail        -> 25 E fail
 *   B0  19+76 = 95 A1     / 95 A1            -> 95 A1
 *   B1  EX, EX: exempt    / 10+40 = 50 C2    -> 50 C2 pass (Maths leaves the result)
 *   B2  10, not entered   / 12+48 = 60 C1    -> pending
 */
const GREENWOOD: Record<'A' | 'B', Cells[]> = {
  A: [
    [15, 62.5, 'AB', 60],
    [20, 80, 20, 80],
    [5, 20, 5, 20],
  ],
  B: [
    [19, 76, 19, 76],
    ['EX', 'EX', 10, 40],
    [10, null, 12, 48],
  ],
};

const GRADES = CBSE_BANDS.map((b) => b.grade);
const distribution = (counts: Record<string, number>) =>
  GRADES.map((grade) => ({ grade, count: counts[grade] ?? 0 }));

describe(`exams analytics on ${TEST_DB}`, () => {
  let t: TestApp;
  let gw: School;
  let rs: School;
  let admin: Signed;
  let teacher: Signed;
  let parent: Signed;
  let studentUser: Signed;
  let rsAdmin: Signed;
  let ex: Fixture;
  let rsEx: Fixture;
  const statements = new StatementCounter();

  const get = (url: string, who: Signed) => t.request({ url: `/api/v1/exams/${url}`, headers: who.auth });
  const analytics = (e: Fixture, who: Signed, classId = e.classId) =>
    get(`analytics?termId=${e.termId}&classId=${classId}`, who);
  const csv = (e: Fixture, who: Signed) =>
    get(`analytics/export?termId=${e.termId}&classId=${e.classId}`, who);

  beforeAll(async () => {
    t = await bootTestApp();
    t.app.get(Clock).setForTests(new Date('2026-11-20T05:00:00Z'));
    gw = await givenSchool(t, await t.given.institution('greenwood'), 1, 3);
    rs = await givenSchool(t, await t.given.institution('riverside'), 2, 6);
    admin = await signIn(t, gw.admin, '10.81.0.1');
    teacher = await signIn(t, gw.teacher, '10.81.0.2');
    parent = await signIn(t, gw.parent, '10.81.0.3');
    studentUser = await signIn(t, gw.student, '10.81.0.4');
    rsAdmin = await signIn(t, rs.admin, '10.81.0.5');
    ex = await givenAnalytics(t, gw, admin, (section, i) => GREENWOOD[section][i]!);
    rsEx = await givenAnalytics(t, rs, rsAdmin, (_s, i) => [5 + i, 20 + 4 * i, 'EX', 30 + i]);

    statements.install(t.dataSource);
  });

  afterAll(async () => {
    t.app.get(Clock).setForTests(null);
    await t?.close();
  });

  it('gives each subject the hand-computed figures, pending and exempt students counted apart', async () => {
    const res = await analytics(ex, admin);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      termId: ex.termId,
      termName: 'Term 1',
      classId: ex.classId,
      className: 'Class 5',
    });
    expect(body.students).toBe(6);
    expect(body.subjects.map((s: { subject: string }) => s.subject)).toEqual(['Mathematics', 'Science']);
    const [maths, science] = body.subjects;
    // Maths: 77.5, 100, 25, 95 graded; B1 exempt; B2 pending. (297.5 / 4 = 74.375 -> 74.38; 3 of 4 pass.)
    expect(maths).toMatchObject({
      graded: 4,
      pending: 1,
      exempt: 1,
      average: 74.38,
      highest: 100,
      lowest: 25,
      passPercentage: 75,
      gradeDistribution: distribution({ A1: 2, B1: 1, E: 1 }),
    });
    expect(maths.sections).toEqual([
      {
        sectionId: gw.sections['Class 5 A'],
        section: 'A',
        students: 3,
        graded: 3,
        pending: 0,
        exempt: 0,
        average: 67.5,
        highest: 100,
        lowest: 25,
        passPercentage: 66.67,
      },
      {
        sectionId: gw.sections['Class 5 B'],
        section: 'B',
        students: 3,
        graded: 1,
        pending: 1,
        exempt: 1,
        average: 95,
        highest: 95,
        lowest: 95,
        passPercentage: 100,
      },
    ]);
    // Science: 60, 100, 25, 95, 50, 60 -> 390 / 6 = 65; 5 of 6 pass = 83.33.
    expect(science).toMatchObject({
      graded: 6,
      pending: 0,
      exempt: 0,
      average: 65,
      highest: 100,
      lowest: 25,
      passPercentage: 83.33,
      gradeDistribution: distribution({ A1: 2, C1: 2, C2: 1, E: 1 }),
    });
    // Overall: 68.75, 100, 25, 95, 50 (B2 pending) -> 338.75 / 5 = 67.75; 4 of 5 pass.
    expect(body.overall).toMatchObject({
      graded: 5,
      pending: 1,
      exempt: 0,
      average: 67.75,
      highest: 100,
      lowest: 25,
      passPercentage: 80,
      gradeDistribution: distribution({ A1: 2, B2: 1, C2: 1, E: 1 }),
    });
    expect(
      body.overall.sections.map((s: { section: string; average: number; passPercentage: number }) => [
        s.section,
        s.average,
        s.passPercentage,
      ]),
    ).toEqual([
      ['A', 64.58, 66.67], // (68.75 + 100 + 25) / 3 = 64.5833..
      ['B', 72.5, 100],
    ]);
  });

  it('distributes exactly the graded students over every grade of the scale, in scale order', async () => {
    const body = (await analytics(ex, admin)).json();
    for (const figures of [...body.subjects, body.overall]) {
      expect(figures.gradeDistribution.map((g: { grade: string }) => g.grade)).toEqual(GRADES);
      const total = figures.gradeDistribution.reduce((s: number, g: { count: number }) => s + g.count, 0);
      expect(total).toBe(figures.graded);
      expect(figures.graded + figures.pending + figures.exempt).toBe(body.students);
    }
  });

  it("agrees with the section results' percentages", async () => {
    const section = (
      await get(`terms/${ex.termId}/sections/${gw.sections['Class 5 A']}/results`, admin)
    ).json() as { rows: { subjects: { subject: string; percentage: number | null }[] }[] };
    const maths = section.rows.map((r) => r.subjects.find((s) => s.subject === 'Mathematics')!.percentage!);
    const figures = (await analytics(ex, admin)).json().subjects[0].sections[0];
    expect(figures.highest).toBe(Math.max(...maths));
    expect(figures.lowest).toBe(Math.min(...maths));
  });

  it('shows a teacher their own sections only, and 404 for a class they do not teach', async () => {
    const res = await analytics(ex, teacher);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.students).toBe(3);
    expect(body.subjects[0].sections.map((s: { section: string }) => s.section)).toEqual(['A']);
    expect(body.subjects[0]).toMatchObject({ graded: 3, average: 67.5, passPercentage: 66.67 });
    expect(body.overall.sections).toHaveLength(1);
    expect((await analytics(ex, teacher, ex.otherClassId)).statusCode).toBe(404);
    expect(
      (await get(`analytics/export?termId=${ex.termId}&classId=${ex.otherClassId}`, teacher)).statusCode,
    ).toBe(404);
    const own = await csv(ex, teacher);
    expect(own.statusCode).toBe(200);
    expect(own.body).not.toContain(ex.b[0]!.fullName);
  });

  it('answers 404 to parents and students, and for another school’s class or term', async () => {
    for (const who of [parent, studentUser]) {
      expect((await analytics(ex, who)).statusCode).toBe(404);
      expect((await csv(ex, who)).statusCode).toBe(404);
    }
    expect((await analytics(ex, rsAdmin)).statusCode).toBe(404);
    expect((await csv(ex, rsAdmin)).statusCode).toBe(404);
    // Own class, the other school's term (and the reverse).
    expect((await get(`analytics?termId=${ex.termId}&classId=${rsEx.classId}`, rsAdmin)).statusCode).toBe(
      404,
    );
    expect((await get(`analytics?termId=${rsEx.termId}&classId=${ex.classId}`, admin)).statusCode).toBe(404);
    expect((await get(`analytics?termId=not-a-uuid&classId=${ex.classId}`, admin)).statusCode).toBe(400);
  });

  it('exports one row per student with names, decimal marks and grades, never ids', async () => {
    const res = await csv(ex, admin);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="results-Class-5-Term-1.csv"');
    const lines = res.body.trim().split('\r\n');
    expect(lines[0]).toBe(
      'admission_no,roll_no,name,section,Mathematics marks,Mathematics grade,Science marks,Science grade,percentage,grade,result,rank_in_section',
    );
    expect(lines).toHaveLength(7);
    const [a0, a1, a2] = ex.a;
    const [, b1, b2] = ex.b;
    // Out of the papers' maxima, 20 + 80 = 100: Maths 77.5 % of 100 = 77.5, Science 60 % of 100 = 60.
    const row = (s: Student, ...rest: unknown[]) =>
      csvRow([s.admissionNo, s.rollNo, s.fullName, ...rest]).replace(/\r\n$/, '');
    expect(lines[1]).toBe(row(a0!, 'A', 77.5, 'B1', 60, 'C1', 68.75, 'B2', 'Pass', 2));
    expect(lines[2]).toBe(row(a1!, 'A', 100, 'A1', 100, 'A1', 100, 'A1', 'Pass', 1));
    expect(lines[3]).toBe(row(a2!, 'A', 25, 'E', 25, 'E', 25, 'E', 'Fail', 3));
    expect(lines[5]).toBe(row(b1!, 'B', '', 'Exempt', 50, 'C2', 50, 'C2', 'Pass', 2));
    expect(lines[6]).toBe(row(b2!, 'B', '', 'Pending', 60, 'C1', '', '', 'Pending', ''));
    expect(lines[1]).toContain(',77.5,B1,60,C1,68.75,B2,Pass,2');
    expect(res.body).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/i);
  });

  it('neutralises a name a spreadsheet would run as a formula', async () => {
    const victim = ex.a[2]!;
    const patch = await t.request({
      method: 'PATCH',
      url: `/api/v1/students/${victim.studentId}`,
      headers: admin.auth,
      payload: { firstName: '=HYPERLINK("http://x")' },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    const body = (await csv(ex, admin)).body;
    expect(body).toContain(`"'=HYPERLINK(""http://x"")`);
    expect(body.split('\r\n').some((line) => line.split(',')[2]?.startsWith('='))).toBe(false);
  });

  it('reads a class in a fixed number of statements, whatever the number of students', async () => {
    const count = async (fn: () => Promise<unknown>) => (await statements.count(fn))[1];
    await analytics(ex, admin); // warm the per-process caches
    await analytics(rsEx, rsAdmin);
    const small = await count(() => analytics(ex, admin));
    const large = await count(() => analytics(rsEx, rsAdmin));
    const largeCsv = await count(() => csv(rsEx, rsAdmin));
    expect((await analytics(rsEx, rsAdmin)).json().students).toBe(12);
    expect(large.length).toBe(small.length);
    expect(largeCsv.length).toBe(small.length);
    console.info(
      `[statements] exams analytics on ${TEST_DB}: ${small.length} (6 students) = ${large.length} (12 students); CSV ${largeCsv.length}`,
    );
    if (process.env.SHOW_SQL) console.info(small.map((q) => q.slice(0, 160)).join('\n'));
    expect(small.length).toBeLessThanOrEqual(20);
  });
});
