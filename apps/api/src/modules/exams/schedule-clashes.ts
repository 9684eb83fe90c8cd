/**
 * Exam schedule clashes, as pure functions over plain sittings: a section sitting two papers at once, an
 * invigilator in two rooms at once, a paper on a non-working day. The service reads the rows and names;
 * this file decides. Times are local 'HH:MM' (they compare as strings); two sittings overlap when each
 * starts before the other ends, so 09:00-12:00 and 12:00-13:00 do not.
 */

/** A sitting with its section ids expanded (a whole-class sitting lists every section of the class). */
export interface PlannedSitting {
  paperId: string;
  sectionIds: string[];
  sitsOn: string;
  startsAt: string;
  endsAt: string;
  room: string;
  invigilatorUserId: string | null;
  /** How a message names the paper: 'Mathematics', or 'Mathematics (Periodic Test 2)' for another assessment's. */
  paperLabel: string;
}

export interface ClashNames {
  section(id: string): string;
  user(id: string): string;
}

// A type, not an interface: it must fit the error envelope's open detail type.
export type ClashDetail = { field: string; message: string };

/** Which clash checks run (all by default); a test switches one off to show its test fails without it. */
export interface ClashChecks {
  sections: boolean;
  invigilators: boolean;
  workingDays: boolean;
}

export const ALL_CHECKS: ClashChecks = { sections: true, invigilators: true, workingDays: true };

const MAX_MINUTES = 8 * 60;

export const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export const overlaps = (
  a: Pick<PlannedSitting, 'sitsOn' | 'startsAt' | 'endsAt'>,
  b: Pick<PlannedSitting, 'sitsOn' | 'startsAt' | 'endsAt'>,
): boolean => a.sitsOn === b.sitsOn && a.startsAt < b.endsAt && b.startsAt < a.endsAt;

const span = (s: PlannedSitting) => `${s.startsAt}–${s.endsAt} on ${s.sitsOn}`;

/** The malformed-time problems of one sitting (400): end after start, at most 8 hours. */
export function timeProblems(sitting: { startsAt: string; endsAt: string }, field: string): ClashDetail[] {
  const length = minutesOf(sitting.endsAt) - minutesOf(sitting.startsAt);
  if (length <= 0) return [{ field: `${field}.endsAt`, message: 'must be after startsAt' }];
  if (length > MAX_MINUTES) return [{ field: `${field}.endsAt`, message: 'a sitting lasts at most 8 hours' }];
  return [];
}

/**
 * Every clash of the submitted sittings, among themselves and with `others` (the other assessments'
 * sittings of the same term), each detail naming the submitted sitting as `sittings[i]` and what it
 * clashes with. `nonWorking` maps a date to why it is not a working day.
 */
export function findClashes(
  submitted: PlannedSitting[],
  others: PlannedSitting[],
  nonWorking: Map<string, string>,
  names: ClashNames,
  checks: ClashChecks = ALL_CHECKS,
): ClashDetail[] {
  const out: ClashDetail[] = [];
  submitted.forEach((s, i) => {
    const field = `sittings[${i}]`;
    const reason = nonWorking.get(s.sitsOn);
    if (checks.workingDays && reason)
      out.push({
        field,
        message: `${s.sitsOn} is not a working day (${reason}); ${s.paperLabel} cannot sit then`,
      });
    // Earlier submitted sittings, then the term's other sittings: each pair is reported once, on the later.
    const against = [...submitted.slice(0, i), ...others];
    for (const o of against) {
      if (!overlaps(s, o)) continue;
      if (checks.sections)
        for (const sectionId of s.sectionIds.filter((id) => o.sectionIds.includes(id)))
          out.push({
            field,
            message: `${names.section(sectionId)} already sits ${o.paperLabel} ${span(o)}`,
          });
      if (checks.invigilators && s.invigilatorUserId && s.invigilatorUserId === o.invigilatorUserId)
        out.push({
          field,
          message: `${names.user(s.invigilatorUserId)} already invigilates ${o.paperLabel} in ${o.room} ${span(o)}`,
        });
    }
  });
  return out;
}
