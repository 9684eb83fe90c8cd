import { Injectable } from '@nestjs/common';
import {
  type CreatePrivacyRequest,
  PRIVACY_REQUEST_DUE_DAYS,
  type PrivacyArchiveView,
  type PrivacyRequestStatus,
  type PrivacyRequestTransition,
  type PrivacyRequestView,
} from '@shala/contracts';
import { v7 as uuidv7 } from 'uuid';
import { Database } from '../../platform/database/database';
import { NotFoundError, ValidationFailedError } from '../../platform/errors/domain-error';
import { RequestContext } from '../../platform/tenancy/request-context';
import { Clock } from '../../platform/time/clock';
import { AuditService } from '../audit/audit.service';
import { PrivacyErasuresRepository } from './erasure/erasure.repository';
import { ErasureScheduledError } from './erasure/privacy-erasure.errors';
import type { PrivacyRequest } from './entities/privacy-request.entity';
import { type ArchiveOwner, PrivacyArchiveJobs } from './privacy-archive-jobs';
import { PrivacySubjects } from './privacy-subjects';
import { NotAnAccessRequestError, PrivacyTransitionError } from './privacy.errors';
import { PrivacyRequestsRepository } from './privacy.repository';
import { SubjectArchive } from './subject-archive';

const DAY_MS = 24 * 60 * 60 * 1000;
const LIST_LIMIT = 500;

/** Where each status may go next (refused needs a reason). */
const NEXT: Readonly<Record<PrivacyRequestStatus, readonly PrivacyRequestStatus[]>> = {
  open: ['in_progress', 'refused'],
  in_progress: ['completed', 'refused'],
  completed: [],
  refused: [],
};

/** Who is asking: a staff member (any request of the school) or a parent (only the requests they raised). */
export type PrivacyActor = 'staff' | 'parent';

export interface PrivacyListFilter {
  status?: PrivacyRequestStatus;
  overdue?: boolean;
}

/**
 * Data-subject requests (PRV-02): raised by staff for a student, guardian or staff member, or by a parent
 * for themselves or their children; due 30 days after receipt; open -> in progress -> completed or refused
 * (with a reason); every step audited. An access request's archive is made in the background for the
 * requester, who alone may download it.
 */
@Injectable()
export class PrivacyRequestsService {
  constructor(
    private readonly db: Database,
    private readonly requests: PrivacyRequestsRepository,
    private readonly erasures: PrivacyErasuresRepository,
    private readonly subjects: PrivacySubjects,
    private readonly archive: SubjectArchive,
    private readonly jobs: PrivacyArchiveJobs,
    private readonly audit: AuditService,
    private readonly context: RequestContext,
    private readonly clock: Clock,
  ) {}

  async create(actor: PrivacyActor, input: CreatePrivacyRequest): Promise<PrivacyRequestView> {
    const subject = { type: input.subjectType, id: input.subjectId };
    if (actor === 'parent') await this.subjects.mustBeOwn(subject);
    else await this.subjects.mustExist(subject);
    const userId = this.requester();
    const receivedAt = this.clock.now();
    const row = {
      id: uuidv7(),
      type: input.type,
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      status: 'open' as const,
      details: input.details?.trim() || null,
      raisedBy: actor,
      requestedByUserId: userId,
      receivedAt,
      dueAt: new Date(receivedAt.getTime() + PRIVACY_REQUEST_DUE_DAYS * DAY_MS),
      closedAt: null,
      refusalReason: null,
    };
    await this.db.transaction(async () => {
      await this.requests.create(row);
      await this.audit.record({
        action: 'privacy.requests.create',
        targetType: 'privacy_request',
        targetId: row.id,
        details: { type: row.type, subjectType: row.subjectType, subjectId: row.subjectId, raisedBy: actor },
      });
    });
    if (row.type === 'access') this.startArchive(row);
    return this.view(await this.get(actor, row.id));
  }

  async list(actor: PrivacyActor, filter: PrivacyListFilter): Promise<PrivacyRequestView[]> {
    const rows = await this.requests.list(
      {
        status: filter.status,
        overdueAt: filter.overdue ? this.clock.now() : undefined,
        requestedBy: actor === 'parent' ? this.requester() : undefined,
      },
      LIST_LIMIT,
    );
    const names = await this.subjects.names(rows.map((r) => ({ type: r.subjectType, id: r.subjectId })));
    return rows.map((r) =>
      this.toView(r, this.subjects.nameOf(names, { type: r.subjectType, id: r.subjectId })),
    );
  }

  async one(actor: PrivacyActor, id: string): Promise<PrivacyRequestView> {
    return this.view(await this.get(actor, id));
  }

