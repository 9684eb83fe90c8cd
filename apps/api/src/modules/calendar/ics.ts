/**
 * iCalendar (RFC 5545) text for the school's public feed: pure functions, no I/O. Lines end in CRLF and
 * fold at 75 octets (3.1); TEXT values escape backslash, semicolon, comma and newlines (3.3.11); an all-day
 * event is DTSTART;VALUE=DATE with an exclusive DTEND (3.6.1); timed events are in UTC ("Z").
 */

const CRLF = '\r\n';
const MAX_OCTETS = 75;

/** Escapes a TEXT value (RFC 5545 3.3.11). */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * Folds a content line so no physical line is longer than 75 octets of UTF-8 (RFC 5545 3.1): each
 * continuation starts with one space, and a multi-byte character is never split.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    // The first line holds 75 octets; each continuation 74 after its leading space.
    const limit = parts.length === 0 ? MAX_OCTETS : MAX_OCTETS - 1;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

/** 'YYYY-MM-DD' as an iCalendar DATE. */
export function icsDate(date: string): string {
  return date.replace(/-/g, '');
}

/** A UTC instant as an iCalendar DATE-TIME in UTC form. */
export function icsUtc(at: Date): string {
  return at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
}

/** The day after a 'YYYY-MM-DD' date (DTEND of an all-day event is exclusive). */
export function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The UTC instant of a school's local date and 'HH:MM' in an IANA time zone. */
export function zonedToUtc(date: string, time: string, timeZone: string): Date {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  const offsetAt = (ms: number) => {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }).formatToParts(new Date(ms));
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
    const asUtc = Date.UTC(
      get('year'),
      get('month') - 1,
      get('day'),
      get('hour'),
      get('minute'),
      get('second'),
    );
    return asUtc - ms;
  };
  // Two passes settle the offset around a daylight-saving change.
  let guess = wall - offsetAt(wall);
  guess = wall - offsetAt(guess);
  return new Date(guess);
}

export type IcsWhen =
  { allDay: true; startsOn: string; endsOn: string } | { allDay: false; start: Date; end: Date };

export interface IcsEvent {
  uid: string;
  summary: string;
  description?: string | null;
  categories?: string;
  when: IcsWhen;
}

/** A whole VCALENDAR of VEVENTs, CRLF-terminated and folded. */
export function buildCalendar(input: { name: string; stamp: Date; events: IcsEvent[] }): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Shala//School calendar//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(input.name)}`,
  ];
  const stamp = icsUtc(input.stamp);
  for (const e of input.events) {
    lines.push('BEGIN:VEVENT', `UID:${e.uid}`, `DTSTAMP:${stamp}`);
    if (e.when.allDay)
      lines.push(
        `DTSTART;VALUE=DATE:${icsDate(e.when.startsOn)}`,
        `DTEND;VALUE=DATE:${icsDate(nextDay(e.when.endsOn))}`,
      );
    else lines.push(`DTSTART:${icsUtc(e.when.start)}`, `DTEND:${icsUtc(e.when.end)}`);
    lines.push(`SUMMARY:${escapeText(e.summary)}`);
    if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
    if (e.categories) lines.push(`CATEGORIES:${escapeText(e.categories)}`);
    lines.push('TRANSP:TRANSPARENT', 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}
