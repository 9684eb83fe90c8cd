import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { ERASURE_NOTICE_HOURS, type PrivacyErasureView, type ScheduleErasure } from '@shala/contracts';
import { IdentityCache } from '../../../platform/security/identity-cache';
import { Database } from '../../../platform/database/database';
import { NotFoundError } from '../../../platform/errors/domain-error';
import { normalisePhone } from '../../../platform/security/field-crypto';
import { RequestContext } from '../../../platform/tenancy/request-context';
import { Clock } from '../../../platform/time/clock';
import { AuditService } from '../../audit/audit.service';
import { CurrentInstitution } from '../../institutions/current-institution';
import { OutboxService } from '../../notifications/outbox.service';
import { StudentDirectory } from '../../students/student-directory';
import type { PrivacyRequest } from '../entities/privacy-request.entity';
import { PrivacyRequestsRepository } from '../privacy.repository';
import { ERASURE_EXTRA, ERASURE_PLAN, type ErasureKey } from './erasure-plan';
import {
  ErasedGuardiansRepository,
  ErasedStudentsRepository,
  ErasedUsersRepository,
  PrivacyErasuresRepository,
  ResolvedRequestsRepository,
} from './erasure.repository';
import type { PrivacyErasure } from './privacy-erasure.entity';
import {
  ErasureConfirmationError,
  ErasureNotDueError,
  ErasureStateError,
  WrongRequestTypeError,
} from './privacy-erasure.errors';

const HOUR_MS = 60 * 60 * 1000;
/** Tries at a truncating WAL checkpoint after an erasure (SQLite), 50 ms more apart each time. */
const WAL_CHECKPOINT_ATTEMPTS = 5;
const normalise = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

/** "Erased student 7F3A": four hex digits of a hash of the request id (no personal data in it). */
export function pseudonymOf(subjectType: 'student' | 'guardian', requestId: string): string {
  const tag = createHash('sha256').update(requestId).digest('hex').slice(0, 4).toUpperCase();
  return `Erased ${subjectType} ${tag}`;
}

/** The ids an erasure reaches, per key of ERASURE_PLAN. */
export type ErasureIds = Record<ErasureKey, string[]>;

/**
 * Erasure (issue 13 item 4, PRV-02). Staff schedule an approved (in-progress) erasure request with a typed
 * confirmation; the family gets a notice through the outbox and the erasure executes 48 hours later (the
 * privacy scheduler runs due ones), unless staff cancel it before. Executing runs ERASURE_PLAN in one
 * transaction: every table holding the subject's data is pseudonymised, scrubbed or cleared, the fee
 * ledger keeps its amounts under the pseudonym, and the request is completed. Audit events keep ids only.
 */
@Injectable()
export class PrivacyErasureService {
  private readonly logger = new Logger(PrivacyErasureService.name);

  constructor(
    private readonly db: Database,
    private readonly requests: PrivacyRequestsRepository,
    private readonly erasures: PrivacyErasuresRepository,
    private readonly resolved: ResolvedRequestsRepository,
    private readonly students: ErasedStudentsRepository,
    private readonly guardians: ErasedGuardiansRepository,
    private readonly users: ErasedUsersRepository,
    private readonly directory: StudentDirectory,
    private readonly outbox: OutboxService,
    private readonly institution: CurrentInstitution,
    private readonly audit: AuditService,
    private readonly context: RequestContext,
    private readonly clock: Clock,
    private readonly identities: IdentityCache,
  ) {}

  async view(requestId: string): Promise<PrivacyErasureView> {
    const erasure = await this.erasures.byRequest(requestId);
    if (!erasure) throw new NotFoundError('The erasure');
    return this.toView(erasure);
  }

