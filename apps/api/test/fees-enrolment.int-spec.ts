import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeesJobsService } from '../src/modules/fees/fees-jobs.service';
import { DomainEvents } from '../src/platform/events/domain-events';
import { StudentDirectory } from '../src/modules/students/student-directory';
import { Clock } from '../src/platform/time/clock';
import { signIn } from './support/accounts';
import { Auth, FeeSetup, TERMS, givenFees } from './support/fees';
import { School, givenSchool } from './support/school';
import { TEST_DB, TestApp, bootTestApp, takeSqlGuardViolations } from './support/test-app';

type Dues = { outstanding: number; invoices: { label: string; dueDate: string }[] };

describe(`fee structures applied at enrolment on ${TEST_DB}`, () => {
  let t: TestApp;
  let gw: School;
  let rs: School;
  let admin: Auth;
  let rsAdmin: Auth;
  let fees: FeeSetup;
  const yearTotal = () => fees.termTotals.reduce((a, b) => a + b, 0);
  const raw = (sql: string, params: unknown[] = []) =>
    t.db.acrossTenants('test reads raw rows', () => t.dataSource.query(sql, params)) as Promise<
      Record<string, unknown>[]
    >;
  const invoiceCount = async (studentId: string) =>
    Number(
      (
        await raw('SELECT COUNT(*) AS n FROM fee_invoices WHERE tenant_id = ? AND student_id = ?', [
          gw.institution.id,
          studentId,
        ])
      )[0]!.n,
    );
  const dues = async (studentId: string) => {
    const res = await t.request({ url: `/api/v1/fees/students/${studentId}/dues`, headers: admin.auth });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Dues>();
  };
  const createStudent = async (no: string, sectionId: string | undefined, a: Auth = admin) => {
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/students',
      headers: a.auth,
      payload: {
        admissionNo: no,
        firstName: 'New',
        lastName: `Pupil ${no}`,
        dateOfBirth: '2015-03-04',
        gender: 'female',
        admissionDate: '2026-07-01',
        ...(sectionId ? { sectionId, rollNo: 40 } : {}),
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string }>().id;
  };
  const moveTo = async (studentId: string, sectionId: string) => {
    const res = await t.request({
      method: 'PATCH',
      url: `/api/v1/students/${studentId}`,
      headers: admin.auth,
      payload: { sectionId },
    });
    expect(res.statusCode, res.body).toBe(200);
  };
  const importCsv = async (rows: string[]) => {
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/students/import?dryRun=false',
      headers: { ...admin.auth, 'content-type': 'text/csv' },
      payload: [
        'admission_no,first_name,last_name,date_of_birth,gender,admission_date,class,section,roll_no,guardian_name,guardian_relationship,guardian_phone',
        ...rows,
      ].join('\n'),
    });
    expect(res.statusCode, res.body).toBe(200);
  };
  const csvRow = (no: string, cls: string, section: string) =>
    `${no},Imported,Pupil,2014-05-06,F,2026-07-02,${cls},${section},41,Guardian ${no},mother,+9177${no.replace(/\D/g, '').padStart(8, '0')}`;
  const idOf = async (no: string) =>
    (await t.context.runAsTenant(gw.institution.id, () =>
      t.app.get(StudentDirectory).studentIdByAdmissionNo(no),
    ))!;

  beforeAll(async () => {
    t = await bootTestApp();
    t.app.get(Clock).setForTests(new Date('2026-07-01T05:00:00Z'));
    gw = await givenSchool(t, await t.given.institution('greenwood'), 1, 2);
    rs = await givenSchool(t, await t.given.institution('riverside'), 2, 2);
    admin = await signIn(t, gw.admin, '10.81.0.1');
    rsAdmin = await signIn(t, rs.admin, '10.81.0.2');
    fees = await givenFees(t, gw, admin);
  });

  afterAll(async () => {
    t.app.get(Clock).setForTests(null);
    await t?.close();
  });

  it("invoices a student created into a class at once, with the class's structure for the year", async () => {
    const id = await createStudent('GW-E-001', gw.sections['Class 5 A']);
    const d = await dues(id);
    expect(d.invoices.map((i) => i.dueDate)).toEqual(TERMS.map((term) => term.dueDate));
    expect(d.invoices[0]!.label).toBe('Class 5 fees - Term 1');
    expect(d.outstanding).toBe(yearTotal());
    // Nothing is left for the daily job to do for this student.
    const run = await t.context.runAsTenant(gw.institution.id, () =>
      t.app.get(FeesJobsService).runDaily('2026-07-01'),
    );
    expect(await invoiceCount(id)).toBe(3);
    expect(run.invoices).toBe(2 * 2 * 2 * 3); // only the imported students, invoiced by the safety net
  });

  it('never invoices twice for the same class and year: re-enrolled, moved within the class, re-imported, re-run', async () => {
    const id = await createStudent('GW-E-002', gw.sections['Class 5 A']);
    expect(await invoiceCount(id)).toBe(3);
    await moveTo(id, gw.sections['Class 5 B']!);
    await moveTo(id, gw.sections['Class 5 A']!);
    expect(await invoiceCount(id)).toBe(3);
    await importCsv([csvRow('GW-E-002', 'Class 5', 'B')]);
    await importCsv([csvRow('GW-E-002', 'Class 5', 'B')]);
    expect(await invoiceCount(id)).toBe(3);
    await t.context.runAsTenant(gw.institution.id, () => t.app.get(FeesJobsService).runDaily('2026-07-02'));
    expect(await invoiceCount(id)).toBe(3);
    expect((await dues(id)).outstanding).toBe(yearTotal());
  });

  it("applies the new class's structure when a student moves to another class, and on import", async () => {
    const id = await createStudent('GW-E-003', gw.sections['Class 5 A']);
    await moveTo(id, gw.sections['Class 6 A']!);
    const labels = (await dues(id)).invoices.map((i) => i.label);
    expect(labels.filter((l) => l.startsWith('Class 6 fees'))).toHaveLength(3);
    expect(labels.filter((l) => l.startsWith('Class 5 fees'))).toHaveLength(3);

    await importCsv([csvRow('GW-E-004', 'Class 6', 'B')]);
    const imported = await idOf('GW-E-004');
    expect((await dues(imported)).invoices.map((i) => i.label)).toEqual(
      TERMS.map((term) => `Class 6 fees - ${term.label}`),
    );
  });

  it('[APP-06] concurrent moves into a class and the daily job invoice the student once', async () => {
    const id = await createStudent('GW-E-006', gw.sections['Class 5 B']);
    const [first, second] = await Promise.all([
      t.request({
        method: 'PATCH',
        url: `/api/v1/students/${id}`,
        headers: admin.auth,
        payload: { sectionId: gw.sections['Class 6 A'] },
      }),
      t.request({
        method: 'PATCH',
        url: `/api/v1/students/${id}`,
        headers: admin.auth,
        payload: { sectionId: gw.sections['Class 6 B'] },
      }),
      t.context.runAsTenant(gw.institution.id, () => t.app.get(FeesJobsService).runDaily('2026-07-03')),
    ]);
    expect([first.statusCode, second.statusCode]).toEqual([200, 200]);
    const labels = (await dues(id)).invoices.map((i) => i.label);
    expect(labels.filter((l) => l.startsWith('Class 6 fees'))).toHaveLength(3);
    expect(labels.filter((l) => l.startsWith('Class 5 fees'))).toHaveLength(3);
  });

  it('a student enrolled without a section, or into a class with no structure, is not invoiced', async () => {
    const id = await createStudent('GW-E-005', undefined);
    expect(await invoiceCount(id)).toBe(0);
    const rsId = await createStudent('RS-E-001', rs.sections['Class 5 A'], rsAdmin);
    const rsInvoices = await raw('SELECT COUNT(*) AS n FROM fee_invoices WHERE tenant_id = ?', [
      rs.institution.id,
    ]);
    expect(Number(rsInvoices[0]!.n)).toBe(0);
    expect(rsId).toBeTruthy();
  });

  it("applies next year's structure when a class is promoted into that year, once", async () => {
    const year = await t.request({
      method: 'POST',
      url: '/api/v1/academics/years',
      headers: admin.auth,
      payload: { name: '2027-28', startsOn: '2027-04-01', endsOn: '2028-03-31' },
    });
    expect(year.statusCode, year.body).toBe(201);
    const nextYearId = year.json<{ id: string }>().id;
    const classes = (await t.request({ url: '/api/v1/academics/classes', headers: admin.auth })).json<{
      items: { id: string; name: string }[];
    }>().items;
    const [c5, c6] = ['Class 5', 'Class 6'].map((n) => classes.find((c) => c.name === n)!);
    const structure = await t.request({
      method: 'POST',
      url: '/api/v1/fees/structures',
      headers: admin.auth,
      payload: {
        classId: c6!.id,
        academicYearId: nextYearId,
        name: 'Class 6 fees 2027-28',
        instalments: [
          {
            label: 'Annual',
            dueDate: '2027-06-10',
            lines: [{ headId: fees.heads.tuition, amount: 30_000_00 }],
          },
        ],
      },
    });
    expect(structure.statusCode, structure.body).toBe(201);
    const promote = () =>
      t.request({
        method: 'POST',
        url: '/api/v1/students/promotions',
        headers: admin.auth,
        payload: { fromClassId: c5!.id, toClassId: c6!.id, toYearId: nextYearId },
      });
    const first = await promote();
    expect(first.statusCode, first.body).toBe(200);
    const promoted = first.json<{ promoted: number }>().promoted;
    expect(promoted).toBeGreaterThan(0);
    const nextYearInvoices = async () =>
      Number(
        (
          await raw('SELECT COUNT(*) AS n FROM fee_invoices WHERE tenant_id = ? AND academic_year_id = ?', [
            gw.institution.id,
            nextYearId,
          ])
        )[0]!.n,
      );
    expect(await nextYearInvoices()).toBe(promoted);
    expect((await promote()).json()).toMatchObject({ promoted: 0 });
    expect(await nextYearInvoices()).toBe(promoted);
  });

  it('runs enrolment listeners inside the enrolling transaction: a failing one undoes the enrolment', async () => {
    // A later listener fails after fees has invoiced: the student, enrolment and invoices are all undone
    // (fee_invoices references students, so no invoice can outlive the rolled-back student).
    t.app.get(DomainEvents).on('students.enrolled', () => Promise.reject(new Error('a later step failed')));
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/students',
      headers: admin.auth,
      payload: {
        admissionNo: 'GW-E-099',
        firstName: 'Rolled',
        lastName: 'Back',
        dateOfBirth: '2015-03-04',
        gender: 'male',
        admissionDate: '2026-07-01',
        sectionId: gw.sections['Class 5 A'],
      },
    });
    expect(res.statusCode).toBe(500);
    const rows = await raw(
      "SELECT COUNT(*) AS n FROM students WHERE tenant_id = ? AND admission_no = 'GW-E-099'",
      [gw.institution.id],
    );
    expect(Number(rows[0]!.n)).toBe(0);
  });

  it('left no tenant-less SQL behind', () => {
    expect(takeSqlGuardViolations()).toEqual([]);
  });
});
