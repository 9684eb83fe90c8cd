import { Injectable } from '@nestjs/common';
import PDFDocument from 'pdfkit';
import { CurrentInstitution } from '../institutions/current-institution';
import { StudentDirectory } from '../students/student-directory';
import { amountInWords, formatMoney } from './amount-in-words';
import { FeesPaymentsService } from './fees-payments.service';
import { FeeHeadsRepository, FeeInvoicesRepository } from './fees.repository';

/** The printable receipt of a payment: institution, receipt number, student, lines, total, in words. */
@Injectable()
export class FeesReceiptService {
  constructor(
    private readonly payments: FeesPaymentsService,
    private readonly institution: CurrentInstitution,
    private readonly students: StudentDirectory,
    private readonly invoices: FeeInvoicesRepository,
    private readonly heads: FeeHeadsRepository,
  ) {}

  async pdf(paymentId: string): Promise<{ receiptNo: string; body: Buffer }> {
    const payment = await this.payments.get(paymentId);
    const student = (await this.students.directory([payment.studentId])).get(payment.studentId);
    const invoices = new Map(
      (await this.invoices.byIds([...new Set(payment.allocations.map((a) => a.invoiceId))])).map((i) => [
        i.id,
        i,
      ]),
    );
    const headNames = new Map((await this.heads.list()).map((h) => [h.id, h.name]));
    const school = await this.institution.name();

    const doc = new PDFDocument({ size: 'A5', margin: 36, info: { Title: `Receipt ${payment.receiptNo}` } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));

    doc.fontSize(16).text(school, { align: 'center' });
    doc.fontSize(11).text('Fee receipt', { align: 'center' }).moveDown();
    doc.fontSize(10);
    doc.text(`Receipt no: ${payment.receiptNo}`);
    doc.text(`Date: ${payment.paidOn}`);
    doc.text(`Student: ${student?.fullName ?? ''}`);
    doc.text(`Admission no: ${student?.admissionNo ?? ''}`);
    doc.text(
      `Mode: ${payment.method.replace('_', ' ')}${payment.reference ? ` (${payment.reference})` : ''}`,
    );
    if (payment.status === 'reversed') doc.fillColor('red').text('REVERSED').fillColor('black');
    doc.moveDown();
    for (const a of payment.allocations) {
      const inv = invoices.get(a.invoiceId);
      const y = doc.y;
      doc.text(`${inv?.label ?? ''} - ${headNames.get(a.headId) ?? ''}`, 36, y, { width: 250 });
      doc.text(formatMoney(a.amount, payment.currency), 290, y, { width: 90, align: 'right' });
      doc.moveDown(0.3);
    }
    doc.moveDown();
    const y = doc.y;
    doc.text('Total', 36, y, { width: 250 });
    doc.text(formatMoney(payment.amount, payment.currency), 290, y, { width: 90, align: 'right' });
    doc.moveDown();
    doc.text(amountInWords(payment.amount, payment.currency), 36);
    doc.moveDown(2).fontSize(8).text('This is a computer-generated receipt.', { align: 'center' });
    doc.end();
    await done;
    return { receiptNo: payment.receiptNo, body: Buffer.concat(chunks) };
  }
}
