import { IncidentErrorCode } from '@shala/contracts';
import { ConflictError } from '../../../platform/errors/domain-error';

/** 409: a closed incident takes no more events and cannot be closed again. */
export class IncidentClosedError extends ConflictError {
  constructor() {
    super('The incident is closed.', IncidentErrorCode.Closed);
  }
}

/** 409: a school reads an operator's incident that names it, but only the operator changes it. */
export class IncidentManagedByOperatorError extends ConflictError {
  constructor() {
    super('The platform operator manages this incident.', IncidentErrorCode.ManagedByOperator);
  }
}
