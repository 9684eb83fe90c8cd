import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { Database } from '../../platform/database/database';
import { isLocalDate } from '../../platform/http/validators';
import {
  ConflictError,
  NotFoundError,
  RuleViolationError,
  ValidationFailedError,
} from '../../platform/errors/domain-error';
import { TenantCache } from '../../platform/cache/tenant-cache';
import { AuditService } from '../audit/audit.service';
import { UsersService } from '../users/users.service';
import {
  AcademicYearsRepository,
  ClassesRepository,
  SectionsRepository,
  SubjectAssignmentsRepository,
  SubjectsRepository,
} from './academics.repository';
import {
  AcademicYear,
  SchoolClass,
  Section,
  Subject,
  SubjectAssignment,
} from './entities/academics.entities';

/** The academic structure of an institution: years (one current), classes, sections, subjects, teachers. */
@Injectable()
export class AcademicsService {
  constructor(
    private readonly db: Database,
    private readonly years: AcademicYearsRepository,
    private readonly classes: ClassesRepository,
    private readonly sections: SectionsRepository,
    private readonly subjects: SubjectsRepository,
    private readonly assignments: SubjectAssignmentsRepository,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly cache: TenantCache,
  ) {}

  /** Structure changes drop the cached structure (classes, sections, years, assignments). */
  private changed(): void {
    this.cache.invalidate('academics:');
  }

  listYears(): Promise<AcademicYear[]> {
    return this.cache.get('academics:years', () => this.years.all());
  }

  async currentYear(): Promise<AcademicYear> {
    const year = await this.findCurrentYear();
    if (!year) throw new RuleViolationError('Set up the current academic year first.', 'NO_CURRENT_YEAR');
    return year;
  }

  findCurrentYear(): Promise<AcademicYear | null> {
    return this.cache.get('academics:current-year', () => this.years.current());
  }

  async year(id: string): Promise<AcademicYear> {
    const y = await this.years.byId(id);
    if (!y) throw new NotFoundError('The academic year');
    return y;
  }

  async createYear(input: {
    name: string;
    startsOn: string;
    endsOn: string;
    current?: boolean;
  }): Promise<AcademicYear> {
    const details = [];
    if (!isLocalDate(input.startsOn))
      details.push({ field: 'startsOn', message: 'must be a date YYYY-MM-DD' });
    if (!isLocalDate(input.endsOn)) details.push({ field: 'endsOn', message: 'must be a date YYYY-MM-DD' });
    if (details.length === 0 && input.endsOn <= input.startsOn)
      details.push({ field: 'endsOn', message: 'must be after startsOn' });
    if (details.length) throw new ValidationFailedError(details);
    return this.db.transaction(async () => {
      if (await this.years.byName(input.name))
        throw new ConflictError(`An academic year named ${input.name} exists.`, 'YEAR_NAME_TAKEN');
      const id = uuidv7();
      const makeCurrent = input.current || !(await this.years.current());
      await this.years.add({
        id,
        name: input.name,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        currentMarker: null,
      });
      if (makeCurrent) await this.years.makeCurrent(id);
      this.changed();
      await this.audit.record({
        action: 'academics.year_create',
        targetType: 'academic_year',
        targetId: id,
        details: { ...input, current: makeCurrent },
      });
      return (await this.years.byId(id))!;
    });
  }

  async makeCurrent(id: string): Promise<AcademicYear> {
    return this.db.transaction(async () => {
      const before = await this.years.current();
      await this.year(id);
      await this.years.makeCurrent(id);
      this.changed();
      await this.audit.record({
        action: 'academics.year_current',
        targetType: 'academic_year',
        targetId: id,
        details: { from: before?.id ?? null },
      });
      return (await this.years.byId(id))!;
    });
  }

  listClasses(): Promise<SchoolClass[]> {
    return this.cache.get('academics:classes', () => this.classes.all());
  }

  async class(id: string): Promise<SchoolClass> {
    const c = await this.classes.byId(id);
    if (!c) throw new NotFoundError('The class');
    return c;
  }

  async createClass(input: { name: string; ordinal: number }): Promise<SchoolClass> {
    return this.db.transaction(async () => {
      if (await this.classes.byName(input.name))
        throw new ConflictError(`A class named ${input.name} exists.`, 'CLASS_NAME_TAKEN');
      const id = uuidv7();
      await this.classes.add({ id, ...input });
      this.changed();
      await this.audit.record({
        action: 'academics.class_create',
        targetType: 'class',
        targetId: id,
        details: input,
      });
      return (await this.classes.byId(id))!;
    });
  }

  listSections(): Promise<Section[]> {
    return this.cache.get('academics:sections', () => this.sections.all());
  }

  sectionsOfClass(classId: string): Promise<Section[]> {
    return this.sections.ofClass(classId);
  }

  async section(id: string): Promise<Section> {
    const s = (await this.listSections()).find((x) => x.id === id);
    if (!s) throw new NotFoundError('The section');
    return s;
  }

  findSection(classId: string, name: string): Promise<Section | null> {
    return this.sections.byClassAndName(classId, name);
  }

  findClassByName(name: string): Promise<SchoolClass | null> {
    return this.classes.byName(name);
  }

  sectionsByIds(ids: string[]): Promise<Section[]> {
    return this.sections.byIds(ids);
  }

  private async requireStaff(userId: string | null | undefined, field: string): Promise<void> {
    if (!userId) return;
    const user = await this.users.get(userId).catch(() => null);
    if (!user || user.status === 'disabled')
      throw new ValidationFailedError([{ field, message: 'no active user of this institution has that id' }]);
  }

