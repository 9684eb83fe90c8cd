import { Injectable } from '@nestjs/common';
import { NotFoundError, RuleViolationError } from '../../platform/errors/domain-error';
import { UsersService } from '../users/users.service';

/** The user accounts students and guardians may be linked to: only this school's. */
@Injectable()
export class SchoolUsers {
  constructor(private readonly users: UsersService) {}

  /** Refuses (422 naming `userId`) an id that is not a user of the current school. */
  async require(userId: string): Promise<void> {
    await this.users.get(userId).catch((error: unknown) => {
      if (!(error instanceof NotFoundError)) throw error;
      throw new RuleViolationError('userId: the referenced record does not exist.', undefined, [
        { field: 'userId', message: 'does not exist' },
      ]);
    });
  }
}
