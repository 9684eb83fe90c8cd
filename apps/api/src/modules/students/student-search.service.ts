import { Injectable } from '@nestjs/common';
import { GuardiansService } from './guardians.service';
import { StudentDirectory } from './student-directory';
import type { StudentSummary } from '@shala/contracts';
import { StudentViews } from './student-view';
import { StudentsCrypto } from './students.crypto';
import { StudentsRepository } from './students.repository';

/** Exact-match searches through blind indexes (DAT-03), answered within the caller's scope. */
@Injectable()
export class StudentSearch {
  constructor(
    private readonly crypto: StudentsCrypto,
    private readonly students: StudentsRepository,
    private readonly guardians: GuardiansService,
    private readonly directory: StudentDirectory,
    private readonly views: StudentViews,
  ) {}

  /** Students with this national ID. */
  async byNationalId(nationalId: string): Promise<StudentSummary[]> {
    const bidx = this.crypto.index('national_id', nationalId);
    if (!bidx) return [];
    return this.summaries((await this.students.byNationalIdIndex(bidx)).map((s) => s.id));
  }

  /** Students whose guardian has this phone or email. */
  async byGuardianContact(kind: 'phone' | 'email', value: string): Promise<StudentSummary[]> {
    return this.summaries(await this.guardians.studentIdsByContact(kind, value));
  }

  /** Summaries of the students among `ids` the caller may see, in that order. */
  private async summaries(ids: string[]): Promise<StudentSummary[]> {
    const visible = await this.directory.visibleMany(ids);
    const viewOf = await this.directory.currentEnrolmentViews(visible.map((s) => s.id));
    return visible.map((s) => this.views.summary(s, viewOf(s.id)));
  }
}
