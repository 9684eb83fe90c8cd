import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AcademicsService } from '../src/modules/academics/academics.service';
import { Exams1765000000000 } from '../src/platform/database/migrations/1765000000000-Exams';
import { signIn } from './support/accounts';
import { CBSE_BANDS } from './support/exams';
import { School, givenSchool } from './support/school';
import { TEST_DB, TestApp, bootTestApp, takeSqlGuardViolations } from './support/test-app';

type Auth = { auth: Record<string, string> };
type Detail = { field: string; message: string };
type Structure = {
  academicYearId: string;
  scales: { id: string; kind: string; bands: { grade: string; minPercent: number; maxPercent: number }[] }[];
  terms: {
    id: string;
    name: string;
    yearWeightage: number;
    assessments: {
      id: string;
      code: string;
      termWeightage: number;
      papers: {
        id: string;
        maxMarks: number;
        passMarks: number;
        components: { code: string; maxMarks: number }[];
      }[];
    }[];
  }[];
  coScholasticAreas: { id: string; name: string }[];
};

describe(`exam structure on ${TEST_DB}`, () => {
  let t: TestApp;
  let gw: School;
  let rs: School;
  let admin: Auth;
  let teacher: Auth;
  let rsAdmin: Auth;
  let yearId: string;
  let rsYearId: string;
  let class5: string;
  let subjects: Record<string, string>;
  let scaleId: string;
  let termIds: string[];
  let assessmentIds: string[];

  const req = (a: Auth, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    t.request({ method, url: `/api/v1/exams/${url}`, headers: a.auth, ...(payload ? { payload } : {}) });
  const details = (res: { json: <T>() => T }) => res.json<{ error: { details: Detail[] } }>().error.details;
  const terms = (w1: number, w2: number) => ({
    terms: [
      { name: 'Term 1', startsOn: '2026-04-01', endsOn: '2026-09-30', yearWeightage: w1 },
      { name: 'Term 2', startsOn: '2026-10-01', endsOn: '2027-03-31', yearWeightage: w2 },
    ],
  });

  beforeAll(async () => {
    t = await bootTestApp();
    gw = await givenSchool(t, await t.given.institution('greenwood'), 1, 2);
    rs = await givenSchool(t, await t.given.institution('riverside'), 2, 2);
    admin = await signIn(t, gw.admin, '10.71.0.1', -1);
    rsAdmin = await signIn(t, rs.admin, '10.71.0.2', -1);
    teacher = await signIn(t, gw.teacher, '10.71.0.3');
    const academics = t.app.get(AcademicsService);
    yearId = (await t.context.runAsTenant(gw.institution.id, () => academics.currentYear())).id;
    rsYearId = (await t.context.runAsTenant(rs.institution.id, () => academics.currentYear())).id;
    class5 = (await t.context.runAsTenant(gw.institution.id, () => academics.findClassByName('Class 5')))!.id;
    subjects = Object.fromEntries(
      (await t.context.runAsTenant(gw.institution.id, () => academics.listSubjects())).map((s) => [
        s.code,
        s.id,
      ]),
    );
  });
  afterAll(async () => {
    expect(takeSqlGuardViolations()).toEqual([]);
    await t.close();
  });

  it('creates the CBSE scale and refuses bands with an overlap or a gap, naming the bands', async () => {
    const overlap = CBSE_BANDS.map((b) => (b.grade === 'A2' ? { ...b, maxPercent: 91 } : b));
    const res1 = await req(admin, 'POST', 'grading-scales', {
      name: 'Bad',
      kind: 'scholastic',
      bands: overlap,
    });
    expect(res1.statusCode).toBe(422);
    expect(
      details(res1)
        .map((d) => d.message)
        .join(),
    ).toMatch(/A2 and A1 overlap/);

    const gap = CBSE_BANDS.map((b) => (b.grade === 'C1' ? { ...b, minPercent: 52 } : b));
    const res2 = await req(admin, 'POST', 'grading-scales', { name: 'Bad', kind: 'scholastic', bands: gap });
    expect(res2.statusCode).toBe(422);
    expect(
      details(res2)
        .map((d) => d.message)
        .join(),
    ).toMatch(/gap between bands C2 and C1/);

    const short = CBSE_BANDS.filter((b) => b.grade !== 'E');
    const res3 = await req(admin, 'POST', 'grading-scales', {
      name: 'Bad',
      kind: 'scholastic',
      bands: short,
    });
    expect(res3.statusCode).toBe(422);
    expect(
      details(res3)
        .map((d) => d.message)
        .join(),
    ).toMatch(/band D: the lowest band must start at 0/);

    const ok = await req(admin, 'POST', 'grading-scales', {
      name: 'CBSE',
      kind: 'scholastic',
      bands: CBSE_BANDS,
    });
    expect(ok.statusCode).toBe(201);
    const scale = ok.json<Structure['scales'][number]>();
    scaleId = scale.id;
    expect(scale.bands.map((b) => b.grade)).toEqual(['A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'D', 'E']);
    expect(scale.bands[1]).toMatchObject({ minPercent: 81, maxPercent: 90.99 });
  });

  it('refuses a band bound with three decimals before any rule runs', async () => {
    const bands = CBSE_BANDS.map((b) => (b.grade === 'E' ? { ...b, maxPercent: 32.999 } : b));
    const res = await req(admin, 'POST', 'grading-scales', { name: 'Fine', kind: 'scholastic', bands });
    expect(res.statusCode).toBe(400);
    expect(details(res).map((d) => d.field)).toContain('bands.7.maxPercent');
  });

  it('refuses terms whose year weightages do not add up to 100 %, naming the field', async () => {
    const res = await req(admin, 'PUT', `years/${yearId}/terms`, terms(50, 40));
    expect(res.statusCode).toBe(422);
    expect(details(res)).toEqual([
      expect.objectContaining({ field: 'terms.yearWeightage', message: expect.stringMatching(/90 %/) }),
    ]);
    const ok = await req(admin, 'PUT', `years/${yearId}/terms`, terms(50, 50));
    expect(ok.statusCode).toBe(200);
    termIds = ok.json<Structure>().terms.map((x) => x.id);
    expect(ok.json<Structure>().terms.map((x) => [x.name, x.yearWeightage])).toEqual([
      ['Term 1', 50],
      ['Term 2', 50],
    ]);
  });

  it('refuses assessments whose term weightages do not add up to 100 %, naming the field', async () => {
    const bad = await req(admin, 'PUT', `terms/${termIds[0]}/assessments`, {
      assessments: [
        { name: 'Periodic Test 1', code: 'PT1', termWeightage: 20 },
        { name: 'Half-Yearly', code: 'HY', termWeightage: 70.5 },
      ],
    });
    expect(bad.statusCode).toBe(422);
    expect(details(bad)[0]).toMatchObject({ field: 'assessments.termWeightage' });
    const ok = await req(admin, 'PUT', `terms/${termIds[0]}/assessments`, {
      assessments: [
        { name: 'Periodic Test 1', code: 'PT1', termWeightage: 20 },
        { name: 'Half-Yearly', code: 'HY', termWeightage: 80 },
      ],
    });
    expect(ok.statusCode).toBe(200);
    assessmentIds = ok.json<Structure>().terms[0]!.assessments.map((a) => a.id);
    expect(assessmentIds).toHaveLength(2);
  });

  it('refuses pass marks above the maximum and components that do not add up, naming the field', async () => {
    const pass = await req(admin, 'PUT', `assessments/${assessmentIds[0]}/papers`, {
      papers: [{ classId: class5, subjectId: subjects.MATH, maxMarks: 20, passMarks: 21 }],
    });
    expect(pass.statusCode).toBe(422);
    expect(details(pass)).toEqual([expect.objectContaining({ field: 'papers.0.passMarks' })]);
    const parts = await req(admin, 'PUT', `assessments/${assessmentIds[1]}/papers`, {
      papers: [
        {
          classId: class5,
          subjectId: subjects.SCI,
          maxMarks: 80,
          passMarks: 26,
          components: [
            { code: 'theory', maxMarks: 60 },
            { code: 'practical', maxMarks: 10 },
          ],
        },
      ],
    });
    expect(parts.statusCode).toBe(422);
    expect(details(parts)).toEqual([
      expect.objectContaining({
        field: 'papers.0.components',
        message: expect.stringMatching(/70, not .* 80/),
      }),
    ]);
    const ok = await req(admin, 'PUT', `assessments/${assessmentIds[1]}/papers`, {
      papers: [
        { classId: class5, subjectId: subjects.MATH, maxMarks: 80, passMarks: 26 },
        {
          classId: class5,
          subjectId: subjects.SCI,
          maxMarks: 80,
          passMarks: 26.5,
          components: [
            { code: 'theory', maxMarks: 60 },
            { code: 'practical', maxMarks: 20 },
          ],
        },
      ],
    });
    expect(ok.statusCode).toBe(200);
    expect(
      ok
        .json<{ passMarks: number; components: unknown[] }[]>()
        .map((p) => [p.passMarks, p.components.length]),
    ).toEqual([
      [26, 0],
      [26.5, 2],
    ]);
  });

  it('answers the whole structure of the year in one call', async () => {
    const scaleCo = await req(admin, 'POST', 'grading-scales', {
      name: 'Co-scholastic',
      kind: 'co_scholastic',
      bands: [
        { grade: 'A', minPercent: 81, maxPercent: 100 },
        { grade: 'B', minPercent: 0, maxPercent: 80.99 },
      ],
    });
    expect(scaleCo.statusCode).toBe(201);
    const wrong = await req(admin, 'POST', 'co-scholastic-areas', { name: 'Art Education', scaleId });
    expect(wrong.statusCode).toBe(422);
    expect(details(wrong)[0]).toMatchObject({ field: 'scaleId' });
    const area = await req(admin, 'POST', 'co-scholastic-areas', {
      name: 'Art Education',
      scaleId: scaleCo.json<{ id: string }>().id,
    });
    expect(area.statusCode).toBe(201);

    const res = await req(admin, 'GET', `structure?academicYearId=${yearId}`);
    expect(res.statusCode).toBe(200);
    const s = res.json<Structure>();
    expect(s.academicYearId).toBe(yearId);
    expect(s.scales.map((x) => x.kind).sort()).toEqual(['co_scholastic', 'scholastic']);
    expect(s.terms[0]!.assessments.map((a) => [a.code, a.termWeightage])).toEqual([
      ['PT1', 20],
      ['HY', 80],
    ]);
    expect(s.terms[0]!.assessments[1]!.papers).toHaveLength(2);
    expect(s.coScholasticAreas.map((a) => a.name)).toEqual(['Art Education']);
    // The current year is the default.
    expect((await req(teacher, 'GET', 'structure')).json<Structure>().academicYearId).toBe(yearId);
  });

  it('keeps a term with assessments when a save leaves it out, and audits structure changes', async () => {
    const res = await req(admin, 'PUT', `years/${yearId}/terms`, {
      terms: [{ name: 'Whole year', startsOn: '2026-04-01', endsOn: '2027-03-31', yearWeightage: 100 }],
    });
    expect(res.statusCode).toBe(409);
    const events = (
      await t.request({ url: '/api/v1/audit/events?action=exams.terms.save', headers: admin.auth })
    ).json<{ items: unknown[] }>().items;
    expect(events).toHaveLength(1);
  });

  it('lets teachers read the structure but not change it', async () => {
    expect((await req(teacher, 'PUT', `years/${yearId}/terms`, terms(50, 50))).statusCode).toBe(403);
    expect(
      (await req(teacher, 'POST', 'grading-scales', { name: 'Mine', kind: 'scholastic', bands: CBSE_BANDS }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await req(teacher, 'PUT', `assessments/${assessmentIds[0]}/papers`, {
          papers: [{ classId: class5, subjectId: subjects.MATH, maxMarks: 20, passMarks: 7 }],
        })
      ).statusCode,
    ).toBe(403);
  });

  it("[TEN-04] answers another school's year, scale, term and assessment with 404", async () => {
    expect((await req(rsAdmin, 'GET', `structure?academicYearId=${yearId}`)).statusCode).toBe(404);
    expect((await req(rsAdmin, 'PUT', `years/${yearId}/terms`, terms(50, 50))).statusCode).toBe(404);
    expect(
      (
        await req(rsAdmin, 'PUT', `grading-scales/${scaleId}`, {
          name: 'X',
          kind: 'scholastic',
          bands: CBSE_BANDS,
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await req(rsAdmin, 'PUT', `terms/${termIds[0]}/assessments`, {
          assessments: [{ name: 'All', code: 'ALL', termWeightage: 100 }],
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await req(rsAdmin, 'PUT', `assessments/${assessmentIds[0]}/papers`, {
          papers: [{ classId: class5, subjectId: subjects.MATH, maxMarks: 20, passMarks: 7 }],
        })
      ).statusCode,
    ).toBe(404);
    expect((await req(rsAdmin, 'POST', 'co-scholastic-areas', { name: 'Art', scaleId })).statusCode).toBe(
      404,
    );
    // Riverside's own structure is empty.
    const own = (await req(rsAdmin, 'GET', `structure?academicYearId=${rsYearId}`)).json<Structure>();
    expect(own).toMatchObject({ scales: [], terms: [], coScholasticAreas: [] });
  });

  it('grants exams.moderate to the school admin role of institutions that existed before it, once', async () => {
    const q = (sql: string, params: unknown[] = []) =>
      t.db.acrossTenants('test checks a migration step', () => t.dataSource.query(sql, params));
    const holders = async () =>
      (
        (await q(
          "SELECT r.role_key FROM role_permissions p JOIN roles r ON r.tenant_id = p.tenant_id AND r.id = p.role_id WHERE p.tenant_id = ? AND p.permission = 'exams.moderate'",
          [gw.institution.id],
        )) as { role_key: string }[]
      ).map((r) => r.role_key);
    expect(await holders()).toEqual(['school_admin']);
    await q("DELETE FROM role_permissions WHERE tenant_id = ? AND permission = 'exams.moderate'", [
      gw.institution.id,
    ]);
    expect(await holders()).toEqual([]);
    const runner = t.dataSource.createQueryRunner();
    try {
      await t.db.acrossTenants('test runs a migration step', async () => {
        await new Exams1765000000000().grantModerate(runner);
        await new Exams1765000000000().grantModerate(runner);
      });
    } finally {
      await runner.release();
    }
    expect(await holders()).toEqual(['school_admin']);
  });
});
