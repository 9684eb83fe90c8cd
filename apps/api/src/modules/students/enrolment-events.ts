import { Injectable } from '@nestjs/common';

/** A student's active enrolment in a section for an academic year (new, or moved into the section). */
export interface Enrolled {
  studentId: string;
  academicYearId: string;
  sectionId: string;
}

export type EnrolmentListener = (enrolled: Enrolled[]) => Promise<void>;

/**
 * An in-process hook for modules that act on enrolments (fees applies the class fee structure): they
 * subscribe at start-up, so students never imports them (no module cycle). The students module calls
 * `enrolled` inside the transaction that writes the enrolments; listeners run in it, one after another,
 * so their work commits or rolls back with the enrolment.
 */
@Injectable()
export class EnrolmentEvents {
  private readonly listeners: EnrolmentListener[] = [];

  subscribe(listener: EnrolmentListener): void {
    if (!this.listeners.includes(listener)) this.listeners.push(listener);
  }

  async enrolled(enrolled: Enrolled[]): Promise<void> {
    if (!enrolled.length) return;
    for (const listener of this.listeners) await listener(enrolled);
  }
}
