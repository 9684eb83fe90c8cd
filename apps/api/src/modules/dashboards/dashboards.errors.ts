import { DomainError } from '../../platform/errors/domain-error';

export const DashboardsErrorCode = {
  Forbidden: 'FORBIDDEN',
} as const;

/** A school-wide dashboard asked for by someone whose reach is a few sections or a family (AZ-03). */
export class SchoolWideOnlyError extends DomainError {
  constructor() {
    super(
      403,
      DashboardsErrorCode.Forbidden,
      'This dashboard covers the whole school: it is for school staff.',
    );
  }
}

/** The family dashboard asked for by staff, who have no children of their own on it. */
export class FamilyOnlyError extends DomainError {
  constructor() {
    super(403, DashboardsErrorCode.Forbidden, 'This dashboard is for parents and students.');
  }
}

/** A staff dashboard asked for by a parent or a student. */
export class StaffOnlyDashboardError extends DomainError {
  constructor() {
    super(403, DashboardsErrorCode.Forbidden, 'This dashboard is for school staff.');
  }
}
