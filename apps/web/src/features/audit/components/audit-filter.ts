import type { AuditFilter, AuditOutcome } from '@shala/contracts';
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import type { AuditFilterInput, AuditFilterValues } from '../schemas/audit-filter.schema';

dayjs.extend(utc);
dayjs.extend(timezone);

/** The form with nothing filtered. */
export const emptyAuditFilterForm: AuditFilterInput = {
  action: '',
  outcome: '',
  dates: [null, null],
  actorUserId: '',
};

/** The first and last instant of a calendar day in a time zone, as ISO-8601 UTC. */
function dayBounds(day: string, timeZone: string): { start: string; end: string } {
  try {
    const start = dayjs.tz(`${day} 00:00:00`, timeZone);
    return { start: start.toISOString(), end: start.add(1, 'day').subtract(1, 'millisecond').toISOString() };
  } catch {
    // An unknown time zone name: the browser's own.
    const start = dayjs(`${day}T00:00:00`);
    return { start: start.toISOString(), end: start.add(1, 'day').subtract(1, 'millisecond').toISOString() };
  }
}

/**
 * The API filter for what the form says. Dates are the institution's calendar days: "2 June" at a school in
 * Asia/Kolkata starts at 2 June 00:00 IST, whatever the browser's own time zone.
 */
export function toAuditFilter(values: AuditFilterValues, timeZone: string): AuditFilter {
  const filter: AuditFilter = {};
  if (values.action) filter.action = values.action;
  if (values.outcome) filter.outcome = values.outcome as AuditOutcome;
  if (values.actorUserId) filter.actorUserId = values.actorUserId;
  const [from, to] = values.dates;
  if (from) filter.from = dayBounds(from, timeZone).start;
  if (to ?? from) filter.to = dayBounds((to ?? from) as string, timeZone).end;
  return filter;
}
