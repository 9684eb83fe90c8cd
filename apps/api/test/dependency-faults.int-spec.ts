import Database from 'better-sqlite3';
import type { LightMyRequestResponse } from 'fastify';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StudentDirectory } from '../src/modules/students/student-directory';
import { StudentConsentsDemo } from '../src/modules/students/student-consents-demo';
import { Clock } from '../src/platform/time/clock';
import { demoParentPhone } from '../src/seed/school-data';
import { signIn } from './support/accounts';
import { FaultServer, bootTestAppOn, startMariaDb, startRedis } from './support/fault-servers';
import { Auth, generate, givenFees } from './support/fees';
import { School, givenSchool } from './support/school';
import { TEST_DB, TestApp, bootTestApp } from './support/test-app';

/** Friday 2026-11-20, 10:30 in Kolkata: a school day before the attendance cut-off, fees due. */
const NOW = new Date('2026-11-20T05:00:00Z');
const TODAY = '2026-11-20';

/** Small timeouts so the file stays fast; production defaults are 5000 / 3000 / 2000 / 3000 ms. */
const QUERY_TIMEOUT_MS = 1500;
const ACQUIRE_TIMEOUT_MS = 1000;
const REDIS_COMMAND_TIMEOUT_MS = 300;
const REDIS_CONNECT_TIMEOUT_MS = 500;
/** Scheduling slack on a busy 2-core machine. */
const MARGIN_MS = 1500;
const WORKERS = 10;

type Op = 'read' | 'pay' | 'register';

interface Outcome {
  op: Op;
  status: number;
  code?: string;
  retryAfter?: string;
  startedAt: number;
  ms: number;
}

/** What happened to the requests of a load run, against a timeline of fault events. */
class Timeline {
  readonly outcomes: Outcome[] = [];
  readonly marks: Record<string, number> = {};

  mark(name: string): void {
    this.marks[name] = Date.now();
  }

  /** Requests that started after `from` (+ grace) and ended before `to`. */
  between(from: string, to?: string, graceMs = 0): Outcome[] {
    const start = this.marks[from]! + graceMs;
    const end = to ? this.marks[to]! : Infinity;
    return this.outcomes.filter((o) => o.startedAt >= start && o.startedAt + o.ms <= end);
  }

  /** Milliseconds from `after` until a request started then first succeeded. */
  recoveryMs(after: string): number {
    const since = this.marks[after]!;
    const first = this.outcomes
      .filter((o) => o.startedAt >= since && o.status < 300)
      .sort((a, b) => a.startedAt + a.ms - (b.startedAt + b.ms))[0];
    return first ? first.startedAt + first.ms - since : Infinity;
  }
}

const ok = (o: Outcome) => o.status === 200 || o.status === 201;
const unavailable = (o: Outcome) =>
  o.status === 503 && o.code === 'DEPENDENCY_UNAVAILABLE' && Number(o.retryAfter) > 0;
const describeOutcomes = (list: Outcome[]) =>
  JSON.stringify(list.slice(0, 5).map(({ op, status, code, ms }) => ({ op, status, code, ms })));

