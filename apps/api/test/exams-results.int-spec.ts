import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AcademicsService } from '../src/modules/academics/academics.service';
import { announcementKey } from '../src/modules/exams/publishing.service';
import { ConsentsService } from '../src/modules/notifications/consents.service';
import { GuardianNotifier } from '../src/modules/notifications/guardian-notifier.service';
import { NotificationsSetup } from '../src/modules/notifications/notifications-setup.service';
import { OutboxRepository } from '../src/modules/notifications/outbox.repository';
import { StudentDirectory } from '../src/modules/students/student-directory';
import { Clock } from '../src/platform/time/clock';
import { admissionNo, demoParentPhone } from '../src/seed/school-data';
import { Signed, signIn } from './support/accounts';
import { School, givenSchool } from './support/school';
import { TEST_DB, TestApp, bootTestApp } from './support/test-app';
import { StatementCounter } from './support/statements';

const CBSE = [
  { grade: 'A1', minPercent: 91, maxPercent: 100, gradePoint: 10 },
  { grade: 'A2', minPercent: 81, maxPercent: 90.99, gradePoint: 9 },
  { grade: 'B1', minPercent: 71, maxPercent: 80.99, gradePoint: 8 },
  { grade: 'B2', minPercent: 61, maxPercent: 70.99, gradePoint: 7 },
  { grade: 'C1', minPercent: 51, maxPercent: 60.99, gradePoint: 6 },
  { grade: 'C2', minPercent: 41, maxPercent: 50.99, gradePoint: 5 },
  { grade: 'D', minPercent: 33, maxPercent: 40.99, gradePoint: 4 },
  { grade: 'E', minPercent: 0, maxPercent: 32.99, gradePoint: null },
];

/** Cells of one student: [Maths PT1, Maths HY, Science PT1, Science HY] (PT1 out of 20, HY out of 80). */
type Cells = [number | string, number | string, number | string, number | string];

interface Exams {
  classId: string;
  term1: string;
  term2: string;
  sectionA: string[];
  sectionB: string[];
}

/**
 * Through the API: a CBSE scale, Term 1 (40 %) and Term 2 (60 %), Term 1's PT1 (20 %) and Half-Yearly
 * (80 %), Maths and Science papers for Class 5, and marks for every student of Class 5 A and B.
 */
