import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { type ReportCardModel, renderReportCard } from './report-card.renderer';
import { scriptRuns } from './report-pdf';

/** pdftotext (poppler-utils): installed on CI (REQUIRE_TOOLS=1 there fails rather than skips). */
const CAN_READ_PDF =
  spawnSync('sh', ['-c', 'command -v pdftotext'], { stdio: 'ignore' }).status === 0 ||
  process.env.REQUIRE_TOOLS === '1';

/** The text poppler's pdftotext reads from a PDF (what a search or copy-paste gets). */
function pdfText(pdf: Buffer): string {
  return execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString('utf8');
}

function sampleCard(overrides: Partial<ReportCardModel> = {}): ReportCardModel {
  return {
    school: { name: 'Green Valley School', address: '12 MG Road, Bengaluru', logo: null },
    kind: 'term',
    period: 'Term 1',
    academicYear: '2026-27',
    student: {
      fullName: 'अनन्या क्षत्रिय',
      admissionNo: 'GV-0001',
      className: 'Class 5',
      sectionName: 'A',
      rollNo: 1,
    },
    columns: [{ label: 'PT1 (20)' }, { label: 'HY (80)' }],
    subjects: [
      {
        subject: 'Mathematics',
        cells: ['18.5', '71'],
        marks: 89.5,
        maxMarks: 100,
        percentage: 89.5,
        grade: 'A2',
        passed: true,
      },
      {
        subject: 'हिन्दी',
        cells: ['AB', '60'],
        marks: 60,
        maxMarks: 100,
        percentage: 60,
        grade: 'C1',
        passed: true,
      },
    ],
    overall: { percentage: 74.75, grade: 'B1', gradePointAverage: 7.5, result: 'Pass' },
    coScholastic: [{ area: 'Art Education', grade: 'A' }],
    attendance: { workingDays: 112, present: 104.5, percent: 93.3 },
    remark: 'Works hard; श्रीवास्तव sir is pleased.',
    promotion: null,
    issuedOn: '2026-10-05',
    ...overrides,
  };
}

describe('report card renderer', () => {
  it('splits Latin and Devanagari into runs, neutral characters joining the run they follow', () => {
    expect(scriptRuns('Roll 5 अनन्या शर्मा (A)')).toEqual([
      { devanagari: false, text: 'Roll 5 ' },
      { devanagari: true, text: 'अनन्या शर्मा (' },
      { devanagari: false, text: 'A)' },
    ]);
  });

  it.skipIf(!CAN_READ_PDF)(
    'renders a card whose text gives back Devanagari names with their conjuncts, marks, grades and attendance',
    async () => {
      const pdf = await renderReportCard(
        sampleCard({ student: { ...sampleCard().student, fullName: 'श्रीवास्तव क्षत्रिय Ananya' } }),
      );
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const text = pdfText(pdf);
      expect(text).toContain('श्रीवास्तव क्षत्रिय');
      expect(text).toContain('Ananya');
      expect(text).toContain('Green Valley School');
      expect(text).toContain('हिन्दी');
      expect(text).toMatch(/Mathematics\s+18\.5\s+71\s+89\.5\/100\s+89\.5\s+A2\s+Pass/);
      expect(text).toMatch(/112\s+104\.5\s+93\.3/);
      expect(text).toContain('Art Education');
      expect(text).toContain('Class teacher');
    },
  );
});
