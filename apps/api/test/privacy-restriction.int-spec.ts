import type { ChronicAbsenteesReport, ClassAnalyticsView, PrivacyRequestView } from '@shala/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AcademicsService } from '../src/modules/academics/academics.service';
import { StudentDirectory } from '../src/modules/students/student-directory';
import { Clock } from '../src/platform/time/clock';
import { type Signed, signIn } from './support/accounts';
import { CBSE_BANDS } from './support/exams';
import { type School, givenSchool } from './support/school';
import { TEST_DB, type TestApp, bootTestApp } from './support/test-app';

interface Pupil {
  studentId: string;
  admissionNo: string;
}

/**
 * PRV-02, restriction of processing: a restricted student is non-essential processing's no more. Exam
 * analytics (figures and their CSV) and the chronic-absentee list leave them out until the restriction is
 * lifted; the statutory records (the register, results) keep them.
 */
describe(`privacy: a restricted student is left out of analytics (${TEST_DB})`, () => {
  let t: TestApp;
  let gw: School;
  let admin: Signed;
  let classId: string;
  let termId: string;
  let class5A: string;
  /** Class 5 A by roll number: the topper, absent every day, then a classmate. */
  let topper: Pupil;
  let classmate: Pupil;
  const clock = () => t.app.get(Clock);

  const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    t.request({ method, url: `/api/v1/${url}`, headers: admin.auth, ...(payload ? { payload } : {}) });
  const ok = async <T>(method: 'GET' | 'POST' | 'PUT', url: string, payload?: object): Promise<T> => {
    const res = await call(method, url, payload);
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res.json<T>();
  };

  const analytics = () =>
    ok<ClassAnalyticsView>('GET', `exams/analytics?termId=${termId}&classId=${classId}`);
  const resultsCsv = async () => {
    const res = await call('GET', `exams/analytics/export?termId=${termId}&classId=${classId}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.body;
  };
  const chronic = () =>
    ok<ChronicAbsenteesReport>(
      'GET',
      'attendance/chronic-absentees?from=2026-11-16&to=2026-11-18&threshold=75',
    );

  beforeAll(async () => {
    t = await bootTestApp();
    gw = await givenSchool(t, await t.given.institution('greenwood'), 1, 2);
    await givenSchool(t, await t.given.institution('riverside'), 2, 2);
    admin = await signIn(t, gw.admin, '10.74.0.1', -1);
    class5A = gw.sections['Class 5 A']!;
    const base = await t.context.runAsTenant(gw.institution.id, async () => {
      const academics = t.app.get(AcademicsService);
      const directory = t.app.get(StudentDirectory);
      return {
        yearId: (await academics.findCurrentYear())!.id,
        classId: (await academics.findClassByName('Class 5'))!.id,
        maths: (await academics.listSubjects()).find((s) => s.name === 'Mathematics')!.id,
        a: await directory.roster(class5A),
        b: await directory.roster(gw.sections['Class 5 B']!),
      };
    });
    classId = base.classId;
    [topper, classmate] = [base.a[0]!, base.a[1]!];

    // Attendance, Mon 16 to Wed 18 November 2026: the topper absent every day, everyone else present.
    for (const date of ['2026-11-16', '2026-11-17', '2026-11-18']) {
      clock().setForTests(new Date(`${date}T05:00:00Z`));
      await ok('PUT', `attendance/sections/${class5A}/days/${date}`, {
        marks: base.a.map((s) => ({
          studentId: s.studentId,
          status: s.studentId === topper.studentId ? 'absent' : 'present',
        })),
      });
    }
    clock().setForTests(new Date('2026-11-20T05:00:00Z'));

    // Term 1, one Half Yearly paper in Mathematics (max 100, pass 33): A 95 and 60, B 70 and 50.
    const scale = await ok<{ id: string }>('POST', 'exams/grading-scales', {
      name: 'CBSE',
      kind: 'scholastic',
      bands: CBSE_BANDS,
    });
    const structure = await ok<{ terms: { id: string; name: string }[] }>(
      'PUT',
      `exams/years/${base.yearId}/terms`,
      {
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
      },
    );
    termId = structure.terms.find((x) => x.name === 'Term 1')!.id;
    const withAssessments = await ok<{ terms: { id: string; assessments: { id: string }[] }[] }>(
      'PUT',
      `exams/terms/${termId}/assessments`,
      { assessments: [{ name: 'Half Yearly', code: 'HY', termWeightage: 100 }] },
    );
    const assessment = withAssessments.terms.find((x) => x.id === termId)!.assessments[0]!;
    const [paper] = await ok<{ id: string }[]>('PUT', `exams/assessments/${assessment.id}/papers`, {
      papers: [{ classId, subjectId: base.maths, maxMarks: 100, passMarks: 33 }],
    });
    for (const [section, roster, marks] of [
      ['Class 5 A', base.a, [95, 60]],
      ['Class 5 B', base.b, [70, 50]],
    ] as const)
      await ok('PUT', `exams/papers/${paper!.id}/sections/${gw.sections[section]}/marks`, {
        rows: roster.map((s, i) => ({ studentId: s.studentId, cells: { total: marks[i] } })),
      });
  }, 120_000);

  afterAll(async () => {
    clock().setForTests(null);
    await t?.close();
  });

  it('[PRV-02] leaves a restricted student out of exam analytics, its CSV and the chronic absentees until lifted', async () => {
    const before = await analytics();
    expect(before.students).toBe(4);
    expect(before.overall).toMatchObject({ graded: 4, highest: 95, lowest: 50 });
    expect(before.overall.sections.find((s) => s.sectionId === class5A)).toMatchObject({ students: 2 });
    expect(await resultsCsv()).toContain(topper.admissionNo);
    expect((await chronic()).items.map((r) => r.studentId)).toEqual([topper.studentId]);

    const created = await ok<PrivacyRequestView>('POST', 'privacy/requests', {
      type: 'restriction',
      subjectType: 'student',
      subjectId: topper.studentId,
    });
    await ok('POST', `privacy/requests/${created.id}/transitions`, { status: 'in_progress' });
    await ok('POST', `privacy/requests/${created.id}/restriction`);

    const during = await analytics();
    expect(during.students).toBe(3);
    expect(during.overall).toMatchObject({ graded: 3, highest: 70, lowest: 50 });
    expect(during.subjects[0]).toMatchObject({ graded: 3, highest: 70 });
    expect(during.overall.sections.find((s) => s.sectionId === class5A)).toMatchObject({
      students: 1,
      graded: 1,
      highest: 60,
    });
    const csv = await resultsCsv();
    expect(csv).not.toContain(topper.admissionNo);
    expect(csv).toContain(classmate.admissionNo);
    expect((await chronic()).items).toEqual([]);
    // The statutory records keep them: the section's register still lists the student.
    const register = await ok<{ rows: { studentId: string }[] }>(
      'GET',
      `attendance/sections/${class5A}/months/2026-11`,
    );
    expect(register.rows.map((r) => r.studentId)).toContain(topper.studentId);

    await ok('POST', `privacy/requests/${created.id}/restriction/lift`);
    const after = await analytics();
    expect(after.students).toBe(4);
    expect(after.overall).toMatchObject({ graded: 4, highest: 95 });
    expect(await resultsCsv()).toContain(topper.admissionNo);
    expect((await chronic()).items.map((r) => r.studentId)).toEqual([topper.studentId]);
  });
});
