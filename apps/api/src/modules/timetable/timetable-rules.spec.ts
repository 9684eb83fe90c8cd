import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Assignment,
  type Cell,
  type Limits,
  allClashes,
  applyWrite,
  bellDayProblems,
  clashesOf,
  duplicateSlots,
  proposeSubstitutes,
  roomKey,
} from './timetable-rules';

const SECTIONS = ['s1', 's2', 's3'];
const TEACHERS = ['t1', 't2', 't3', 't4'];
const SUBJECTS = ['math', 'eng'];
const PERIODS = new Map([
  [1, new Set([1, 2, 3])],
  [2, new Set([1, 2])],
]);

// Small domains, so random timetables collide often.
const cellArb: fc.Arbitrary<Cell> = fc.record({
  sectionId: fc.constantFrom(...SECTIONS),
  weekday: fc.constantFrom(1, 2, 3),
  period: fc.constantFrom(1, 2, 3),
  subjectId: fc.constantFrom(...SUBJECTS),
  teacherUserId: fc.constantFrom(...TEACHERS),
  room: fc.constantFrom(null, 'Lab', 'lab ', 'R1'),
});
const EVERY_ASSIGNMENT: Assignment[] = SECTIONS.flatMap((sectionId) =>
  SUBJECTS.flatMap((subjectId) => TEACHERS.map((teacherUserId) => ({ sectionId, subjectId, teacherUserId }))),
);
// Half the runs assign every teacher everything, so the other rules meet many accepted cells.
const someAssignmentsArb: fc.Arbitrary<Assignment[]> = fc.array(
  fc.record({
    sectionId: fc.constantFrom(...SECTIONS),
    subjectId: fc.constantFrom(...SUBJECTS),
    teacherUserId: fc.constantFrom(...TEACHERS),
  }),
  { maxLength: 30 },
);
const assignmentsArb = fc.oneof(fc.constant(EVERY_ASSIGNMENT), someAssignmentsArb);
const limitsArb: fc.Arbitrary<Limits> = fc.record({
  maxPeriodsPerDay: fc.option(fc.integer({ min: 1, max: 4 }), { freq: 2 }),
  maxPeriodsPerWeek: fc.option(fc.integer({ min: 1, max: 8 }), { freq: 2 }),
});

/** The rules written the slow, obvious way: any pair of cells or any count that breaks one. */
function bruteForceHasClash(cells: Cell[], assignments: Assignment[], limits: Limits): boolean {
  for (const c of cells) {
    if (!PERIODS.get(c.weekday)?.has(c.period)) return true;
    if (
      !assignments.some(
        (a) =>
          a.sectionId === c.sectionId && a.subjectId === c.subjectId && a.teacherUserId === c.teacherUserId,
      )
    )
      return true;
    for (const o of cells) {
      if (o === c || o.weekday !== c.weekday || o.period !== c.period || o.sectionId === c.sectionId)
        continue;
      if (o.teacherUserId === c.teacherUserId) return true;
      if (roomKey(o.room) !== null && roomKey(o.room) === roomKey(c.room)) return true;
    }
    const day = cells.filter((o) => o.teacherUserId === c.teacherUserId && o.weekday === c.weekday).length;
    const week = cells.filter((o) => o.teacherUserId === c.teacherUserId).length;
    if (limits.maxPeriodsPerDay !== null && day > limits.maxPeriodsPerDay) return true;
    if (limits.maxPeriodsPerWeek !== null && week > limits.maxPeriodsPerWeek) return true;
  }
  return false;
}

