import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission } from '@shala/contracts';
import { ApiNoBody, ApiView } from '../../platform/http/api-view';
import { RequirePermission } from '../../platform/security/route-policy.decorators';
import { AcademicsService } from './academics.service';
import {
  AssignSubjectDto,
  CreateClassDto,
  CreateSectionDto,
  CreateSubjectDto,
  CreateYearDto,
  UpdateSectionDto,
  YearQuery,
} from './dto/academics.dto';
import { AcademicYear } from './entities/academics.entities';

const yearDto = (y: AcademicYear) => ({
  id: y.id,
  name: y.name,
  startsOn: y.startsOn,
  endsOn: y.endsOn,
  current: y.currentMarker !== null,
});

@ApiTags('academics')
@ApiBearerAuth()
@Controller('academics')
export class AcademicsController {
  constructor(private readonly academics: AcademicsService) {}

  @Get('years')
  @RequirePermission(Permission.AcademicsRead)
  @ApiView('AcademicYear', { page: true })
  async years() {
    return { items: (await this.academics.listYears()).map(yearDto), nextCursor: null };
  }

  @Post('years')
  @RequirePermission(Permission.AcademicsWrite)
  @ApiView('AcademicYear', { status: 201 })
  async createYear(@Body() body: CreateYearDto) {
    return yearDto(await this.academics.createYear(body));
  }

  @Post('years/:id/current')
  @HttpCode(200)
  @RequirePermission(Permission.AcademicsWrite)
  @ApiView('AcademicYear')
  async makeCurrent(@Param('id', new ParseUUIDPipe()) id: string) {
    return yearDto(await this.academics.makeCurrent(id));
  }

  /** Classes with their sections and class teachers: the structure screen in one call. */
  @Get('classes')
  @RequirePermission(Permission.AcademicsRead)
  @ApiView('ClassDto', { page: true })
  async classes() {
    const [classes, sections] = await Promise.all([
      this.academics.listClasses(),
      this.academics.listSections(),
    ]);
    return {
      items: classes.map((c) => ({
        id: c.id,
        name: c.name,
        ordinal: c.ordinal,
        sections: sections
          .filter((s) => s.classId === c.id)
          .map((s) => ({ id: s.id, name: s.name, classTeacherUserId: s.classTeacherUserId })),
      })),
      nextCursor: null,
    };
  }

  @Post('classes')
  @RequirePermission(Permission.AcademicsWrite)
  @ApiView('ClassDto', { status: 201 })
  async createClass(@Body() body: CreateClassDto) {
    const c = await this.academics.createClass(body);
    return { id: c.id, name: c.name, ordinal: c.ordinal, sections: [] };
  }

  @Post('sections')
  @RequirePermission(Permission.AcademicsWrite)
  @ApiView('SectionView', { status: 201 })
  async createSection(@Body() body: CreateSectionDto) {
    const s = await this.academics.createSection(body);
    return { id: s.id, classId: s.classId, name: s.name, classTeacherUserId: s.classTeacherUserId };
  }

  @Patch('sections/:id')
  @RequirePermission(Permission.AcademicsWrite)
  @ApiView('SectionView')
  async updateSection(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: UpdateSectionDto) {
    const s = await this.academics.updateSection(id, body);
    return { id: s.id, classId: s.classId, name: s.name, classTeacherUserId: s.classTeacherUserId };
  }

  @Get('subjects')
  @RequirePermission(Permission.AcademicsRead)
  @ApiView('SubjectDto', { page: true })
  async subjects() {
    return {
      items: (await this.academics.listSubjects()).map((s) => ({ id: s.id, code: s.code, name: s.name })),
      nextCursor: null,
    };
  }

  @Post('subjects')
  @RequirePermission(Permission.AcademicsWrite)
  @ApiView('SubjectDto', { status: 201 })
  async createSubject(@Body() body: CreateSubjectDto) {
    const s = await this.academics.createSubject(body);
    return { id: s.id, code: s.code, name: s.name };
  }

  @Get('subject-assignments')
  @RequirePermission(Permission.AcademicsRead)
  @ApiView('SubjectAssignment', { page: true })
  async assignments(@Query() query: YearQuery) {
    const rows = await this.academics.listAssignments(query.yearId);
    return {
      items: rows.map((a) => ({
        id: a.id,
        academicYearId: a.academicYearId,
        sectionId: a.sectionId,
        subjectId: a.subjectId,
        teacherUserId: a.teacherUserId,
      })),
      nextCursor: null,
    };
  }

  @Post('subject-assignments')
  @RequirePermission(Permission.AcademicsWrite)
  @ApiView('SubjectAssignment', { status: 201 })
  async assign(@Body() body: AssignSubjectDto) {
    const a = await this.academics.assignSubject(body);
    return {
      id: a.id,
      academicYearId: a.academicYearId,
      sectionId: a.sectionId,
      subjectId: a.subjectId,
      teacherUserId: a.teacherUserId,
    };
  }

  @Delete('subject-assignments/:id')
  @HttpCode(204)
  @RequirePermission(Permission.AcademicsWrite)
  @ApiNoBody()
  async unassign(@Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    await this.academics.unassignSubject(id);
  }
}
