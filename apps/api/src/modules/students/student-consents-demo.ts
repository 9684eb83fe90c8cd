import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { StudentConsentEventsRepository, StudentConsentsRepository } from './student-consents';
import { StudentDirectory } from './student-directory';

/**
 * Demo data and test fixtures: a student who gets a sign-in account needs a guardian's consent first
 * (issue 13 item 7), so the demo records the first guardian's signed paper form for the account.
 */
@Injectable()
export class StudentConsentsDemo {
  constructor(
    private readonly directory: StudentDirectory,
    private readonly consents: StudentConsentsRepository,
    private readonly events: StudentConsentEventsRepository,
  ) {}

  /** Records the account consent (paper form `documentRef`) of the student's first guardian; idempotent. */
  async giveAccountConsent(studentId: string, documentRef = 'DEMO-CONSENT-FORM'): Promise<void> {
    if (await this.consents.granted(studentId, 'student_account')) return;
    const guardianId = (await this.directory.guardianIdsOf([studentId])).get(studentId)?.[0];
    if (!guardianId) return;
    const row = {
      studentId,
      purpose: 'student_account' as const,
      granted: true,
      guardianId,
      source: 'paper_form' as const,
      documentRef,
      recordedBy: null,
      recordedAt: new Date(),
    };
    await this.consents.record(row);
    await this.events.add({ id: uuidv7(), ...row });
  }
}
