import { Injectable } from '@nestjs/common';
import {
  PAGE_LIMIT_DEFAULT,
  Permission,
  type CircularListItem,
  type CircularReaderView,
  type Page,
} from '@shala/contracts';
import { Database } from '../../platform/database/database';
import { NotFoundError, ValidationFailedError } from '../../platform/errors/domain-error';
import { RequestContext } from '../../platform/tenancy/request-context';
import { Clock } from '../../platform/time/clock';
import { AcademicsService } from '../academics/academics.service';
import { GuardiansService } from '../students/guardians.service';
import { StudentDirectory } from '../students/student-directory';
import { audienceOf, isAddressedTo, type Reader } from './circular-audience';
import { readerView } from './circular-views';
import { AckNotRequiredError, NotAGuardianError } from './circulars.errors';
import {
  CircularAttachmentsRepository,
  CircularRecipientsRepository,
  CircularTargetsRepository,
  CircularsRepository,
  type ListPosition,
} from './circulars.repository';
import { CircularsService } from './circulars.service';
import type { CircularListQuery } from './dto/circulars.dto';
import type { Circular, CircularAttachment } from './entities/circular.entities';

/** The caller as a reader, with their guardian record and children's sections when a family. */
interface Caller {
  reader: Reader;
  guardianId: string | null;
  /** Family: each child's current section. */
  children: { studentId: string; sectionId: string; classId: string }[];
}

function positionCursor(cursor: string | undefined): ListPosition | null {
  if (!cursor) return null;
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const date = new Date(at ?? '');
  if (!id || Number.isNaN(date.getTime()))
    throw new ValidationFailedError([{ field: 'cursor', message: 'is not a valid cursor' }]);
  return { at: date, id };
}

const cursorOf = (c: Circular) =>
  Buffer.from(`${new Date(c.publishedAt!).toISOString()}|${c.id}`, 'utf8').toString('base64url');

/**
 * What readers do: list the circulars addressed to them (a family: their children's classes and sections
 * and the whole school; staff: staff and the whole school; publishers: all, through CircularsService),
 * open one (a guardian's first opening is their read receipt), acknowledge it, and download its PDF.
 * Anything not addressed to the caller is answered as not found (AZ-03).
 */
@Injectable()
export class CircularReadingService {
  constructor(
    private readonly db: Database,
    private readonly circulars: CircularsRepository,
    private readonly targets: CircularTargetsRepository,
    private readonly attachments: CircularAttachmentsRepository,
    private readonly recipients: CircularRecipientsRepository,
    private readonly publishing: CircularsService,
    private readonly academics: AcademicsService,
    private readonly students: StudentDirectory,
    private readonly guardians: GuardiansService,
    private readonly context: RequestContext,
    private readonly clock: Clock,
  ) {}

  async list(query: CircularListQuery): Promise<Page<CircularListItem>> {
    const caller = await this.caller();
    if (caller.reader.kind === 'publisher') return this.publishing.list(query);
    const limit = query.limit ?? PAGE_LIMIT_DEFAULT;
    const rows = await this.circulars.forReader(
      audienceOf(caller.reader),
      positionCursor(query.cursor),
      limit + 1,
    );
    const items = await this.readerViews(rows.slice(0, limit), caller.guardianId);
    return { items, nextCursor: rows.length > limit ? cursorOf(rows[limit - 1]!) : null };
  }

  async get(id: string): Promise<CircularListItem> {
    const caller = await this.caller();
    if (caller.reader.kind === 'publisher') return this.publishing.view(id);
    const circular = await this.addressed(id, caller);
    return (await this.readerViews([circular], caller.guardianId))[0]!;
  }

  /** A guardian opened it: the first time is their read receipt. Others read without a receipt. */
  async markRead(id: string): Promise<CircularReaderView> {
    const caller = await this.caller();
    const circular = await this.addressed(id, caller);
    if (caller.guardianId)
      await this.db.transaction(async () => {
        await this.ensureRecipient(circular, caller);
        await this.recipients.markRead(id, caller.guardianId!, this.clock.now());
      });
    return (await this.readerViews([circular], caller.guardianId))[0]!;
  }