  /** Schedules the erasure 48 hours ahead and notices the subject's guardians (account message). */
  async schedule(requestId: string, input: ScheduleErasure): Promise<PrivacyErasureView> {
    const request = await this.erasable(requestId);
    const existing = await this.erasures.byRequest(requestId);
    if (existing) throw new ErasureStateError(existing.status);
    const subjectType = request.subjectType as 'student' | 'guardian';
    const { names, guardianIds } = await this.subjectFacts(request);
    if (!names.some((n) => normalise(n) === normalise(input.confirmation ?? '')))
      throw new ErasureConfirmationError();
    const now = this.clock.now();
    const executesAt = new Date(now.getTime() + ERASURE_NOTICE_HOURS * HOUR_MS);
    const userId = this.context.userId;
    if (!userId) throw new NotFoundError('The privacy request');
    const school = (await this.institution.get()).name;
    const contacts = await this.directory.guardianContacts(guardianIds);
    await this.db.transaction(async () => {
      await this.erasures.create({
        requestId,
        subjectType,
        subjectId: request.subjectId,
        status: 'scheduled',
        pseudonym: pseudonymOf(subjectType, requestId),
        scheduledByUserId: userId,
        scheduledAt: now,
        executesAt,
        executedAt: null,
        cancelledAt: null,
        erasedCounts: null,
      });
      // The notice is an account message: it goes even to a guardian whose processing is restricted.
      for (const c of contacts) {
        const sends = [
          c.email ? { channel: 'email' as const, recipient: c.email } : null,
          c.phone ? { channel: 'sms' as const, recipient: normalisePhone(c.phone) } : null,
        ].filter((s) => s !== null);
        for (const s of sends)
          await this.outbox.enqueue({
            ...s,
            template: 'privacy_erasure_notice',
            variables: { subject: names[0]!, executesAt: executesAt.toISOString().slice(0, 16), school },
            idempotencyKey: `privacy-erasure:${requestId}:${c.guardianId}:${s.channel}`,
            guardianId: c.guardianId,
            protectRecipient: true,
          });
      }
      await this.audit.record({
        action: 'privacy.erasure.schedule',
        targetType: 'privacy_request',
        targetId: requestId,
        details: { subjectType, subjectId: request.subjectId, executesAt: executesAt.toISOString() },
      });
    });
    return this.view(requestId);
  }

  async cancel(requestId: string): Promise<PrivacyErasureView> {
    const erasure = await this.erasures.byRequest(requestId);
    if (!erasure) throw new NotFoundError('The erasure');
    await this.db.transaction(async () => {
      if (!(await this.erasures.finish(requestId, { status: 'cancelled', cancelledAt: this.clock.now() })))
        throw new ErasureStateError(erasure.status);
      await this.audit.record({
        action: 'privacy.erasure.cancel',
        targetType: 'privacy_request',
        targetId: requestId,
        details: { subjectType: erasure.subjectType, subjectId: erasure.subjectId },
      });
    });
    return this.view(requestId);
  }

  /** Executes one erasure now; refused before its notice has run out (ERASURE_NOTICE_HOURS). */
  async execute(requestId: string): Promise<PrivacyErasureView> {
    const erasure = await this.erasures.byRequest(requestId);
    if (!erasure) throw new NotFoundError('The erasure');
    if (erasure.status !== 'scheduled') throw new ErasureStateError(erasure.status);
    if (new Date(erasure.executesAt).getTime() > this.clock.now().getTime())
      throw new ErasureNotDueError(new Date(erasure.executesAt));
    await this.run(erasure);
    return this.view(requestId);
  }

  /** The scheduler: every scheduled erasure of the school whose notice has run out. */
  async executeDue(): Promise<{ executed: number }> {
    const due = await this.erasures.due(this.clock.now());
    for (const erasure of due) await this.run(erasure);
    return { executed: due.length };
  }

  /** The ids ERASURE_PLAN reaches for this subject: a student with their sole guardians, or a guardian. */
  async idsOf(subjectType: 'student' | 'guardian', subjectId: string): Promise<ErasureIds> {
    if (subjectType === 'student') {
      const student = await this.students.byId(subjectId);
      const guardianIds = await this.erasures.soleGuardiansOf(subjectId);
      const guardians = await this.guardians.byIds(guardianIds);
      const users = [student?.userId, ...guardians.map((g) => g.userId)].filter((u): u is string => !!u);
      const family = (await this.directory.guardianIdsOf([subjectId])).get(subjectId) ?? [];
      return { students: student ? [subjectId] : [], guardians: guardianIds, users, family };
    }
    const [guardian] = await this.guardians.byIds([subjectId]);
    return {
      students: [],
      guardians: guardian ? [subjectId] : [],
      users: guardian?.userId ? [guardian.userId] : [],
      family: guardian ? [subjectId] : [],
    };
  }

