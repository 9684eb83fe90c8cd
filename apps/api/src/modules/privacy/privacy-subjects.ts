import { Injectable } from '@nestjs/common';
import type { PrivacySubjectType } from '@shala/contracts';
import { NotFoundError } from '../../platform/errors/domain-error';
import { RequestContext } from '../../platform/tenancy/request-context';
import { StudentDirectory } from '../students/student-directory';
import { UsersService } from '../users/users.service';

export interface SubjectRef {
  type: PrivacySubjectType;
  id: string;
}

const key = (s: SubjectRef) => `${s.type}:${s.id}`;

/**
 * Who a data-subject request is about: checks the subject exists in this school (and, for a parent, is
 * themselves or one of their children: anything else is not found), and names subjects for the lists.
 */
@Injectable()
export class PrivacySubjects {
  constructor(
    private readonly students: StudentDirectory,
    private readonly users: UsersService,
    private readonly context: RequestContext,
  ) {}

  /** Staff: the subject must exist in this school. */
  async mustExist(subject: SubjectRef): Promise<void> {
    if (subject.type === 'student') await this.students.visible(subject.id);
    else if (subject.type === 'guardian') {
      if ((await this.students.guardianContacts([subject.id])).length === 0)
        throw new NotFoundError('The guardian');
    } else await this.users.get(subject.id);
  }

  /** A parent: their own guardian record, or a child of theirs; anything else answers 404. */
  async mustBeOwn(subject: SubjectRef): Promise<void> {
    const userId = this.context.userId;
    if (subject.type === 'student') {
      const scope = await this.students.scope();
      if (scope.kind !== 'students' || !scope.studentIds.includes(subject.id))
        throw new NotFoundError('The student');
      return;
    }
    if (subject.type === 'guardian') {
      const [guardian] = await this.students.guardianContacts([subject.id]);
      if (!guardian || !userId || guardian.userId !== userId) throw new NotFoundError('The guardian');
      return;
    }
    throw new NotFoundError('The subject');
  }

  /** Display names of the subjects, by `type:id`; unknown ones are left out. */
  async names(subjects: SubjectRef[]): Promise<Map<string, string>> {
    const ids = (type: PrivacySubjectType) => [
      ...new Set(subjects.filter((s) => s.type === type).map((s) => s.id)),
    ];
    const out = new Map<string, string>();
    const studentIds = ids('student');
    if (studentIds.length > 0)
      for (const [id, name] of await this.students.namesOf(studentIds))
        out.set(key({ type: 'student', id }), name);
    const guardianIds = ids('guardian');
    if (guardianIds.length > 0)
      for (const g of await this.students.guardianContacts(guardianIds))
        out.set(key({ type: 'guardian', id: g.guardianId }), g.fullName);
    const userIds = ids('staff');
    if (userIds.length > 0)
      for (const u of await this.users.findByIds(userIds))
        out.set(key({ type: 'staff', id: u.id }), u.displayName);
    return out;
  }

  nameOf(names: Map<string, string>, subject: SubjectRef): string | null {
    return names.get(key(subject)) ?? null;
  }
}
