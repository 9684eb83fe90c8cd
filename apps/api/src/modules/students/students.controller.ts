import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Permission } from '@shala/contracts';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { ValidationFailedError } from '../../platform/errors/domain-error';
import { csvRow } from '../../platform/http/csv';
import { RequirePermission } from '../../platform/security/route-policy.decorators';
import { RawBody } from '../../platform/http/raw-body.decorator';
import {
  AccountLinkDto,
  CreateStudentDto,
  ExportStudentsQuery,
  GuardianDto,
  ImportQuery,
  ListStudentsQuery,
  PromoteDto,
  SearchStudentsDto,
  UpdateStudentDto,
} from './dto/students.dto';
import { GuardiansService } from './guardians.service';
import { PromotionService } from './promotion.service';
import { StudentDirectory } from './student-directory';
import { StudentSearch } from './student-search.service';
import { StudentImportService } from './student-import.service';
import { StudentsService } from './students.service';

/** DAT-04: exports carry sensitive fields only; highly sensitive ones (national ID, medical, address, contacts) never. */
const EXPORT_COLUMNS = [
  'admission_no',
  'first_name',
  'last_name',
  'date_of_birth',
  'gender',
  'admission_date',
  'status',
  'class',
  'section',
  'roll_no',
];

@ApiTags('students')
@ApiBearerAuth()
@Controller('students')
export class StudentsController {
  constructor(
    private readonly students: StudentsService,
    private readonly importer: StudentImportService,
    private readonly promotion: PromotionService,
    private readonly guardians: GuardiansService,
    private readonly directory: StudentDirectory,
    private readonly finder: StudentSearch,
  ) {}

  @Get()
  @RequirePermission(Permission.StudentsRead)
  @ApiOkResponse({
    description:
      '{ items, nextCursor }: within the caller scope (teacher: own sections, parent: own children)',
  })
  list(@Query() query: ListStudentsQuery) {
    return this.students.list(query);
  }

  @Get('export')
  @RequirePermission(Permission.StudentsExport)
  @ApiOkResponse({
    description: 'CSV of the filtered list; formulas neutralised; no highly sensitive fields',
  })
  async export(@Query() query: ExportStudentsQuery, @Res() reply: FastifyReply): Promise<void> {
    const students = this.students;
    async function* lines(): AsyncGenerator<string> {
      yield csvRow(EXPORT_COLUMNS);
      let cursor: string | undefined;
      do {
        const page = await students.list({ ...query, limit: 200, cursor });
        for (const s of page.items) {
          yield csvRow([
            s.admissionNo,
            s.firstName,
            s.lastName,
            s.dateOfBirth,
            s.gender,
            s.admissionDate,
            s.status,
            s.enrolment?.className,
            s.enrolment?.sectionName,
            s.enrolment?.rollNo,
          ]);
        }
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    }
    // Build the whole file inside the request's context (tenant and caller scope), then stream it out.
    const chunks: string[] = [];
    for await (const line of lines()) chunks.push(line);
    await reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header(
        'content-disposition',
        `attachment; filename="students-${new Date().toISOString().slice(0, 10)}.csv"`,
      )
      .header('cache-control', 'no-store')
      .send(Readable.from(chunks));
  }

  @Get('import/template')
  @RequirePermission(Permission.StudentsImport)
  async template(@Res() reply: FastifyReply): Promise<void> {
    await reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="students-template.csv"')
      .send(this.importer.template());
  }

  @Post('import')
  @HttpCode(200)
  @RequirePermission(Permission.StudentsImport)
  @ApiConsumes('text/csv')
  @ApiOkResponse({
    description:
      'Row-by-row report { dryRun, rows, created, updated, errors: [{ row, column, message }] }; 422 when a real run has problems (nothing imported)',
  })
  import(@Query() query: ImportQuery, @RawBody() csv: unknown) {
    if (typeof csv !== 'string')
      throw new ValidationFailedError([{ field: 'body', message: 'send the CSV file as text/csv' }]);
    return this.importer.run(csv, query.dryRun ?? true);
  }

  @Post('search')
  @HttpCode(200)
  @RequirePermission(Permission.StudentsRead)
  @ApiOkResponse({
    description: 'Exact match on national ID or a guardian phone/email through blind indexes',
  })
  async search(@Body() body: SearchStudentsDto) {
    const given = [body.nationalId, body.guardianPhone, body.guardianEmail].filter(Boolean).length;
    if (given !== 1)
      throw new ValidationFailedError([
        { field: 'body', message: 'give exactly one of nationalId, guardianPhone, guardianEmail' },
      ]);
    const items = body.nationalId
      ? await this.finder.byNationalId(body.nationalId)
      : await this.finder.byGuardianContact(
          body.guardianPhone ? 'phone' : 'email',
          (body.guardianPhone ?? body.guardianEmail)!,
        );
    return { items, nextCursor: null };
  }

  @Post('promotions')
  @HttpCode(200)
  @RequirePermission(Permission.AcademicsWrite)
  promote(@Body() body: PromoteDto) {
    return this.promotion.promote(body);
  }

  @Put('guardians/:guardianId/account')
  @RequirePermission(Permission.StudentsWrite)
  async linkGuardianAccount(
    @Param('guardianId', new ParseUUIDPipe()) guardianId: string,
    @Body() body: AccountLinkDto,
  ) {
    await this.guardians.linkParentAccount(guardianId, body.userId);
    return { guardianId, userId: body.userId };
  }

  @Get(':id')
  @RequirePermission(Permission.StudentsRead)
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.students.get(id);
  }

  @Post()
  @RequirePermission(Permission.StudentsWrite)
  create(@Body() body: CreateStudentDto) {
    return this.students.create(body);
  }

  @Patch(':id')
  @RequirePermission(Permission.StudentsWrite)
  update(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: UpdateStudentDto) {
    return this.students.update(id, body);
  }

  @Post(':id/reveal')
  @HttpCode(200)
  @RequirePermission(Permission.StudentsSensitiveReveal)
  @ApiOkResponse({ description: 'The profile with highly sensitive fields in clear; audited' })
  reveal(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.students.reveal(id);
  }

  @Post(':id/guardians')
  @RequirePermission(Permission.StudentsWrite)
  async addGuardian(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: GuardianDto) {
    return { items: await this.guardians.add(id, body), nextCursor: null };
  }

  @Put(':id/account')
  @RequirePermission(Permission.StudentsWrite)
  async linkStudentAccount(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: AccountLinkDto) {
    await this.directory.visible(id);
    await this.students.linkStudentAccount(id, body.userId);
    return { studentId: id, userId: body.userId };
  }
}
