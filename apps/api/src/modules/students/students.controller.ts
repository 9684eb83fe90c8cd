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
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { Permission } from '@shala/contracts';
import type { FastifyReply } from 'fastify';
import { ApiFile, ApiView } from '../../platform/http/api-view';
import { ValidationFailedError } from '../../platform/errors/domain-error';
import { page } from '../../platform/http/page-query';
import { CSV_CONTENT_TYPE, sendCsv, sendDownload } from '../../platform/http/send-csv';
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
  @ApiView('StudentSummary', {
    page: true,
    description:
      '{ items, nextCursor }: within the caller scope (teacher: own sections, parent: own children)',
  })
  list(@Query() query: ListStudentsQuery) {
    return this.students.list(query);
  }

  @Get('export')
  @RequirePermission(Permission.StudentsExport)
  @ApiFile('text/csv', 'CSV of the filtered list; formulas neutralised; no highly sensitive fields')
  async export(@Query() query: ExportStudentsQuery, @Res() reply: FastifyReply): Promise<void> {
    await sendCsv(reply, await this.students.exportCsv(query));
  }

  @Get('import/template')
  @RequirePermission(Permission.StudentsImport)
  @ApiFile('text/csv')
  async template(@Res() reply: FastifyReply): Promise<void> {
    await sendDownload(reply, {
      filename: 'students-template.csv',
      contentType: CSV_CONTENT_TYPE,
      body: this.importer.template(),
    });
  }

  @Post('import')
  @HttpCode(200)
  @RequirePermission(Permission.StudentsImport)
  @ApiConsumes('text/csv')
  @ApiView('ImportReport', {
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
  @ApiView('StudentSummary', {
    page: true,
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
    return page(items);
  }

  @Post('promotions')
  @HttpCode(200)
  @RequirePermission(Permission.AcademicsWrite)
  @ApiView('PromotionResult')
  promote(@Body() body: PromoteDto) {
    return this.promotion.promote(body);
  }

  @Put('guardians/:guardianId/account')
  @RequirePermission(Permission.StudentsWrite)
  @ApiView('GuardianAccountLink')
  async linkGuardianAccount(
    @Param('guardianId', new ParseUUIDPipe()) guardianId: string,
    @Body() body: AccountLinkDto,
  ) {
    await this.guardians.linkParentAccount(guardianId, body.userId);
    return { guardianId, userId: body.userId };
  }

  @Get(':id')
  @RequirePermission(Permission.StudentsRead)
  @ApiView('StudentProfile')
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.students.get(id);
  }

  @Post()
  @RequirePermission(Permission.StudentsWrite)
  @ApiView('StudentProfile', { status: 201 })
  create(@Body() body: CreateStudentDto) {
    return this.students.create(body);
  }

  @Patch(':id')
  @RequirePermission(Permission.StudentsWrite)
  @ApiView('StudentProfile')
  update(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: UpdateStudentDto) {
    return this.students.update(id, body);
  }

  @Post(':id/reveal')
  @HttpCode(200)
  @RequirePermission(Permission.StudentsSensitiveReveal)
  @ApiView('StudentProfile', { description: 'The profile with highly sensitive fields in clear; audited' })
  reveal(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.students.reveal(id);
  }

  @Post(':id/guardians')
  @RequirePermission(Permission.StudentsWrite)
  @ApiView('Guardian', { page: true, status: 201 })
  async addGuardian(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: GuardianDto) {
    return page(await this.guardians.add(id, body));
  }

  @Put(':id/account')
  @RequirePermission(Permission.StudentsWrite)
  @ApiView('StudentAccountLink')
  async linkStudentAccount(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: AccountLinkDto) {
    await this.directory.visible(id);
    await this.students.linkStudentAccount(id, body.userId);
    return { studentId: id, userId: body.userId };
  }
}
