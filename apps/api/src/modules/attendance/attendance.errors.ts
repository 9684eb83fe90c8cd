import { DomainError, RuleViolationError } from '../../platform/errors/domain-error';

export const AttendanceErrorCode = {
  NonWorkingDay: 'NON_WORKING_DAY',
  FutureDate: 'FUTURE_DATE',
  OutsideYear: 'OUTSIDE_ACADEMIC_YEAR',
  ReasonRequired: 'OVERRIDE_REASON_REQUIRED',
  NotInSection: 'STUDENT_NOT_IN_SECTION',
  OverlappingLeave: 'LEAVE_OVERLAPS',
  NotPending: 'LEAVE_NOT_PENDING',
  SubjectNotInSection: 'SUBJECT_NOT_IN_SECTION',
} as const;

export class NonWorkingDayError extends RuleViolationError {
  constructor(date: string, why: string) {
    super(
      `${date} is not a working day (${why}); attendance is not taken.`,
      AttendanceErrorCode.NonWorkingDay,
    );
  }
}

export class OverrideNotPermittedError extends DomainError {
  constructor() {
    super(403, 'FORBIDDEN', 'This register is locked; changing it needs the attendance override permission.');
  }
}

export class NotSubjectTeacherError extends DomainError {
  constructor() {
    super(
      403,
      'FORBIDDEN',
      "A period is marked by the subject's teacher in this section or by the section's class teacher.",
    );
  }
}
