import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { authenticator } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDeadlockRetries } from '../src/platform/database/database';
import { isDeadlock } from '../src/platform/database/driver-errors';
import { GaleraDeployment, galeraMissing } from './support/galera';

/**
 * Issue 18, item 6: Shala on a real multi-node deployment, under failure. A 3-node MariaDB Galera cluster,
 * two API replicas (the built dist/main.js, replica 1 on node 1, replica 2 on node 2), the outbox worker,
 * Redis, and Nginx balancing the replicas (support/galera.ts). A bounded write load (register saves and fee
 * payments through Nginx, so through both replicas and both nodes) runs while node 2 and replica 2 are
 * killed with SIGKILL (one host lost); afterwards every acknowledged write is on the surviving nodes,
 * receipt numbers are gapless and unique, the audit chain verifies, and service went on through the rest.
 *
 * It needs the build (dist/) and Debian's galera-4, mariadb-server, rsync, redis-server and nginx, so
 * it runs in its own `npm test` leg after the build (GALERA_TEST=1); without the tools it is skipped with
 * the packages to install, and fails instead under REQUIRE_TOOLS=1 (CI).
 */
const enabled = process.env.GALERA_TEST === '1';
const missing = enabled ? galeraMissing() : [];
const required = process.env.REQUIRE_TOOLS === '1';

const PASSWORD = 'shala-demo-password';
const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXP';
const LOAD_MS = 24_000;
const CRASH_AT_MS = 8_000;

