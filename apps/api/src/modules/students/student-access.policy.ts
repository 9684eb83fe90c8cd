import { Injectable } from '@nestjs/common';
import { DefaultRole } from '@shala/contracts';
import { RequestContext } from '../../platform/tenancy/request-context';
import { AcademicsService } from '../academics/academics.service';
import { StudentGuardiansRepository, StudentsRepository } from './students.repository';

export type StudentScope =
  { kind: 'all' } | { kind: 'sections'; sectionIds: string[] } | { kind: 'students'; studentIds: string[] };

const OWNERSHIP_ROLES: readonly string[] = [DefaultRole.Teacher, DefaultRole.Parent, DefaultRole.Student];

/**
 * AZ-03: which students the caller may reach. Teachers reach the sections they teach this year, parents
 * their own children, students themselves; staff roles (admin, accountant, a school's custom roles) reach
 * all. Everything outside the scope is answered as not found.
 */
@Injectable()
export class StudentAccessPolicy {
  constructor(
    private readonly context: RequestContext,
    private readonly academics: AcademicsService,
    private readonly students: StudentsRepository,
    private readonly links: StudentGuardiansRepository,
  ) {}

  async scope(): Promise<StudentScope> {
    const roles = this.context.roles;
    const userId = this.context.userId;
    if (!userId) return { kind: 'students', studentIds: [] };
    if (roles.some((r) => !OWNERSHIP_ROLES.includes(r))) return { kind: 'all' };
    if (roles.includes(DefaultRole.Teacher)) {
      return { kind: 'sections', sectionIds: await this.academics.sectionIdsOfTeacher(userId) };
    }
    const ids = new Set<string>();
    if (roles.includes(DefaultRole.Parent))
      for (const id of await this.links.studentIdsOfParentAccount(userId)) ids.add(id);
    if (roles.includes(DefaultRole.Student))
      for (const s of await this.students.byUserId(userId)) ids.add(s.id);
    return { kind: 'students', studentIds: [...ids] };
  }
}
