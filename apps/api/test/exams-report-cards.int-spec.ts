import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExamsDemoSeeder } from '../src/modules/exams/exams-demo.seeder';
import { crestPng } from '../src/seed/crest-png';
import { StudentDirectory } from '../src/modules/students/student-directory';
import { Clock } from '../src/platform/time/clock';
import { Signed, signIn } from './support/accounts';
import { CAN_READ_PDF, pdfText } from './support/pdf-text';
import { School, givenSchool } from './support/school';
import { TEST_DB, TestApp, bootTestApp } from './support/test-app';

/** Tests that read a PDF's text need pdftotext (see support/pdf-text.ts). */
const withText = CAN_READ_PDF ? it : it.skip;

interface Structure {
  terms: { id: string; name: string }[];
  coScholasticAreas: { id: string; name: string }[];
}
interface Results {
  items: {
    termId: string;
    subjects: { subject: string; marks: number | null; maxMarks: number | null; grade: string | null }[];
    percentage: number | null;
  }[];
}
interface Calendar {
  summary: { workingDays: number; present: number; late: number; halfDay: number; percent: number | null };
}

/** A Hindi name with conjuncts (क्ष, त्र, श्र) and a pre-base vowel sign (ि). */
const HINDI_FIRST = 'अनन्या';
const HINDI_LAST = 'क्षत्रिय श्रीवास्तव';

