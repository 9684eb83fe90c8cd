import type { TimetableClash } from '@shala/contracts';
import { RuleViolationError } from '../../platform/errors/domain-error';

export const TimetableErrorCode = {
  Clash: 'TIMETABLE_CLASH',
  TooManyPeriods: 'TIMETABLE_TOO_MANY_PERIODS',
  NotTaught: 'TIMETABLE_PERIOD_NOT_TAUGHT',
  SubstituteBusy: 'TIMETABLE_SUBSTITUTE_BUSY',
  NoCurrentYear: 'TIMETABLE_NO_CURRENT_YEAR',
} as const;

/** 422 naming each clash: the cell's field, the kind, and which teacher/room/section/day/period. */
export class TimetableClashError extends RuleViolationError {
  constructor(clashes: (TimetableClash & { field: string })[]) {
    super(
      clashes.length === 1
        ? clashes[0]!.message
        : `${clashes.length} clashes: ${clashes.map((c) => c.message).join(' ')}`,
      TimetableErrorCode.Clash,
      clashes.map((c) => ({ ...c })),
    );
  }
}

export class NoCurrentYearError extends RuleViolationError {
  constructor() {
    super(
      'There is no current academic year; set one before the timetable.',
      TimetableErrorCode.NoCurrentYear,
    );
  }
}
