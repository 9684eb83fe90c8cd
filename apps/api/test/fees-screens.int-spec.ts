import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StudentDirectory } from '../src/modules/students/student-directory';
import { Clock } from '../src/platform/time/clock';
import { admissionNo } from '../src/seed/school-data';
import { signIn } from './support/accounts';
import { Auth, FeeSetup, givenAccountants, givenFees } from './support/fees';
import { School, givenSchool } from './support/school';
import { TEST_DB, TestApp, bootTestApp } from './support/test-app';

/** A day inside the 2026-27 year the test schools run. */
const NOW = new Date('2026-11-20T05:00:00Z');
const PER_SECTION = 2;

/** What the staff fee screens read beyond the fees API's core: a student's optional heads. */
describe(`fee screens' reads on ${TEST_DB}`, () => {
  let t: TestApp;
  let gw: School;
  let rs: School;
  let fees: FeeSetup;
  let admin: Auth;
  let accountant: Auth;
  let parent: Auth;
  let teacher: Auth;
  let rsAccountant: Auth;
  const ids: Record<string, string> = {};
  const studentId = async (school: School, n: number) =>
    (await t.context.runAsTenant(school.institution.id, () =>
      t.app.get(StudentDirectory).studentIdByAdmissionNo(admissionNo(school.prefix, n)),
    ))!;
  const optionalHeads = (a: Auth, student: string) =>
    t.request({ url: `/api/v1/fees/students/${student}/optional-heads`, headers: a.auth });

  beforeAll(async () => {
    t = await bootTestApp();
    t.app.get(Clock).setForTests(NOW);
    gw = await givenSchool(t, await t.given.institution('greenwood'), 1, PER_SECTION);
    rs = await givenSchool(t, await t.given.institution('riverside'), 2, 2);
    const [gwAccountant, rsAcc] = await givenAccountants(t, gw, rs);
    admin = await signIn(t, gw.admin, '10.71.0.1');
    accountant = await signIn(t, gwAccountant, '10.71.0.2');
    parent = await signIn(t, gw.parent, '10.71.0.3');
    teacher = await signIn(t, gw.teacher, '10.71.0.4');
    rsAccountant = await signIn(t, rsAcc, '10.71.0.5');
    fees = await givenFees(t, gw, admin);
    for (const n of [1, 2, PER_SECTION + 1]) ids[`gw${n}`] = await studentId(gw, n);
  });

  afterAll(async () => {
    t.app.get(Clock).setForTests(null);
    await t?.close();
  });

  it("answers a student's optional heads as set, and none for a student without them", async () => {
    const set = await t.request({
      method: 'PUT',
      url: `/api/v1/fees/students/${ids.gw1}/optional-heads`,
      headers: accountant.auth,
      payload: { heads: [{ headId: fees.heads.transport, amountPerInstalment: 1_200_00 }] },
    });
    expect(set.statusCode, set.body).toBe(200);

    const res = await optionalHeads(accountant, ids.gw1!);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ academicYearId: string; heads: unknown[] }>();
    expect(body.heads).toEqual([{ headId: fees.heads.transport, amountPerInstalment: 1_200_00 }]);
    expect(body.academicYearId).toMatch(/^[0-9a-f-]{36}$/);

    const other = await optionalHeads(admin, ids.gw2!);
    expect(other.statusCode).toBe(200);
    expect(other.json<{ heads: unknown[] }>().heads).toEqual([]);
  });

  it('answers the heads as replaced, not added to, after a second save', async () => {
    const clear = await t.request({
      method: 'PUT',
      url: `/api/v1/fees/students/${ids.gw1}/optional-heads`,
      headers: admin.auth,
      payload: { heads: [] },
    });
    expect(clear.statusCode, clear.body).toBe(200);
    expect((await optionalHeads(accountant, ids.gw1!)).json<{ heads: unknown[] }>().heads).toEqual([]);
  });

  it("lets a parent read their own child's optional heads but not another family's (404)", async () => {
    expect((await optionalHeads(parent, ids.gw1!)).statusCode).toBe(200);
    expect((await optionalHeads(parent, ids[`gw${PER_SECTION + 1}`]!)).statusCode).toBe(200);
    expect((await optionalHeads(parent, ids.gw2!)).statusCode).toBe(404);
  });

  it("answers 404 to another school's accountant and 403 without fees.read", async () => {
    expect((await optionalHeads(rsAccountant, ids.gw1!)).statusCode).toBe(404);
    expect((await optionalHeads(teacher, ids.gw1!)).statusCode).toBe(403);
  });

  it('names the bad student id with a 400', async () => {
    const res = await optionalHeads(accountant, 'not-a-uuid');
    expect(res.statusCode).toBe(400);
  });
});
