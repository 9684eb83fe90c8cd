import { Injectable } from '@nestjs/common';
import {
  PAGE_LIMIT_DEFAULT,
  type CircularCounts,
  type CircularInput,
  type CircularRecipientsPage,
  type CircularView,
  type Page,
} from '@shala/contracts';
import { v7 as uuidv7 } from 'uuid';
import { Database } from '../../platform/database/database';
import { NotFoundError, ValidationFailedError } from '../../platform/errors/domain-error';
import { RequestContext } from '../../platform/tenancy/request-context';
import { Clock } from '../../platform/time/clock';
import { AcademicsService } from '../academics/academics.service';
import { AuditService } from '../audit/audit.service';
import { StudentDirectory } from '../students/student-directory';
import { CircularPublisher } from './circular-publisher';
import { publisherView } from './circular-views';
import { CircularNotEditableError, PublishAtPastError } from './circulars.errors';
import {
  CircularAttachmentsRepository,
  CircularRecipientsRepository,
  CircularTargetsRepository,
  CircularsRepository,
} from './circulars.repository';
import type { CircularListQuery, CircularRecipientsQuery } from './dto/circulars.dto';
import type { Circular, CircularTarget } from './entities/circular.entities';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A cursor that is a row id (lists ordered by id), or 400 naming `cursor`. */
export function idCursor(cursor: string | undefined): string | null {
  if (!cursor) return null;
  if (!UUID.test(cursor))
    throw new ValidationFailedError([{ field: 'cursor', message: 'is not a valid cursor' }]);
  return cursor;
}

/** How many recipients a `pending` filter keeps over every page, from the circular's counts. */
export function recipientsTotal(counts: CircularCounts, pending: 'acknowledged' | 'read' | null): number {
  if (pending === 'acknowledged') return counts.addressed - counts.acknowledged;
  if (pending === 'read') return counts.addressed - counts.read;
  return counts.addressed;
}

/**
 * What publishers do (circulars.publish): write drafts, change them until published, schedule, publish,
 * delete unpublished ones, list every circular with its counts, and see who has not acknowledged.
 */
@Injectable()
export class CircularsService {
  constructor(
    private readonly db: Database,
    private readonly circulars: CircularsRepository,
    private readonly targets: CircularTargetsRepository,
    private readonly attachments: CircularAttachmentsRepository,
    private readonly receipts: CircularRecipientsRepository,
    private readonly publisher: CircularPublisher,
    private readonly academics: AcademicsService,
    private readonly students: StudentDirectory,
    private readonly audit: AuditService,
    private readonly context: RequestContext,
    private readonly clock: Clock,
  ) {}

  async create(input: CircularInput): Promise<CircularView> {
    const targets = await this.targetsOf(input);
    const id = uuidv7();
    await this.db.transaction(async () => {
      await this.circulars.create({
        id,
        title: input.title.trim(),
        body: input.body,
        audience: input.audience,
        requiresAck: input.requiresAck,
        status: 'draft',
        publishAt: null,
        publishedAt: null,
        publishedByUserId: null,
        notified: null,
        createdByUserId: this.context.userId!,
      });
      await this.targets.replace(id, targets(id));
      await this.audit.record({ action: 'circulars.create', targetType: 'circular', targetId: id });
    });
    return this.view(id);
  }

  async update(id: string, input: CircularInput): Promise<CircularView> {
    await this.editable(id);
    const targets = await this.targetsOf(input);
    await this.db.transaction(async () => {
      const changed = await this.circulars.edit(id, {
        title: input.title.trim(),
        body: input.body,
        audience: input.audience,
        requiresAck: input.requiresAck,
        updatedAt: this.clock.now(),
      });
      if (!changed) throw new CircularNotEditableError();
      await this.targets.replace(id, targets(id));
      await this.audit.record({ action: 'circulars.update', targetType: 'circular', targetId: id });
    });
    return this.view(id);
  }

  async schedule(id: string, publishAt: string): Promise<CircularView> {
    await this.editable(id);
    const at = new Date(publishAt);
    if (at.getTime() <= this.clock.now().getTime()) throw new PublishAtPastError();
    await this.db.transaction(async () => {
      if (
        !(await this.circulars.edit(id, { status: 'scheduled', publishAt: at, updatedAt: this.clock.now() }))
      )
        throw new CircularNotEditableError();
      await this.audit.record({
        action: 'circulars.schedule',
        targetType: 'circular',
        targetId: id,
        details: { publishAt: at.toISOString() },
      });
    });
    return this.view(id);
  }

  /** A scheduled circular goes back to being a draft. */
  async unschedule(id: string): Promise<CircularView> {
    await this.editable(id);
    if (!(await this.circulars.edit(id, { status: 'draft', publishAt: null, updatedAt: this.clock.now() })))
      throw new CircularNotEditableError();
    return this.view(id);
  }

  async publish(id: string): Promise<CircularView> {
    await this.publisher.publish(await this.editable(id), this.context.userId);
    return this.view(id);
  }

