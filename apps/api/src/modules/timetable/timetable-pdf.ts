import type { BellDay, TimetableCell, TimetableSettings } from '@shala/contracts';
import { PdfWriter } from '../exams/report-pdf';

const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const PERIOD_COLUMN = 62;

const weekOrder = (days: BellDay[]) =>
  [...days].sort((a, b) => ((a.weekday + 6) % 7) - ((b.weekday + 6) % 7));

/**
 * A printable week (A4): a row per period with its times, a column per weekday taught, each cell the
 * subject and, for a section, the teacher (for a teacher, the section) and room.
 */
export async function timetablePdf(input: {
  title: string;
  subtitle: string;
  settings: TimetableSettings;
  cells: TimetableCell[];
  show: 'section' | 'teacher';
}): Promise<Buffer> {
  const pdf = new PdfWriter(input.title);
  pdf.text(input.title, { x: pdf.left, size: 16, bold: true });
  pdf.text(input.subtitle, { x: pdf.left, size: 10 });
  pdf.doc.moveDown(0.8);
  const days = weekOrder(input.settings.days);
  const periods = Math.max(0, ...days.flatMap((d) => d.slots.map((s) => s.period ?? 0)));
  const dayWidth = days.length ? (pdf.width - PERIOD_COLUMN) / days.length : 0;
  const columns = [
    { header: 'Period', width: PERIOD_COLUMN },
    ...days.map((d) => ({ header: DAY_NAMES[d.weekday]!, width: dayWidth })),
  ];
  const at = (weekday: number, period: number) =>
    input.cells.find((c) => c.weekday === weekday && c.period === period);
  const rows = Array.from({ length: periods }, (_, i) => i + 1).flatMap((period) => {
    const slot = days[0]?.slots.find((s) => s.period === period);
    const line = (pick: (c: TimetableCell) => string, label: string) => ({
      cells: [label, ...days.map((d) => (at(d.weekday, period) ? pick(at(d.weekday, period)!) : ''))],
    });
    return [
      { ...line((c) => c.subjectName, `${period}`), bold: true },
      line(
        (c) => (input.show === 'section' ? c.teacherName : c.sectionName),
        slot ? `${slot.start}-${slot.end}` : '',
      ),
      line((c) => c.room ?? '', ''),
    ];
  });
  pdf.table(columns, rows, { size: 8 });
  return pdf.finish();
}