describe('timetable clash rules', () => {
  it('an accepted timetable never has a clash (cell writes accepted only without a clash)', () => {
    fc.assert(
      fc.property(
        fc.array(cellArb, { maxLength: 40 }),
        assignmentsArb,
        limitsArb,
        (writes, assignments, limits) => {
          let timetable: Cell[] = [];
          for (const w of writes) {
            const after = applyWrite(timetable, w.sectionId, [w], false);
            if (clashesOf([w], after, assignments, limits, PERIODS).length === 0) timetable = after;
          }
          expect(allClashes(timetable, assignments, limits, PERIODS)).toEqual([]);
          expect(bruteForceHasClash(timetable, assignments, limits)).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('an accepted whole-grid write never leaves a clash either', () => {
    const gridArb = fc.record({
      sectionId: fc.constantFrom(...SECTIONS),
      cells: fc.array(cellArb, { maxLength: 8 }),
    });
    fc.assert(
      fc.property(
        fc.array(gridArb, { maxLength: 8 }),
        assignmentsArb,
        limitsArb,
        (grids, assignments, limits) => {
          let timetable: Cell[] = [];
          for (const g of grids) {
            const written = g.cells.map((c) => ({ ...c, sectionId: g.sectionId }));
            if (duplicateSlots(written).length) continue;
            const after = applyWrite(timetable, g.sectionId, written, true);
            if (clashesOf(written, after, assignments, limits, PERIODS).length === 0) timetable = after;
          }
          expect(bruteForceHasClash(timetable, assignments, limits)).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('finds a clash exactly when the brute-force check does', () => {
    fc.assert(
      fc.property(
        fc.array(cellArb, { maxLength: 12 }),
        assignmentsArb,
        limitsArb,
        (cells, assignments, limits) => {
          // One cell per section and slot, as the database keeps it.
          const unique = cells.filter(
            (c, i) =>
              cells.findIndex(
                (o) => o.sectionId === c.sectionId && o.weekday === c.weekday && o.period === c.period,
              ) === i,
          );
          expect(allClashes(unique, assignments, limits, PERIODS).length > 0).toBe(
            bruteForceHasClash(unique, assignments, limits),
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('names the teacher, the other section, the day and the period of a double booking', () => {
    const a: Cell = {
      sectionId: 's1',
      weekday: 1,
      period: 2,
      subjectId: 'math',
      teacherUserId: 't1',
      room: 'Lab',
    };
    const b: Cell = { ...a, sectionId: 's2' };
    const assignments = [
      { sectionId: 's1', subjectId: 'math', teacherUserId: 't1' },
      { sectionId: 's2', subjectId: 'math', teacherUserId: 't1' },
    ];
    const found = clashesOf(
      [b],
      [a, b],
      assignments,
      { maxPeriodsPerDay: null, maxPeriodsPerWeek: null },
      PERIODS,
    );
    expect(found.map((c) => c.kind)).toEqual(['teacher_double_booked', 'room_double_booked']);
    expect(found[0]).toMatchObject({ teacherUserId: 't1', otherSectionId: 's1', weekday: 1, period: 2 });
    expect(found[0]!.message).toContain('already teaches section s1 on weekday 1, period 2');
    expect(found[1]).toMatchObject({ room: 'Lab', otherSectionId: 's1' });
  });

  it('applyWrite keeps one cell per section and slot', () => {
    fc.assert(
      fc.property(
        fc.array(cellArb, { maxLength: 20 }),
        fc.array(cellArb, { maxLength: 6 }),
        fc.boolean(),
        (start, w, replace) => {
          const written = w
            .map((c) => ({ ...c, sectionId: 's1' }))
            .filter((c, i, all) => !duplicateSlots(all).includes(i));
          let existing: Cell[] = [];
          for (const c of start) existing = applyWrite(existing, c.sectionId, [c], false);
          const after = applyWrite(existing, 's1', written, replace);
          const keys = after.map((c) => `${c.sectionId}:${c.weekday}:${c.period}`);
          expect(new Set(keys).size).toBe(keys.length);
          if (replace) expect(after.filter((c) => c.sectionId === 's1')).toEqual(written);
        },
      ),
    );
  });
});

describe('substitute proposals', () => {
  it('proposes only free teachers other than the absent one, fewest periods that day first', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...TEACHERS, 't5', 't6'), { maxLength: 6 }),
        fc.subarray([...TEACHERS, 't5', 't6']),
        fc.dictionary(fc.constantFrom(...TEACHERS, 't5', 't6'), fc.nat(8)),
        fc.constantFrom(...TEACHERS),
        (ids, busy, counts, absent) => {
          const teachers = ids.map((userId) => ({ userId, name: userId.toUpperCase() }));
          const got = proposeSubstitutes(teachers, new Set(busy), new Map(Object.entries(counts)), absent);
          for (const g of got) {
            expect(g.userId).not.toBe(absent);
            expect(busy).not.toContain(g.userId);
          }
          for (let i = 1; i < got.length; i++)
            expect(got[i]!.periodsThatDay).toBeGreaterThanOrEqual(got[i - 1]!.periodsThatDay);
          expect(got.length).toBe(ids.filter((id) => id !== absent && !busy.includes(id)).length);
        },
      ),
    );
  });
});

describe('bell schedule', () => {
  const time = fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
    .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
  it('an accepted day has HH:MM times, start before end and no overlapping slots', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ kind: fc.constantFrom('period' as const, 'break' as const), start: time, end: time }),
          {
            maxLength: 8,
          },
        ),
        (slots) => {
          if (bellDayProblems(slots, 'days.0.slots').length) return;
          for (const [i, s] of slots.entries()) {
            expect(s.start < s.end).toBe(true);
            for (const o of slots.slice(i + 1)) expect(s.end <= o.start || o.end <= s.start).toBe(true);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('names the field of a bad time, an end before its start and an overlap', () => {
    expect(bellDayProblems([{ kind: 'period', start: '9:00', end: '09:40' }], 'days.1.slots')).toEqual([
      { field: 'days.1.slots.0.start', message: 'must be HH:MM (00:00-23:59)' },
    ]);
    expect(bellDayProblems([{ kind: 'period', start: '09:40', end: '09:00' }], 'days.1.slots')).toEqual([
      { field: 'days.1.slots.0.end', message: 'must be after start' },
    ]);
    expect(
      bellDayProblems(
        [
          { kind: 'period', start: '09:00', end: '09:40' },
          { kind: 'break', start: '09:30', end: '09:50' },
        ],
        'days.1.slots',
      ),
    ).toEqual([{ field: 'days.1.slots.1.start', message: 'overlaps slot 0 (09:00-09:40)' }]);
  });
});
