import { PdfWriter, num, percent } from './report-pdf';

/**
 * A report card as it prints: everything already worked out (marks, grades, attendance, result), so the
 * renderer only lays it out. Numbers are decimals (centi turned back at the edge); null prints as a dash.
 */
export interface ReportCardModel {
  school: { name: string; address: string | null; logo: Buffer | null };
  /** 'term': one term, a column per assessment; 'year': a column per term and the year result. */
  kind: 'term' | 'year';
  /** "Term 1" or "Annual report"; printed with the academic year. */
  period: string;
  academicYear: string;
  student: {
    fullName: string;
    admissionNo: string;
    className: string;
    sectionName: string | null;
    rollNo: number | null;
  };
  /** The scholastic columns: an assessment (term card, max = its paper maximum) or a term (year card, %). */
  columns: { label: string }[];
  subjects: {
    subject: string;
    /** One cell per column: marks, AB/EX/ML, a percentage (year card), or '-' when none. */
    cells: string[];
    marks: number | null;
    maxMarks: number | null;
    percentage: number | null;
    grade: string | null;
    passed: boolean | null;
  }[];
  overall: {
    percentage: number | null;
    grade: string | null;
    gradePointAverage: number | null;
    /** Pass, Fail, or Pending while marks are missing. */
    result: 'Pass' | 'Fail' | 'Pending';
  };
  coScholastic: { area: string; grade: string | null }[];
  attendance: { workingDays: number; present: number; percent: number | null } | null;
  remark: string | null;
  /** Year card: "Promoted to the next class", "Not promoted", "Pending". */
  promotion: string | null;
  /** The institution's local date the card was made. */
  issuedOn: string;
}

/** Renders one report card (A4, one page for a usual class) to PDF bytes. */
export async function renderReportCard(card: ReportCardModel): Promise<Buffer> {
  const pdf = new PdfWriter(`Report card - ${card.student.fullName} - ${card.period} ${card.academicYear}`);
  const { doc } = pdf;
  header(pdf, card.school);
  pdf.text(`Report card - ${card.period} - ${card.academicYear}`, {
    x: pdf.left,
    width: pdf.width,
    align: 'center',
    size: 13,
    bold: true,
  });
  doc.moveDown(0.8);

  // Student details in two columns.
  const s = card.student;
  const top = doc.y;
  const half = pdf.width / 2;
  const detail = (label: string, value: string, x: number, y: number) => {
    pdf.text(label, { x, y, size: 9, bold: true });
    pdf.text(value, { x: x + 80, y, width: half - 90, size: 10, oneLine: true });
  };
  detail('Student', s.fullName, pdf.left, top);
  detail('Admission no', s.admissionNo, pdf.left, top + 16);
  detail('Class', s.sectionName ? `${s.className} - ${s.sectionName}` : s.className, pdf.left + half, top);
  detail('Roll no', s.rollNo == null ? '-' : String(s.rollNo), pdf.left + half, top + 16);
  doc.x = pdf.left;
  doc.y = top + 36;

  pdf.heading('Scholastic areas');
  // Term card: a column per assessment, then the weighted total; year card: a column per term (%).
  const withTotal = card.kind === 'term';
  const subjectWidth = 130;
  const each = (pdf.width - subjectWidth) / (card.columns.length + (withTotal ? 4 : 3));
  const center = 'center' as const;
  pdf.table(
    [
      { header: 'Subject', width: subjectWidth },
      ...card.columns.map((c) => ({ header: c.label, width: each, align: center })),
      ...(withTotal ? [{ header: 'Total', width: each, align: center }] : []),
      { header: card.kind === 'term' ? '%' : 'Year %', width: each, align: center },
      { header: 'Grade', width: each, align: center },
      { header: 'Result', width: each, align: center },
    ],
    card.subjects.map((x) => ({
      cells: [
        x.subject,
        ...x.cells,
        ...(withTotal ? [x.marks == null ? '-' : `${num(x.marks)}/${num(x.maxMarks)}`] : []),
        num(x.percentage),
        x.grade ?? '-',
        x.passed == null ? '-' : x.passed ? 'Pass' : 'Fail',
      ],
    })),
  );
  doc.moveDown(0.6);
  const o = card.overall;
  pdf.text(
    `Overall: ${percent(o.percentage)}   Grade: ${o.grade ?? '-'}   GPA: ${num(o.gradePointAverage)}   Result: ${o.result}`,
    { x: pdf.left, size: 10, bold: true },
  );

  if (card.coScholastic.length) {
    pdf.heading('Co-scholastic areas');
    pdf.table(
      [
        { header: 'Area', width: pdf.width - 100 },
        { header: 'Grade', width: 100, align: 'center' },
      ],
      card.coScholastic.map((c) => ({ cells: [c.area, c.grade ?? '-'] })),
    );
  }

  pdf.heading('Attendance');
  const a = card.attendance;
  pdf.table(
    [
      { header: 'Working days', width: pdf.width / 3, align: 'center' },
      { header: 'Days present', width: pdf.width / 3, align: 'center' },
      { header: 'Attendance %', width: pdf.width / 3, align: 'center' },
    ],
    [{ cells: a ? [String(a.workingDays), num(a.present), num(a.percent)] : ['-', '-', '-'] }],
  );

  pdf.heading("Class teacher's remark");
  pdf.text(card.remark ?? '-', { x: pdf.left, width: pdf.width, size: 10 });

  pdf.heading('Result');
  pdf.text(`Result: ${o.result}`, { x: pdf.left, size: 10 });
  if (card.promotion) pdf.text(`Promotion: ${card.promotion}`, { x: pdf.left, size: 10 });

  signatures(pdf, card.issuedOn);
  return pdf.finish();
}