describe(`exams report cards (${TEST_DB})`, () => {
  let t: TestApp;
  let gw: School;
  let rs: School;
  let admin: Signed;
  let rsAdmin: Signed;
  let teacher: Signed;
  let parent: Signed;
  let term1: string;
  let term2: string;
  let child: string; // the demo parent's child in Class 5 A, renamed in Devanagari
  let otherChild: string; // a Class 5 A student who is not the parent's
  let class5A: string;
  let rosterA: { studentId: string; fullName: string; rollNo: number | null }[];
  let rsStudent: string;
  const clock = () => t.app.get(Clock);
  const get = (a: Signed, url: string) => t.request({ url: `/api/v1/exams/${url}`, headers: a.auth });
  const card = (a: Signed, studentId: string, term?: string) =>
    get(a, `students/${studentId}/report-card${term ? `?term=${term}` : ''}`);

  beforeAll(async () => {
    t = await bootTestApp();
    gw = await givenSchool(t, await t.given.institution('greenwood'), 1);
    rs = await givenSchool(t, await t.given.institution('riverside'), 2, 2);
    class5A = gw.sections['Class 5 A']!;
    admin = await signIn(t, gw.admin, '10.62.0.1', -1);
    rsAdmin = await signIn(t, rs.admin, '10.62.0.2', -1);
    teacher = await signIn(t, gw.teacher, '10.62.0.3');
    parent = await signIn(t, gw.parent, '10.62.0.4');
    const students = t.app.get(StudentDirectory);
    rosterA = await t.context.runAsTenant(gw.institution.id, () => students.roster(class5A));
    child = rosterA[0]!.studentId;
    otherChild = rosterA[1]!.studentId;
    rsStudent = (
      await t.context.runAsTenant(rs.institution.id, () => students.roster(rs.sections['Class 5 A']!))
    )[0]!.studentId;
    const renamed = await t.request({
      method: 'PATCH',
      url: `/api/v1/students/${child}`,
      headers: admin.auth,
      payload: { firstName: HINDI_FIRST, lastName: HINDI_LAST },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    rosterA = await t.context.runAsTenant(gw.institution.id, () => students.roster(class5A));

    // Attendance in Term 1 (1 April .. 30 September): three September days, the child absent on one.
    for (const [date, absent] of [
      ['2026-09-14', false],
      ['2026-09-15', true],
      ['2026-09-16', false],
    ] as const) {
      clock().setForTests(new Date(`${date}T05:00:00Z`));
      const res = await t.request({
        method: 'PUT',
        url: `/api/v1/attendance/sections/${class5A}/days/${date}`,
        headers: teacher.auth,
        payload: {
          marks: rosterA.map((r) => ({
            studentId: r.studentId,
            status: absent && r.studentId === child ? 'absent' : 'present',
          })),
        },
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    clock().setForTests(new Date('2026-10-05T05:00:00Z'));

    // The demo exams: Term 1 marked and published for every class, Term 2's PT2 marks in draft.
    for (const school of [gw, rs])
      await t.context.runAsTenant(school.institution.id, () => t.app.get(ExamsDemoSeeder).seed());
    const structure = (await get(admin, 'structure')).json<Structure>();
    term1 = structure.terms.find((x) => x.name === 'Term 1')!.id;
    term2 = structure.terms.find((x) => x.name === 'Term 2')!.id;
    const area = structure.coScholasticAreas.find((a) => a.name === 'Art Education')!.id;
    // The child's Art Education grade and remark (replacing any the demo seeder gave).
    await t.context.runAsTenant(gw.institution.id, async () => {
      await t.dataSource.query(
        'DELETE FROM co_scholastic_grades WHERE tenant_id = ? AND term_id = ? AND area_id = ? AND student_id = ?',
        [gw.institution.id, term1, area, child],
      );
      await t.dataSource.query(
        'DELETE FROM exam_remarks WHERE tenant_id = ? AND term_id = ? AND student_id = ?',
        [gw.institution.id, term1, child],
      );
      await t.dataSource.query(
        'INSERT INTO co_scholastic_grades (tenant_id, term_id, area_id, student_id, grade) VALUES (?, ?, ?, ?, ?)',
        [gw.institution.id, term1, area, child, 'A'],
      );
      await t.dataSource.query(
        'INSERT INTO exam_remarks (tenant_id, term_id, student_id, remark) VALUES (?, ?, ?, ?)',
        [gw.institution.id, term1, child, 'Reads well; कविता पाठ में उत्कृष्ट.'],
      );
    });
  }, 240_000);

  afterAll(async () => {
    clock().setForTests(null);
    await t.close();
  });

  withText(
    "prints the term card with the student's Devanagari name, marks, grades, attendance, co-scholastic grade and remark",
    async () => {
      const res = await card(admin, child, term1);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const text = pdfText(res.rawPayload);
      expect(text).toContain(`${HINDI_FIRST} ${HINDI_LAST}`);
      expect(text).toContain(gw.institution.name);
      expect(text).toContain('Report card - Term 1 - 2026-27');
      // Marks and grades as the results screen has them (same arithmetic).
      const results = (await get(admin, `students/${child}/results`)).json<Results>();
      const term = results.items.find((i) => i.termId === term1)!;
      expect(term.subjects.length).toBe(5);
      for (const s of term.subjects) {
        const row = text.split('\n').find((l) => l.trim().startsWith(s.subject))!;
        expect(row, s.subject).toBeDefined();
        expect(row).toContain(`${s.marks}/${s.maxMarks}`);
        expect(row).toMatch(new RegExp(`\\s${s.grade}\\s`));
      }
      expect(text).toContain(`Overall: ${term.percentage}%`);
      // Attendance: the attendance module's own summary for the term's dates.
      const calendar = (
        await t.request({
          url: `/api/v1/attendance/students/${child}/calendar?from=2026-04-01&to=2026-09-30`,
          headers: admin.auth,
        })
      ).json<Calendar>();
      expect(calendar.summary.percent).toBe(66.7);
      expect(text).toMatch(new RegExp(`${calendar.summary.workingDays}\\s+2\\s+66\\.7`));
      expect(text).toMatch(/Art Education\s+A/);
      expect(text).toContain('कविता पाठ में उत्कृष्ट');
    },
  );

  withText('prints the year card over every term for staff, with the promotion status pending', async () => {
    const res = await card(admin, child, 'year');
    expect(res.statusCode, res.body).toBe(200);
    const text = pdfText(res.rawPayload);
    expect(text).toContain('Annual report');
    expect(text).toContain('Term 1 %');
    expect(text).toContain('Term 2 %');
    expect(text).toContain('Promotion: Pending');
    expect((await card(admin, child)).statusCode).toBe(200);
  });

  withText("shows a parent their own child's published term only; anything else answers 404", async () => {
    const own = await card(parent, child, term1);
    expect(own.statusCode, own.body).toBe(200);
    expect(pdfText(own.rawPayload)).toContain(HINDI_LAST);
    expect((await card(parent, child, term2)).statusCode).toBe(404);
    expect((await card(parent, otherChild, term1)).statusCode).toBe(404);
    const year = await card(parent, child);
    expect(year.statusCode).toBe(200);
    const text = pdfText(year.rawPayload);
    expect(text).toContain('Term 1 %');
    expect(text).not.toContain('Term 2 %');
    const transcript = await get(parent, `students/${child}/transcript`);
    expect(transcript.statusCode).toBe(200);
    expect(pdfText(transcript.rawPayload)).toContain('Terms: Term 1\n');
    expect((await get(parent, `students/${otherChild}/transcript`)).statusCode).toBe(404);
  });

  it("answers another school's students and terms with 404", async () => {
    expect((await card(rsAdmin, child, term1)).statusCode).toBe(404);
    expect((await card(rsAdmin, rsStudent, term1)).statusCode).toBe(404);
    expect((await card(rsAdmin, child)).statusCode).toBe(404);
    expect((await get(rsAdmin, `students/${child}/transcript`)).statusCode).toBe(404);
    const start = await t.request({
      method: 'POST',
      url: `/api/v1/exams/terms/${term1}/sections/${class5A}/report-cards`,
      headers: rsAdmin.auth,
    });
    expect(start.statusCode).toBe(404);
  });

  withText('prints a multi-year transcript with each subject of the year', async () => {
    const res = await get(admin, `students/${child}/transcript`);
    expect(res.statusCode, res.body).toBe(200);
    const text = pdfText(res.rawPayload);
    expect(text).toContain('Academic transcript');
    expect(text).toContain(`${HINDI_FIRST} ${HINDI_LAST}`);
    expect(text).toContain('2026-27 - Class 5');
    expect(text).toContain('Terms: Term 1, Term 2');
    for (const subject of ['English', 'Hindi', 'Mathematics', 'Science', 'Social Studies'])
      expect(text).toContain(subject);
  });

  withText(
    'renders a section in one job and serves one card per student as a ZIP, to its starter only',
    async () => {
      const start = await t.request({
        method: 'POST',
        url: `/api/v1/exams/terms/${term1}/sections/${class5A}/report-cards`,
        headers: teacher.auth,
      });
      expect(start.statusCode, start.body).toBe(202);
      const { jobId } = start.json<{ jobId: string }>();
      let view = { status: 'running', done: 0, total: 0 };
      for (let i = 0; i < 200 && view.status === 'running'; i++) {
        await new Promise((r) => setTimeout(r, 50));
        view = (await get(teacher, `report-card-jobs/${jobId}`)).json();
      }
      expect(view).toEqual({ jobId, status: 'done', done: rosterA.length, total: rosterA.length });
      const zip = await get(teacher, `report-card-jobs/${jobId}/download`);
      expect(zip.statusCode).toBe(200);
      expect(zip.headers['content-type']).toBe('application/zip');
      const files = unzipSync(new Uint8Array(zip.rawPayload));
      expect(Object.keys(files).sort()).toEqual(rosterA.map((r) => `${r.rollNo}-${r.fullName}.pdf`).sort());
      const first = files[`${rosterA[0]!.rollNo}-${rosterA[0]!.fullName}.pdf`]!;
      expect(pdfText(Buffer.from(first))).toContain(`${HINDI_FIRST} ${HINDI_LAST}`);

      // Another school's admin, or another user of the same school, cannot see the job.
      expect((await get(rsAdmin, `report-card-jobs/${jobId}`)).statusCode).toBe(404);
      expect((await get(rsAdmin, `report-card-jobs/${jobId}/download`)).statusCode).toBe(404);
      expect((await get(parent, `report-card-jobs/${jobId}/download`)).statusCode).toBe(404);
    },
  );

  it('refuses the section job to parents and to teachers outside the section', async () => {
    const url = (section: string) => `/api/v1/exams/terms/${term1}/sections/${section}/report-cards`;
    expect((await t.request({ method: 'POST', url: url(class5A), headers: parent.auth })).statusCode).toBe(
      404,
    );
    const other = gw.sections['Class 6 B']!;
    expect((await t.request({ method: 'POST', url: url(other), headers: teacher.auth })).statusCode).toBe(
      404,
    );
  });

  withText("heads the card with the school's address, contact and logo from its settings", async () => {
    const saved = await t.request({
      method: 'PATCH',
      url: '/api/v1/institution/profile',
      headers: admin.auth,
      payload: {
        addressLine1: '12 MG Road',
        city: 'Pune',
        state: 'Maharashtra',
        postalCode: '411001',
        phone: '+91 20 2612 3456',
      },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const logo = await t.request({
      method: 'PUT',
      url: '/api/v1/institution/logo',
      headers: { ...admin.auth, 'content-type': 'image/png' },
      payload: crestPng('GW', [21, 101, 192], 64),
    });
    expect(logo.statusCode, logo.body).toBe(200);
    const res = await card(admin, child, term1);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.rawPayload.includes('/Subtype /Image')).toBe(true);
    const text = pdfText(res.rawPayload);
    expect(text).toContain('12 MG Road, Pune, Maharashtra 411001');
    expect(text).toContain('Phone: +91 20 2612 3456');
  });
});
