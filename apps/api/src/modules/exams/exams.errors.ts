import { DomainError, RuleViolationError } from '../../platform/errors/domain-error';

export const ExamsErrorCode = {
  InvalidStructure: 'EXAMS_INVALID_STRUCTURE',
  InUse: 'EXAMS_IN_USE',
  NotCurrentYear: 'EXAMS_NOT_CURRENT_YEAR',
  ReasonRequired: 'EXAMS_MODERATION_REASON_REQUIRED',
  MarksIncomplete: 'EXAMS_MARKS_INCOMPLETE',
  ReportJobsBusy: 'EXAMS_REPORT_JOBS_BUSY',
  ReportJobNotReady: 'EXAMS_REPORT_JOB_NOT_READY',
  ScheduleClash: 'EXAMS_SCHEDULE_CLASH',
  InvalidInvigilator: 'EXAMS_INVALID_INVIGILATOR',
} as const;

/** A structure rule broken (weights not adding up, bands with gaps, pass marks above the maximum). */
export class InvalidStructureError extends RuleViolationError {
  constructor(message: string, details: { field: string; message: string }[]) {
    super(message, ExamsErrorCode.InvalidStructure, details);
  }
}

export class StaffOnlyError extends DomainError {
  constructor() {
    super(403, 'FORBIDDEN', 'The exam structure is set up by school staff.');
  }
}

export class NotSubjectTeacherError extends DomainError {
  constructor() {
    super(403, 'FORBIDDEN', "Marks are entered by the subject's teacher in this section or by school staff.");
  }
}

export class ModerationNotPermittedError extends DomainError {
  constructor() {
    super(403, 'FORBIDDEN', 'These marks are submitted; changing them needs the exams moderate permission.');
  }
}

/** Too many report-card jobs at once for this school (they live in the API process; see README). */
export class ReportJobsBusyError extends DomainError {
  constructor(limit: number) {
    super(
      429,
      ExamsErrorCode.ReportJobsBusy,
      `At most ${limit} report-card jobs run at once; try again shortly.`,
    );
  }
}

/** The job's ZIP is not there (still running, or it failed). */
export class ReportJobNotReadyError extends DomainError {
  constructor(status: string) {
    super(409, ExamsErrorCode.ReportJobNotReady, `The report cards are not ready (the job is ${status}).`);
  }
}

/** The schedule clashes (a section or an invigilator booked twice at once, a non-working day): each named. */
export class ScheduleClashError extends RuleViolationError {
  constructor(details: { field: string; message: string }[]) {
    super('The schedule clashes; see details.', ExamsErrorCode.ScheduleClash, details);
  }
}

/** An invigilator who is not an active staff user of the school. */
export class InvalidInvigilatorError extends RuleViolationError {
  constructor(details: { field: string; message: string }[]) {
    super(
      'An invigilator is not an active staff member; see details.',
      ExamsErrorCode.InvalidInvigilator,
      details,
    );
  }
}

export class ScheduleStaffOnlyError extends DomainError {
  constructor() {
    super(
      403,
      'FORBIDDEN',
      "An assessment's whole schedule is for school staff; families read their child's.",
    );
  }
}

/** Co-scholastic grades and remarks are the section's class teacher's (or school staff's). */
export class NotClassTeacherError extends DomainError {
  constructor() {
    super(
      403,
      'FORBIDDEN',
      "Co-scholastic grades and remarks are entered by the section's class teacher or by school staff.",
    );
  }
}

export class PublicationsStaffOnlyError extends DomainError {
  constructor() {
    super(403, 'FORBIDDEN', "A term's publication state is for school staff.");
  }
}
