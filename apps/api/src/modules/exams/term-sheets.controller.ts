import { Body, Controller, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission } from '@shala/contracts';
import { ApiView } from '../../platform/http/api-view';
import { RequirePermission } from '../../platform/security/route-policy.decorators';
import { CoScholasticService } from './co-scholastic.service';
import { SaveCoScholasticDto, SaveRemarksDto } from './dto/term-sheets.dto';
import { RemarksService } from './remarks.service';
import { TermPublicationsService } from './term-publications.service';

/** A term's per-section sheets besides marks (co-scholastic grades, remarks) and its publication state. */
@ApiTags('exams')
@ApiBearerAuth()
@Controller('exams')
export class TermSheetsController {
  constructor(
    private readonly coScholastic: CoScholasticService,
    private readonly remarks: RemarksService,
    private readonly publications: TermPublicationsService,
  ) {}

  @Get('terms/:termId/sections/:sectionId/co-scholastic')
  @RequirePermission(Permission.ExamsRead)
  @ApiView('CoScholasticGridView', {
    description: "Students by roll number, one column per co-scholastic area with its scale's grades",
  })
  coScholasticGrid(
    @Param('termId', new ParseUUIDPipe()) termId: string,
    @Param('sectionId', new ParseUUIDPipe()) sectionId: string,
  ) {
    return this.coScholastic.grid(termId, sectionId);
  }

  @Put('terms/:termId/sections/:sectionId/co-scholastic')
  @RequirePermission(Permission.ExamsWrite)
  @ApiView('SaveTermSheetResult', {
    description: "Saves the grid in one transaction (idempotent); the class teacher's or school staff's",
  })
  saveCoScholastic(
    @Param('termId', new ParseUUIDPipe()) termId: string,
    @Param('sectionId', new ParseUUIDPipe()) sectionId: string,
    @Body() body: SaveCoScholasticDto,
  ) {
    return this.coScholastic.save(termId, sectionId, body);
  }

  @Get('terms/:termId/sections/:sectionId/remarks')
  @RequirePermission(Permission.ExamsRead)
  @ApiView('RemarksGridView', { description: "The class teacher's remark per student, by roll number" })
  remarksGrid(
    @Param('termId', new ParseUUIDPipe()) termId: string,
    @Param('sectionId', new ParseUUIDPipe()) sectionId: string,
  ) {
    return this.remarks.grid(termId, sectionId);
  }

  @Put('terms/:termId/sections/:sectionId/remarks')
  @RequirePermission(Permission.ExamsWrite)
  @ApiView('SaveTermSheetResult', {
    description: 'Saves the remarks in one transaction (idempotent); an empty remark removes it',
  })
  saveRemarks(
    @Param('termId', new ParseUUIDPipe()) termId: string,
    @Param('sectionId', new ParseUUIDPipe()) sectionId: string,
    @Body() body: SaveRemarksDto,
  ) {
    return this.remarks.save(termId, sectionId, body);
  }

  @Get('terms/:termId/publications')
  @RequirePermission(Permission.ExamsRead)
  @ApiView('TermPublicationsView', {
    description: 'Every class with papers in the term: published or not, version, when',
  })
  termPublications(@Param('termId', new ParseUUIDPipe()) termId: string) {
    return this.publications.ofTerm(termId);
  }
}
