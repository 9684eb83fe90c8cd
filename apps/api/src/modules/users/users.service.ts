import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { Database } from '../../platform/database/database';
import { ConflictError } from '../../platform/errors/domain-error';
import { PasswordHasher } from '../../platform/security/password-hasher';
import { AccessService } from '../access/access.service';
import { User } from './entities/user.entity';
import { UsersRepository } from './users.repository';

export interface NewUser {
  email: string;
  displayName: string;
  password?: string;
  roleKeys: string[];
}

@Injectable()
export class UsersService {
  constructor(
    private readonly db: Database,
    private readonly users: UsersRepository,
    private readonly access: AccessService,
    private readonly hasher: PasswordHasher,
  ) {}

  /** Creates a user of the current institution with the given roles, in one transaction. */
  async create(input: NewUser): Promise<User> {
    const email = input.email.trim().toLowerCase();
    const passwordHash = input.password ? await this.hasher.hash(input.password) : null;
    return this.db.transaction(async () => {
      if (await this.users.findByEmail(email)) {
        throw new ConflictError(`A user with email ${email} already exists.`, 'USER_EMAIL_TAKEN', [
          { field: 'email', message: 'already taken' },
        ]);
      }
      const id = uuidv7();
      await this.users.add({
        id,
        email,
        displayName: input.displayName,
        passwordHash,
        status: passwordHash ? 'active' : 'invited',
      });
      await this.access.assignRoles(id, input.roleKeys);
      return (await this.users.findById(id))!;
    });
  }

  findByEmail(email: string): Promise<User | null> {
    return this.users.findByEmail(email);
  }

  count(): Promise<number> {
    return this.users.countAll();
  }
}
