import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { Permission } from '@shala/contracts';
import type { FastifyReply } from 'fastify';
import { ApiFile, ApiView } from '../../platform/http/api-view';
import { ValidationFailedError } from '../../platform/errors/domain-error';
import { page } from '../../platform/http/page-query';
import { sendCsv } from '../../platform/http/send-csv';
import { RequirePermission } from '../../platform/security/route-policy.decorators';
import {
  AdjustmentDto,
  CollectionsQuery,
  CreateHeadDto,
  CreateStructureDto,
  DefaultersQuery,
  OptionalHeadsDto,
  RecordPaymentDto,
  ReversePaymentDto,
  StructureListQuery,
} from './dto/fees.dto';
import { FeesPaymentsService } from './fees-payments.service';
import { FeesReceiptService } from './fees-receipt.service';
import { FeesRemindersService } from './fees-reminders.service';
import { FeesReportsService } from './fees-reports.service';
import { FeesSetupService } from './fees-setup.service';

/** An Idempotency-Key is 1-100 printable ASCII characters (a UUID is typical). */
export function idempotencyKeyOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,100}$/.test(header))
    throw new ValidationFailedError([
      { field: 'Idempotency-Key', message: 'must be 1-100 printable characters without spaces' },
    ]);
  return header;
}

@ApiTags('fees')
@ApiBearerAuth()
@Controller('fees')
export class FeesController {
  constructor(
    private readonly setup: FeesSetupService,
    private readonly payments: FeesPaymentsService,
    private readonly reports: FeesReportsService,
    private readonly receipts: FeesReceiptService,
    private readonly reminders: FeesRemindersService,
  ) {}

  @Get('heads')
  @RequirePermission(Permission.FeesRead)
  @ApiView('FeeHead', { page: true })
  async heads() {
    return page(await this.setup.listHeads());
  }

  @Post('heads')
  @RequirePermission(Permission.FeesSetup)
  @ApiView('FeeHead', { status: 201 })
  createHead(@Body() body: CreateHeadDto) {
    return this.setup.createHead(body);
  }

  @Get('structures')
  @RequirePermission(Permission.FeesRead)
  @ApiView('FeeStructure', { page: true })
  async structures(@Query() query: StructureListQuery) {
    return page(await this.setup.listStructures(query.academicYearId));
  }

  @Post('structures')
  @RequirePermission(Permission.FeesSetup)
  @ApiView('FeeStructure', { status: 201 })
  createStructure(@Body() body: CreateStructureDto) {
    return this.setup.createStructure(body);
  }

  @Get('structures/:id')
  @RequirePermission(Permission.FeesRead)
  @ApiView('FeeStructure')
  structure(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.setup.structure(id);
  }

  @Post('structures/:id/invoices')
  @HttpCode(200)
  @RequirePermission(Permission.FeesSetup)
  @ApiView('InvoiceRunResult', {
    description: 'Invoices the class (idempotent): { created, skipped, students }',
  })
  generate(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.setup.generateInvoices(id);
  }

  @Get('students/:studentId/optional-heads')
  @RequirePermission(Permission.FeesRead)
  @ApiView('StudentOptionalHeads', {
    description: "The student's optional heads this year: { academicYearId, heads }",
  })
  studentOptionalHeads(@Param('studentId', new ParseUUIDPipe()) studentId: string) {
    return this.reports.optionalHeadsOf(studentId);
  }

  @Put('students/:studentId/optional-heads')
  @RequirePermission(Permission.FeesSetup)
  @ApiView('OptionalHeadsUpdate')
  optionalHeads(@Param('studentId', new ParseUUIDPipe()) studentId: string, @Body() body: OptionalHeadsDto) {
    return this.setup.setOptionalHeads(studentId, body.heads);
  }

  @Get('family')
  @RequirePermission(Permission.FeesRead)
  @ApiView('FamilyDues', { description: "The caller's children (parent) or self (student), each with dues" })
  family() {
    return this.reports.family();
  }

  @Get('students/:studentId/dues')
  @RequirePermission(Permission.FeesRead)
  @ApiView('StudentDues')
  dues(@Param('studentId', new ParseUUIDPipe()) studentId: string) {
    return this.reports.duesOf(studentId);
  }