/** Logo (or a monogram), school name and address, centred. */
export function header(pdf: PdfWriter, school: ReportCardModel['school']): void {
  const { doc } = pdf;
  const top = doc.y;
  if (school.logo) {
    doc.image(school.logo, pdf.left, top, { fit: [48, 48] });
  } else {
    const initials = school.name
      .split(/\s+/)
      .filter((w) => /^[A-Za-z]/.test(w))
      .slice(0, 2)
      .map((w) => w[0]!.toUpperCase())
      .join('');
    doc
      .circle(pdf.left + 24, top + 24, 22)
      .lineWidth(1)
      .stroke();
    pdf.text(initials, { x: pdf.left, y: top + 17, width: 48, align: 'center', size: 13, bold: true });
  }
  pdf.text(school.name, {
    x: pdf.left + 56,
    y: top + 4,
    width: pdf.width - 112,
    align: 'center',
    size: 17,
    bold: true,
  });
  if (school.address)
    pdf.text(school.address, {
      x: pdf.left + 56,
      y: top + 28,
      width: pdf.width - 112,
      align: 'center',
      size: 9,
    });
  doc.x = pdf.left;
  doc.y = top + 58;
  doc
    .moveTo(pdf.left, doc.y)
    .lineTo(pdf.left + pdf.width, doc.y)
    .lineWidth(1)
    .stroke();
  doc.moveDown(0.6);
}

/** Three signature lines near the bottom of the page, and the issue date. */
export function signatures(
  pdf: PdfWriter,
  issuedOn: string,
  labels = ['Class teacher', 'Principal', 'Parent / guardian'],
): void {
  const { doc } = pdf;
  const bottom = doc.page.height - doc.page.margins.bottom;
  if (doc.y > bottom - 70) doc.addPage();
  const y = Math.max(doc.y + 40, bottom - 50);
  const w = pdf.width / labels.length;
  labels.forEach((label, i) => {
    const x = pdf.left + i * w;
    doc
      .moveTo(x + 10, y)
      .lineTo(x + w - 10, y)
      .lineWidth(0.5)
      .stroke();
    pdf.text(label, { x, y: y + 4, width: w, align: 'center', size: 9 });
  });
  pdf.text(`Issued on ${issuedOn}. This is a computer-generated report.`, {
    x: pdf.left,
    y: y + 22,
    width: pdf.width,
    align: 'center',
    size: 7,
  });
}
