#!/usr/bin/env node
// Exams benchmark (issue 12): against the built API on SQLite and/or MariaDB, with a scale-seeded school
// (2,000 students in sections of 40, two sections a class, five subjects) and an exam year entered
// through the API (two terms of two assessments; a paper per class, subject and assessment):
//  (a) saving 40-student marks grids with CONCURRENCY requests in flight: every grid of the year saved
//      once (first entry: inserts), then RESAVES grids saved again with other marks (updates);
//      p50/p95/p99 and statements per request;
//  (b) the school's year results: every section's results table for both terms, and the analytics of
//      every class for both terms; total time, per-request p50/p99 and statements.
// Statements are counted inside the API process (a preload wraps better-sqlite3's statements and
// mysql2's query/execute), so they include the request's own session and permission lookups.
// Targets are printed beside the numbers, not asserted.
//
//   pnpm -r run build   (or: cd apps/api && npx tsc -p tsconfig.build.json)
//   node scripts/bench/exams.mjs [--engine sqlite|mysql|both] [--students 2000] [--concurrency 20]
//        [--resaves 400] [--server-url mysql://root@127.0.0.1:3306/] [--api-dist apps/api/dist]
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { call, fmt, itemsOf, pool, root, say, startApi, stats } from './support.mjs';

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'both' },
    students: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '20' },
    resaves: { type: 'string', default: '400' },
    'server-url': {
      type: 'string',
      default: process.env.TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/',
    },
    'api-dist': { type: 'string', default: 'apps/api/dist' },
  },
});
const STUDENTS = Number(values.students);
const CONCURRENCY = Number(values.concurrency);
const RESAVES = Number(values.resaves);
const API_DIST = join(root, values['api-dist']);

