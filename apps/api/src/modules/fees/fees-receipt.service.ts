import { Injectable } from '@nestjs/common';
import type { PaymentView } from '@shala/contracts';
import { AcademicsService } from '../academics/academics.service';
import { InstitutionProfiles, type Letterhead } from '../institutions/institution-profiles.service';
import { StudentDirectory } from '../students/student-directory';
import { UsersService } from '../users/users.service';
import { amountInWords, formatMoney } from './amount-in-words';
import { FeesLedgerService } from './fees-ledger.service';
import { FeesPaymentsService } from './fees-payments.service';
import { FeeHeadsRepository, FeeInvoicesRepository, FeePaymentsRepository } from './fees.repository';
import { balanceAfterPayment } from './receipt-balance';
import { newPdfDocument } from '../../platform/pdf/pdf-document';

/** Cheque or demand draft details, when the payment carries them (the fees payments work adds them). */
interface Instrument {
  number: string;
  bank: string;
  date: string;
}

/** Everything printed on a receipt, gathered before any drawing. */
interface ReceiptModel {
  school: Letterhead;
  footer: string;
  payment: PaymentView;
  student: { fullName: string; admissionNo: string; classSection: string };
  lines: { label: string; amount: number }[];
  balanceAfter: number | null;
  collector: string;
}

const LEFT = 36;
const WIDTH = 420 - 2 * LEFT; // A5 portrait

/**
 * The printable receipt of a payment: the school's letterhead (logo, address, contact), receipt number,
 * student with class and section, the lines paid, total in figures and words, the balance the student
 * owed right after this payment, who collected it, and the school's receipt footer.
 */
@Injectable()
export class FeesReceiptService {
  constructor(
    private readonly payments: FeesPaymentsService,
    private readonly paymentRows: FeePaymentsRepository,
    private readonly ledger: FeesLedgerService,
    private readonly profiles: InstitutionProfiles,
    private readonly students: StudentDirectory,
    private readonly academics: AcademicsService,
    private readonly users: UsersService,
    private readonly invoices: FeeInvoicesRepository,
    private readonly heads: FeeHeadsRepository,
  ) {}

  async pdf(paymentId: string): Promise<{ receiptNo: string; body: Buffer }> {
    const model = await this.model(paymentId);
    return { receiptNo: model.payment.receiptNo, body: await render(model) };
  }

  private async model(paymentId: string): Promise<ReceiptModel> {
    const payment = await this.payments.get(paymentId); // 404 unless the caller may see the student
    const [row, directory, invoices, heads, entries, school, profile] = await Promise.all([
      this.paymentRows.byId(paymentId),
      this.students.directory([payment.studentId]),
      this.invoices.byIds([...new Set(payment.allocations.map((a) => a.invoiceId))]),
      this.heads.list(),
      this.ledger.ledgerOf(payment.studentId),
      this.profiles.letterhead(),
      this.profiles.get(),
    ]);
    const student = directory.get(payment.studentId);
    const invoiceLabels = new Map(invoices.map((i) => [i.id, i.label]));
    const headNames = new Map(heads.map((h) => [h.id, h.name]));
    return {
      school,
      footer: profile.receiptFooter,
      payment,
      student: {
        fullName: student?.fullName ?? '',
        admissionNo: student?.admissionNo ?? '',
        classSection: await this.classSection(student?.sectionId ?? null),
      },
      lines: payment.allocations.map((a) => ({
        label: `${invoiceLabels.get(a.invoiceId) ?? ''} - ${headNames.get(a.headId) ?? ''}`,
        amount: a.amount,
      })),
      balanceAfter: balanceAfterPayment(entries, payment.id),
      collector: await this.collector(row?.receivedBy ?? null),
    };
  }

  /** "Class 5 - A", or empty when the student has no section this year. */
  private async classSection(sectionId: string | null): Promise<string> {
    if (!sectionId) return '';
    const section = (await this.academics.listSections()).find((s) => s.id === sectionId);
    if (!section) return '';
    const cls = (await this.academics.listClasses()).find((c) => c.id === section.classId);
    return `${cls?.name ?? ''} - ${section.name}`;
  }

