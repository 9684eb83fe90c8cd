import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StudentDirectory } from '../src/modules/students/student-directory';
import { Clock } from '../src/platform/time/clock';
import { admissionNo } from '../src/seed/school-data';
import { signIn } from './support/accounts';
import { Auth, generate, givenAccountants, givenFees } from './support/fees';
import { School, givenSchool } from './support/school';
import { TEST_DB, TestApp, bootTestApp } from './support/test-app';
import { StatementCounter } from './support/statements';

/** Friday 2026-11-20, 10:30 in Kolkata. */
const NOW = new Date('2026-11-20T05:00:00Z');

/**
 * Counts the statements a counter payment sends to the driver, by wrapping the query runner's `query`
 * (every statement, transaction control included, passes through it on SQLite and MariaDB).
 */
describe(`statements per fee payment on ${TEST_DB}`, () => {
  let t: TestApp;
  let gw: School;
  let accountant: Auth;
  let student: string;
  const statements = new StatementCounter();

  beforeAll(async () => {
    t = await bootTestApp();
    t.app.get(Clock).setForTests(NOW);
    gw = await givenSchool(t, await t.given.institution('greenwood'), 1, 2);
    const rs = await givenSchool(t, await t.given.institution('riverside'), 2, 2);
    const [gwAccountant] = await givenAccountants(t, gw, rs);
    const admin = await signIn(t, gw.admin, '10.72.0.1');
    accountant = await signIn(t, gwAccountant, '10.72.0.2');
    const fees = await givenFees(t, gw, admin);
    await generate(t, admin, fees.structures['Class 5']!);
    student = (await t.context.runAsTenant(gw.institution.id, () =>
      t.app.get(StudentDirectory).studentIdByAdmissionNo(admissionNo(gw.prefix, 1)),
    ))!;
    statements.install(t.dataSource);
  });

  afterAll(async () => {
    t.app.get(Clock).setForTests(null);
    await t?.close();
  });

  const post = (amount: number, key?: string) =>
    t.request({
      method: 'POST',
      url: `/api/v1/fees/students/${student}/payments`,
      headers: { ...accountant.auth, ...(key ? { 'idempotency-key': key } : {}) },
      payload: { amount, method: 'cash' },
    });
  const pay = async (amount: number, key?: string) => {
    const [res, sent] = await statements.count(() => post(amount, key));
    expect(res.statusCode, res.body).toBe(201);
    return sent;
  };

  it('reads the institution row at most once per counter payment', async () => {
    const cold = await pay(100_00); // the first one fills the per-process caches (session, grants, year)
    const statements = await pay(100_00);
    const institutionReads = statements.filter((s) => /\binstitutions\b/i.test(s));
    console.info(
      `[statements] counter payment on ${TEST_DB}: ${cold.length} statements cold, ` +
        `${statements.length} warm, ${institutionReads.length} institution reads`,
    );
    if (process.env.SHOW_STATEMENTS) console.info(statements.join('\n'));
    expect(institutionReads.length).toBeLessThanOrEqual(1);
  });

  it('records a counter payment in at most nine statements on SQLite and ten on MySQL, warm, with and without an Idempotency-Key', async () => {
    await pay(100_00, 'warm-up');
    const keyed = await pay(100_00, 'statements-keyed');
    const plain = await pay(100_00);
    console.info(
      `[statements] counter payment on ${TEST_DB}: ${keyed.length} with an Idempotency-Key, ${plain.length} without`,
    );
    if (process.env.SHOW_STATEMENTS) console.info(keyed.join('\n'));
    // MySQL takes the account row lock with its own statement before the dues read (a locking read joined
    // to the ledger would lock the ledger index's gaps and stall other students' payments): one more.
    const limit = TEST_DB === 'mysql' ? 10 : 9;
    expect(keyed.length).toBeLessThanOrEqual(limit);
    expect(plain.length).toBeLessThanOrEqual(limit);
  });

  it('answers the same payment to concurrent requests with one Idempotency-Key, and records it once', async () => {
    const results = await Promise.all([1, 2, 3].map(() => post(123_00, 'same-key-at-once')));
    for (const r of results) expect(r.statusCode, r.body).toBe(201);
    const ids = results.map((r) => r.json<{ id: string; receiptNo: string }>());
    expect(new Set(ids.map((p) => p.id)).size).toBe(1);
    expect(results.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(2);
    const other = await post(124_00, 'same-key-at-once');
    expect(other.statusCode).toBe(409);
  });
});
