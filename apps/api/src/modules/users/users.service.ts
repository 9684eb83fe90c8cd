import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { ConflictError, NotFoundError, ValidationFailedError } from '../../platform/errors/domain-error';
import { passwordProblems } from '../../platform/security/password-policy';
import { PasswordHasher } from '../../platform/security/password-hasher';
import { User, UserStatus } from './entities/user.entity';
import { UsersRepository } from './users.repository';

/** A new account's row, checked and hashed before any transaction starts (hashing is slow). */
export interface NewUserRow {
  email: string;
  displayName: string;
  passwordHash: string | null;
}

/**
 * The institution's user rows. Roles are not here: an account with roles, and the rules that need them
 * (the last active admin), are access's `UserAccounts`, which sits above users and calls this.
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  /** Normalises the email, applies the password policy and hashes the password (none: an invited account). */
  async newUser(input: { email: string; displayName: string; password?: string }): Promise<NewUserRow> {
    const email = input.email.trim().toLowerCase();
    if (input.password) {
      const problems = passwordProblems(input.password, { email });
      if (problems.length) throw new ValidationFailedError(problems);
    }
    const passwordHash = input.password ? await this.hasher.hash(input.password) : null;
    return { email, displayName: input.displayName, passwordHash };
  }

  /** Inserts the user (active with a password, else invited); run it in the caller's transaction. */
  async add(row: NewUserRow): Promise<string> {
    if (await this.users.findByEmail(row.email)) {
      throw new ConflictError(`A user with email ${row.email} already exists.`, 'USER_EMAIL_TAKEN', [
        { field: 'email', message: 'already taken' },
      ]);
    }
    const id = uuidv7();
    await this.users.add({
      id,
      email: row.email,
      displayName: row.displayName,
      passwordHash: row.passwordHash,
      status: row.passwordHash ? 'active' : 'invited',
    });
    return id;
  }

  async get(id: string): Promise<User> {
    const user = await this.users.findById(id);
    if (!user) throw new NotFoundError('The user');
    return user;
  }

  page(limit: number, afterEmail?: string, status?: UserStatus): Promise<User[]> {
    return this.users.page(limit, afterEmail, status);
  }

  findByIds(ids: string[]): Promise<User[]> {
    return this.users.findByIds(ids);
  }

  /** Writes the status only; UserAccounts.setStatus holds the rules (own account, last admin) and the audit. */
  async setStatus(id: string, status: UserStatus): Promise<void> {
    await this.users.setStatus(id, status);
  }

  findByEmail(email: string): Promise<User | null> {
    return this.users.findByEmail(email);
  }

  count(): Promise<number> {
    return this.users.countAll();
  }
}
