/**
 * The school calendar (issue 16 item 6): events the school enters (meetings, functions, exams, holidays,
 * others), read together with the holidays of the attendance calendar and the dates of the exam schedule,
 * which stay in their own modules (one source of truth); and a public iCalendar feed per school.
 */

export const CALENDAR_EVENT_TYPES = ['exam', 'holiday', 'meeting', 'function', 'other'] as const;
export type CalendarEventType = (typeof CALENDAR_EVENT_TYPES)[number];

/** Who an event is for: the whole school, or some classes (a whole class, or one of its sections). */
export const CALENDAR_AUDIENCES = ['school', 'classes'] as const;
export type CalendarAudience = (typeof CALENDAR_AUDIENCES)[number];

/** The longest range a calendar list or an event may span, in days (a school year and a day). */
export const CALENDAR_MAX_RANGE_DAYS = 366;

/** Where a calendar item comes from: an event entered here, a holiday of attendance, an exam sitting day. */
export const CALENDAR_ITEM_SOURCES = ['event', 'holiday', 'exam'] as const;
export type CalendarItemSource = (typeof CALENDAR_ITEM_SOURCES)[number];

export interface CalendarTarget {
  classId: string;
  /** Null: every section of the class. */
  sectionId: string | null;
}

export interface CalendarTargetView extends CalendarTarget {
  /** "Class 5" or "Class 5 A". */
  label: string;
}

/** The body of POST /calendar/events and PUT /calendar/events/{id}. */
export interface CalendarEventInput {
  type: CalendarEventType;
  title: string;
  description?: string | null;
  startsOn: string;
  /** Same day as startsOn when left out. */
  endsOn?: string;
  allDay: boolean;
  /** 'HH:MM', school local time; required unless allDay. */
  startTime?: string | null;
  endTime?: string | null;
  audience: CalendarAudience;
  /** Required (1..50) when audience is 'classes'. */
  targets?: CalendarTarget[];
}

/** One entry of the calendar as the caller may see it. */
export interface CalendarItemView {
  /** `event:<id>`, `holiday:<id>` or `exam:<assessmentId>:<date>`: unique within a list. */
  key: string;
  source: CalendarItemSource;
  /** The event's or holiday's id, or the assessment's for exam days. */
  id: string;
  type: CalendarEventType;
  title: string;
  description: string | null;
  startsOn: string;
  endsOn: string;
  allDay: boolean;
  startTime: string | null;
  endTime: string | null;
  audience: CalendarAudience;
  targets: CalendarTargetView[];
  /** Only events entered in the calendar are edited here; holidays in attendance, exams in the exam schedule. */
  editable: boolean;
}

/** The school's iCalendar feed: whether one is live, and its secret URL right after it is made. */
export interface CalendarFeedView {
  active: boolean;
  createdAt: string | null;
  /** The feed's path with its secret token: answered only when created or rotated, never stored in clear. */
  path: string | null;
}
