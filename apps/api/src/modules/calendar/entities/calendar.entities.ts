import type { CalendarAudience, CalendarEventType } from '@shala/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TenantEntity } from '../../../platform/database/tenant-entity';

/**
 * An event the school entered in its calendar: dates are the school's local 'YYYY-MM-DD', times its local
 * 'HH:MM' (null for an all-day event). `audience` 'classes' names its classes or sections in targets.
 */
@Entity({ name: 'calendar_events' })
export class CalendarEvent extends TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 16 })
  type!: CalendarEventType;

  @Column({ type: 'varchar', length: 120 })
  title!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ name: 'starts_on', type: 'varchar', length: 10 })
  startsOn!: string;

  @Column({ name: 'ends_on', type: 'varchar', length: 10 })
  endsOn!: string;

  @Column({ name: 'all_day', type: 'boolean' })
  allDay!: boolean;

  @Column({ name: 'start_time', type: 'varchar', length: 5, nullable: true })
  startTime!: string | null;

  @Column({ name: 'end_time', type: 'varchar', length: 5, nullable: true })
  endTime!: string | null;

  @Column({ type: 'varchar', length: 8 })
  audience!: CalendarAudience;

  @Column({ name: 'created_at', type: 'datetime', insert: false, update: false })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', insert: false })
  updatedAt!: Date;
}

/** A class (section null: all its sections) or one section an event is for. */
@Entity({ name: 'calendar_event_targets' })
export class CalendarEventTarget extends TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'event_id', type: 'varchar', length: 36 })
  eventId!: string;

  @Column({ name: 'class_id', type: 'varchar', length: 36 })
  classId!: string;

  @Column({ name: 'section_id', type: 'varchar', length: 36, nullable: true })
  sectionId!: string | null;
}

/** The school's iCalendar feed: one per school, its secret token kept only as a SHA-256 hash. */
@Entity({ name: 'calendar_feeds' })
export class CalendarFeed extends TenantEntity {
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}

export const CALENDAR_ENTITIES = [CalendarEvent, CalendarEventTarget, CalendarFeed];