  /** A guardian acknowledges a circular that asks for it (reading it too); once. */
  async acknowledge(id: string): Promise<CircularReaderView> {
    const caller = await this.caller();
    const circular = await this.addressed(id, caller);
    if (!circular.requiresAck) throw new AckNotRequiredError();
    if (!caller.guardianId) throw new NotAGuardianError();
    await this.db.transaction(async () => {
      await this.ensureRecipient(circular, caller);
      const now = this.clock.now();
      await this.recipients.markRead(id, caller.guardianId!, now);
      await this.recipients.acknowledge(id, caller.guardianId!, now, this.context.userId!);
    });
    return (await this.readerViews([circular], caller.guardianId))[0]!;
  }

  /** The PDF of a circular the caller may see (publishers: any; readers: published and addressed). */
  async attachment(id: string): Promise<CircularAttachment> {
    const caller = await this.caller();
    if (caller.reader.kind === 'publisher') {
      if (!(await this.circulars.byId(id))) throw new NotFoundError('The circular');
    } else await this.addressed(id, caller);
    const file = await this.attachments.withData(id);
    if (!file) throw new NotFoundError('The attachment');
    return file;
  }

  /** The published circular if it is addressed to the caller; otherwise not found. */
  private async addressed(id: string, caller: Caller): Promise<Circular> {
    const circular = await this.circulars.byId(id);
    if (!circular || circular.status !== 'published') throw new NotFoundError('The circular');
    const targetIds = (await this.targets.of([id])).map((t) => t.targetId);
    if (!isAddressedTo({ audience: circular.audience, targetIds }, caller.reader))
      throw new NotFoundError('The circular');
    return circular;
  }

  /** A guardian who was not a recipient at publishing (a child enrolled since) becomes one now. */
  private async ensureRecipient(circular: Circular, caller: Caller): Promise<void> {
    if (await this.recipients.of(circular.id, caller.guardianId!)) return;
    const targetIds = new Set((await this.targets.of([circular.id])).map((t) => t.targetId));
    const children = caller.children.filter(
      (c) =>
        circular.audience === 'school' ||
        targetIds.has(circular.audience === 'classes' ? c.classId : c.sectionId),
    );
    await this.recipients.add([
      {
        circularId: circular.id,
        guardianId: caller.guardianId!,
        studentIds: JSON.stringify(children.map((c) => c.studentId)),
        readAt: null,
        acknowledgedAt: null,
        acknowledgedByUserId: null,
      },
    ]);
  }

  private async readerViews(rows: Circular[], guardianId: string | null): Promise<CircularReaderView[]> {
    const ids = rows.map((r) => r.id);
    const [attachments, receipts] = await Promise.all([
      this.attachments.infoOf(ids),
      guardianId ? this.recipients.ofGuardian(guardianId, ids) : [],
    ]);
    return rows.map((r) =>
      readerView(
        r,
        attachments.find((a) => a.circularId === r.id),
        receipts.find((x) => x.circularId === r.id),
      ),
    );
  }

  private async caller(): Promise<Caller> {
    if (this.context.permissions.includes(Permission.CircularsPublish))
      return { reader: { kind: 'publisher' }, guardianId: null, children: [] };
    const scope = await this.students.scope();
    if (scope.kind !== 'students') return { reader: { kind: 'staff' }, guardianId: null, children: [] };
    const [directory, guardianId] = await Promise.all([
      this.students.directory(scope.studentIds),
      this.context.userId ? this.guardians.idOfAccount(this.context.userId) : null,
    ]);
    const sectionIds = [
      ...new Set([...directory.values()].flatMap((d) => (d.sectionId ? [d.sectionId] : []))),
    ];
    const sections = sectionIds.length ? await this.academics.sectionsByIds(sectionIds) : [];
    const classOf = new Map(sections.map((s) => [s.id, s.classId]));
    const children = [...directory].flatMap(([studentId, d]) =>
      d.sectionId && classOf.has(d.sectionId)
        ? [{ studentId, sectionId: d.sectionId, classId: classOf.get(d.sectionId)! }]
        : [],
    );
    return {
      reader: {
        kind: 'family',
        classIds: [...new Set(children.map((c) => c.classId))],
        sectionIds: [...new Set(children.map((c) => c.sectionId))],
      },
      guardianId,
      children,
    };
  }
}