  async createSection(input: {
    classId: string;
    name: string;
    classTeacherUserId?: string | null;
  }): Promise<Section> {
    await this.class(input.classId);
    await this.requireStaff(input.classTeacherUserId, 'classTeacherUserId');
    return this.db.transaction(async () => {
      if (await this.sections.byClassAndName(input.classId, input.name))
        throw new ConflictError(`Section ${input.name} exists in that class.`, 'SECTION_NAME_TAKEN');
      const id = uuidv7();
      await this.sections.add({
        id,
        classId: input.classId,
        name: input.name,
        classTeacherUserId: input.classTeacherUserId ?? null,
      });
      this.changed();
      await this.audit.record({
        action: 'academics.section_create',
        targetType: 'section',
        targetId: id,
        details: input,
      });
      return (await this.sections.byId(id))!;
    });
  }

  async updateSection(
    id: string,
    patch: { name?: string; classTeacherUserId?: string | null },
  ): Promise<Section> {
    await this.requireStaff(patch.classTeacherUserId, 'classTeacherUserId');
    return this.db.transaction(async () => {
      const before = await this.section(id);
      await this.sections.patch(id, patch);
      this.changed();
      await this.audit.record({
        action: 'academics.section_update',
        targetType: 'section',
        targetId: id,
        details: Object.fromEntries(
          Object.entries(patch).map(([k, v]) => [k, { from: before[k as keyof Section], to: v }]),
        ),
      });
      return (await this.sections.byId(id))!;
    });
  }

  listSubjects(): Promise<Subject[]> {
    return this.subjects.all();
  }

  async createSubject(input: { code: string; name: string }): Promise<Subject> {
    return this.db.transaction(async () => {
      if (await this.subjects.byCode(input.code))
        throw new ConflictError(`A subject with code ${input.code} exists.`, 'SUBJECT_CODE_TAKEN');
      const id = uuidv7();
      await this.subjects.add({ id, ...input });
      this.changed();
      await this.audit.record({
        action: 'academics.subject_create',
        targetType: 'subject',
        targetId: id,
        details: input,
      });
      return (await this.subjects.byId(id))!;
    });
  }

  /** This year's subject assignments, cached like the rest of the structure (read by every period save). */
  currentAssignments(): Promise<SubjectAssignment[]> {
    return this.cache.get('academics:assignments', async () => {
      const year = await this.findCurrentYear();
      return year ? this.assignments.ofYear(year.id) : [];
    });
  }

  async listAssignments(yearId?: string): Promise<SubjectAssignment[]> {
    return this.assignments.ofYear(yearId ?? (await this.currentYear()).id);
  }

  /** Assigns (or reassigns) the teacher of a subject in a section for a year. */
  async assignSubject(input: {
    sectionId: string;
    subjectId: string;
    teacherUserId: string;
    academicYearId?: string;
  }): Promise<SubjectAssignment> {
    const yearId = input.academicYearId ?? (await this.currentYear()).id;
    await this.year(yearId);
    await this.section(input.sectionId);
    if (!(await this.subjects.byId(input.subjectId))) throw new NotFoundError('The subject');
    await this.requireStaff(input.teacherUserId, 'teacherUserId');
    return this.db.transaction(async () => {
      const existing = await this.assignments.bySlot(yearId, input.sectionId, input.subjectId);
      const id = existing?.id ?? uuidv7();
      if (existing) await this.assignments.setTeacher(id, input.teacherUserId);
      else
        await this.assignments.add({
          id,
          academicYearId: yearId,
          sectionId: input.sectionId,
          subjectId: input.subjectId,
          teacherUserId: input.teacherUserId,
        });
      this.changed();
      await this.audit.record({
        action: 'academics.subject_assign',
        targetType: 'subject_assignment',
        targetId: id,
        details: {
          sectionId: input.sectionId,
          subjectId: input.subjectId,
          teacher: { from: existing?.teacherUserId ?? null, to: input.teacherUserId },
        },
      });
      return (await this.assignments.byId(id))!;
    });
  }

  async unassignSubject(id: string): Promise<void> {
    await this.db.transaction(async () => {
      const a = await this.assignments.byId(id);
      if (!a) throw new NotFoundError('The assignment');
      await this.assignments.remove(id);
      this.changed();
      await this.audit.record({
        action: 'academics.subject_unassign',
        targetType: 'subject_assignment',
        targetId: id,
      });
    });
  }

  /** Sections a teacher teaches this year: as class teacher or through a subject (AZ-03). */
  /**
   * The sections a teacher teaches this year (class teacher or subject teacher): read on every request a
   * teacher makes, so cached like the rest of the structure and dropped by any structure change.
   */
  sectionIdsOfTeacher(userId: string): Promise<string[]> {
    return this.cache.get(`academics:teacher-sections:${userId}`, () => this.loadSectionIdsOfTeacher(userId));
  }

  private async loadSectionIdsOfTeacher(userId: string): Promise<string[]> {
    const year = await this.findCurrentYear();
    const asClassTeacher = (await this.sections.ofClassTeacher(userId)).map((s) => s.id);
    const asSubjectTeacher = year
      ? (await this.assignments.ofTeacher(year.id, userId)).map((a) => a.sectionId)
      : [];
    return [...new Set([...asClassTeacher, ...asSubjectTeacher])];
  }
}