async function run(engine) {
  const app = await startApi({
    engine,
    name: 'exams',
    serverUrl: values['server-url'],
    apiDist: API_DIST,
    seedArgs: ['--institutions', '1', '--students', String(STUDENTS)],
  });
  const { base, statements } = app;
  const signIn = (email) => app.signIn(email);
  let failures = 0;
  try {
    const admin = await signIn('admin@scale-0001.test');
    const api = (method, path, body) => call(base, admin, method, `/api/v1${path}`, body);

    // The exam year, through the API as a school sets it up.
    const years = itemsOf(await api('GET', '/academics/years'));
    const year = years.find((y) => y.current) ?? years[0];
    const classes = itemsOf(await api('GET', '/academics/classes'));
    const sections = classes.flatMap((c) => c.sections.map((s) => ({ ...s, classId: c.id })));
    const subjects = itemsOf(await api('GET', '/academics/subjects'));
    const bands = [
      ['A1', 91, 100, 10],
      ['A2', 81, 90.99, 9],
      ['B1', 71, 80.99, 8],
      ['B2', 61, 70.99, 7],
      ['C1', 51, 60.99, 6],
      ['C2', 41, 50.99, 5],
      ['D', 33, 40.99, 4],
      ['E', 0, 32.99, null],
    ].map(([grade, minPercent, maxPercent, gradePoint]) => ({ grade, minPercent, maxPercent, gradePoint }));
    const scale = await api('POST', '/exams/grading-scales', { name: 'CBSE', kind: 'scholastic', bands });
    const mid = `${year.startsOn.slice(0, 4)}-09-30`;
    const after = `${year.startsOn.slice(0, 4)}-10-01`;
    let structure = await api('PUT', `/exams/years/${year.id}/terms`, {
      terms: [
        { name: 'Term 1', startsOn: year.startsOn, endsOn: mid, yearWeightage: 50, gradingScaleId: scale.id },
        { name: 'Term 2', startsOn: after, endsOn: year.endsOn, yearWeightage: 50, gradingScaleId: scale.id },
      ],
    });
    const grids = [];
    for (const [k, term] of structure.terms.entries()) {
      structure = await api('PUT', `/exams/terms/${term.id}/assessments`, {
        assessments: [
          { name: `Periodic Test ${k + 1}`, code: `PT${k + 1}`, termWeightage: 20 },
          { name: k ? 'Annual' : 'Half Yearly', code: k ? 'AN' : 'HY', termWeightage: 80 },
        ],
      });
      const assessments = structure.terms.find((t) => t.id === term.id).assessments;
      for (const a of assessments) {
        const max = a.code.startsWith('PT') ? 20 : 80;
        const papers = await api('PUT', `/exams/assessments/${a.id}/papers`, {
          papers: classes.flatMap((c) =>
            subjects.map((s) => ({
              classId: c.id,
              subjectId: s.id,
              maxMarks: max,
              passMarks: max === 20 ? 7 : 26,
            })),
          ),
        });
        for (const p of papers)
          for (const s of sections.filter((x) => x.classId === p.classId))
            grids.push({ paperId: p.id, sectionId: s.id, max });
      }
    }
    // Each section's class teacher teaches every subject there and enters its grids, as a school works
    // (and as the API's per-user request limit expects: one admin saving a thousand grids is throttled).
    const teachers = new Map();
    for (let n = 1; teachers.size < sections.length && n <= sections.length + 5; n++) {
      const token = await signIn(`teacher${n}@scale-0001.test`);
      teachers.set((await call(base, token, 'GET', '/api/v1/me')).user.id, token);
    }
    const tokenOf = (sectionId) => teachers.get(sections.find((s) => s.id === sectionId).classTeacherUserId);
    for (const section of sections)
      for (const subject of subjects)
        await api('POST', '/academics/subject-assignments', {
          sectionId: section.id,
          subjectId: subject.id,
          teacherUserId: section.classTeacherUserId,
        });
    const asTeacher = (sectionId, method, path, body) =>
      call(base, tokenOf(sectionId), method, `/api/v1${path}`, body);
    const rosters = new Map();
    for (const s of sections) {
      const grid = await asTeacher(
        s.id,
        'GET',
        `/exams/papers/${grids.find((g) => g.sectionId === s.id).paperId}/sections/${s.id}/marks`,
      );
      rosters.set(
        s.id,
        grid.rows.map((r) => r.studentId),
      );
    }
    const body = (g, round) => ({
      rows: rosters.get(g.sectionId).map((studentId, i) => ({
        studentId,
        cells: {
          total:
            (i + round) % 41 === 7
              ? 'AB'
              : Math.round(((((i + 1) * 37 + round * 11) % 100) / 100) * g.max * 4) / 4,
        },
      })),
    });
    say(
      `data: ${STUDENTS} students, ${sections.length} sections of ${rosters.get(sections[0].id).length}, ${classes.length} classes, ${subjects.length} subjects; ${grids.length} grids (2 terms x 2 assessments)`,
    );

    const rows = [];
    const measure = async (name, load, jobs, concurrency, fn) => {
      const before = await statements();
      const started = process.hrtime.bigint();
      const { latencies, errors } = await pool(jobs, concurrency, fn);
      const wall = Number(process.hrtime.bigint() - started) / 1e6;
      const sql = (await statements()) - before - 0;
      failures += errors;
      rows.push({ name, load, s: stats(latencies), wall, sql, n: jobs.length, errors });
    };
    // (a) Marks grids: first entry of every grid, then re-saves with other marks.
    await measure('marks grid PUT, first save', `${CONCURRENCY} concurrent`, grids, CONCURRENCY, (g) =>
      asTeacher(g.sectionId, 'PUT', `/exams/papers/${g.paperId}/sections/${g.sectionId}/marks`, body(g, 0)),
    );
    const resaves = Array.from({ length: RESAVES }, (_, i) => grids[(i * 7) % grids.length]);
    await measure('marks grid PUT, re-save', `${CONCURRENCY} concurrent`, resaves, CONCURRENCY, (g, i) =>
      asTeacher(
        g.sectionId,
        'PUT',
        `/exams/papers/${g.paperId}/sections/${g.sectionId}/marks`,
        body(g, 1 + i),
      ),
    );
    // (b) The year's results: every section's table for both terms, then every class's analytics.
    const termIds = structure.terms.map((t) => t.id);
    const sectionJobs = termIds.flatMap((termId) => sections.map((s) => ({ termId, sectionId: s.id })));
    await measure('section results, whole school', 'sequential', sectionJobs, 1, async (j) => {
      const r = await asTeacher(
        j.sectionId,
        'GET',
        `/exams/terms/${j.termId}/sections/${j.sectionId}/results`,
      );
      if (r.rows.some((x) => x.percentage === null)) throw new Error('a pending result');
    });
    const classJobs = termIds.flatMap((termId) => classes.map((c) => ({ termId, classId: c.id })));
    await measure('class analytics, whole school', 'sequential', classJobs, 1, async (j) => {
      const r = await api('GET', `/exams/analytics?termId=${j.termId}&classId=${j.classId}`);
      if (r.overall.graded + r.overall.pending + r.overall.exempt !== r.students)
        throw new Error('miscounted');
    });
    await measure('class results CSV, whole school', 'sequential', classJobs, 1, (j) =>
      api('GET', `/exams/analytics/export?termId=${j.termId}&classId=${j.classId}`),
    );

    say(
      `\n${'operation'.padEnd(34)} ${'load'.padEnd(14)} ${'n'.padStart(5)} ${'p50'.padStart(9)} ${'p95'.padStart(9)} ${'p99'.padStart(9)} ${'max'.padStart(9)} ${'total'.padStart(10)} ${'stmts/req'.padStart(10)}`,
    );
    for (const r of rows)
      say(
        `${r.name.padEnd(34)} ${r.load.padEnd(14)} ${String(r.s.n).padStart(5)} ${fmt(r.s.p50).padStart(9)} ${fmt(r.s.p95).padStart(9)} ${fmt(r.s.p99).padStart(9)} ${fmt(r.s.max).padStart(9)} ${`${(r.wall / 1000).toFixed(2)} s`.padStart(10)} ${(r.sql / r.n).toFixed(1).padStart(10)}`,
      );
    const year2 = rows.filter((r) => r.name.startsWith('section results'))[0];
    const an = rows.filter((r) => r.name.startsWith('class analytics'))[0];
    say(
      `\nyear results for ${STUDENTS} students: ${(year2.wall / 1000).toFixed(2)} s through ${year2.n} section tables (${year2.sql} statements); ${(an.wall / 1000).toFixed(2)} s through ${an.n} class analytics (${an.sql} statements)`,
    );
    say(`errors: ${rows.map((r) => `${r.name} ${r.errors}`).join(', ')}`);
  } finally {
    await app.stop();
  }
  return failures;
}

say(
  `exams bench: ${STUDENTS} students; marks grids at ${CONCURRENCY} concurrent requests (issue 12: p50/p99), year results on both databases`,
);
const engines = values.engine === 'both' ? ['sqlite', 'mysql'] : [values.engine];
let failures = 0;
for (const engine of engines) failures += await run(engine);
process.exit(failures > 0 ? 1 : 0);