  /** The cashier who recorded the payment; an online payment has none. */
  private async collector(userId: string | null): Promise<string> {
    if (!userId) return 'Online payment';
    const [user] = await this.users.findByIds([userId]);
    return user?.displayName ?? '';
  }
}

function render(model: ReceiptModel): Promise<Buffer> {
  const { payment, school, student } = model;
  const doc = newPdfDocument({ size: 'A5', margin: LEFT, info: { Title: `Receipt ${payment.receiptNo}` } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  // Letterhead: logo on the left, name, address and contact centred beside it.
  const top = doc.y;
  if (school.logo) doc.image(school.logo, LEFT, top, { fit: [44, 44] });
  const textLeft = school.logo ? LEFT + 52 : LEFT;
  const textWidth = school.logo ? WIDTH - 104 : WIDTH;
  doc.fontSize(15).text(school.name, textLeft, top, { width: textWidth, align: 'center' });
  doc.fontSize(8);
  if (school.address) doc.text(school.address, textLeft, doc.y + 2, { width: textWidth, align: 'center' });
  if (school.contact) doc.text(school.contact, textLeft, doc.y + 1, { width: textWidth, align: 'center' });
  doc.y = Math.max(doc.y, top + 48) + 4;
  doc
    .moveTo(LEFT, doc.y)
    .lineTo(LEFT + WIDTH, doc.y)
    .lineWidth(0.8)
    .stroke();
  doc.moveDown(0.5);

  doc.fontSize(11).text('Fee receipt', LEFT, doc.y, { width: WIDTH, align: 'center' }).moveDown(0.5);
  doc.fontSize(10);
  const pair = (label: string, value: string) =>
    doc.text(`${label}: ${value}`, LEFT, doc.y, { width: WIDTH });
  pair('Receipt no', payment.receiptNo);
  pair('Date', payment.paidOn);
  pair('Student', student.fullName);
  pair('Admission no', student.admissionNo);
  if (student.classSection) pair('Class and section', student.classSection);
  pair('Mode', `${payment.method.replace('_', ' ')}${payment.reference ? ` (${payment.reference})` : ''}`);
  // INSTRUMENT: cheque/DD details come from the fees payment work (PaymentView.instrument); printed when present.
  const instrument = (payment as PaymentView & { instrument?: Instrument | null }).instrument;
  if (instrument)
    pair(
      'Instrument',
      [`no. ${instrument.number}`, instrument.bank, instrument.date && `dated ${instrument.date}`]
        .filter(Boolean)
        .join(', '),
    );
  if (payment.status === 'reversed') doc.fillColor('red').text('REVERSED').fillColor('black');
  doc.moveDown();

  for (const line of model.lines) {
    const y = doc.y;
    doc.text(line.label, LEFT, y, { width: 250 });
    doc.text(formatMoney(line.amount, payment.currency), LEFT + 254, y, {
      width: WIDTH - 254,
      align: 'right',
    });
    doc.moveDown(0.3);
  }
  doc.moveDown(0.5);
  let y = doc.y;
  doc.text('Total', LEFT, y, { width: 250 });
  doc.text(formatMoney(payment.amount, payment.currency), LEFT + 254, y, {
    width: WIDTH - 254,
    align: 'right',
  });
  doc.moveDown(0.5);
  doc.text(amountInWords(payment.amount, payment.currency), LEFT, doc.y, { width: WIDTH });
  doc.moveDown(0.5);
  if (model.balanceAfter !== null) {
    y = doc.y;
    const advance = model.balanceAfter < 0;
    doc.text(advance ? 'Advance after this payment' : 'Balance due after this payment', LEFT, y, {
      width: 250,
    });
    doc.text(formatMoney(Math.abs(model.balanceAfter), payment.currency), LEFT + 254, y, {
      width: WIDTH - 254,
      align: 'right',
    });
  }
  doc.moveDown(1.5);
  doc.text(`Received by: ${model.collector}`, LEFT, doc.y, { width: WIDTH });
  doc.moveDown(2).fontSize(8);
  if (model.footer) doc.text(model.footer, LEFT, doc.y, { width: WIDTH, align: 'center' }).moveDown(0.5);
  doc.text('This is a computer-generated receipt.', LEFT, doc.y, { width: WIDTH, align: 'center' });
  doc.end();
  return done;
}
