import { Injectable } from '@nestjs/common';
import { ERASURE_NOTICE_HOURS } from '@shala/contracts';
import { v7 as uuidv7 } from 'uuid';
import { Clock } from '../../../platform/time/clock';
import { StudentDirectory } from '../../students/student-directory';
import { PrivacyRequestsRepository } from '../privacy.repository';
import { ErasedStudentsRepository, PrivacyErasuresRepository } from './erasure.repository';
import { pseudonymOf } from './privacy-erasure.service';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** The demo student whose erasure is scheduled: Class 6 A, roll 10 (no demo account, no e2e test uses them). */
export const ERASURE_DEMO_STUDENT = 60;

/**
 * How long after seeding the demo erasure's 48-hour notice runs out. Not already past: the hourly erasure
 * job (first pass 50 s after the API starts) would erase the student before anyone saw "Erase now". Once
 * the notice has run out, the erasure waits for the job's next hourly pass, and staff can run it at once.
 */
export const ERASURE_DEMO_NOTICE_LEFT_MS = 3 * 60 * 1000;

/**
 * The demo's erasure (issue 13, PRV-02): an approved erasure request about a Class 6 student whose family
 * was noticed 48 hours before the notice runs out, a few minutes after seeding. Written through the
 * erasure's own repositories, as PrivacyErasureService.schedule would (its typed confirmation and the
 * notice message belong to a signed-in staff member and the outbox, so they are not replayed here).
 */
@Injectable()
export class ErasureDemoSeeder {
  constructor(
    private readonly requests: PrivacyRequestsRepository,
    private readonly erasures: PrivacyErasuresRepository,
    private readonly students: ErasedStudentsRepository,
    private readonly directory: StudentDirectory,
    private readonly clock: Clock,
  ) {}

  /** `childId`: the demo family's first child, whose admission number gives the school's prefix. */
  async seed(input: { adminUserId: string; childId: string }): Promise<number> {
    const child = await this.students.byId(input.childId);
    const prefix = child?.admissionNo.split('-')[0];
    if (!prefix) return 0;
    const admissionNo = `${prefix}-${String(ERASURE_DEMO_STUDENT).padStart(4, '0')}`;
    const studentId = await this.directory.studentIdByAdmissionNo(admissionNo);
    if (!studentId) return 0;
    const now = this.clock.now().getTime();
    const receivedAt = new Date(now - 5 * DAY_MS);
    const executesAt = new Date(now + ERASURE_DEMO_NOTICE_LEFT_MS);
    const id = uuidv7();
    await this.requests.create({
      id,
      type: 'erasure',
      subjectType: 'student',
      subjectId: studentId,
      status: 'in_progress',
      details: 'The family left the school and asked for everything about their child to be erased.',
      raisedBy: 'staff',
      requestedByUserId: input.adminUserId,
      receivedAt,
      dueAt: new Date(receivedAt.getTime() + 30 * DAY_MS),
      closedAt: null,
      refusalReason: null,
    });
    await this.erasures.create({
      requestId: id,
      subjectType: 'student',
      subjectId: studentId,
      status: 'scheduled',
      pseudonym: pseudonymOf('student', id),
      scheduledByUserId: input.adminUserId,
      scheduledAt: new Date(executesAt.getTime() - ERASURE_NOTICE_HOURS * HOUR_MS),
      executesAt,
      executedAt: null,
      cancelledAt: null,
      erasedCounts: null,
    });
    return 1;
  }
}
