import { Injectable } from '@nestjs/common';
import {
  type AnswerGrievance,
  type CreateGrievance,
  GRIEVANCE_RESPONSE_DAYS_DEFAULT,
  type GrievanceOfficerView,
  type GrievanceStatus,
  type GrievanceView,
  type UpdateGrievanceOfficer,
} from '@shala/contracts';
import { v7 as uuidv7 } from 'uuid';
import { Database } from '../../../platform/database/database';
import { NotFoundError } from '../../../platform/errors/domain-error';
import { RequestContext } from '../../../platform/tenancy/request-context';
import { Clock } from '../../../platform/time/clock';
import { AuditService } from '../../audit/audit.service';
import { StudentDirectory } from '../../students/student-directory';
import type { PrivacyGrievance } from './grievance.entities';
import { GrievanceAlreadyAnsweredError } from './grievances.errors';
import { GrievanceOfficersRepository, GrievancesRepository } from './grievances.repository';

const DAY_MS = 24 * 60 * 60 * 1000;
const LIST_LIMIT = 500;

/** Who is asking: staff (any grievance of the school) or a parent (only those they raised). */
export type GrievanceActor = 'staff' | 'parent';

export interface GrievanceListFilter {
  status?: GrievanceStatus;
  overdue?: boolean;
}

/** The due date of a grievance received at `receivedAt` under a response period of `days` days. */
export function grievanceDueAt(receivedAt: Date, days: number): Date {
  return new Date(receivedAt.getTime() + days * DAY_MS);
}

/**
 * Grievances (issue 13 item 9, DPDP): a parent raises one, optionally about one of their children; it is
 * due the school's response period (30 days unless set to 1..90) after receipt; the grievance officer
 * answers (open -> answered, or closed). A parent sees only their own; another parent's, or another
 * school's, answers 404. Every step is audited.
 */
@Injectable()
export class GrievancesService {
  constructor(
    private readonly db: Database,
    private readonly grievances: GrievancesRepository,
    private readonly officers: GrievanceOfficersRepository,
    private readonly students: StudentDirectory,
    private readonly audit: AuditService,
    private readonly context: RequestContext,
    private readonly clock: Clock,
  ) {}

  async raise(input: CreateGrievance): Promise<GrievanceView> {
    if (input.studentId) await this.mustBeOwnChild(input.studentId);
    const userId = this.caller();
    const receivedAt = this.clock.now();
    const days = (await this.officers.current())?.responseDays ?? GRIEVANCE_RESPONSE_DAYS_DEFAULT;
    const row = {
      id: uuidv7(),
      raisedByUserId: userId,
      studentId: input.studentId ?? null,
      category: input.category,
      subject: input.subject.trim(),
      text: input.text.trim(),
      status: 'open' as const,
      receivedAt,
      dueAt: grievanceDueAt(receivedAt, days),
      answer: null,
      answeredByUserId: null,
      answeredAt: null,
    };
    await this.db.transaction(async () => {
      await this.grievances.create(row);
      await this.audit.record({
        action: 'privacy.grievances.create',
        targetType: 'privacy_grievance',
        targetId: row.id,
        details: { category: row.category, studentId: row.studentId, responseDays: days },
      });
    });
    return this.one('parent', row.id);
  }

  async list(actor: GrievanceActor, filter: GrievanceListFilter): Promise<GrievanceView[]> {
    const rows = await this.grievances.list(
      {
        status: filter.status,
        overdueAt: filter.overdue ? this.clock.now() : undefined,
        raisedBy: actor === 'parent' ? this.caller() : undefined,
      },
      LIST_LIMIT,
    );
    return this.toViews(rows);
  }

  async one(actor: GrievanceActor, id: string): Promise<GrievanceView> {
    const [view] = await this.toViews([await this.get(actor, id)]);
    return view!;
  }

  async answer(id: string, input: AnswerGrievance): Promise<GrievanceView> {
    const grievance = await this.get('staff', id);
    if (grievance.status !== 'open') throw new GrievanceAlreadyAnsweredError(grievance.status);
    const status: GrievanceStatus = input.close ? 'closed' : 'answered';
    await this.db.transaction(async () => {
      const moved = await this.grievances.answer(id, {
        status,
        answer: input.answer.trim(),
        answeredByUserId: this.caller(),
        answeredAt: this.clock.now(),
      });
      if (!moved) throw new GrievanceAlreadyAnsweredError('answered');
      await this.audit.record({
        action: 'privacy.grievances.answer',
        targetType: 'privacy_grievance',
        targetId: id,
        details: { status: { from: 'open', to: status } },
      });
    });
    return this.one('staff', id);
  }

  async officer(): Promise<GrievanceOfficerView> {
    const row = await this.officers.current();
    return {
      name: row?.name ?? null,
      email: row?.email ?? null,
      phone: row?.phone ?? null,
      responseDays: row?.responseDays ?? GRIEVANCE_RESPONSE_DAYS_DEFAULT,
      configured: !!row,
    };
  }

  async updateOfficer(input: UpdateGrievanceOfficer): Promise<GrievanceOfficerView> {
    const before = await this.officers.current();
    const next = {
      name: input.name.trim(),
      email: input.email.trim(),
      phone: input.phone?.trim() || null,
      responseDays: input.responseDays,
    };
    await this.db.transaction(async () => {
      await this.officers.save(next);
      await this.audit.record({
        action: 'privacy.grievance_officer.update',
        targetType: 'privacy_grievance_officer',
        details: {
          responseDays: { from: before?.responseDays ?? null, to: next.responseDays },
          officerChanged: before?.name !== next.name || before?.email !== next.email,
        },
      });
    });
    return this.officer();
  }

  /** The grievance if the caller may see it: staff any of the school's, a parent only their own. */
  private async get(actor: GrievanceActor, id: string): Promise<PrivacyGrievance> {
    const grievance = await this.grievances.byId(id);
    if (!grievance || (actor === 'parent' && grievance.raisedByUserId !== this.context.userId))
      throw new NotFoundError('The grievance');
    return grievance;
  }

  /** A parent may name only one of their own children; any other student answers 404. */
  private async mustBeOwnChild(studentId: string): Promise<void> {
    const scope = await this.students.scope();
    if (scope.kind !== 'students' || !scope.studentIds.includes(studentId))
      throw new NotFoundError('The student');
  }

  private caller(): string {
    const userId = this.context.userId;
    if (!userId) throw new NotFoundError('The grievance');
    return userId;
  }

  private async toViews(rows: PrivacyGrievance[]): Promise<GrievanceView[]> {
    const ids = [...new Set(rows.map((r) => r.studentId).filter((id): id is string => !!id))];
    const names = ids.length > 0 ? await this.students.namesOf(ids) : new Map<string, string>();
    const now = this.clock.now().getTime();
    return rows.map((r) => ({
      id: r.id,
      category: r.category,
      subject: r.subject,
      text: r.text,
      studentId: r.studentId,
      studentName: r.studentId ? (names.get(r.studentId) ?? null) : null,
      status: r.status,
      raisedByUserId: r.raisedByUserId,
      receivedAt: new Date(r.receivedAt).toISOString(),
      dueAt: new Date(r.dueAt).toISOString(),
      answer: r.answer,
      answeredByUserId: r.answeredByUserId,
      answeredAt: r.answeredAt ? new Date(r.answeredAt).toISOString() : null,
      overdue: r.status === 'open' && new Date(r.dueAt).getTime() < now,
    }));
  }
}
