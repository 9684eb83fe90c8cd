#!/usr/bin/env node
// Dashboards benchmark (issue 14 item 1): the role dashboards against the built API on SQLite and/or
// MariaDB, on the scale seed (2,000 students in sections of 40, ATTENDANCE_DAYS school days of history)
// with a fee structure per class, every student invoiced, and PAYMENTS counter payments recorded today
// through the API. Each dashboard is requested READS times, one client at a time; prints p50/p95/p99 and
// statements per request (counted inside the API process, so they include the request's own session and
// permission lookups). The target (p99 <= 20 ms per card) is printed beside the numbers, not asserted.
// The family dashboard is the scale seed's parent (two siblings); the operator's lists every school.
//
//   pnpm -r run build   (or: cd apps/api && npx tsc -p tsconfig.build.json)
//   node scripts/bench/dashboard.mjs [--engine sqlite|mysql|both] [--students 2000] [--days 60]
//        [--payments 300] [--reads 300] [--server-url mysql://root@127.0.0.1:3306/] [--api-dist apps/api/dist]
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { call, fmt, itemsOf, pool, root, say, startApi, stats } from './support.mjs';

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'both' },
    students: { type: 'string', default: '2000' },
    days: { type: 'string', default: '60' },
    payments: { type: 'string', default: '300' },
    reads: { type: 'string', default: '300' },
    'server-url': {
      type: 'string',
      default: process.env.TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/',
    },
    'api-dist': { type: 'string', default: 'apps/api/dist' },
  },
});
const STUDENTS = Number(values.students);
const ATTENDANCE_DAYS = Number(values.days);
const PAYMENTS = Number(values.payments);
const READS = Number(values.reads);
const API_DIST = join(root, values['api-dist']);
const TARGET_P99_MS = 20;

async function run(engine) {
  const app = await startApi({
    engine,
    name: 'dashboard',
    serverUrl: values['server-url'],
    apiDist: API_DIST,
    seedArgs: [
      '--institutions',
      '1',
      '--students',
      String(STUDENTS),
      '--attendance-days',
      String(ATTENDANCE_DAYS),
    ],
  });
  const { base, statements } = app;
  const signIn = (email, institution) => app.signIn(email, institution);
  let failures = 0;
  try {
    const admin = await signIn('admin@scale-0001.test');
    const accountant = await signIn('accountant@scale-0001.test');
    const teacher = await signIn('teacher1@scale-0001.test');
    const parent = await signIn('parent@scale-0001.test');
    const operator = await signIn('operator@shala.test', 'platform');
    const as = (token) => (method, path, body) => call(base, token, method, `/api/v1${path}`, body);
    const api = as(admin);

    // Fees as a school sets them up: a structure per class (one instalment already due, one at the
    // year's end), every student invoiced, then PAYMENTS counter payments today.
    const years = itemsOf(await api('GET', '/academics/years'));
    const year = years.find((y) => y.current) ?? years[0];
    const classes = itemsOf(await api('GET', '/academics/classes'));
    const tuition = (await api('POST', '/fees/heads', { name: 'Tuition', optional: false })).id;
    let invoices = 0;
    for (const c of classes) {
      const structure = await api('POST', '/fees/structures', {
        classId: c.id,
        name: `${c.name} fees`,
        instalments: [
          { label: 'Term 1', dueDate: year.startsOn, lines: [{ headId: tuition, amount: 10_000_00 }] },
          { label: 'Term 2', dueDate: year.endsOn, lines: [{ headId: tuition, amount: 10_000_00 }] },
        ],
      });
      invoices += (await api('POST', `/fees/structures/${structure.id}/invoices`)).created;
    }
    const studentIds = [];
    for (let cursor = null; studentIds.length < PAYMENTS;) {
      const page = await api(
        'GET',
        `/students?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      studentIds.push(...page.items.map((s) => s.id));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    const methods = ['cash', 'upi', 'card', 'bank_transfer'];
    const paid = await pool(
      Array.from({ length: PAYMENTS }, (_, i) => i),
      5,
      (i) =>
        as(accountant)('POST', `/fees/students/${studentIds[i % studentIds.length]}/payments`, {
          amount: 1_000_00 + (i % 97) * 100,
          method: methods[i % methods.length],
          reference: methods[i % methods.length] === 'cash' ? null : `BENCH-${i}`,
        }),
    );
    failures += paid.errors;
    const first = await api('GET', '/dashboard/admin');
    say(
      `data: ${STUDENTS} students, ${ATTENDANCE_DAYS} days of attendance, ${invoices} invoices, ${PAYMENTS} payments today (${first.date}); admin sees ${JSON.stringify(first.fees)}`,
    );

    const rows = [];
    const measure = async (name, token, path) => {
      const before = await statements();
      const { latencies, errors } = await pool(
        Array.from({ length: READS }, (_, i) => i),
        1,
        () => call(base, token, 'GET', `/api/v1${path}`),
      );
      const sql = (await statements()) - before;
      failures += errors;
      rows.push({ name, s: stats(latencies), sql, n: READS, errors });
    };
    await measure('admin dashboard', admin, '/dashboard/admin');
    await measure('teacher dashboard', teacher, '/dashboard/teacher');
    await measure('accountant dashboard', accountant, '/dashboard/accountant');
    await measure('family dashboard (2 children)', parent, '/dashboard/family');
    await measure('operator dashboard', operator, '/dashboard/operator');
    await measure(`day-close JSON (${PAYMENTS} payments)`, accountant, '/fees/day-close');
    await measure('day-close CSV', accountant, '/fees/day-close/export');

    say(
      `\n${'operation'.padEnd(34)} ${'n'.padStart(5)} ${'p50'.padStart(9)} ${'p95'.padStart(9)} ${'p99'.padStart(9)} ${'max'.padStart(9)} ${'stmts/req'.padStart(10)}   target p99`,
    );
    for (const r of rows)
      say(
        `${r.name.padEnd(34)} ${String(r.s.n).padStart(5)} ${fmt(r.s.p50).padStart(9)} ${fmt(r.s.p95).padStart(9)} ${fmt(r.s.p99).padStart(9)} ${fmt(r.s.max).padStart(9)} ${(r.sql / r.n).toFixed(1).padStart(10)}   <= ${TARGET_P99_MS} ms ${r.s.p99 <= TARGET_P99_MS ? 'met' : 'NOT met'}`,
      );
    say(`errors: ${rows.map((r) => `${r.name} ${r.errors}`).join(', ')}; payments ${paid.errors}`);
  } finally {
    await app.stop();
  }
  return failures;
}

say(
  `dashboard bench: ${STUDENTS} students; each dashboard ${READS} times, one client (issue 14: p99 <= ${TARGET_P99_MS} ms)`,
);
const engines = values.engine === 'both' ? ['sqlite', 'mysql'] : [values.engine];
let failures = 0;
for (const engine of engines) failures += await run(engine);
process.exit(failures > 0 ? 1 : 0);
