import { Injectable } from '@nestjs/common';
import {
  CALENDAR_MAX_RANGE_DAYS,
  type CalendarItemView,
  type CalendarTarget,
  type ErrorDetail,
} from '@shala/contracts';
import { v7 as uuidv7 } from 'uuid';
import { Database } from '../../platform/database/database';
import { ValidationFailedError } from '../../platform/errors/domain-error';
import { daysBetween } from '../../platform/time/local-time';
import { AuditService } from '../audit/audit.service';
import { CalendarLabelsReader, type CalendarLabels } from './calendar-labels';
import { CalendarEventNotFoundError } from './calendar.errors';
import { CalendarEventsRepository, CalendarTargetsRepository } from './calendar.repository';
import type { CalendarEventDto } from './dto/calendar.dto';
import type { CalendarEvent } from './entities/calendar.entities';

type EventRow = Omit<CalendarEvent, 'tenantId' | 'id' | 'createdAt' | 'updatedAt'>;

/** The view of an event entered in the calendar. */
export function eventItem(
  e: CalendarEvent,
  targets: CalendarTarget[],
  labels: CalendarLabels,
  editable: boolean,
): CalendarItemView {
  return {
    key: `event:${e.id}`,
    source: 'event',
    id: e.id,
    type: e.type,
    title: e.title,
    description: e.description,
    startsOn: e.startsOn,
    endsOn: e.endsOn,
    allDay: e.allDay,
    startTime: e.startTime,
    endTime: e.endTime,
    audience: e.audience,
    targets: targets.map((t) => labels.target(t)),
    editable,
  };
}

/**
 * Adds, changes and removes the school's calendar events (calendar.manage), each in one audited
 * transaction. Dates and times are checked whole before anything is written: 400 names each field.
 */
@Injectable()
export class CalendarEventsService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly labels: CalendarLabelsReader,
    private readonly events: CalendarEventsRepository,
    private readonly targets: CalendarTargetsRepository,
  ) {}

  async create(input: CalendarEventDto): Promise<CalendarItemView> {
    const labels = await this.labels.read();
    const { row, targets } = this.checked(input, labels);
    return this.db.transaction(async () => {
      const id = uuidv7();
      await this.events.add({ id, ...row });
      await this.targets.replace(
        id,
        targets.map((t) => ({ id: uuidv7(), eventId: id, ...t })),
      );
      await this.audit.record({
        action: 'calendar.event_add',
        targetType: 'calendar_event',
        targetId: id,
        details: { type: row.type, title: row.title, startsOn: row.startsOn, endsOn: row.endsOn },
      });
      return eventItem((await this.events.byId(id))!, targets, labels, true);
    });
  }

  async change(id: string, input: CalendarEventDto): Promise<CalendarItemView> {
    const labels = await this.labels.read();
    const { row, targets } = this.checked(input, labels);
    return this.db.transaction(async () => {
      const before = await this.events.byId(id);
      if (!before) throw new CalendarEventNotFoundError();
      await this.events.change(id, row);
      await this.targets.replace(
        id,
        targets.map((t) => ({ id: uuidv7(), eventId: id, ...t })),
      );
      await this.audit.record({
        action: 'calendar.event_change',
        targetType: 'calendar_event',
        targetId: id,
        details: Object.fromEntries(
          (Object.keys(row) as (keyof EventRow)[])
            .filter((k) => before[k] !== row[k])
            .map((k) => [k, { from: before[k], to: row[k] }]),
        ),
      });
      return eventItem((await this.events.byId(id))!, targets, labels, true);
    });
  }

  async remove(id: string): Promise<void> {
    await this.db.transaction(async () => {
      const event = await this.events.byId(id);
      if (!event) throw new CalendarEventNotFoundError();
      await this.events.remove(id);
      await this.audit.record({
        action: 'calendar.event_remove',
        targetType: 'calendar_event',
        targetId: id,
        details: { title: event.title, startsOn: event.startsOn },
      });
    });
  }

  /** The row to store, or 400 naming every field that breaks a rule. */
  private checked(
    input: CalendarEventDto,
    labels: CalendarLabels,
  ): { row: EventRow; targets: CalendarTarget[] } {
    const problems: ErrorDetail[] = [];
    const title = input.title.trim();
    if (title.length < 2) problems.push({ field: 'title', message: 'title must be at least 2 characters' });
    const endsOn = input.endsOn ?? input.startsOn;
    const span = daysBetween(input.startsOn, endsOn);
    if (span < 0) problems.push({ field: 'endsOn', message: 'must be on or after startsOn' });
    else if (span > CALENDAR_MAX_RANGE_DAYS)
      problems.push({ field: 'endsOn', message: `an event spans at most ${CALENDAR_MAX_RANGE_DAYS} days` });
    const startTime = input.allDay ? null : (input.startTime ?? null);
    const endTime = input.allDay ? null : (input.endTime ?? null);
    if (!input.allDay) {
      if (!startTime) problems.push({ field: 'startTime', message: 'required unless allDay' });
      if (!endTime) problems.push({ field: 'endTime', message: 'required unless allDay' });
      if (startTime && endTime && span === 0 && endTime <= startTime)
        problems.push({ field: 'endTime', message: 'must be after startTime' });
    }
    const targets: CalendarTarget[] = [];
    if (input.audience === 'classes') {
      const given = input.targets ?? [];
      if (!given.length)
        problems.push({ field: 'targets', message: "at least one class when audience is 'classes'" });
      const seen = new Set<string>();
      given.forEach((t, i) => {
        const sectionId = t.sectionId ?? null;
        if (!labels.hasClass(t.classId))
          problems.push({ field: `targets[${i}].classId`, message: 'no class of this school has that id' });
        else if (sectionId && !labels.sectionOfClass(sectionId, t.classId))
          problems.push({ field: `targets[${i}].sectionId`, message: 'not a section of that class' });
        const key = `${t.classId}|${sectionId ?? ''}`;
        if (!seen.has(key)) targets.push({ classId: t.classId, sectionId });
        seen.add(key);
      });
    } else if (input.targets?.length)
      problems.push({ field: 'targets', message: "only when audience is 'classes'" });
    if (problems.length) throw new ValidationFailedError(problems);
    return {
      row: {
        type: input.type,
        title,
        description: input.description?.trim() || null,
        startsOn: input.startsOn,
        endsOn,
        allDay: input.allDay,
        startTime,
        endTime,
        audience: input.audience,
      },
      targets,
    };
  }
}
