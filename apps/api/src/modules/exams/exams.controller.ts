import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission } from '@shala/contracts';
import { ApiView } from '../../platform/http/api-view';
import { RequirePermission } from '../../platform/security/route-policy.decorators';
import {
  AssessmentsDto,
  CoScholasticAreaDto,
  GradingScaleDto,
  PapersDto,
  StructureQuery,
  TermsDto,
} from './dto/exams.dto';
import { CoScholasticAreasService } from './co-scholastic-areas.service';
import { ExamTermsService } from './exam-terms.service';
import { GradingScalesService } from './grading-scales.service';
import { PapersService } from './papers.service';
import { ExamStructureService } from './structure.service';

/** The exam structure of an academic year: scales, terms, assessments, papers, co-scholastic areas. */
@ApiTags('exams')
@ApiBearerAuth()
@Controller('exams')
export class ExamStructureController {
  constructor(
    private readonly structure: ExamStructureService,
    private readonly scales: GradingScalesService,
    private readonly terms: ExamTermsService,
    private readonly papers: PapersService,
    private readonly areas: CoScholasticAreasService,
  ) {}

  @Get('structure')
  @RequirePermission(Permission.ExamsRead)
  @ApiView('ExamStructureView', {
    description:
      "An academic year's exam structure in one answer: scales with bands, terms, assessments, papers",
  })
  read(@Query() query: StructureQuery) {
    return this.structure.structure(query.academicYearId);
  }

  @Post('grading-scales')
  @RequirePermission(Permission.ExamsWrite)
  @ApiView('GradingScaleView', {
    status: 201,
    description: 'The new scale; a scholastic scale covers 0..100 % with no gap or overlap',
  })
  createScale(@Body() body: GradingScaleDto) {
    return this.scales.createScale(body);
  }

  @Put('grading-scales/:scaleId')
  @RequirePermission(Permission.ExamsWrite)
  @ApiView('GradingScaleView', { description: 'The scale with its bands replaced' })
  replaceScale(@Param('scaleId', new ParseUUIDPipe()) scaleId: string, @Body() body: GradingScaleDto) {
    return this.scales.replaceScale(scaleId, body);
  }

  @Put('years/:academicYearId/terms')
  @RequirePermission(Permission.ExamsWrite)
  @ApiView('ExamStructureView', {
    description: "Sets the year's terms (weightages add up to 100 %); answers the structure",
  })
  replaceTerms(@Param('academicYearId', new ParseUUIDPipe()) academicYearId: string, @Body() body: TermsDto) {
    return this.terms.replaceTerms(academicYearId, body.terms);
  }

  @Put('terms/:termId/assessments')
  @RequirePermission(Permission.ExamsWrite)
  @ApiView('ExamStructureView', {
    description: "Sets the term's assessments (weightages add up to 100 %); answers the structure",
  })
  replaceAssessments(@Param('termId', new ParseUUIDPipe()) termId: string, @Body() body: AssessmentsDto) {
    return this.terms.replaceAssessments(termId, body.assessments);
  }

  @Put('assessments/:assessmentId/papers')
  @RequirePermission(Permission.ExamsWrite)
  @ApiView('PaperView', {
    array: true,
    description: 'Creates or changes papers per class and subject; answers them',
  })
  savePapers(@Param('assessmentId', new ParseUUIDPipe()) assessmentId: string, @Body() body: PapersDto) {
    return this.papers.savePapers(assessmentId, body.papers);
  }

  @Post('co-scholastic-areas')
  @HttpCode(201)
  @RequirePermission(Permission.ExamsWrite)
  @ApiView('CoScholasticAreaView', { status: 201, description: 'The new co-scholastic area' })
  addArea(@Body() body: CoScholasticAreaDto) {
    return this.areas.addArea(body);
  }
}