describe(`dependency faults on ${TEST_DB}`, () => {
  let redis: FaultServer;
  let mariadb: FaultServer | null = null;
  let t: TestApp;
  let gw: School;
  let rs: School;
  let admin: Auth;
  let class5: string[];
  let sections: string[];
  /** Each section's students, read once while the database is up. */
  const rosters = new Map<string, string[]>();
  /** Payments the API confirmed with 201: each must exist, whole, afterwards. */
  const confirmedPayments: string[] = [];
  const measured: Record<string, number> = {};
  const raw = (sql: string, params: unknown[] = []) =>
    t.db.acrossTenants('test reads raw rows', () => t.dataSource.query(sql, params)) as Promise<
      Record<string, unknown>[]
    >;
  const roster = (section: string) =>
    t.context.runAsTenant(gw.institution.id, () => t.app.get(StudentDirectory).roster(section));

  beforeAll(async () => {
    redis = await startRedis();
    const env = {
      REDIS_URL: redis.url,
      DB_QUERY_TIMEOUT_MS: String(QUERY_TIMEOUT_MS),
      DB_ACQUIRE_TIMEOUT_MS: String(ACQUIRE_TIMEOUT_MS),
      REDIS_COMMAND_TIMEOUT_MS: String(REDIS_COMMAND_TIMEOUT_MS),
      REDIS_CONNECT_TIMEOUT_MS: String(REDIS_CONNECT_TIMEOUT_MS),
      DB_POOL_SIZE: '5',
      // The load runs as one user per role, as fast as the API answers; a 503 at once is quick enough to
      // spend the per-user limit (600 a minute) within seconds, and then the load meets 429s instead of the
      // faults under test. The rate limit has its own tests.
      API_RATE_LIMIT_PER_MINUTE: '100000',
    };
    if (TEST_DB === 'mysql') {
      mariadb = await startMariaDb();
      t = await bootTestAppOn(mariadb.url, env);
    } else {
      t = await bootTestApp(env);
    }
    t.app.get(Clock).setForTests(NOW);
    gw = await givenSchool(t, await t.given.institution('greenwood'), 1, 4);
    rs = await givenSchool(t, await t.given.institution('riverside'), 2, 2);
    admin = await signIn(t, gw.admin, '10.80.0.1');
    const fees = await givenFees(t, gw, admin);
    await generate(t, admin, fees.structures['Class 5']!);
    sections = ['Class 5 A', 'Class 5 B', 'Class 6 A', 'Class 6 B'].map((name) => gw.sections[name]!);
    for (const section of sections)
      rosters.set(
        section,
        (await roster(section)).map((r) => r.studentId),
      );
    class5 = [...rosters.get(sections[0]!)!, ...rosters.get(sections[1]!)!];
  });

  afterAll(async () => {
    await t?.close().catch(() => undefined);
    await mariadb?.dispose();
    await redis?.dispose();
    // The numbers the report quotes: how long until 503, and until the app answers again.
    if (Object.keys(measured).length > 0) console.info(`[dependency-faults] ${JSON.stringify(measured)}`);
  });

  let turn = 0;
  /** One request of the mix: a list read, a one-rupee fee payment, or a whole-section register save. */
  async function one(op: Op): Promise<Outcome> {
    const n = turn++;
    const startedAt = Date.now();
    let res: LightMyRequestResponse;
    if (op === 'read') {
      res = await t.request({ url: '/api/v1/students?limit=20', headers: admin.auth });
    } else if (op === 'pay') {
      res = await t.request({
        method: 'POST',
        url: `/api/v1/fees/students/${class5[n % class5.length]}/payments`,
        headers: { ...admin.auth, 'idempotency-key': randomUUID() },
        payload: { amount: 100, method: 'cash' },
      });
    } else {
      const section = sections[n % sections.length]!;
      const status = Math.floor(n / sections.length) % 2 === 0 ? 'present' : 'absent';
      const students = rosters.get(section)!;
      res = await t.request({
        method: 'PUT',
        url: `/api/v1/attendance/sections/${section}/days/${TODAY}`,
        headers: admin.auth,
        payload: { marks: students.map((studentId) => ({ studentId, status })) },
      });
    }
    const body = res.json<{ error?: { code: string }; id?: string }>();
    if (op === 'pay' && res.statusCode === 201) confirmedPayments.push(body.id!);
    return {
      op,
      status: res.statusCode,
      code: body.error?.code,
      retryAfter: res.headers['retry-after'] as string | undefined,
      startedAt,
      ms: Date.now() - startedAt,
    };
  }

  /** WORKERS concurrent request loops for `ms`, while `script` injects faults; returns every outcome. */
  async function underLoad(ms: number, script: (timeline: Timeline) => Promise<void>): Promise<Timeline> {
    const timeline = new Timeline();
    timeline.mark('start');
    const end = Date.now() + ms;
    const ops: Op[] = ['read', 'pay', 'register'];
    const worker = async (w: number) => {
      for (let i = w; Date.now() < end; i++) timeline.outcomes.push(await one(ops[i % ops.length]!));
    };
    await Promise.all([...Array.from({ length: WORKERS }, (_, w) => worker(w)), script(timeline)]);
    return timeline;
  }

  const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

  async function flushRedis(): Promise<void> {
    const client = new Redis(redis.url);
    try {
      await client.flushall();
    } finally {
      client.disconnect();
    }
  }

  /** Fails on any answer that is neither a success nor a 503 DEPENDENCY_UNAVAILABLE with Retry-After. */
  function expectOnlySuccessOr503(timeline: Timeline): void {
    const wrong = timeline.outcomes.filter((o) => !ok(o) && !unavailable(o));
    expect(wrong, describeOutcomes(wrong)).toEqual([]);
  }

  describe('item 7: linking an account to a user that is not in the school', () => {
    it('answers 422 naming userId for an unknown or another school’s user, on both account routes', async () => {
      const student = rosters.get(sections[0]!)![1]!;
      const guardian = (await t.context.runAsTenant(gw.institution.id, () =>
        t.app.get(StudentDirectory).guardianIdByPhone(demoParentPhone(1)),
      ))!;
      for (const url of [
        `/api/v1/students/${student}/account`,
        `/api/v1/students/guardians/${guardian}/account`,
      ]) {
        for (const userId of [randomUUID(), rs.teacher.id]) {
          const res = await t.request({ method: 'PUT', url, headers: admin.auth, payload: { userId } });
          expect(res.statusCode, res.body).toBe(422);
          expect(res.json()).toMatchObject({
            error: { code: 'RULE_VIOLATION', details: [{ field: 'userId' }] },
          });
        }
      }
      // Nothing changed, and an own-school user still links (with the guardian's consent, issue 13 item 7).
      await t.context.runAsTenant(gw.institution.id, () =>
        t.app.get(StudentConsentsDemo).giveAccountConsent(student),
      );
      const teacher = await t.request({
        method: 'PUT',
        url: `/api/v1/students/${student}/account`,
        headers: admin.auth,
        payload: { userId: gw.teacher.id },
      });
      expect(teacher.statusCode, teacher.body).toBe(200);
    });
  });

  describe('Redis', () => {
    it('answers 503 with Retry-After within the command timeout while Redis is frozen, and recovers after SIGCONT', async () => {
      const logsBefore = t.logs.length;
      const timeline = await underLoad(5_000, async (tl) => {
        await wait(500);
        redis.freeze();
        tl.mark('frozen');
        await wait(3_000);
        redis.thaw();
        tl.mark('thawed');
      });
      // No request waits for Redis to come back: two timeouts at most, the session cache's (it then
      // falls back to the database) and the rate limiter's.
      measured.redisFrozenMaxMs = Math.max(...timeline.outcomes.map((o) => o.ms));
      expect(measured.redisFrozenMaxMs).toBeLessThan(2 * REDIS_COMMAND_TIMEOUT_MS + MARGIN_MS);
      expectOnlySuccessOr503(timeline);
      const during = timeline.between('frozen', 'thawed', 50);
      measured.redisFrozen503s = during.length;
      expect(during.length).toBeGreaterThan(WORKERS);
      expect(
        during.filter((o) => !unavailable(o)),
        describeOutcomes(during),
      ).toEqual([]);
      // Logged once per request as a warning naming the cause, not as an error with a stack.
      const logs = t.logs.slice(logsBefore).filter((l) => l.context === 'Errors');
      expect(logs.some((l) => l.level === 40 && /dependency unavailable/.test(String(l.msg)))).toBe(true);
      expect(logs.filter((l) => Number(l.level) >= 50)).toEqual([]);
      measured.redisFrozenRecoveryMs = timeline.recoveryMs('thawed');
      expect(measured.redisFrozenRecoveryMs).toBeLessThan(3_000);
      const settled = timeline.between('thawed', undefined, 1_000);
      expect(
        settled.filter((o) => !ok(o)),
        describeOutcomes(settled),
      ).toEqual([]);
    });

    it('answers 503 at once while Redis is dead, and recovers after it restarts', async () => {
      const timeline = await underLoad(4_500, async (tl) => {
        await wait(300);
        await redis.kill();
        tl.mark('killed');
        await wait(1_500);
        tl.mark('restarting');
        await redis.start();
        tl.mark('restarted');
      });
      expectOnlySuccessOr503(timeline);
      const during = timeline.between('killed', 'restarting', 50);
      expect(
        during.filter((o) => !unavailable(o)),
        describeOutcomes(during),
      ).toEqual([]);
      measured.redisDeadMaxMs = Math.max(...during.map((o) => o.ms));
      expect(measured.redisDeadMaxMs).toBeLessThan(2 * REDIS_COMMAND_TIMEOUT_MS + MARGIN_MS);
      measured.redisRestartRecoveryMs = timeline.recoveryMs('restarted');
      // ioredis reconnects with a backoff of at most 2 s.
      expect(measured.redisRestartRecoveryMs).toBeLessThan(3_000);
    });
  });

  describe.runIf(TEST_DB === 'sqlite')('SQLite', () => {
    it('answers 503 when the database file stays locked longer than the busy timeout', async () => {
      const file = t.config.database.kind === 'sqlite' ? t.config.database.file : '';
      const locker = new Database(file);
      try {
        locker.exec('BEGIN EXCLUSIVE');
        const started = Date.now();
        const res = await one('pay');
        expect(res, JSON.stringify(res)).toMatchObject({ status: 503, code: 'DEPENDENCY_UNAVAILABLE' });
        expect(Number(res.retryAfter)).toBeGreaterThan(0);
        measured.sqliteLockedMs = Date.now() - started;
        expect(measured.sqliteLockedMs).toBeLessThan(QUERY_TIMEOUT_MS + MARGIN_MS);
      } finally {
        locker.exec('ROLLBACK');
        locker.close();
      }
      expect((await one('pay')).status).toBe(201);
    });
  });

  describe.runIf(TEST_DB === 'mysql')('MariaDB', () => {
    /** One request waits at most for a connection (a new one's handshake) and one statement. */
    const bound = ACQUIRE_TIMEOUT_MS + QUERY_TIMEOUT_MS + MARGIN_MS;

    it('answers 503 with Retry-After within the timeouts while the database is frozen, and recovers after SIGCONT', async () => {
      const timeline = await underLoad(8_500, async (tl) => {
        await wait(700);
        mariadb!.freeze();
        tl.mark('frozen');
        await wait(5_000);
        mariadb!.thaw();
        tl.mark('thawed');
      });
      // No request waits for the server to come back.
      measured.dbFrozenMaxMs = Math.max(...timeline.outcomes.map((o) => o.ms));
      expect(measured.dbFrozenMaxMs).toBeLessThan(bound);
      expectOnlySuccessOr503(timeline);
      const during = timeline.between('frozen', 'thawed', 50);
      measured.dbFrozen503s = during.length;
      expect(during.length).toBeGreaterThan(WORKERS);
      expect(
        during.filter((o) => !unavailable(o)),
        describeOutcomes(during),
      ).toEqual([]);
      measured.dbFrozenFastest503Ms = Math.min(...during.map((o) => o.ms));
      measured.dbFrozenRecoveryMs = timeline.recoveryMs('thawed');
      expect(measured.dbFrozenRecoveryMs).toBeLessThan(3_000);
      // The pool kept no stuck connection: once recovered, everything succeeds again.
      const settled = timeline.between('thawed', undefined, 1_500);
      expect(settled.length).toBeGreaterThan(WORKERS);
      expect(
        settled.filter((o) => !ok(o)),
        describeOutcomes(settled),
      ).toEqual([]);
    });

    it('answers 503 at once while the database is dead, and recovers after it restarts', async () => {
      const timeline = await underLoad(7_000, async (tl) => {
        await wait(500);
        await mariadb!.kill();
        tl.mark('killed');
        // With the session cache emptied, the access guard's own session check meets the dead database:
        // a guard's failure takes the same path to 503.
        await flushRedis();
        const guarded = await one('read');
        expect(guarded, JSON.stringify(guarded)).toMatchObject({
          status: 503,
          code: 'DEPENDENCY_UNAVAILABLE',
        });
        await wait(2_000);
        tl.mark('restarting');
        await mariadb!.start();
        tl.mark('restarted');
      });
      expectOnlySuccessOr503(timeline);
      const during = timeline.between('killed', 'restarting', 50);
      expect(
        during.filter((o) => !unavailable(o)),
        describeOutcomes(during),
      ).toEqual([]);
      measured.dbDead503s = during.length;
      measured.dbDeadMaxMs = Math.max(...during.map((o) => o.ms));
      expect(measured.dbDeadMaxMs).toBeLessThan(bound);
      measured.dbRestartRecoveryMs = timeline.recoveryMs('restarted');
      expect(measured.dbRestartRecoveryMs).toBeLessThan(3_000);
      const settled = timeline.between('restarted', undefined, 1_500);
      expect(
        settled.filter((o) => !ok(o)),
        describeOutcomes(settled),
      ).toEqual([]);
    });
  });

  it('left no partial write: each payment has its ledger entries, receipts are gapless, registers are whole, the audit chain verifies', async () => {
    const tenant = gw.institution.id;
    const payments = await raw(
      `SELECT p.id, p.amount, p.receipt_seq AS seq,
         (SELECT COALESCE(SUM(l.amount), 0) FROM fee_ledger_entries l
           WHERE l.tenant_id = p.tenant_id AND l.payment_id = p.id AND l.kind = 'payment') AS ledger
       FROM fee_payments p WHERE p.tenant_id = ? ORDER BY p.receipt_seq`,
      [tenant],
    );
    expect(payments.length).toBeGreaterThan(0);
    measured.payments = payments.length;
    const stored = new Set(payments.map((p) => String(p.id)));
    expect(confirmedPayments.filter((id) => !stored.has(id))).toEqual([]);
    for (const p of payments) expect(Number(p.ledger), `payment ${String(p.id)}`).toBe(-Number(p.amount));
    expect(payments.map((p) => Number(p.seq))).toEqual(payments.map((_, i) => i + 1));
    for (const section of sections) {
      const size = rosters.get(section)!.length;
      const marks = await raw(
        'SELECT status, COUNT(*) AS n FROM attendance_marks WHERE tenant_id = ? AND section_id = ? AND date = ? GROUP BY status',
        [tenant, section, TODAY],
      );
      // All present or all absent, every student: a save is all or nothing.
      expect(marks.length, JSON.stringify(marks)).toBeLessThanOrEqual(1);
      if (marks.length === 1) expect(Number(marks[0]!.n)).toBe(size);
      const summary = await raw(
        'SELECT total, present, absent FROM attendance_day_summaries WHERE tenant_id = ? AND section_id = ? AND date = ?',
        [tenant, section, TODAY],
      );
      if (marks.length === 1) {
        expect(Number(summary[0]!.total)).toBe(size);
        expect(Number(summary[0]![String(marks[0]!.status)])).toBe(size);
      }
    }
    const verify = await t.request({ url: '/api/v1/audit/verify', headers: admin.auth });
    expect(verify.statusCode, verify.body).toBe(200);
    expect(verify.json()).toMatchObject({ ok: true });
  });
});