  private async run(erasure: PrivacyErasure): Promise<void> {
    const subjectType = erasure.subjectType as 'student' | 'guardian';
    const ids = await this.idsOf(subjectType, erasure.subjectId);
    const accounts = await this.users.byIds(ids.users);
    const counts: Record<string, number> = {};
    const add = (table: string, n: number) => {
      if (n) counts[table] = (counts[table] ?? 0) + n;
    };
    await this.db.transaction(async () => {
      add('outbox_messages', await this.erasures.scrubAccountMessages(accounts.map((u) => u.email)));
      // The accounts' sessions and grants leave every replica's identity cache once this commits.
      const sessionIds = await this.erasures.sessionIdsOf(ids.users);
      await this.db.afterCommit(async () => {
        await this.identities.sessionsRevoked(this.context.tenantId, sessionIds);
        for (const userId of ids.users) await this.identities.grantsChanged(this.context.tenantId, userId);
      });
      add('refresh_tokens', await this.erasures.deleteRefreshTokensOf(ids.users));
      for (const [table, step] of Object.entries(ERASURE_PLAN)) {
        if (step.action === 'delete' || step.action === 'scrub')
          add(table, await this.erasures.apply(table, step, ids[step.key]));
      }
      for (const { table, step } of ERASURE_EXTRA)
        add(table, await this.erasures.apply(table, step, ids[step.key]));
      const guardianName = (id: string) => pseudonymOf('guardian', `${erasure.requestId}:${id}`);
      for (const id of ids.students) add('students', await this.students.pseudonymise(id, erasure.pseudonym));
      for (const id of ids.guardians)
        add(
          'guardians',
          await this.guardians.pseudonymise(
            id,
            subjectType === 'guardian' ? erasure.pseudonym : guardianName(id),
          ),
        );
      for (const id of ids.users) add('users', await this.users.pseudonymise(id, erasure.pseudonym));
      const now = this.clock.now();
      if (
        !(await this.erasures.finish(erasure.requestId, {
          status: 'executed',
          executedAt: now,
          erasedCounts: JSON.stringify(counts),
        }))
      )
        throw new ErasureStateError('no longer scheduled');
      await this.resolved.complete(
        erasure.requestId,
        now,
        `Erased; records now carry "${erasure.pseudonym}".`,
      );
      await this.audit.record({
        action: 'privacy.erasure.execute',
        targetType: 'privacy_request',
        targetId: erasure.requestId,
        details: { subjectType, subjectId: erasure.subjectId, counts },
      });
      // SQLite: no stale copy of an erased key left in an index page (see rebuildIndexesOf).
      await this.erasures.rebuildIndexesOf(Object.keys(counts));
    });
    await this.truncateWal();
  }

  /**
   * SQLite: the erased values are still in earlier frames of the WAL file until a truncating checkpoint.
   * Another request's transaction on the one connection makes it wait: a few tries, then a warning (the
   * next erasure, or SQLite's own checkpoints, overwrite the frames later).
   */
  private async truncateWal(): Promise<void> {
    if (this.db.dialect !== 'sqlite' || this.db.inTransaction) return;
    for (let attempt = 1; attempt <= WAL_CHECKPOINT_ATTEMPTS; attempt++) {
      if (await this.erasures.truncateWal()) return;
      await new Promise((resolve) => setTimeout(resolve, attempt * 50));
    }
    this.logger.warn('The WAL could not be truncated after an erasure: the database stayed busy');
  }

  /** An in-progress (approved) erasure request about a student or guardian. */
  private async erasable(requestId: string): Promise<PrivacyRequest> {
    const request = await this.requests.byId(requestId);
    if (!request) throw new NotFoundError('The privacy request');
    if (
      request.type !== 'erasure' ||
      request.status !== 'in_progress' ||
      (request.subjectType !== 'student' && request.subjectType !== 'guardian')
    )
      throw new WrongRequestTypeError('erasure');
    return request;
  }

  /** What the confirmation may match (full name, admission number) and whom the notice goes to. */
  private async subjectFacts(request: PrivacyRequest): Promise<{ names: string[]; guardianIds: string[] }> {
    if (request.subjectType === 'student') {
      const student = await this.students.byId(request.subjectId);
      if (!student) throw new NotFoundError('The student');
      const guardianIds = (await this.directory.guardianIdsOf([student.id])).get(student.id) ?? [];
      return { names: [`${student.firstName} ${student.lastName}`, student.admissionNo], guardianIds };
    }
    const [guardian] = await this.guardians.byIds([request.subjectId]);
    if (!guardian) throw new NotFoundError('The guardian');
    return { names: [guardian.fullName], guardianIds: [guardian.id] };
  }

  private toView(e: PrivacyErasure): PrivacyErasureView {
    const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
    return {
      requestId: e.requestId,
      status: e.status,
      scheduledAt: new Date(e.scheduledAt).toISOString(),
      executesAt: new Date(e.executesAt).toISOString(),
      executedAt: iso(e.executedAt),
      cancelledAt: iso(e.cancelledAt),
      pseudonym: e.pseudonym,
    };
  }
}
