import { NotFoundError } from '../../platform/errors/domain-error';

/** 404: no such event in this school (or one the caller may not see). */
export class CalendarEventNotFoundError extends NotFoundError {
  constructor() {
    super('The calendar event');
  }
}

/** 404: a wrong, rotated or revoked feed token, or a school without a feed; existence never leaks. */
export class CalendarFeedNotFoundError extends NotFoundError {
  constructor() {
    super('The calendar feed');
  }
}
