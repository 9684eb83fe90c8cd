import { type ReportCardModel, header, signatures } from './report-card.renderer';
import { PdfWriter, num, percent } from './report-pdf';

/** A student's transcript: one block per academic year with the year result of every subject. */
export interface TranscriptModel {
  school: ReportCardModel['school'];
  student: { fullName: string; admissionNo: string };
  years: {
    academicYear: string;
    className: string;
    /** The terms counted (parents: the published ones). */
    terms: string[];
    subjects: {
      subject: string;
      percentage: number | null;
      grade: string | null;
      passed: boolean | null;
      exempt: boolean;
    }[];
    percentage: number | null;
    grade: string | null;
    gradePointAverage: number | null;
    result: 'Pass' | 'Fail' | 'Pending';
  }[];
  issuedOn: string;
}

/** Renders the transcript (A4; a year's table moves to a new page when it does not fit). */
export async function renderTranscript(model: TranscriptModel): Promise<Buffer> {
  const pdf = new PdfWriter(`Transcript - ${model.student.fullName}`);
  const { doc } = pdf;
  header(pdf, model.school);
  pdf.text('Academic transcript', { x: pdf.left, width: pdf.width, align: 'center', size: 13, bold: true });
  doc.moveDown(0.6);
  const top = doc.y;
  pdf.text('Student', { x: pdf.left, y: top, size: 9, bold: true });
  pdf.text(model.student.fullName, { x: pdf.left + 80, y: top, size: 10 });
  pdf.text('Admission no', { x: pdf.left, y: top + 16, size: 9, bold: true });
  pdf.text(model.student.admissionNo, { x: pdf.left + 80, y: top + 16, size: 10 });
  doc.x = pdf.left;
  doc.y = top + 34;

  for (const y of model.years) {
    const needed = 60 + (y.subjects.length + 1) * 17;
    if (doc.y + needed > doc.page.height - doc.page.margins.bottom) doc.addPage();
    pdf.heading(`${y.academicYear} - ${y.className}`);
    pdf.text(`Terms: ${y.terms.join(', ')}`, { x: pdf.left, size: 8 });
    doc.moveDown(0.3);
    const w = (pdf.width - 200) / 3;
    pdf.table(
      [
        { header: 'Subject', width: 200 },
        { header: 'Year %', width: w, align: 'center' },
        { header: 'Grade', width: w, align: 'center' },
        { header: 'Result', width: w, align: 'center' },
      ],
      y.subjects.map((s) => ({
        cells: [
          s.subject,
          s.exempt ? 'EX' : num(s.percentage),
          s.grade ?? '-',
          s.passed === null ? '-' : s.passed ? 'Pass' : 'Fail',
        ],
      })),
    );
    doc.moveDown(0.4);
    pdf.text(
      `Overall: ${percent(y.percentage)}   Grade: ${y.grade ?? '-'}   CGPA: ${num(y.gradePointAverage)}   Result: ${y.result}`,
      { x: pdf.left, size: 10, bold: true },
    );
  }
  signatures(pdf, model.issuedOn, ['Prepared by', 'Principal']);
  return pdf.finish();
}