  async remove(id: string): Promise<void> {
    await this.editable(id);
    await this.db.transaction(async () => {
      if (!(await this.circulars.removeUnpublished(id))) throw new CircularNotEditableError();
      await this.audit.record({ action: 'circulars.delete', targetType: 'circular', targetId: id });
    });
  }

  async list(query: CircularListQuery): Promise<Page<CircularView>> {
    const limit = query.limit ?? PAGE_LIMIT_DEFAULT;
    const rows = await this.circulars.forPublisher(query, idCursor(query.cursor), limit + 1);
    const items = await this.views(rows.slice(0, limit));
    return { items, nextCursor: rows.length > limit ? rows[limit - 1]!.id : null };
  }

  async view(id: string): Promise<CircularView> {
    const row = await this.circulars.byId(id);
    if (!row) throw new NotFoundError('The circular');
    return (await this.views([row]))[0]!;
  }

  /** The guardians a published circular addressed, with their children, reading and acknowledgement. */
  async recipients(id: string, query: CircularRecipientsQuery): Promise<CircularRecipientsPage> {
    const circular = await this.circulars.byId(id);
    if (!circular) throw new NotFoundError('The circular');
    const limit = query.limit ?? PAGE_LIMIT_DEFAULT;
    const [counts, rows] = await Promise.all([
      this.receipts.counts([id]),
      this.receipts.page(id, query.pending ?? null, idCursor(query.cursor), limit + 1),
    ]);
    const pageRows = rows.slice(0, limit);
    const studentIds = [...new Set(pageRows.flatMap((r) => JSON.parse(r.studentIds) as string[]))];
    const [guardians, names] = await Promise.all([
      this.students.guardianContacts(pageRows.map((r) => r.guardianId)),
      this.students.namesOf(studentIds),
    ]);
    const guardianName = new Map(guardians.map((g) => [g.guardianId, g.fullName]));
    const count = counts.get(id) ?? { addressed: 0, read: 0, acknowledged: 0 };
    return {
      counts: count,
      total: recipientsTotal(count, query.pending ?? null),
      items: pageRows.map((r) => ({
        guardianId: r.guardianId,
        guardianName: guardianName.get(r.guardianId) ?? '',
        students: (JSON.parse(r.studentIds) as string[]).map((s) => names.get(s) ?? '').sort(),
        readAt: r.readAt ? new Date(r.readAt).toISOString() : null,
        acknowledgedAt: r.acknowledgedAt ? new Date(r.acknowledgedAt).toISOString() : null,
      })),
      nextCursor: rows.length > limit ? pageRows.at(-1)!.guardianId : null,
    };
  }

  /** The circular if it may still change (draft or scheduled): 404 when missing, 409 once published. */
  async editable(id: string): Promise<Circular> {
    const row = await this.circulars.byId(id);
    if (!row) throw new NotFoundError('The circular');
    if (row.status === 'published') throw new CircularNotEditableError();
    return row;
  }

  private async views(rows: Circular[]): Promise<CircularView[]> {
    const ids = rows.map((r) => r.id);
    const [targets, attachments, counts] = await Promise.all([
      this.targets.of(ids),
      this.attachments.infoOf(ids),
      this.receipts.counts(ids),
    ]);
    return rows.map((r) =>
      publisherView(
        r,
        targets,
        attachments.find((a) => a.circularId === r.id),
        counts.get(r.id),
      ),
    );
  }

  /**
   * The classes or sections of an input, checked: the audience names its kind of ids (at least one, all
   * of this school's), and no other; 400 naming the field otherwise.
   */
  private async targetsOf(
    input: CircularInput,
  ): Promise<(circularId: string) => Omit<CircularTarget, 'tenantId'>[]> {
    const classIds = [...new Set(input.classIds ?? [])];
    const sectionIds = [...new Set(input.sectionIds ?? [])];
    const problems: { field: string; message: string }[] = [];
    if (input.audience === 'classes') {
      if (!classIds.length) problems.push({ field: 'classIds', message: 'name at least one class' });
      const known = new Set((await this.academics.listClasses()).map((c) => c.id));
      if (classIds.some((id) => !known.has(id)))
        problems.push({ field: 'classIds', message: 'names a class that does not exist' });
    } else if (classIds.length) problems.push({ field: 'classIds', message: 'only for audience classes' });
    if (input.audience === 'sections') {
      if (!sectionIds.length) problems.push({ field: 'sectionIds', message: 'name at least one section' });
      const found = sectionIds.length ? await this.academics.sectionsByIds(sectionIds) : [];
      if (found.length !== sectionIds.length)
        problems.push({ field: 'sectionIds', message: 'names a section that does not exist' });
    } else if (sectionIds.length)
      problems.push({ field: 'sectionIds', message: 'only for audience sections' });
    if (problems.length) throw new ValidationFailedError(problems);
    return (circularId) => [
      ...classIds.map((targetId) => ({ circularId, targetId, kind: 'class' as const })),
      ...sectionIds.map((targetId) => ({ circularId, targetId, kind: 'section' as const })),
    ];
  }
}
