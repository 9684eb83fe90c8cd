import type { StudentSummary } from '@shala/contracts';

/** A parent's child as a choice: the name, and the class so siblings with close names stay apart. */
export function childLabel(child: Pick<StudentSummary, 'fullName' | 'enrolment'>): string {
  return child.enrolment
    ? `${child.fullName} · ${child.enrolment.className} ${child.enrolment.sectionName}`
    : child.fullName;
}