/** The API's JSON, of many shapes; the checks below read the fields they need. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

interface Reply {
  status: number;
  body: Json;
}

/** One request; a network failure or a timeout answers status 0 (not acknowledged). */
async function call(
  base: string,
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Reply> {
  try {
    const res = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    return {
      status: res.status,
      body: text && (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text,
    };
  } catch {
    return { status: 0, body: null };
  }
}

async function must(reply: Promise<Reply>, what: string): Promise<Json> {
  const r = await reply;
  if (r.status < 200 || r.status >= 300)
    throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
  return r.body;
}

/** A token for a scale-seed account, enrolling or answering MFA as its role requires. */
async function signIn(base: string, email: string): Promise<string> {
  const login = await must(
    call(base, null, 'POST', '/auth/login', { institution: 'scale-0001', email, password: PASSWORD }),
    `sign in ${email}`,
  );
  if (login.accessToken) return login.accessToken as string;
  if (login.mfaRequired) {
    const done = await must(
      call(base, null, 'POST', '/auth/mfa/verify', {
        mfaToken: login.mfaToken,
        code: authenticator.generate(DEMO_TOTP_SECRET),
      }),
      'mfa',
    );
    return done.accessToken as string;
  }
  const start = await must(
    call(base, null, 'POST', '/auth/mfa/enrollment', { mfaToken: login.mfaToken }),
    'mfa enrolment',
  );
  const done = await must(
    call(base, null, 'POST', '/auth/mfa/enrollment/confirm', {
      mfaToken: login.mfaToken,
      code: authenticator.generate(start.secret as string),
    }),
    'mfa confirm',
  );
  return done.accessToken as string;
}

const items = (x: Json): Json[] => (Array.isArray(x) ? x : x.items);

describe.skipIf(!enabled)('Galera cluster, two API replicas, Nginx, under failure', () => {
  if (missing.length > 0) {
    const message = `needs ${missing.join(', ')}: apt-get install galera-4 mariadb-server rsync redis-server nginx-light, and npm run build`;
    process.stdout.write(
      `\n[galera] ${required ? 'REQUIRE_TOOLS=1, so this fails' : 'skipped'}: ${message}\n`,
    );
    if (required) it(`has what it needs (REQUIRE_TOOLS=1): ${message}`, () => expect.fail(message));
    else it.skip(`skipped: ${message}`, () => undefined);
    return;
  }

  const d = new GaleraDeployment();
  let admin = '';
  let accountant = '';
  let today = '';
  let students: string[] = [];
  let rosters: { sectionId: string; students: string[] }[] = [];
  let yearId = '';
  let tenantId = '';
  const node = (n: number) =>
    createConnection({ host: '127.0.0.1', port: d.ports.mysql[n], user: 'root', database: 'shala' });
  const conflicts = async (nodes: number[]) => {
    let sum = 0;
    for (const n of nodes) {
      const s = await d.status(n);
      sum += (s?.certFailures ?? 0) + (s?.bfAborts ?? 0);
    }
    return sum;
  };

  beforeAll(async () => {
    const t0 = Date.now();
    const lap = (what: string) =>
      process.stdout.write(`[galera] ${what} (${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
    await d.startCluster();
    lap('3 nodes Synced');
    d.startRedis();
    d.cli(0, ['migrate']);
    lap('migrated through node 1');
    d.cli(1, ['seed', '--institutions', '1', '--students', '60', '--attendance-days', '0']);
    lap('seeded through node 2');
    await Promise.all([d.startApi(0, 0), d.startApi(1, 1)]);
    d.startWorker(0);
    await d.startNginx();
    lap('2 API replicas, the worker and Nginx ready');

    const base = d.baseUrl;
    admin = await signIn(base, 'admin@scale-0001.test');
    accountant = await signIn(base, 'accountant@scale-0001.test');
    const as = (method: string, path: string, body?: unknown) =>
      must(call(base, admin, method, path, body), `${method} ${path}`);
    const years = items(await as('GET', '/academics/years'));
    const year = years.find((y: { current: boolean }) => y.current) ?? years[0];
    yearId = year.id;
    const classes = items(await as('GET', '/academics/classes'));
    const tuition = (await as('POST', '/fees/heads', { name: 'Tuition', optional: false })).id;
    for (const c of classes) {
      const structure = await as('POST', '/fees/structures', {
        classId: c.id,
        name: `${c.name} fees`,
        instalments: [
          { label: 'Year', dueDate: year.startsOn, lines: [{ headId: tuition, amount: 90_000_000 }] },
        ],
      });
      await as('POST', `/fees/structures/${structure.id}/invoices`);
    }
    students = items(await as('GET', '/students?limit=200')).map((s: { id: string }) => s.id);
    today = (await as('GET', '/attendance/summary')).date;
    for (const section of classes.flatMap((c: { sections: { id: string }[] }) => c.sections)) {
      const reg = await as('GET', `/attendance/sections/${section.id}/days/${today}`);
      if (reg.rows?.length)
        rosters.push({
          sectionId: section.id,
          students: reg.rows.map((r: { studentId: string }) => r.studentId),
        });
    }
    rosters = rosters.slice(0, 6);
    const conn = await node(0);
    const [[row]] = (await conn.query(
      "SELECT id FROM institutions WHERE slug = 'scale-0001'",
    )) as unknown as [[{ id: string }]];
    tenantId = row.id;
    await conn.end();
    lap(`fees set up: ${students.length} students, ${rosters.length} registers`);
  }, 300_000);

  afterAll(async () => {
    await d.stop();
  }, 30_000);

  it('meets Galera requirements: InnoDB tables with primary keys, triggers that only refuse or move the audit chain head', async () => {
    const conn = await node(2);
    const [tables] = await conn.query(
      `SELECT t.table_name AS name, t.engine AS engine,
              (SELECT COUNT(*) FROM information_schema.table_constraints c
                WHERE c.table_schema = t.table_schema AND c.table_name = t.table_name AND c.constraint_type = 'PRIMARY KEY') AS pk
         FROM information_schema.tables t WHERE t.table_schema = 'shala' AND t.table_type = 'BASE TABLE'`,
    );
    const [triggers] = await conn.query(
      `SELECT trigger_name AS name, action_timing AS timing, event_manipulation AS event, action_statement AS body
         FROM information_schema.triggers WHERE trigger_schema = 'shala'`,
    );
    await conn.end();
    const rows = tables as { name: string; engine: string; pk: number }[];
    expect(rows.length).toBeGreaterThan(30);
    // The Vitess VSchema in docs (docs/OPERATIONS.md, section 15) shards every table of the schema by tenant.
    const vschema = JSON.parse(readFileSync(resolve(__dirname, '../../../docs/vitess-vschema.json'), 'utf8'));
    const sharded = vschema.shala.tables as Record<string, { column_vindexes: { column: string }[] }>;
    const names = rows.map((t) => t.name).filter((n) => n !== 'migrations');
    expect(Object.keys(sharded).sort()).toEqual([...names].sort());
    expect(
      names.filter(
        (n) => sharded[n]!.column_vindexes[0]!.column !== (n === 'institutions' ? 'id' : 'tenant_id'),
      ),
    ).toEqual([]);
    expect(rows.filter((t) => t.engine !== 'InnoDB').map((t) => t.name)).toEqual([]);
    expect(rows.filter((t) => Number(t.pk) !== 1).map((t) => t.name)).toEqual([]);
    // Triggers run only on the node that took the write; appliers get the rows they wrote in the same
    // write set, and never run the trigger again. Shala's refuse UPDATE and DELETE on append-only tables
    // (reading, for the purge of an offboarded institution, whether its purge started), and one moves the
    // audit chain head on as an event is inserted: it writes that one row of audit_chain_heads and
    // nothing else, and the failover test below verifies the chain after writes through both nodes.
    const writers = (triggers as { name: string; timing: string; event: string; body: string }[]).filter(
      (t) => t.name === 'audit_events_move_head',
    );
    expect(writers.map((t) => `${t.timing} ${t.event}`)).toEqual(['BEFORE INSERT']);
    expect(
      writers[0]!.body.match(/\b(?:INSERT\s+INTO|REPLACE\s+INTO|DELETE\s+FROM|UPDATE)\s+`?(\w+)/gi),
    ).toEqual(['UPDATE audit_chain_heads']);
    for (const t of triggers as { name: string; timing: string; event: string; body: string }[]) {
      if (t.name === 'audit_events_move_head') continue;
      expect(t.timing, t.name).toBe('BEFORE');
      expect(['UPDATE', 'DELETE'], t.name).toContain(t.event);
      expect(t.body, t.name).toMatch(/SIGNAL SQLSTATE '45000'/);
      expect(t.body, t.name).not.toMatch(
        /\b(INSERT\s+INTO|REPLACE\s+INTO|DELETE\s+FROM|UPDATE\s+\w+\s+SET)\b/i,
      );
    }
  });

  it('sees a certification failure at COMMIT as a deadlock, and the retry runs the transaction again', async () => {
    const [one, two] = [await node(0), await node(1)];
    await one.query('CREATE TABLE galera_probe (id INT PRIMARY KEY, n INT NOT NULL) ENGINE=InnoDB');
    await one.query('INSERT INTO galera_probe VALUES (1, 0)');
    // Node 2's UPDATE must wait until node 2 has applied that row (3 = reads, updates and deletes; the
    // server's 1 covers reads only): on a loaded machine it once ran first, matched nothing, and node 1's
    // transaction had nothing to conflict with.
    await two.query('SET SESSION wsrep_sync_wait = 3');
    const errors: unknown[] = [];
    let attempts = 0;
    await withDeadlockRetries(async () => {
      attempts++;
      await one.query('BEGIN');
      try {
        await one.query('SELECT n FROM galera_probe WHERE id = 1 FOR UPDATE');
        await one.query('UPDATE galera_probe SET n = n + 1 WHERE id = 1');
        // Node 2 writes the same row and commits first: node 1's lock is local, so nothing stops it, and
        // its write set aborts the transaction on node 1, which learns it at COMMIT.
        if (attempts === 1) await two.query('UPDATE galera_probe SET n = n + 10 WHERE id = 1');
        await one.query('COMMIT');
      } catch (error) {
        errors.push(error);
        await one.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
    const [[row]] = (await two.query('SELECT n FROM galera_probe WHERE id = 1')) as unknown as [
      [{ n: number }],
    ];
    await one.query('DROP TABLE galera_probe');
    await Promise.all([one.end(), two.end()]);
    expect(attempts).toBe(2);
    expect(errors.map((e) => [isDeadlock(e), (e as { errno?: number }).errno])).toEqual([[true, 1213]]);
    expect(Number(row.n)).toBe(11);
  });

  it('retries certification failures: concurrent payments through both nodes commit', async () => {
    const before = await conflicts([0, 1]);
    const replies = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        call(
          d.apiUrl(i % 2),
          accountant,
          'POST',
          `/fees/students/${students[i % 4]}/payments`,
          { amount: 100 + i, method: 'cash' },
          { 'idempotency-key': randomUUID() },
        ),
      ),
    );
    const after = await conflicts([0, 1]);
    process.stdout.write(
      `[galera] warm-up: 16 payments through 2 nodes, ${after - before} certification conflicts/aborts\n`,
    );
    // All commit after retries (a rare one may lose all 8 attempts on a loaded machine and answer 409 "try
    // again"; with the retry switched off, half of them do).
    const statuses = replies.map((r) => r.status);
    expect(
      statuses.filter((s) => s !== 201 && s !== 409),
      String(statuses),
    ).toEqual([]);
    expect(statuses.filter((s) => s === 409).length, String(statuses)).toBeLessThanOrEqual(1);
    // Read your writes across replicas and nodes: a payment saved through replica 1 (node 1) is listed
    // by the very next request to replica 2 (node 2).
    for (let i = 0; i < 5; i++) {
      const saved = await must(
        call(d.apiUrl(0), accountant, 'POST', `/fees/students/${students[10 + i]}/payments`, {
          amount: 150,
          method: 'cash',
        }),
        'payment',
      );
      const listed = await must(
        call(d.apiUrl(1), accountant, 'GET', `/fees/students/${students[10 + i]}/payments`),
        'list',
      );
      expect(items(listed).map((p: { id: string }) => p.id)).toContain(saved.id);
    }
  }, 60_000);

  it('keeps every acknowledged write when a node and a replica die mid-load, and carries on', async () => {
    const base = d.baseUrl;
    const acked: { id: string; receiptNo: string; studentId: string; at: number }[] = [];
    const lastSaved = new Map<string, string[]>();
    const outcomes: Record<string, number> = {};
    const count = (what: string) => (outcomes[what] = (outcomes[what] ?? 0) + 1);
    const started = Date.now();
    let crashedAt = 0;
    const statuses = ['present', 'absent', 'late', 'present'];

    const payer = async (w: number) => {
      for (let i = 0; Date.now() - started < LOAD_MS; i++) {
        const studentId = students[(w * 7 + i) % students.length]!;
        const key = randomUUID();
        // A client that did not hear back asks again with the same key (at most 10 times).
        for (let attempt = 0; attempt < 10; attempt++) {
          const r = await call(
            base,
            accountant,
            'POST',
            `/fees/students/${studentId}/payments`,
            { amount: 100 + (i % 7), method: 'cash' },
            { 'idempotency-key': key },
          );
          count(`payment ${r.status}`);
          if (r.status === 201 || r.status === 200) {
            acked.push({ id: r.body.id, receiptNo: r.body.receiptNo, studentId, at: Date.now() });
            break;
          }
          await new Promise((res) => setTimeout(res, 200));
        }
      }
    };
    const marker = async (w: number, workers: number) => {
      const mine = rosters.filter((_, k) => k % workers === w);
      for (let i = 0; Date.now() - started < LOAD_MS; i++) {
        const roster = mine[i % mine.length]!;
        const marks = roster.students.map((studentId, k) => ({
          studentId,
          status: statuses[(i + k) % statuses.length]!,
        }));
        // A PUT is idempotent: the same body again until it is acknowledged, so the last acknowledged save is the state.
        for (let attempt = 0; attempt < 10; attempt++) {
          const r = await call(base, admin, 'PUT', `/attendance/sections/${roster.sectionId}/days/${today}`, {
            marks,
          });
          count(`register ${r.status}`);
          if (r.status === 200) {
            lastSaved.set(roster.sectionId, marks.map((m) => `${m.studentId}:${m.status}`).sort());
            break;
          }
          await new Promise((res) => setTimeout(res, 200));
        }
      }
    };
    const crash = (async () => {
      await new Promise((res) => setTimeout(res, CRASH_AT_MS));
      d.crash('node2');
      d.crash('api2');
      crashedAt = Date.now();
      process.stdout.write(
        `[galera] killed -9 Galera node 2 and API replica 2 at ${((crashedAt - started) / 1000).toFixed(1)} s\n`,
      );
    })();
    const markers = Math.min(2, rosters.length);
    await Promise.all([
      crash,
      ...[0, 1, 2].map((w) => payer(w)),
      ...Array.from({ length: markers }, (_, w) => marker(w, markers)),
    ]);
    process.stdout.write(
      `[galera] load: ${JSON.stringify(outcomes)}; ${acked.length} payments acknowledged\n`,
    );
    const serverErrors = Object.entries(outcomes).filter(([k]) => / 5\d\d$/.test(k) && !/ 50[23]$/.test(k));
    if (serverErrors.length > 0) process.stdout.write(serverErrorsOf(join(d.dir, 'api1.log')));

    // Conflicts between the nodes were retried by the API, not handed to the client as 409s: a rare one
    // may lose all its attempts on a loaded machine (at most 3% of requests here), while with the retry
    // switched off about one payment in six is refused (8% of all requests).
    const total = Object.values(outcomes).reduce((a, b) => a + b, 0);
    const conflicts409 = (outcomes['payment 409'] ?? 0) + (outcomes['register 409'] ?? 0);
    expect(conflicts409, JSON.stringify(outcomes)).toBeLessThanOrEqual(Math.floor(total * 0.03));

    // Service continued: writes were acknowledged well after the crash, through the remaining nodes.
    expect(crashedAt).toBeGreaterThan(0);
    expect(acked.filter((p) => p.at > crashedAt + 8_000).length).toBeGreaterThan(0);
    await d.waitForCluster([0, 2], 2, 30_000);

    // Every acknowledged payment is on node 3 (which served no request), with its receipt number.
    const conn = await node(2);
    const [rows] = await conn.query(
      'SELECT id, receipt_no, receipt_seq FROM fee_payments WHERE tenant_id = ? AND academic_year_id = ? ORDER BY receipt_seq',
      [tenantId, yearId],
    );
    const payments = rows as { id: string; receipt_no: string; receipt_seq: number }[];
    const byId = new Map(payments.map((p) => [p.id, p.receipt_no]));
    expect(acked.filter((p) => byId.get(p.id) !== p.receiptNo)).toEqual([]);
    // Gapless and unique: 1..N, and the counter says N.
    const seqs = payments.map((p) => Number(p.receipt_seq));
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(new Set(payments.map((p) => p.receipt_no)).size).toBe(payments.length);
    const [[counter]] = (await conn.query(
      'SELECT last_seq FROM fee_receipt_counters WHERE tenant_id = ? AND academic_year_id = ?',
      [tenantId, yearId],
    )) as unknown as [[{ last_seq: number }]];
    expect(Number(counter.last_seq)).toBe(payments.length);
    await conn.end();

    // Every section's register is its last acknowledged save.
    for (const [sectionId, expected] of lastSaved) {
      const reg = await must(
        call(base, admin, 'GET', `/attendance/sections/${sectionId}/days/${today}`),
        'register',
      );
      const actual = (reg.rows as { studentId: string; status: string }[])
        .map((r) => `${r.studentId}:${r.status}`)
        .sort();
      expect(actual, `section ${sectionId}`).toEqual(expected);
    }
    expect(lastSaved.size).toBeGreaterThan(0);

    // The audit chain verifies through the surviving replica, and on node 3 with the CLI.
    const verify = await must(call(base, admin, 'GET', '/audit/verify'), 'audit verify');
    expect(verify).toMatchObject({ ok: true });
    expect(verify.checked).toBeGreaterThan(acked.length);
    expect(d.cli(2, ['audit:verify'])).toMatch(/"institution":"scale-0001","ok":true/);
  }, 180_000);
});

/** The distinct errors behind replica 1's 5xx answers (its JSON log), so a failed run says what failed. */
function serverErrorsOf(logFile: string): string {
  const seen = new Map<string, number>();
  for (const line of readFileSync(logFile, 'utf8').split('\n')) {
    if (!line.includes('"level":50')) continue;
    try {
      const entry = JSON.parse(line) as { err?: { message?: string; code?: string }; msg?: string };
      const key = `${entry.err?.code ?? ''} ${entry.err?.message ?? entry.msg ?? ''}`.slice(0, 300);
      seen.set(key, (seen.get(key) ?? 0) + 1);
    } catch {
      // a partial last line
    }
  }
  const lines = [...seen].sort((a, b) => b[1] - a[1]).slice(0, 10);
  return `[galera] replica 1's logged errors:\n${lines.map(([k, n]) => `  ${n} × ${k}`).join('\n')}\n`;
}
