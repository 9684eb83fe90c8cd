/** A student's active enrolment in a section for an academic year (new, or moved into the section). */
export interface Enrolled {
  studentId: string;
  academicYearId: string;
  sectionId: string;
}

/**
 * The domain events the students module publishes, inside the transaction that writes the enrolments.
 * Modules above students (fees applies the class fee structure) handle them, so students never imports them.
 */
declare module '../../platform/events/domain-events' {
  interface DomainEventMap {
    /** Students newly enrolled this year, or moved into another section; never published empty. */
    'students.enrolled': Enrolled[];
  }
}
