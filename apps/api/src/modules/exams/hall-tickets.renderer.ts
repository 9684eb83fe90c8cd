import { type ReportCardModel, header, signatures } from './report-card.renderer';
import { PdfWriter } from './report-pdf';

/** Hall tickets (admit cards) of one assessment: a page per student with the section's sittings. */
export interface HallTicketsModel {
  school: ReportCardModel['school'];
  assessmentName: string;
  yearName: string;
  students: {
    fullName: string;
    admissionNo: string;
    className: string;
    sectionName: string;
    rollNo: number | null;
  }[];
  sittings: { sitsOn: string; startsAt: string; endsAt: string; subject: string; room: string }[];
  issuedOn: string;
}

/** A date for print: 'Mon 02 Mar 2027'. */
export function printedDate(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const day = d.toLocaleDateString('en-GB', { weekday: 'short', timeZone: 'UTC' });
  const rest = d.toLocaleDateString('en-GB', {
    day: '2-digit',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return `${day} ${rest}`;
}

/** Renders the hall tickets: one A4 page per student (Devanagari names shaped as on the report cards). */
export async function renderHallTickets(model: HallTicketsModel): Promise<Buffer> {
  const pdf = new PdfWriter(`Hall tickets - ${model.assessmentName}`);
  const { doc } = pdf;
  model.students.forEach((student, i) => {
    if (i > 0) doc.addPage();
    header(pdf, model.school);
    pdf.text('Hall ticket', { x: pdf.left, width: pdf.width, align: 'center', size: 14, bold: true });
    pdf.text(`${model.assessmentName} - ${model.yearName}`, {
      x: pdf.left,
      width: pdf.width,
      align: 'center',
      size: 10,
    });
    doc.moveDown(0.8);
    const top = doc.y;
    const fields: [string, string][] = [
      ['Student', student.fullName],
      ['Admission no', student.admissionNo],
      ['Class / section', `${student.className} ${student.sectionName}`],
      ['Roll no', student.rollNo === null ? '-' : String(student.rollNo)],
    ];
    fields.forEach(([label, value], k) => {
      pdf.text(label, { x: pdf.left, y: top + k * 17, size: 9, bold: true });
      pdf.text(value, { x: pdf.left + 95, y: top + k * 17, size: 10, width: pdf.width - 95, oneLine: true });
    });
    doc.x = pdf.left;
    doc.y = top + fields.length * 17 + 6;
    pdf.heading('Examination schedule');
    const rest = pdf.width - 120 - 90;
    pdf.table(
      [
        { header: 'Date', width: 120 },
        { header: 'Time', width: 90, align: 'center' },
        { header: 'Subject', width: rest * 0.6 },
        { header: 'Room', width: rest * 0.4 },
      ],
      model.sittings.map((s) => ({
        cells: [printedDate(s.sitsOn), `${s.startsAt}-${s.endsAt}`, s.subject, s.room],
      })),
    );
    doc.moveDown(0.8);
    pdf.text(
      'Bring this ticket to every paper. Be seated 15 minutes before the start; no electronic devices.',
      { x: pdf.left, width: pdf.width, size: 8 },
    );
    signatures(pdf, model.issuedOn, ['Student', 'Class teacher', 'Principal']);
  });
  return pdf.finish();
}
