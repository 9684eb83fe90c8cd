import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { Clock } from '../../platform/time/clock';
import { PrivacyNoticeDemo } from './notice/privacy-notice-demo';
import type { PrivacyRequest } from './entities/privacy-request.entity';
import { PrivacyRequestsRepository } from './privacy.repository';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The demo's privacy register (run inside a school's tenant): a parent's correction in progress, an access
 * request the office completed, and an erasure request past its 30 days, so the overdue badge and list show
 * something real. Archives are made on demand, so none is seeded.
 */
@Injectable()
export class PrivacyDemoSeeder {
  constructor(
    private readonly requests: PrivacyRequestsRepository,
    private readonly clock: Clock,
    private readonly notice: PrivacyNoticeDemo,
  ) {}

  async seed(input: {
    adminUserId: string;
    parentUserId: string | null;
    childId: string;
    otherStudentId: string;
  }): Promise<number> {
    const now = this.clock.now().getTime();
    const at = (daysAgo: number) => new Date(now - daysAgo * DAY_MS);
    const request = (
      daysAgo: number,
      row: Pick<
        PrivacyRequest,
        'type' | 'subjectId' | 'status' | 'details' | 'raisedBy' | 'requestedByUserId'
      > & {
        closedDaysAgo?: number;
      },
    ) => ({
      id: uuidv7(),
      type: row.type,
      subjectType: 'student' as const,
      subjectId: row.subjectId,
      status: row.status,
      details: row.details,
      raisedBy: row.raisedBy,
      requestedByUserId: row.requestedByUserId,
      receivedAt: at(daysAgo),
      dueAt: new Date(at(daysAgo).getTime() + 30 * DAY_MS),
      closedAt: row.closedDaysAgo === undefined ? null : at(row.closedDaysAgo),
      refusalReason: null,
    });
    const rows = [
      request(45, {
        type: 'access',
        subjectId: input.otherStudentId,
        status: 'completed',
        details: 'Father asked for a copy of everything the school holds (letter at the office).',
        raisedBy: 'staff',
        requestedByUserId: input.adminUserId,
        closedDaysAgo: 40,
      }),
      request(34, {
        type: 'erasure',
        subjectId: input.otherStudentId,
        status: 'open',
        details: 'Family moved abroad; asks to delete the contact details kept for messages.',
        raisedBy: 'staff',
        requestedByUserId: input.adminUserId,
      }),
    ];
    if (input.parentUserId)
      rows.push(
        request(6, {
          type: 'correction',
          subjectId: input.childId,
          status: 'in_progress',
          details: 'The date of birth on the record is a day early.',
          raisedBy: 'parent',
          requestedByUserId: input.parentUserId,
        }),
      );
    for (const row of rows) await this.requests.create(row);
    await this.notice.seed({ adminUserId: input.adminUserId, parentUserId: input.parentUserId });
    return rows.length;
  }
}
