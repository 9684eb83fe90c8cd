import { Injectable } from '@nestjs/common';
import { In, IsNull, Not } from 'typeorm';
import { Database } from '../../platform/database/database';
import { TenantScopedRepository } from '../../platform/database/tenant-scoped.repository';
import { RequestContext } from '../../platform/tenancy/request-context';
import {
  AcademicYear,
  SchoolClass,
  Section,
  Subject,
  SubjectAssignment,
} from './entities/academics.entities';

@Injectable()
export class AcademicYearsRepository extends TenantScopedRepository<AcademicYear> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, AcademicYear);
  }
  all(): Promise<AcademicYear[]> {
    return this.find({ order: { startsOn: 'DESC' } });
  }
  byId(id: string): Promise<AcademicYear | null> {
    return this.findOneBy({ id });
  }
  byName(name: string): Promise<AcademicYear | null> {
    return this.findOneBy({ name });
  }
  current(): Promise<AcademicYear | null> {
    return this.findOneBy({ currentMarker: Not(IsNull()) });
  }
  async add(year: Omit<AcademicYear, 'tenantId'>): Promise<void> {
    await this.insert(year);
  }
  async makeCurrent(id: string): Promise<void> {
    await this.update({ currentMarker: Not(IsNull()) }, { currentMarker: null });
    await this.update({ id }, { currentMarker: 1 });
  }
}

@Injectable()
export class ClassesRepository extends TenantScopedRepository<SchoolClass> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, SchoolClass);
  }
  all(): Promise<SchoolClass[]> {
    return this.find({ order: { ordinal: 'ASC', name: 'ASC' } });
  }
  byId(id: string): Promise<SchoolClass | null> {
    return this.findOneBy({ id });
  }
  byName(name: string): Promise<SchoolClass | null> {
    return this.findOneBy({ name });
  }
  async add(c: Omit<SchoolClass, 'tenantId'>): Promise<void> {
    await this.insert(c);
  }
  rename(id: string, patch: Partial<Pick<SchoolClass, 'name' | 'ordinal'>>): Promise<number> {
    return this.update({ id }, patch);
  }
}

@Injectable()
export class SectionsRepository extends TenantScopedRepository<Section> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, Section);
  }
  all(): Promise<Section[]> {
    return this.find({ order: { name: 'ASC' } });
  }
  byId(id: string): Promise<Section | null> {
    return this.findOneBy({ id });
  }
  byIds(ids: string[]): Promise<Section[]> {
    return ids.length ? this.find({ where: { id: In(ids) } }) : Promise.resolve([]);
  }
  ofClass(classId: string): Promise<Section[]> {
    return this.find({ where: { classId }, order: { name: 'ASC' } });
  }
  byClassAndName(classId: string, name: string): Promise<Section | null> {
    return this.findOneBy({ classId, name });
  }
  ofClassTeacher(userId: string): Promise<Section[]> {
    return this.find({ where: { classTeacherUserId: userId } });
  }
  async add(s: Omit<Section, 'tenantId'>): Promise<void> {
    await this.insert(s);
  }
  patch(id: string, patch: Partial<Pick<Section, 'name' | 'classTeacherUserId'>>): Promise<number> {
    return this.update({ id }, patch);
  }
}

@Injectable()
export class SubjectsRepository extends TenantScopedRepository<Subject> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, Subject);
  }
  all(): Promise<Subject[]> {
    return this.find({ order: { code: 'ASC' } });
  }
  byId(id: string): Promise<Subject | null> {
    return this.findOneBy({ id });
  }
  byCode(code: string): Promise<Subject | null> {
    return this.findOneBy({ code });
  }
  async add(s: Omit<Subject, 'tenantId'>): Promise<void> {
    await this.insert(s);
  }
}

@Injectable()
export class SubjectAssignmentsRepository extends TenantScopedRepository<SubjectAssignment> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, SubjectAssignment);
  }
  ofYear(yearId: string): Promise<SubjectAssignment[]> {
    return this.find({ where: { academicYearId: yearId } });
  }
  ofTeacher(yearId: string, userId: string): Promise<SubjectAssignment[]> {
    return this.find({ where: { academicYearId: yearId, teacherUserId: userId } });
  }
  byId(id: string): Promise<SubjectAssignment | null> {
    return this.findOneBy({ id });
  }
  bySlot(yearId: string, sectionId: string, subjectId: string): Promise<SubjectAssignment | null> {
    return this.findOneBy({ academicYearId: yearId, sectionId, subjectId });
  }
  async add(a: Omit<SubjectAssignment, 'tenantId'>): Promise<void> {
    await this.insert(a);
  }
  setTeacher(id: string, teacherUserId: string): Promise<number> {
    return this.update({ id }, { teacherUserId });
  }
  remove(id: string): Promise<number> {
    return this.delete({ id });
  }
}
