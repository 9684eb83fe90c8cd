import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type PlannedSitting, findClashes, overlaps, timeProblems } from './schedule-clashes';

const names = { section: (id: string) => `Section ${id}`, user: (id: string) => `User ${id}` };
const sitting = (p: Partial<PlannedSitting>): PlannedSitting => ({
  paperId: 'p',
  sectionIds: ['A'],
  sitsOn: '2027-03-02',
  startsAt: '09:00',
  endsAt: '12:00',
  room: 'Room 1',
  invigilatorUserId: null,
  paperLabel: 'Mathematics',
  ...p,
});

describe('exam schedule clashes', () => {
  it('names a section sitting two papers at once, on the later sitting', () => {
    const clashes = findClashes(
      [sitting({}), sitting({ paperId: 'q', paperLabel: 'Science', startsAt: '11:00', endsAt: '13:00' })],
      [],
      new Map(),
      names,
    );
    expect(clashes).toEqual([
      { field: 'sittings[1]', message: 'Section A already sits Mathematics 09:00–12:00 on 2027-03-02' },
    ]);
  });

  it('lets back-to-back sittings and other sections share a time', () => {
    expect(
      findClashes(
        [
          sitting({}),
          sitting({ paperId: 'q', startsAt: '12:00', endsAt: '13:00' }),
          sitting({ paperId: 'r', sectionIds: ['B'] }),
        ],
        [],
        new Map(),
        names,
      ),
    ).toEqual([]);
  });

  it('expands a whole-class sitting to its sections when checking', () => {
    const clashes = findClashes(
      [sitting({ sectionIds: ['A', 'B'] })],
      [sitting({ sectionIds: ['B'], paperLabel: 'English (Periodic Test 2)' })],
      new Map(),
      names,
    );
    expect(clashes).toEqual([
      {
        field: 'sittings[0]',
        message: 'Section B already sits English (Periodic Test 2) 09:00–12:00 on 2027-03-02',
      },
    ]);
  });

  it('names an invigilator in two rooms at once', () => {
    const clashes = findClashes(
      [
        sitting({ invigilatorUserId: 'u' }),
        sitting({ sectionIds: ['B'], room: 'Room 2', invigilatorUserId: 'u', startsAt: '10:00' }),
      ],
      [],
      new Map(),
      names,
    );
    expect(clashes).toEqual([
      {
        field: 'sittings[1]',
        message: 'User u already invigilates Mathematics in Room 1 09:00–12:00 on 2027-03-02',
      },
    ]);
  });

  it('names a sitting on a non-working day with the reason', () => {
    const clashes = findClashes([sitting({})], [], new Map([['2027-03-02', 'holiday: Holi']]), names);
    expect(clashes).toEqual([
      {
        field: 'sittings[0]',
        message: '2027-03-02 is not a working day (holiday: Holi); Mathematics cannot sit then',
      },
    ]);
  });

  it('checks times: end after start, at most 8 hours', () => {
    expect(timeProblems({ startsAt: '09:00', endsAt: '09:00' }, 's')).toHaveLength(1);
    expect(timeProblems({ startsAt: '08:00', endsAt: '16:01' }, 's')).toHaveLength(1);
    expect(timeProblems({ startsAt: '08:00', endsAt: '16:00' }, 's')).toEqual([]);
  });

  it('overlap is symmetric and needs a shared minute', () => {
    const time = fc.integer({ min: 0, max: 23 * 60 }).map((m) => {
      const h = String(Math.floor(m / 60)).padStart(2, '0');
      return `${h}:${String(m % 60).padStart(2, '0')}`;
    });
    const slot = fc
      .tuple(time, time)
      .filter(([a, b]) => a < b)
      .map(([startsAt, endsAt]) => ({ sitsOn: '2027-03-02', startsAt, endsAt }));
    fc.assert(
      fc.property(slot, slot, (a, b) => {
        expect(overlaps(a, b)).toBe(overlaps(b, a));
        const shared = a.startsAt < b.endsAt && b.startsAt < a.endsAt;
        expect(overlaps(a, b)).toBe(shared);
        expect(overlaps(a, { ...b, sitsOn: '2027-03-03' })).toBe(false);
      }),
    );
  });
});
