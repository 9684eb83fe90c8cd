import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { Database } from '../../platform/database/database';
import { Clock } from '../../platform/time/clock';
import { AcademicsService } from '../academics/academics.service';
import { AuditService } from '../audit/audit.service';
import { StudentDirectory } from '../students/student-directory';
import type { AssessmentPaper, MarkSheet, PaperComponent } from './entities/exams.entities';
import {
  AssessmentsRepository,
  CoScholasticAreasRepository,
  CoScholasticGradesRepository,
  ExamRemarksRepository,
  ExamTermsRepository,
  GradingBandsRepository,
  GradingScalesRepository,
  MarkRow,
  MarkSheetsRepository,
  MarksRepository,
  PaperComponentsRepository,
  PapersRepository,
  ResultPublicationsRepository,
} from './exams.repository';
import { ExamsScheduleDemoSeeder } from './exams-schedule-demo.seeder';

export const CBSE_SCALE = 'CBSE eight-point';

/**
 * The CBSE eight-point scale. CBSE prints the bands as whole percentages (A1 91-100, A2 81-90, ...); results
 * are percentages to 0.01, so each band here runs from its printed lower bound up to 0.01 below the next
 * band's: A2 is 81.00..90.99, E is 0..32.99. Bounds and grade points in hundredths.
 */
const CBSE_BANDS: [grade: string, min: number, max: number, point: number | null, description: string][] = [
  ['A1', 9100, 10000, 1000, 'Outstanding'],
  ['A2', 8100, 9099, 900, 'Excellent'],
  ['B1', 7100, 8099, 800, 'Very good'],
  ['B2', 6100, 7099, 700, 'Good'],
  ['C1', 5100, 6099, 600, 'Above average'],
  ['C2', 4100, 5099, 500, 'Average'],
  ['D', 3300, 4099, 400, 'Pass'],
  ['E', 0, 3299, null, 'Needs improvement'],
];

const CO_SCHOLASTIC_BANDS: [string, number, number, string][] = [
  ['A', 8100, 10000, 'Outstanding'],
  ['B', 6100, 8099, 'Very good'],
  ['C', 4100, 6099, 'Good'],
  ['D', 2100, 4099, 'Fair'],
  ['E', 0, 2099, 'Needs improvement'],
];

const REMARKS = [
  'A sincere and attentive learner; keep it up.',
  'Works hard and participates well in class.',
  'Capable of more; needs regular revision at home.',
  'Shows steady progress; should read more widely.',
  'Helpful to classmates and curious in class.',
];

const AREAS = ['Work Education', 'Art Education', 'Health and Physical Education', 'Discipline'];

/** A number in [0, 1) from a label, the same on every run. */
const unit = (label: string): number => createHash('sha256').update(label).digest().readUInt32BE(0) / 2 ** 32;

/**
 * Demo exams for one school (run inside its tenant): the CBSE scale and a co-scholastic A-E scale with four
 * areas; a two-term year (50 % each) with Periodic Test 1 (20 %) + Half-Yearly (80 %) in Term 1 and
 * Periodic Test 2 (20 %) + Annual (80 %) in Term 2; a paper for every class and subject (tests out of 20,
 * pass 7; term exams out of 80, pass 26, Science split into theory 60 + practical 20); deterministic marks
 * for every student in Term 1 (submitted) and in Periodic Test 2 (draft); Term 1's co-scholastic grades and
 * class teacher's remarks; Term 1 published for every class; the Half-Yearly's and the Annual's schedules.
 * Written in bulk through the repositories; a school that already has the scale is left alone.
 */