  @Get('students/:studentId/ledger')
  @RequirePermission(Permission.FeesRead)
  @ApiView('StudentLedger')
  ledger(@Param('studentId', new ParseUUIDPipe()) studentId: string) {
    return this.reports.ledgerOf(studentId);
  }

  @Get('students/:studentId/payments')
  @RequirePermission(Permission.FeesRead)
  @ApiView('PaymentView', { page: true })
  async studentPayments(@Param('studentId', new ParseUUIDPipe()) studentId: string) {
    return page(await this.payments.ofStudent(studentId));
  }

  @Post('students/:studentId/payments')
  @RequirePermission(Permission.FeesCollect)
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'a retry with the same key answers the original payment',
  })
  @ApiView('PaymentView', { status: 201 })
  async recordPayment(
    @Param('studentId', new ParseUUIDPipe()) studentId: string,
    @Body() body: RecordPaymentDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { payment, replayed } = await this.payments.record(studentId, body, idempotencyKeyOf(key));
    if (replayed) void reply.header('idempotent-replayed', 'true');
    return payment;
  }

  @Post('students/:studentId/remind')
  @HttpCode(200)
  @RequirePermission(Permission.FeesCollect)
  @ApiView('FeeReminderOutcome', {
    description:
      "Queues the fee reminder to the student's guardians who opted in; once per student per day (a second call answers already_sent)",
  })
  remind(@Param('studentId', new ParseUUIDPipe()) studentId: string) {
    return this.reminders.remind(studentId);
  }

  @Get('invoices/:id')
  @RequirePermission(Permission.FeesRead)
  @ApiView('InvoiceView')
  invoice(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.reports.invoice(id);
  }

  @Post('invoices/:id/adjustments')
  @RequirePermission(Permission.FeesConcession)
  @ApiView('InvoiceView', { status: 201, description: 'A concession, waiver or fine; answers the invoice' })
  async adjust(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: AdjustmentDto) {
    await this.payments.adjust(id, body);
    return this.reports.invoice(id);
  }

  @Get('payments/:id')
  @RequirePermission(Permission.FeesRead)
  @ApiView('PaymentView')
  payment(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.payments.get(id);
  }

  @Post('payments/:id/reverse')
  @HttpCode(200)
  @RequirePermission(Permission.FeesReverse)
  @ApiView('PaymentView')
  reverse(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: ReversePaymentDto) {
    return this.payments.reverse(id, body.reason);
  }

  @Get('payments/:id/receipt')
  @RequirePermission(Permission.FeesRead)
  @ApiFile('application/pdf', 'application/pdf')
  async receipt(@Param('id', new ParseUUIDPipe()) id: string, @Res() reply: FastifyReply): Promise<void> {
    const { receiptNo, body } = await this.receipts.pdf(id);
    await reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="receipt-${receiptNo.replace(/[^\w-]+/g, '-')}.pdf"`)
      .header('cache-control', 'private, no-store')
      .send(body);
  }

  @Get('reports/defaulters')
  @RequirePermission(Permission.FeesRead)
  @ApiView('DefaultersReport')
  defaulters(@Query() query: DefaultersQuery) {
    return this.reports.defaulters(query);
  }

  @Get('reports/defaulters/export')
  @RequirePermission(Permission.FeesRead)
  @ApiFile('text/csv')
  async exportDefaulters(@Query() query: DefaultersQuery, @Res() reply: FastifyReply): Promise<void> {
    await sendCsv(reply, await this.reports.defaultersCsv(query));
  }

  @Get('reports/collections')
  @RequirePermission(Permission.FeesRead)
  @ApiView('CollectionsReport')
  collections(@Query() query: CollectionsQuery) {
    return this.reports.collections(query);
  }

  @Get('reports/collections/export')
  @RequirePermission(Permission.FeesRead)
  @ApiFile('text/csv')
  async exportCollections(@Query() query: CollectionsQuery, @Res() reply: FastifyReply): Promise<void> {
    await sendCsv(reply, await this.reports.collectionsCsv(query));
  }
}