async function givenExams(
  t: TestApp,
  school: School,
  admin: Signed,
  cells: (id: string, i: number) => Cells,
) {
  const ok = async (method: 'POST' | 'PUT', url: string, payload: object) => {
    const res = await t.request({ method, url: `/api/v1/exams/${url}`, headers: admin.auth, payload });
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res.json();
  };
  const { yearId, classId, subjects, sectionA, sectionB } = await t.context.runAsTenant(
    school.institution.id,
    async () => {
      const academics = t.app.get(AcademicsService);
      const students = t.app.get(StudentDirectory);
      const subjectList = await academics.listSubjects();
      return {
        yearId: (await academics.findCurrentYear())!.id,
        classId: (await academics.findClassByName('Class 5'))!.id,
        subjects: Object.fromEntries(subjectList.map((s) => [s.name, s.id])),
        sectionA: await students.rosterIds(school.sections['Class 5 A']!),
        sectionB: await students.rosterIds(school.sections['Class 5 B']!),
      };
    },
  );
  const scale = await ok('POST', 'grading-scales', { name: 'CBSE', kind: 'scholastic', bands: CBSE });
  const structure = await ok('PUT', `years/${yearId}/terms`, {
    terms: [
      {
        name: 'Term 1',
        startsOn: '2026-04-01',
        endsOn: '2026-09-30',
        yearWeightage: 40,
        gradingScaleId: scale.id,
      },
      {
        name: 'Term 2',
        startsOn: '2026-10-01',
        endsOn: '2027-03-31',
        yearWeightage: 60,
        gradingScaleId: scale.id,
      },
    ],
  });
  const termId = (name: string) =>
    structure.terms.find((x: { name: string }) => x.name === name).id as string;
  const withAssessments = await ok('PUT', `terms/${termId('Term 1')}/assessments`, {
    assessments: [
      { name: 'Periodic Test 1', code: 'PT1', termWeightage: 20 },
      { name: 'Half Yearly', code: 'HY', termWeightage: 80 },
    ],
  });
  const assessments = withAssessments.terms.find((x: { name: string }) => x.name === 'Term 1')
    .assessments as {
    id: string;
    code: string;
  }[];
  const papers: Record<string, string> = {};
  for (const a of assessments) {
    const max = a.code === 'PT1' ? 20 : 80;
    const saved = (await ok('PUT', `assessments/${a.id}/papers`, {
      papers: ['Mathematics', 'Science'].map((s) => ({
        classId,
        subjectId: subjects[s],
        maxMarks: max,
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
    ['Class 5 A', sectionA],
    ['Class 5 B', sectionB],
  ] as const)
    for (const [k, [code, subject]] of columns.entries())
      await ok(
        'PUT',
        `papers/${papers[`${code}:${subjects[subject]}`]}/sections/${school.sections[section]}/marks`,
        {
          rows: roster.map((studentId, i) => ({ studentId, cells: { total: cells(studentId, i)[k] } })),
        },
      );
  return { classId, term1: termId('Term 1'), term2: termId('Term 2'), sectionA, sectionB } satisfies Exams;
}

describe(`exam results and publishing on ${TEST_DB}`, () => {
  let t: TestApp;
  let gw: School;
  let rs: School;
  let admin: Signed;
  let teacher: Signed;
  let parent: Signed;
  let studentUser: Signed;
  let rsAdmin: Signed;
  let ex: Exams;
  let rsEx: Exams;
  let child: string;
  let sibling: string;
  let classmate: string;
  let topper: string;
  let optedOutGuardian: string;
  let optedIn: string[];
  // Background work (the in-process outbox worker delivering the publish messages) is not the route's.
  const statements = new StatementCounter(/\b(outbox_messages|notification_\w+)\b/i);

  const get = (url: string, who: Signed) => t.request({ url: `/api/v1/exams/${url}`, headers: who.auth });
  const post = (url: string, who: Signed) =>
    t.request({ method: 'POST', url: `/api/v1/exams/${url}`, headers: who.auth, payload: {} });
  const messages = async () =>
    (await t.context.runAsTenant(gw.institution.id, () => t.app.get(OutboxRepository).listNewestFirst(500)))
      .filter((m) => m.template === 'exam_results')
      .reverse();
  const countStatements = <T>(fn: () => Promise<T>) => statements.count(fn);

  beforeAll(async () => {
    t = await bootTestApp();
    t.app.get(Clock).setForTests(new Date('2026-11-20T05:00:00Z'));
    gw = await givenSchool(t, await t.given.institution('greenwood'), 1, 3);
    rs = await givenSchool(t, await t.given.institution('riverside'), 2, 6);
    admin = await signIn(t, gw.admin, '10.80.0.1');
    teacher = await signIn(t, gw.teacher, '10.80.0.2');
    parent = await signIn(t, gw.parent, '10.80.0.3');
    studentUser = await signIn(t, gw.student, '10.80.0.4');
    rsAdmin = await signIn(t, rs.admin, '10.80.0.5');

    const students = t.app.get(StudentDirectory);
    await t.context.runAsTenant(gw.institution.id, async () => {
      child = (await students.studentIdByAdmissionNo(admissionNo(gw.prefix, 1)))!;
      const a = await students.rosterIds(gw.sections['Class 5 A']!);
      const b = await students.rosterIds(gw.sections['Class 5 B']!);
      const parentGuardian = (await students.guardianIdByPhone(demoParentPhone(1)))!;
      const guardians = await students.guardianIdsOf([...a, ...b]);
      sibling = b.find((id) => guardians.get(id)?.includes(parentGuardian))!;
      const others = a.filter((id) => id !== child);
      classmate = others[0]!;
      topper = others[1]!;
      const topperGuardian = guardians.get(topper)![0]!;
      optedOutGuardian = guardians.get(b.find((id) => id !== sibling)!)![0]!;
      optedIn = [parentGuardian, topperGuardian];
      await t.app.get(NotificationsSetup).seedSchool({ optedInGuardianIds: [...optedIn, optedOutGuardian] });
      // Opted in to everything at admission, then out of exam results.
      await t.app
        .get(ConsentsService)
        .changeAsStaff(
          optedOutGuardian,
          [{ channel: 'email', purpose: 'exam_results', granted: false }],
          'school_office',
          'no exam messages',
        );
    });

    // Child: Maths 15/20 and 62.5/80 -> 77.5 %; Science AB and 60/80 -> 60 %; overall 68.75 %.
    ex = await givenExams(t, gw, admin, (id) =>
      id === child || id === classmate
        ? [15, 62.5, 'AB', 60]
        : id === topper
          ? [20, 80, 20, 80]
          : id === sibling
            ? [19, 76, 19, 76]
            : [5, 20, 5, '20'],
    );
    rsEx = await givenExams(t, rs, rsAdmin, (_id, i) => [5 + i, 20 + 4 * i, 'EX', 30 + i]);

    statements.install(t.dataSource);
  });

  afterAll(async () => {
    t.app.get(Clock).setForTests(null);
    await t?.close();
  });

  it('shows parents and students nothing before the term is published', async () => {
    for (const who of [parent, studentUser]) {
      const res = await get(`students/${child}/results`, who);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ studentId: child, items: [], year: null });
    }
    expect(await messages()).toEqual([]);
  });

  it('refuses unpublished results to parents, and shows them to staff who ask', async () => {
    expect((await get(`students/${child}/results?includeUnpublished=true`, parent)).statusCode).toBe(403);
    const staff = (await get(`students/${child}/results?includeUnpublished=true`, admin)).json();
    expect(
      staff.items.map((i: { termName: string; published: boolean }) => [i.termName, i.published]),
    ).toEqual([
      ['Term 1', false],
      ['Term 2', false],
    ]);
    expect(staff.items[0].percentage).toBe(68.75);
    // Term 2 has no assessments yet: its subjects are absent, so the year is Term 1's weighted alone.
    expect(staff.year).toMatchObject({
      percentage: 68.75,
      grade: 'B2',
      passed: true,
      cumulativeGradePointAverage: 7,
    });
  });

  it('publishes once per opted-in guardian (siblings share one message), none to guardians who opted out', async () => {
    const res = await post(`terms/${ex.term1}/classes/${ex.classId}/publish`, admin);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      termId: ex.term1,
      classId: ex.classId,
      published: true,
      version: 1,
      notified: 2,
    });
    const sentNow = await messages();
    expect(sentNow.map((m) => m.guardianId).sort()).toEqual([...optedIn].sort());
    expect(sentNow.some((m) => m.guardianId === optedOutGuardian)).toBe(false);
    const toParent = JSON.parse(sentNow.find((m) => m.guardianId === optedIn[0])!.variables);
    expect(toParent.exam).toBe('Term 1');
    expect(toParent.student).toMatch(/ and /); // both children of Class 5 in one message
  });

  it('shows the parent their child’s published Term 1 in the agreed shape', async () => {
    const res = await get(`students/${child}/results`, parent);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.items).toHaveLength(1);
    expect(body.year).toBeNull(); // Term 2 is not published yet
    const [term] = body.items;
    for (const key of ['termId', 'termName', 'subjects', 'percentage', 'grade'])
      expect(term).toHaveProperty(key);
    expect(term).toMatchObject({
      termId: ex.term1,
      termName: 'Term 1',
      percentage: 68.75,
      grade: 'B2',
      passed: true,
    });
    // Out of the papers' maxima, 20 + 80 = 100: Maths 77.5 % of 100 = 77.5; Science 60 % of 100 = 60.
    expect(
      term.subjects.map((s: Record<string, unknown>) => ({
        subject: s.subject,
        marks: s.marks,
        maxMarks: s.maxMarks,
        grade: s.grade,
      })),
    ).toEqual([
      { subject: 'Mathematics', marks: 77.5, maxMarks: 100, grade: 'B1' },
      { subject: 'Science', marks: 60, maxMarks: 100, grade: 'C1' },
    ]);
    expect(
      term.subjects[1].assessments.map((a: { code: string; status: string; marks: number }) => [
        a.code,
        a.status,
        a.marks,
      ]),
    ).toEqual([
      ['PT1', 'AB', 0],
      ['HY', 'marks', 60],
    ]);
    // The sibling in Class 5 B is the parent's child too; the student account sees itself.
    expect((await get(`students/${sibling}/results`, parent)).json().items).toHaveLength(1);
    expect((await get(`students/${child}/results`, studentUser)).json().items[0].percentage).toBe(68.75);
  });

  it('answers 404 for another family’s child and for another school’s student', async () => {
    expect((await get(`students/${classmate}/results`, parent)).statusCode).toBe(404);
    expect((await get(`students/${classmate}/results`, studentUser)).statusCode).toBe(404);
    expect((await get(`students/${rsEx.sectionA[0]}/results`, parent)).statusCode).toBe(404);
    expect((await get(`students/${child}/results`, rsAdmin)).statusCode).toBe(404);
    expect(
      (await get(`terms/${ex.term1}/sections/${gw.sections['Class 5 A']}/results`, rsAdmin)).statusCode,
    ).toBe(404);
    expect((await post(`terms/${ex.term1}/classes/${ex.classId}/publish`, rsAdmin)).statusCode).toBe(404);
  });

  it('ranks a section and its class with ties sharing a rank; teachers see their own sections only', async () => {
    const res = await get(`terms/${ex.term1}/sections/${gw.sections['Class 5 A']}/results`, teacher);
    expect(res.statusCode, res.body).toBe(200);
    const rows = new Map(res.json().rows.map((r: { studentId: string }) => [r.studentId, r]));
    expect(rows.size).toBe(3);
    const pick = (id: string) => {
      const r = rows.get(id) as {
        percentage: number;
        rankInSection: number;
        rankInClass: number;
        passed: boolean;
      };
      return [r.percentage, r.rankInSection, r.rankInClass, r.passed];
    };
    expect(pick(topper)).toEqual([100, 1, 1, true]);
    expect(pick(child)).toEqual([68.75, 2, 3, true]); // the sibling (95 %) in section B is second in class
    expect(pick(classmate)).toEqual([68.75, 2, 3, true]);
    expect(
      (await get(`terms/${ex.term1}/sections/${gw.sections['Class 5 B']}/results`, teacher)).statusCode,
    ).toBe(404);
    expect(
      (await get(`terms/${ex.term1}/sections/${gw.sections['Class 5 A']}/results`, parent)).statusCode,
    ).toBe(404);
    const b = (await get(`terms/${ex.term1}/sections/${gw.sections['Class 5 B']}/results`, admin)).json();
    expect(
      b.rows.map((r: { percentage: number; passed: boolean; rankInClass: number }) => [
        r.percentage,
        r.passed,
        r.rankInClass,
      ]),
    ).toEqual([
      [95, true, 2],
      [25, false, 5],
      [25, false, 5],
    ]);
  });

  it('sends "updated" once on a re-publish and never duplicates an announcement', async () => {
    const before = await messages();
    const res = await post(`terms/${ex.term1}/classes/${ex.classId}/publish`, admin);
    expect(res.json()).toMatchObject({ version: 2, notified: 2, published: true });
    const added = (await messages()).filter((m) => !before.some((b) => b.id === m.id));
    expect(added.map((m) => m.guardianId).sort()).toEqual([...optedIn].sort());
    for (const m of added) expect(JSON.parse(m.variables).exam).toBe('Term 1 (updated)');
    // The same announcement again (a retried request) enqueues nothing.
    const again = await t.context.runAsTenant(gw.institution.id, () =>
      t.app.get(GuardianNotifier).notify({
        guardianIds: optedIn,
        purpose: 'exam_results',
        template: 'exam_results',
        variables: { student: 'x', exam: 'Term 1 (updated)', school: 'y' },
        idempotencyKey: announcementKey(ex.term1, ex.classId, 2),
      }),
    );
    expect(again.enqueued).toBe(0);
    expect(await messages()).toHaveLength(4);
  });

  it('unpublishing hides the results from parents again, and both are audited', async () => {
    const res = await post(`terms/${ex.term1}/classes/${ex.classId}/unpublish`, admin);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ published: false, version: 2 });
    expect((await get(`students/${child}/results`, parent)).json().items).toEqual([]);
    expect(
      (await get(`terms/${ex.term1}/sections/${gw.sections['Class 5 A']}/results`, admin)).json().published,
    ).toBe(false);
    const events = (
      await t.request({ url: '/api/v1/audit/events?action=exams.results.*', headers: admin.auth })
    ).json<{ items: { action: string; targetId: string; details: Record<string, unknown> | null }[] }>()
      .items;
    expect(events.map((e) => e.action).reverse()).toEqual([
      'exams.results.publish',
      'exams.results.republish',
      'exams.results.unpublish',
    ]);
    expect(events.every((e) => e.targetId === ex.classId)).toBe(true);
    expect(await messages()).toHaveLength(4); // unpublishing messages nobody
  });

  it('reads results in a fixed number of statements, whatever the number of students', async () => {
    await post(`terms/${ex.term1}/classes/${ex.classId}/publish`, admin);
    await post(`terms/${rsEx.term1}/classes/${rsEx.classId}/publish`, rsAdmin);
    const sectionA = (who: Signed, school: School, e: Exams) => () =>
      get(`terms/${e.term1}/sections/${school.sections['Class 5 A']}/results`, who);
    await sectionA(admin, gw, ex)(); // warm the per-process caches
    await sectionA(rsAdmin, rs, rsEx)();
    const [small, smallSql] = await countStatements(sectionA(admin, gw, ex));
    const [large, largeSql] = await countStatements(sectionA(rsAdmin, rs, rsEx));
    expect(small.json().rows).toHaveLength(3);
    expect(large.json().rows).toHaveLength(6);
    expect(largeSql.length).toBe(smallSql.length);
    await get(`students/${child}/results`, parent);
    const [, parentSql] = await countStatements(() => get(`students/${child}/results`, parent));
    console.info(
      `[statements] exam results on ${TEST_DB}: section table ${smallSql.length} (3 students) = ${largeSql.length} (6 students, class of 12); parent's view ${parentSql.length}`,
    );
    if (process.env.SHOW_SQL)
      console.info([...smallSql, '---', ...parentSql].map((q) => q.slice(0, 160)).join('\n'));
    expect(smallSql.length).toBeLessThanOrEqual(20);
    expect(parentSql.length).toBeLessThanOrEqual(20);
  });
  it("keeps a term's section results after the class is promoted out of the section", async () => {
    const rows = async () =>
      (await get(`terms/${rsEx.term1}/sections/${rs.sections['Class 5 A']}/results`, rsAdmin)).json<{
        rows: { studentId: string; percentage: number }[];
      }>().rows;
    const before = await rows();
    expect(before).toHaveLength(6);
    const next = await t.request({
      method: 'POST',
      url: '/api/v1/academics/years',
      headers: rsAdmin.auth,
      payload: { name: '2027-28', startsOn: '2027-04-01', endsOn: '2028-03-31' },
    });
    const classes = (await t.request({ url: '/api/v1/academics/classes', headers: rsAdmin.auth })).json<{
      items: { id: string; name: string }[];
    }>().items;
    const promoted = await t.request({
      method: 'POST',
      url: '/api/v1/students/promotions',
      headers: rsAdmin.auth,
      payload: {
        fromClassId: rsEx.classId,
        toClassId: classes.find((c) => c.name === 'Class 6')!.id,
        toYearId: next.json<{ id: string }>().id,
      },
    });
    expect(promoted.json()).toMatchObject({ promoted: 12 });
    // Switch the roster back to "this year's active students" and these lists come back empty.
    expect(await rows()).toEqual(before);
  });
});