  async transition(id: string, input: PrivacyRequestTransition): Promise<PrivacyRequestView> {
    const request = await this.get('staff', id);
    const reason = input.reason?.trim() || null;
    if (input.status === 'refused' && !reason)
      throw new ValidationFailedError([{ field: 'reason', message: 'a refusal needs a reason' }]);
    if (!NEXT[request.status].includes(input.status))
      throw new PrivacyTransitionError(request.status, input.status);
    const closed = input.status === 'completed' || input.status === 'refused';
    // A scheduled erasure closes its request when it executes (or staff cancel it first).
    if (closed && request.type === 'erasure' && (await this.erasures.byRequest(id))?.status === 'scheduled')
      throw new ErasureScheduledError();
    await this.db.transaction(async () => {
      const moved = await this.requests.transition(id, request.status, {
        status: input.status,
        closedAt: closed ? this.clock.now() : null,
        refusalReason: input.status === 'refused' ? reason : null,
      });
      if (!moved) throw new PrivacyTransitionError(request.status, input.status);
      await this.audit.record({
        action: 'privacy.requests.transition',
        targetType: 'privacy_request',
        targetId: id,
        details: { status: { from: request.status, to: input.status }, ...(reason ? { reason } : {}) },
      });
    });
    return this.one('staff', id);
  }

  /** (Re)makes the archive of an access request; only its requester may. */
  async startArchiveOf(actor: PrivacyActor, id: string): Promise<PrivacyArchiveView> {
    const request = await this.ownRequest(actor, id);
    this.startArchive(request);
    await this.audit.record({
      action: 'privacy.archive.start',
      targetType: 'privacy_request',
      targetId: id,
      details: { subjectType: request.subjectType, subjectId: request.subjectId },
    });
    return this.jobs.view(this.owner(), id);
  }

  async archiveView(actor: PrivacyActor, id: string): Promise<PrivacyArchiveView> {
    await this.ownRequest(actor, id);
    return this.jobs.view(this.owner(), id);
  }

  /** The finished archive's ZIP; the download is audited. */
  async archiveZip(actor: PrivacyActor, id: string): Promise<{ fileName: string; body: Buffer }> {
    const request = await this.ownRequest(actor, id);
    const body = this.jobs.zip(this.owner(), id);
    await this.audit.record({
      action: 'privacy.archive.download',
      targetType: 'privacy_request',
      targetId: id,
      details: { subjectType: request.subjectType, subjectId: request.subjectId, bytes: body.length },
    });
    return { fileName: `privacy-archive-${request.subjectType}-${id}.zip`, body };
  }

  /** The request if the caller may see it: staff any of the school's, a parent only those they raised. */
  private async get(actor: PrivacyActor, id: string): Promise<PrivacyRequest> {
    const request = await this.requests.byId(id);
    if (!request || (actor === 'parent' && request.requestedByUserId !== this.context.userId))
      throw new NotFoundError('The privacy request');
    return request;
  }

  /** An access request the caller raised: anyone else's answers 404 (the archive is the requester's). */
  private async ownRequest(actor: PrivacyActor, id: string): Promise<PrivacyRequest> {
    const request = await this.get(actor, id);
    if (request.requestedByUserId !== this.context.userId) throw new NotFoundError('The privacy request');
    if (request.type !== 'access') throw new NotAnAccessRequestError();
    return request;
  }

  private startArchive(request: Pick<PrivacyRequest, 'id' | 'subjectType' | 'subjectId'>): void {
    const work = this.archive.work({ type: request.subjectType, id: request.subjectId }, this.clock.now());
    this.jobs.start(this.owner(), request.id, work);
  }

  private owner(): ArchiveOwner {
    return { tenantId: this.context.tenantId, userId: this.requester() };
  }

  private requester(): string {
    const userId = this.context.userId;
    if (!userId) throw new NotFoundError('The privacy request');
    return userId;
  }

  private async view(request: PrivacyRequest): Promise<PrivacyRequestView> {
    const subject = { type: request.subjectType, id: request.subjectId };
    return this.toView(request, this.subjects.nameOf(await this.subjects.names([subject]), subject));
  }

  private toView(r: PrivacyRequest, subjectName: string | null): PrivacyRequestView {
    const open = r.status === 'open' || r.status === 'in_progress';
    return {
      id: r.id,
      type: r.type,
      subjectType: r.subjectType,
      subjectId: r.subjectId,
      subjectName,
      status: r.status,
      details: r.details,
      raisedBy: r.raisedBy,
      requestedByUserId: r.requestedByUserId,
      receivedAt: new Date(r.receivedAt).toISOString(),
      dueAt: new Date(r.dueAt).toISOString(),
      closedAt: r.closedAt ? new Date(r.closedAt).toISOString() : null,
      refusalReason: r.refusalReason,
      overdue: open && new Date(r.dueAt).getTime() < this.clock.now().getTime(),
    };
  }
}
