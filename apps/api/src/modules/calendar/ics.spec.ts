import { describe, expect, it } from 'vitest';
import { buildCalendar, escapeText, foldLine, icsUtc, nextDay, zonedToUtc } from './ics';

describe('iCalendar text (RFC 5545)', () => {
  it('escapes backslashes, semicolons, commas and newlines in TEXT values (3.3.11)', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf\rg')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng');
    expect(escapeText('plain text')).toBe('plain text');
  });

  it('folds lines longer than 75 octets with CRLF and one space, leaving shorter ones alone (3.1)', () => {
    expect(foldLine('SUMMARY:short')).toBe('SUMMARY:short');
    const line = `DESCRIPTION:${'x'.repeat(200)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBe(3);
    expect(Buffer.byteLength(parts[0]!)).toBe(75);
    for (const p of parts.slice(1)) expect(p.startsWith(' ')).toBe(true);
    for (const p of parts) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
  });

  it('never splits a multi-byte character when folding', () => {
    const line = `SUMMARY:${'वार्षिक समारोह '.repeat(12)}`;
    const parts = foldLine(line).split('\r\n');
    for (const p of parts) {
      expect(Buffer.byteLength(p)).toBeLessThanOrEqual(75);
      expect(p).not.toContain('\uFFFD');
      expect(Buffer.from(p, 'utf8').toString('utf8')).toBe(p);
    }
    expect(parts.map((p, i) => (i ? p.slice(1) : p)).join('')).toBe(line);
  });

  it('writes all-day events as DATE values with an exclusive end, timed ones in UTC', () => {
    const text = buildCalendar({
      name: 'Greenwood, High; School',
      stamp: new Date('2026-12-06T10:00:00.123Z'),
      events: [
        {
          uid: 'a@shala',
          summary: 'Sports day',
          when: { allDay: true, startsOn: '2026-12-31', endsOn: '2026-12-31' },
        },
        {
          uid: 'b@shala',
          summary: 'PTM',
          description: 'Room 1, Room 2',
          when: {
            allDay: false,
            start: new Date('2026-12-10T04:00:00Z'),
            end: new Date('2026-12-10T07:30:00Z'),
          },
        },
      ],
    });
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    expect(lines).toContain('X-WR-CALNAME:Greenwood\\, High\\; School');
    expect(lines).toContain('DTSTAMP:20261206T100000Z');
    expect(lines).toContain('DTSTART;VALUE=DATE:20261231');
    expect(lines).toContain('DTEND;VALUE=DATE:20270101');
    expect(lines).toContain('DTSTART:20261210T040000Z');
    expect(lines).toContain('DESCRIPTION:Room 1\\, Room 2');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(2);
    expect(lines.filter((l) => l.startsWith('UID:'))).toEqual(['UID:a@shala', 'UID:b@shala']);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('turns a school local time into UTC, across time zones and a daylight-saving change', () => {
    expect(icsUtc(zonedToUtc('2026-12-10', '09:30', 'Asia/Kolkata'))).toBe('20261210T040000Z');
    expect(icsUtc(zonedToUtc('2026-07-01', '09:00', 'Europe/London'))).toBe('20260701T080000Z');
    expect(icsUtc(zonedToUtc('2026-01-01', '09:00', 'Europe/London'))).toBe('20260101T090000Z');
    expect(icsUtc(zonedToUtc('2026-12-31', '23:45', 'Asia/Kathmandu'))).toBe('20261231T180000Z');
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
  });
});
