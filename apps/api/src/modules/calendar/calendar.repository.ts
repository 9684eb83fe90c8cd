import { Injectable } from '@nestjs/common';
import { In, LessThanOrEqual, MoreThanOrEqual } from 'typeorm';
import { Database } from '../../platform/database/database';
import type { Insertable } from '../../platform/database/insertable';
import { TenantScopedRepository } from '../../platform/database/tenant-scoped.repository';
import { RequestContext } from '../../platform/tenancy/request-context';
import { CalendarEvent, CalendarEventTarget, CalendarFeed } from './entities/calendar.entities';

/** The events the school entered in its calendar. */
@Injectable()
export class CalendarEventsRepository extends TenantScopedRepository<CalendarEvent> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, CalendarEvent);
  }

  /** Events overlapping `from..to` (dates inclusive), by start. */
  overlapping(from: string, to: string): Promise<CalendarEvent[]> {
    return this.find({
      where: { startsOn: LessThanOrEqual(to), endsOn: MoreThanOrEqual(from) },
      order: { startsOn: 'ASC', startTime: 'ASC', id: 'ASC' },
    });
  }

  byId(id: string): Promise<CalendarEvent | null> {
    return this.findOneBy({ id });
  }

  async add(row: Insertable<CalendarEvent>): Promise<void> {
    await this.insert(row);
  }

  change(id: string, patch: Omit<Insertable<CalendarEvent>, 'id'>): Promise<number> {
    return this.update({ id }, { ...patch, updatedAt: new Date() });
  }

  remove(id: string): Promise<number> {
    return this.delete({ id });
  }
}

/** The classes and sections each event is for. */
@Injectable()
export class CalendarTargetsRepository extends TenantScopedRepository<CalendarEventTarget> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, CalendarEventTarget);
  }

  ofEvents(eventIds: string[]): Promise<CalendarEventTarget[]> {
    return eventIds.length
      ? this.find({ where: { eventId: In(eventIds) }, order: { id: 'ASC' } })
      : Promise.resolve([]);
  }

  /** Replaces an event's targets. */
  async replace(eventId: string, rows: Insertable<CalendarEventTarget>[]): Promise<void> {
    await this.delete({ eventId });
    await this.insert(rows);
  }
}

/** The school's iCalendar feed row (its token's hash). */
@Injectable()
export class CalendarFeedsRepository extends TenantScopedRepository<CalendarFeed> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, CalendarFeed);
  }

  current(): Promise<CalendarFeed | null> {
    return this.findOne({});
  }

  /** Sets the feed's token hash: a new feed, or a rotation that voids the old token. */
  async put(tokenHash: string, createdAt: Date): Promise<void> {
    await this.upsert([{ tokenHash, createdAt }], []);
  }

  /** Revokes the feed; answers whether there was one. */
  async revoke(): Promise<boolean> {
    const row = await this.current();
    return row ? (await this.delete({ tokenHash: row.tokenHash })) > 0 : false;
  }
}
