import { describe, expect, it } from 'vitest';
import type { ExamTerm } from './entities/exams.entities';
import { type CardContext, fileNameOf, termModel, yearModel } from './report-card-models';
import type { ClassResults, ReportTermPlan } from './report-results';
import type { StudentTermResult, StudentYearResult, SubjectTermResult } from './results';

const context: CardContext = {
  school: { name: 'Green Valley School', address: null, logo: null },
  yearName: '2026-27',
  names: new Map([
    ['maths', 'Mathematics'],
    ['eng', 'English'],
  ]),
  today: '2026-10-05',
};
const head = { id: 's1', fullName: 'अनन्या क्षत्रिय', admissionNo: 'GV-0001' };
const placement = { classId: 'c5', className: 'Class 5', sectionId: 'a', sectionName: 'A', rollNo: 3 };
const extras = { coScholastic: [], remark: null, attendance: null };

const term = (id: string, name: string, sortOrder: number) =>
  ({ id, name, sortOrder, yearWeightageCenti: 5000 }) as ExamTerm;
const plan = (t: ExamTerm): ReportTermPlan => ({
  term: t,
  assessments: [
    { id: `${t.id}-pt`, code: 'PT', name: 'Periodic Test', sortOrder: 0 },
    { id: `${t.id}-hy`, code: 'HY', name: 'Half-Yearly', sortOrder: 1 },
  ] as ReportTermPlan['assessments'],
  papers: [],
  components: new Map(),
  bands: [],
});
const subject = (
  subjectId: string,
  termId: string,
  over: Partial<SubjectTermResult> = {},
): SubjectTermResult => ({
  subjectId,
  status: 'complete',
  weightedPercentCenti: 7550,
  passPercentCenti: 3300,
  marksCenti: 5134,
  maxMarksCenti: 6800,
  grade: 'B1',
  gradePointCenti: 800,
  passed: true,
  perAssessment: [
    {
      assessmentId: `${termId}-pt`,
      status: 'marks',
      marksCenti: 1850,
      maxCenti: 2000,
      effectiveWeightCenti: 2000,
    },
    { assessmentId: `${termId}-hy`, status: 'AB', marksCenti: 0, maxCenti: 8000, effectiveWeightCenti: 8000 },
  ],
  ...over,
});

function results(yearPassed: boolean | null): ClassResults {
  const plans = [plan(term('t1', 'Term 1', 0)), plan(term('t2', 'Term 2', 1))];
  const termResult = (termId: string): StudentTermResult => ({
    studentId: 's1',
    subjects: [
      subject('maths', termId),
      subject('eng', termId, { status: 'exempt', weightedPercentCenti: null }),
    ],
    percentCenti: 7550,
    grade: 'B1',
    passed: true,
    gradePointAverageCenti: 800,
  });
  const year: StudentYearResult = {
    studentId: 's1',
    subjects: [
      {
        subjectId: 'maths',
        status: 'complete',
        percentCenti: 7550,
        passPercentCenti: 3300,
        grade: 'B1',
        gradePointCenti: 800,
        passed: yearPassed,
      },
    ],
    percentCenti: 7550,
    grade: 'B1',
    passed: yearPassed,
    cumulativeGradePointAverageCenti: 800,
  };
  return { plans, term: (termId) => termResult(termId), year: () => year };
}

describe('report card models', () => {
  it('prints a term card cell per assessment as marks/max or the cell code, and decimals from centi', () => {
    const r = results(true);
    const card = termModel(r.plans[0]!, r.term('t1', 's1'), head, placement, context, extras);
    expect(card.columns).toEqual([{ label: 'PT' }, { label: 'HY' }]);
    const maths = card.subjects.find((s) => s.subject === 'Mathematics')!;
    expect(maths).toMatchObject({ cells: ['18.5/20', 'AB'], marks: 51.34, maxMarks: 68, percentage: 75.5 });
    expect(card.overall).toEqual({ percentage: 75.5, grade: 'B1', gradePointAverage: 8, result: 'Pass' });
    expect(card.student).toMatchObject({ fullName: 'अनन्या क्षत्रिय', className: 'Class 5', rollNo: 3 });
  });

  it('states promotion eligibility on the year card only once every term is in', () => {
    const card = (passed: boolean | null, complete: boolean) =>
      yearModel(results(passed), 's1', head, placement, context, { ...extras, complete });
    expect(card(true, true).promotion).toBe('Eligible for promotion to the next class');
    expect(card(false, true).promotion).toBe('Not eligible for promotion');
    expect(card(true, false).promotion).toBe('Pending');
    expect(card(null, true).promotion).toBe('Pending');
    const year = card(true, true);
    expect(year.columns).toEqual([{ label: 'Term 1 %' }, { label: 'Term 2 %' }]);
    expect(year.subjects[0]!.cells).toEqual(['75.5', '75.5']);
  });

  it('makes file names without path separators or control characters, keeping Devanagari', () => {
    expect(fileNameOf(3, 'अनन्या क्षत्रिय')).toBe('3-अनन्या क्षत्रिय');
    expect(fileNameOf(4, '../../etc/passwd')).toBe('4-.._.._etc_passwd');
    expect(fileNameOf(null, 'a\\b\u0000c\nd')).toBe('a_b_c_d');
  });
});
