import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission } from '@shala/contracts';
import { ApiView } from '../../platform/http/api-view';
import { RequirePermission } from '../../platform/security/route-policy.decorators';
import { ProgressQuery, SaveMarksDto } from './dto/exams.dto';
import { MarksProgressService } from './marks-progress.service';
import { MarksService } from './marks.service';

/** Marks entry grids (one paper for one section), their submission, and entry progress. */
@ApiTags('exams')
@ApiBearerAuth()
@Controller('exams')
export class MarksController {
  constructor(
    private readonly marks: MarksService,
    private readonly marksProgress: MarksProgressService,
  ) {}

  @Get('papers/:paperId/sections/:sectionId/marks')
  @RequirePermission(Permission.ExamsRead)
  @ApiView('MarksGridView', {
    description: 'The grid: enrolled students by roll number, their cells per column, sheet status',
  })
  grid(
    @Param('paperId', new ParseUUIDPipe()) paperId: string,
    @Param('sectionId', new ParseUUIDPipe()) sectionId: string,
  ) {
    return this.marks.grid(paperId, sectionId);
  }

  @Put('papers/:paperId/sections/:sectionId/marks')
  @RequirePermission(Permission.ExamsWrite)
  @ApiView('SaveMarksResult', {
    description:
      'Saves the grid in one transaction (idempotent); once submitted needs exams.moderate and a reason',
  })
  save(
    @Param('paperId', new ParseUUIDPipe()) paperId: string,
    @Param('sectionId', new ParseUUIDPipe()) sectionId: string,
    @Body() body: SaveMarksDto,
  ) {
    return this.marks.save(paperId, sectionId, body);
  }

  @Post('papers/:paperId/sections/:sectionId/marks/submit')
  @HttpCode(200)
  @RequirePermission(Permission.ExamsWrite)
  @ApiView('SaveMarksResult', {
    description: 'Locks the sheet; every student needs every cell entered first',
  })
  submit(
    @Param('paperId', new ParseUUIDPipe()) paperId: string,
    @Param('sectionId', new ParseUUIDPipe()) sectionId: string,
  ) {
    return this.marks.submit(paperId, sectionId);
  }

  @Get('progress')
  @RequirePermission(Permission.ExamsRead)
  @ApiView('MarksProgressView', {
    description: 'Per section and subject of an assessment: pending, entered or submitted',
  })
  progress(@Query() query: ProgressQuery) {
    return this.marksProgress.progress(query.assessmentId);
  }
}
