import { Injectable } from '@nestjs/common';
import type { PrivacyRequestView, PrivacyRestrictionView } from '@shala/contracts';
import { Database } from '../../../platform/database/database';
import { NotFoundError } from '../../../platform/errors/domain-error';
import { Clock } from '../../../platform/time/clock';
import { AuditService } from '../../audit/audit.service';
import { StudentDirectory } from '../../students/student-directory';
import type { PrivacyRequest } from '../entities/privacy-request.entity';
import { PrivacyRequestsService } from '../privacy-requests.service';
import { PrivacyTransitionError } from '../privacy.errors';
import { PrivacyRequestsRepository } from '../privacy.repository';
import { ResolvedRequestsRepository } from '../erasure/erasure.repository';
import { WrongRequestTypeError } from '../erasure/privacy-erasure.errors';

/**
 * Restriction and correction requests (issue 13 item 3). Applying a restriction request sets the subject's
 * processing_restricted flag (kept in the students module, which messaging and exports read: lower
 * modules never import privacy) and completes the request; staff lift it explicitly. Completing a
 * correction request records what was corrected (the correction itself is made on the edit screens).
 */
@Injectable()
export class PrivacyRestrictionService {
  constructor(
    private readonly db: Database,
    private readonly requests: PrivacyRequestsRepository,
    private readonly resolved: ResolvedRequestsRepository,
    private readonly directory: StudentDirectory,
    private readonly requestViews: PrivacyRequestsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async view(requestId: string): Promise<PrivacyRestrictionView> {
    const request = await this.restriction(requestId);
    const subjectType = request.subjectType as 'student' | 'guardian';
    const restricted =
      subjectType === 'student'
        ? (await this.directory.restrictedStudentIds([request.subjectId])).has(request.subjectId)
        : Boolean((await this.directory.guardianContacts([request.subjectId]))[0]?.restricted);
    return { requestId, subjectType, subjectId: request.subjectId, restricted };
  }

  /** Applies an in-progress restriction request: the flag is set and the request completed. */
  async apply(requestId: string): Promise<PrivacyRestrictionView> {
    const request = await this.restriction(requestId);
    if (request.status !== 'in_progress') throw new PrivacyTransitionError(request.status, 'completed');
    await this.db.transaction(async () => {
      await this.setFlag(request, true);
      if (!(await this.resolved.complete(requestId, this.clock.now(), 'Restriction applied.')))
        throw new PrivacyTransitionError(request.status, 'completed');
      await this.audit.record({
        action: 'privacy.restriction.apply',
        targetType: 'privacy_request',
        targetId: requestId,
        details: { subjectType: request.subjectType, subjectId: request.subjectId },
      });
    });
    return this.view(requestId);
  }

  /** Lifts the restriction of a completed restriction request. */
  async lift(requestId: string): Promise<PrivacyRestrictionView> {
    const request = await this.restriction(requestId);
    await this.db.transaction(async () => {
      await this.setFlag(request, false);
      await this.resolved.note(requestId, `Restriction lifted on ${this.clock.now().toISOString()}.`);
      await this.audit.record({
        action: 'privacy.restriction.lift',
        targetType: 'privacy_request',
        targetId: requestId,
        details: { subjectType: request.subjectType, subjectId: request.subjectId },
      });
    });
    return this.view(requestId);
  }

  /** Completes an in-progress correction request with what was corrected. */
  async completeCorrection(requestId: string, note: string): Promise<PrivacyRequestView> {
    const request = await this.requests.byId(requestId);
    if (!request) throw new NotFoundError('The privacy request');
    if (request.type !== 'correction') throw new WrongRequestTypeError('correction');
    const text = note.trim();
    await this.db.transaction(async () => {
      if (!(await this.resolved.complete(requestId, this.clock.now(), text)))
        throw new PrivacyTransitionError(request.status, 'completed');
      await this.audit.record({
        action: 'privacy.correction.complete',
        targetType: 'privacy_request',
        targetId: requestId,
        details: { subjectType: request.subjectType, subjectId: request.subjectId },
      });
    });
    return this.requestViews.one('staff', requestId);
  }

  private async setFlag(request: PrivacyRequest, restricted: boolean): Promise<void> {
    const type = request.subjectType as 'student' | 'guardian';
    if (!(await this.directory.setProcessingRestricted(type, request.subjectId, restricted)))
      throw new NotFoundError('The subject');
  }

  private async restriction(requestId: string): Promise<PrivacyRequest> {
    const request = await this.requests.byId(requestId);
    if (!request) throw new NotFoundError('The privacy request');
    if (
      request.type !== 'restriction' ||
      (request.subjectType !== 'student' && request.subjectType !== 'guardian')
    )
      throw new WrongRequestTypeError('restriction');
    return request;
  }
}
