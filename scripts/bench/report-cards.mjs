#!/usr/bin/env node
// Report-card benchmark (issue 12): the time to make a section's cards, against the built API.
//  1. render only: N cards (a realistic view model: 5 subjects x 2 assessments, co-scholastic grades,
//     attendance, a Devanagari name and remark) rendered one after another by the PDF renderer;
//  2. end to end: a scale-seeded school on SQLite, an exam structure and a term's marks entered through the
//     API, then POST .../report-cards, polling the job until done, and the ZIP download.
// Prints the times; the target (40 cards well under a minute) is printed beside them, not asserted.
//
//   npm run build -w @shala/api   (or: cd apps/api && npx tsc -p tsconfig.build.json)
//   node scripts/bench/report-cards.mjs [--cards 40] [--skip-e2e] [--api-dist apps/api/dist]
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort, itemsOf, root, say, signIn } from './support.mjs';

const { values } = parseArgs({
  options: {
    cards: { type: 'string', default: '40' },
    'skip-e2e': { type: 'boolean', default: false },
    'api-dist': { type: 'string', default: 'apps/api/dist' },
  },
});
const requireApi = createRequire(join(root, 'apps/api/package.json'));
const CARDS = Number(values.cards);
const API_DIST = join(root, values['api-dist']);
const secs = (ms) => `${(ms / 1000).toFixed(2)} s (${(ms / CARDS).toFixed(1)} ms a card)`;

function sampleCard(i) {
  const subjects = ['English', 'Hindi', 'Mathematics', 'Science', 'Social Studies'];
  return {
    school: { name: 'Scale School 1', address: '12 MG Road, Bengaluru 560001', logo: null },
    kind: 'term',
    period: 'Term 1',
    academicYear: '2026-27',
    student: {
      fullName: i % 2 ? `अनन्या क्षत्रिय ${i}` : `Student ${i} श्रीवास्तव`,
      admissionNo: `S1-${String(i).padStart(4, '0')}`,
      className: 'Class 1',
      sectionName: 'A',
      rollNo: i + 1,
    },
    columns: [{ label: 'PT1' }, { label: 'HY' }],
    subjects: subjects.map((subject, k) => ({
      subject,
      cells: [`${10 + ((i + k) % 10)}/20`, `${40 + ((i * 3 + k) % 40)}/80`],
      marks: 55.5,
      maxMarks: 68,
      percentage: 81.62,
      grade: 'A2',
      passed: true,
    })),
    overall: { percentage: 81.62, grade: 'A2', gradePointAverage: 9, result: 'Pass' },
    coScholastic: ['Work Education', 'Art Education', 'Health and Physical Education', 'Discipline'].map(
      (area) => ({ area, grade: 'A' }),
    ),
    attendance: { workingDays: 150, present: 141.5, percent: 94.3 },
    remark: 'Attentive in class; कविता पाठ में उत्कृष्ट.',
    promotion: null,
    issuedOn: '2026-10-05',
  };
}

async function renderOnly() {
  const { renderReportCard } = requireApi(join(API_DIST, 'modules/exams/report-card.renderer.js'));
  await renderReportCard(sampleCard(0)); // font parse and module warm-up, as a running API has done
  const started = process.hrtime.bigint();
  let bytes = 0;
  for (let i = 0; i < CARDS; i++) bytes += (await renderReportCard(sampleCard(i))).length;
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  say(`render only: ${CARDS} cards in ${secs(ms)}, ${(bytes / CARDS / 1024).toFixed(0)} KiB a card`);
}