@Injectable()
export class ExamsDemoSeeder {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly academics: AcademicsService,
    private readonly students: StudentDirectory,
    private readonly audit: AuditService,
    private readonly scales: GradingScalesRepository,
    private readonly bands: GradingBandsRepository,
    private readonly terms: ExamTermsRepository,
    private readonly assessments: AssessmentsRepository,
    private readonly papers: PapersRepository,
    private readonly components: PaperComponentsRepository,
    private readonly areas: CoScholasticAreasRepository,
    private readonly sheets: MarkSheetsRepository,
    private readonly marks: MarksRepository,
    private readonly publications: ResultPublicationsRepository,
    private readonly coGrades: CoScholasticGradesRepository,
    private readonly remarks: ExamRemarksRepository,
    private readonly schedule: ExamsScheduleDemoSeeder,
  ) {}

  async seed(): Promise<{ papers: number; sheets: number; marks: number }> {
    if (await this.scales.byName(CBSE_SCALE)) return { papers: 0, sheets: 0, marks: 0 };
    const year = await this.academics.currentYear();
    const [classes, subjects, sections] = await Promise.all([
      this.academics.listClasses(),
      this.academics.listSubjects(),
      this.academics.listSections(),
    ]);
    const rosters = new Map<string, string[]>();
    for (const s of sections) rosters.set(s.id, await this.students.rosterIds(s.id));
    const at = this.clock.now();

    return this.db.transaction(async () => {
      const scaleId = uuidv7();
      const coScaleId = uuidv7();
      await this.scales.add({ id: scaleId, name: CBSE_SCALE, kind: 'scholastic' });
      await this.scales.add({ id: coScaleId, name: 'Co-scholastic A-E', kind: 'co_scholastic' });
      await this.bands.replace(
        scaleId,
        CBSE_BANDS.map(([grade, min, max, point, description], i) => ({
          id: uuidv7(),
          scaleId,
          grade,
          minPercentCenti: min,
          maxPercentCenti: max,
          gradePointCenti: point,
          description,
          sortOrder: i,
        })),
      );
      await this.bands.replace(
        coScaleId,
        CO_SCHOLASTIC_BANDS.map(([grade, min, max, description], i) => ({
          id: uuidv7(),
          scaleId: coScaleId,
          grade,
          minPercentCenti: min,
          maxPercentCenti: max,
          gradePointCenti: null,
          description,
          sortOrder: i,
        })),
      );
      const areaIds = AREAS.map(() => uuidv7());
      await this.areas.add(
        AREAS.map((name, i) => ({ id: areaIds[i]!, name, sortOrder: i, scaleId: coScaleId })),
      );

      const term1 = uuidv7();
      const term2 = uuidv7();
      const split = '2026-09-30' > year.startsOn && '2026-09-30' < year.endsOn ? '2026-09-30' : year.startsOn;
      await this.terms.add({
        id: term1,
        academicYearId: year.id,
        name: 'Term 1',
        sortOrder: 0,
        startsOn: year.startsOn,
        endsOn: split,
        yearWeightageCenti: 5000,
        gradingScaleId: scaleId,
      });
      await this.terms.add({
        id: term2,
        academicYearId: year.id,
        name: 'Term 2',
        sortOrder: 1,
        startsOn: split < year.endsOn ? nextDay(split) : year.endsOn,
        endsOn: year.endsOn,
        yearWeightageCenti: 5000,
        gradingScaleId: scaleId,
      });
      const plan = [
        { termId: term1, code: 'PT1', name: 'Periodic Test 1', weight: 2000, test: true, marks: 'submitted' },
        { termId: term1, code: 'HY', name: 'Half-Yearly', weight: 8000, test: false, marks: 'submitted' },
        { termId: term2, code: 'PT2', name: 'Periodic Test 2', weight: 2000, test: true, marks: 'draft' },
        { termId: term2, code: 'AN', name: 'Annual', weight: 8000, test: false, marks: null },
      ] as const;
      const paperRows: (Omit<AssessmentPaper, 'tenantId'> & { marks: 'submitted' | 'draft' | null })[] = [];
      const componentRows: Omit<PaperComponent, 'tenantId'>[] = [];
      for (const [i, a] of plan.entries()) {
        const assessmentId = uuidv7();
        await this.assessments.add({
          id: assessmentId,
          termId: a.termId,
          name: a.name,
          code: a.code,
          sortOrder: i % 2,
          termWeightageCenti: a.weight,
        });
        for (const c of classes)
          for (const s of subjects) {
            const id = uuidv7();
            paperRows.push({
              id,
              assessmentId,
              classId: c.id,
              subjectId: s.id,
              maxMarksCenti: a.test ? 2000 : 8000,
              passMarksCenti: a.test ? 700 : 2600,
              marks: a.marks,
            });
            if (!a.test && s.code === 'SCI')
              componentRows.push(
                { paperId: id, code: 'theory', maxMarksCenti: 6000, sortOrder: 0 },
                { paperId: id, code: 'practical', maxMarksCenti: 2000, sortOrder: 1 },
              );
          }
      }
      await this.papers.add(paperRows.map(({ marks: _marks, ...p }) => p));
      await this.components.add(componentRows);

      const sheetRows: Omit<MarkSheet, 'tenantId' | 'updatedAt'>[] = [];
      const markRows: (MarkRow & { sheetId: string })[] = [];
      for (const p of paperRows) {
        if (!p.marks) continue;
        const columns = componentRows.filter((c) => c.paperId === p.id);
        const cols = columns.length
          ? columns.map((c) => ({ code: c.code as string, max: c.maxMarksCenti }))
          : [{ code: 'total', max: p.maxMarksCenti }];
        for (const section of sections.filter((s) => s.classId === p.classId)) {
          const sheetId = uuidv7();
          sheetRows.push({
            id: sheetId,
            paperId: p.id,
            sectionId: section.id,
            status: p.marks,
            enteredBy: null,
            submittedAt: p.marks === 'submitted' ? at : null,
            submittedBy: null,
            version: p.marks === 'submitted' ? 2 : 1,
          });
          for (const studentId of rosters.get(section.id) ?? [])
            for (const col of cols)
              markRows.push({ sheetId, ...demoMark(studentId, p.id, col.code, col.max) });
        }
      }
      await this.sheets.addMany(sheetRows as Parameters<MarkSheetsRepository['addMany']>[0]);
      await this.marks.insertMany(markRows, null, at);
      // Term 1's co-scholastic grades (mostly A and B) and the class teacher's remark for every student.
      const term1Students = [...rosters.values()].flat();
      await this.coGrades.addMany(
        term1Students.flatMap((studentId) =>
          areaIds.map((areaId) => ({
            termId: term1,
            areaId,
            studentId,
            grade: 'AABBC'[Math.floor(unit(`co|${studentId}|${areaId}`) * 5)]!,
            updatedBy: null,
          })),
        ),
      );
      await this.remarks.addMany(
        term1Students.map((studentId) => ({
          termId: term1,
          studentId,
          remark: REMARKS[Math.floor(unit(`remark|${studentId}`) * REMARKS.length)]!,
          remarkedBy: null,
        })),
      );
      await this.publications.addMany(
        classes.map((c) => ({
          termId: term1,
          classId: c.id,
          publishedAt: at,
          publishedBy: null,
          version: 1,
          unpublishedAt: null,
        })),
      );
      // The Half-Yearly's and the Annual's timetables (see exams-schedule-demo.seeder.ts).
      const sittings = await this.schedule.seed();
      await this.audit.record({
        action: 'exams.demo_seed',
        details: { papers: paperRows.length, sheets: sheetRows.length, marks: markRows.length, sittings },
      });
      return { papers: paperRows.length, sheets: sheetRows.length, marks: markRows.length };
    });
  }
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * A student's mark: a steady ability per student (35..95 %) plus a little noise per paper, in half marks;
 * about one cell in 80 is AB (absent), counted as zero.
 */
function demoMark(studentId: string, paperId: string, code: string, maxCenti: number): MarkRow {
  const ability = 0.35 + 0.6 * unit(`ability|${studentId}`);
  const noise = (unit(`noise|${studentId}|${paperId}|${code}`) - 0.5) * 0.2;
  if (unit(`absent|${studentId}|${paperId}`) < 1 / 80)
    return { studentId, componentCode: code, status: 'AB', marksCenti: null };
  const share = Math.min(1, Math.max(0, ability + noise));
  const centi = Math.min(maxCenti, Math.round((share * maxCenti) / 50) * 50);
  return { studentId, componentCode: code, status: 'marks', marksCenti: centi };
}
