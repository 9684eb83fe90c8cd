import { Injectable } from '@nestjs/common';
import {
  CALENDAR_MAX_RANGE_DAYS,
  PAGE_LIMIT_DEFAULT,
  Permission,
  type CalendarItemView,
  type CalendarTarget,
  type Page,
} from '@shala/contracts';
import { ValidationFailedError } from '../../platform/errors/domain-error';
import { daysBetween } from '../../platform/time/local-time';
import { RequestContext } from '../../platform/tenancy/request-context';
import { SchoolCalendar } from '../attendance/school-calendar';
import { ExamDates, type ExamDateSitting } from '../exams/exam-dates';
import { CalendarViewers, reaches } from './calendar-audience';
import { eventItem } from './calendar-events.service';
import { CalendarLabelsReader, type CalendarLabels } from './calendar-labels';
import { CalendarEventsRepository, CalendarTargetsRepository } from './calendar.repository';

/** 400 naming `to` unless `from..to` is a forward range of at most CALENDAR_MAX_RANGE_DAYS days. */
export function checkRange(from: string, to: string): void {
  const span = daysBetween(from, to);
  if (span < 0) throw new ValidationFailedError([{ field: 'to', message: 'must be on or after from' }]);
  if (span > CALENDAR_MAX_RANGE_DAYS)
    throw new ValidationFailedError([
      { field: 'to', message: `a calendar range covers at most ${CALENDAR_MAX_RANGE_DAYS} days` },
    ]);
}

const byDate = (a: CalendarItemView, b: CalendarItemView) =>
  a.startsOn.localeCompare(b.startsOn) ||
  Number(b.allDay) - Number(a.allDay) ||
  (a.startTime ?? '').localeCompare(b.startTime ?? '') ||
  a.key.localeCompare(b.key);

/** The exam sittings of one assessment on one day, as one calendar item. */
function examItem(rows: ExamDateSitting[], labels: CalendarLabels): CalendarItemView {
  const first = rows[0]!;
  const targets = new Map<string, CalendarTarget>();
  for (const r of rows)
    targets.set(`${r.classId}|${r.sectionId ?? ''}`, { classId: r.classId, sectionId: r.sectionId });
  return {
    key: `exam:${first.assessmentId}:${first.sitsOn}`,
    source: 'exam',
    id: first.assessmentId,
    type: 'exam',
    title: first.assessmentName,
    description: rows
      .map((r) => {
        const who = labels.target({ classId: r.classId, sectionId: r.sectionId }).label;
        return `${r.startsAt}–${r.endsAt} ${labels.subject(r.subjectId)} (${who})`;
      })
      .join('\n'),
    startsOn: first.sitsOn,
    endsOn: first.sitsOn,
    allDay: false,
    startTime: rows.map((r) => r.startsAt).sort()[0]!,
    endTime: rows
      .map((r) => r.endsAt)
      .sort()
      .at(-1)!,
    audience: 'classes',
    targets: [...targets.values()].map((t) => labels.target(t)),
    editable: false,
  };
}

/**
 * The calendar a caller reads for a range: the events entered here, the holidays of the attendance
 * calendar and the exam days of the exam schedule (both read where they live, never copied), each only
 * when it reaches the caller — a parent sees whole-school items and those of their children's classes.
 */
@Injectable()
export class CalendarItemsService {
  constructor(
    private readonly context: RequestContext,
    private readonly viewers: CalendarViewers,
    private readonly labels: CalendarLabelsReader,
    private readonly schoolCalendar: SchoolCalendar,
    private readonly examDates: ExamDates,
    private readonly events: CalendarEventsRepository,
    private readonly targets: CalendarTargetsRepository,
  ) {}

  async list(q: {
    from: string;
    to: string;
    limit?: number;
    cursor?: string;
  }): Promise<Page<CalendarItemView>> {
    checkRange(q.from, q.to);
    const offset = q.cursor === undefined ? 0 : Number(q.cursor);
    if (!/^\d{1,6}$/.test(q.cursor ?? '0'))
      throw new ValidationFailedError([{ field: 'cursor', message: 'not a cursor this list gave' }]);
    const items = await this.items(q.from, q.to);
    const limit = q.limit ?? PAGE_LIMIT_DEFAULT;
    const pageItems = items.slice(offset, offset + limit);
    return { items: pageItems, nextCursor: offset + limit < items.length ? String(offset + limit) : null };
  }

  private async items(from: string, to: string): Promise<CalendarItemView[]> {
    const [viewer, labels, events, holidays, sittings] = await Promise.all([
      this.viewers.current(),
      this.labels.read(),
      this.events.overlapping(from, to),
      this.schoolCalendar.holidays(from, to),
      this.examDates.between(from, to),
    ]);
    const targetRows = await this.targets.ofEvents(events.map((e) => e.id));
    const targetsOf = new Map<string, CalendarTarget[]>();
    for (const t of targetRows)
      targetsOf.set(t.eventId, [
        ...(targetsOf.get(t.eventId) ?? []),
        { classId: t.classId, sectionId: t.sectionId },
      ]);
    const canManage = this.context.permissions.includes(Permission.CalendarManage);

    const out: CalendarItemView[] = events
      .filter((e) => reaches(viewer, e.audience, targetsOf.get(e.id) ?? []))
      .map((e) => eventItem(e, targetsOf.get(e.id) ?? [], labels, canManage));
    for (const h of holidays)
      out.push({
        key: `holiday:${h.id}`,
        source: 'holiday',
        id: h.id,
        type: 'holiday',
        title: h.name,
        description: null,
        startsOn: h.date,
        endsOn: h.date,
        allDay: true,
        startTime: null,
        endTime: null,
        audience: 'school',
        targets: [],
        editable: false,
      });
    const examDays = new Map<string, ExamDateSitting[]>();
    for (const s of sittings) {
      if (!reaches(viewer, 'classes', [{ classId: s.classId, sectionId: s.sectionId }])) continue;
      const key = `${s.assessmentId}|${s.sitsOn}`;
      examDays.set(key, [...(examDays.get(key) ?? []), s]);
    }
    for (const rows of examDays.values()) out.push(examItem(rows, labels));
    return out.sort(byDate);
  }
}