function cli(env, args) {
  const r = spawnSync(process.execPath, [join(API_DIST, 'cli.js'), ...args], { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`cli ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout.trim();
}

async function call(base, token, method, path, body) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const type = res.headers.get('content-type') ?? '';
  const payload = type.includes('json') ? await res.json() : Buffer.from(await res.arrayBuffer());
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(payload)}`);
  return payload;
}

async function endToEnd() {
  const dir = mkdtempSync(join(tmpdir(), 'shala-bench-cards-'));
  const port = await freePort();
  const env = {
    ...process.env,
    APP_ENV: 'development',
    DATABASE_URL: `sqlite:${join(dir, 'bench.sqlite')}`,
    LOG_LEVEL: 'warn',
    METRICS_PORT: '0',
    HOST: '127.0.0.1',
  };
  let server;
  try {
    cli(env, ['migrate']);
    say(
      `seed: ${cli(env, [
        'seed',
        '--institutions',
        '1',
        '--students',
        String(CARDS),
        '--attendance-days',
        '60',
      ])
        .split('\n')
        .at(-1)}`,
    );
    server = spawn(process.execPath, [join(API_DIST, 'main.js')], {
      env: { ...env, PORT: String(port) },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 120; i++) {
      if (
        await fetch(`${base}/api/health/ready`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const admin = await signIn(base, 'admin@scale-0001.test');
    const api = (method, path, body) => call(base, admin, method, `/api/v1${path}`, body);
    const year =
      itemsOf(await api('GET', '/academics/years')).find((y) => y.current) ??
      itemsOf(await api('GET', '/academics/years'))[0];
    const cls = itemsOf(await api('GET', '/academics/classes'))[0];
    const section = cls.sections[0];
    const subjects = itemsOf(await api('GET', '/academics/subjects'));

    // The exam structure and a term's marks, through the API as a school enters them.
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
    // Term 1 runs up to today, so the seeded attendance history falls inside it.
    const today = new Date().toISOString().slice(0, 10);
    const mid = today > year.startsOn && today < year.endsOn ? today : year.startsOn.slice(0, 4) + '-09-30';
    const after = new Date(Date.parse(`${mid}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const terms = await api('PUT', `/exams/years/${year.id}/terms`, {
      terms: [
        { name: 'Term 1', startsOn: year.startsOn, endsOn: mid, yearWeightage: 50, gradingScaleId: scale.id },
        { name: 'Term 2', startsOn: after, endsOn: year.endsOn, yearWeightage: 50, gradingScaleId: scale.id },
      ],
    });
    const term = terms.terms.find((t) => t.name === 'Term 1');
    const withAssessments = await api('PUT', `/exams/terms/${term.id}/assessments`, {
      assessments: [
        { name: 'Periodic Test 1', code: 'PT1', termWeightage: 20 },
        { name: 'Half Yearly', code: 'HY', termWeightage: 80 },
      ],
    });
    const assessments = withAssessments.terms.find((t) => t.id === term.id).assessments;
    let students = null;
    for (const a of assessments) {
      const max = a.code === 'PT1' ? 20 : 80;
      const papers = await api('PUT', `/exams/assessments/${a.id}/papers`, {
        papers: subjects.map((s) => ({
          classId: cls.id,
          subjectId: s.id,
          maxMarks: max,
          passMarks: Math.round(max * 0.33),
        })),
      });
      for (const [k, p] of papers.entries()) {
        const path = `/exams/papers/${p.id}/sections/${section.id}/marks`;
        students ??= (await api('GET', path)).rows.map((r) => r.studentId);
        await api('PUT', path, {
          rows: students.map((studentId, i) => ({
            studentId,
            cells: {
              total: i % 37 === 5 ? 'AB' : Math.round((((i * 7 + k * 13) % 100) / 100) * max * 2) / 2,
            },
          })),
        });
      }
    }
    for (const [i, id] of students.slice(0, 10).entries())
      await api('PATCH', `/students/${id}`, { firstName: 'अनन्या', lastName: `क्षत्रिय ${i}` });

    const started = process.hrtime.bigint();
    const { jobId } = await api('POST', `/exams/terms/${term.id}/sections/${section.id}/report-cards`);
    let view;
    for (;;) {
      view = await api('GET', `/exams/report-card-jobs/${jobId}`);
      if (view.status !== 'running') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const zip = await api('GET', `/exams/report-card-jobs/${jobId}/download`);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (view.status !== 'done') throw new Error(`the job ${view.status}`);
    say(
      `end to end (job, SQLite): ${view.total} cards in ${secs(ms)}; ZIP ${(zip.length / 1024).toFixed(0)} KiB`,
    );
  } finally {
    server?.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

say(`report cards: ${CARDS} cards (target: 40 cards well under a minute)`);
await renderOnly();
if (!values['skip-e2e']) await endToEnd();
