import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { Database } from '../../platform/database/database';
import {
  ConflictError,
  NotFoundError,
  RuleViolationError,
  ValidationFailedError,
} from '../../platform/errors/domain-error';
import { DefaultRole } from '@shala/contracts';
import { AuditService } from '../audit/audit.service';
import { passwordProblems } from '../../platform/security/password-policy';
import { PasswordHasher } from '../../platform/security/password-hasher';
import { AccessService } from '../access/access.service';
import { User, UserStatus } from './entities/user.entity';
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
    private readonly audit: AuditService,
  ) {}

  /** Creates a user of the current institution with the given roles, in one transaction. */
  async create(input: NewUser): Promise<User> {
    const email = input.email.trim().toLowerCase();
    if (input.password) {
      const problems = passwordProblems(input.password, { email });
      if (problems.length) throw new ValidationFailedError(problems);
    }
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
      await this.audit.record({
        action: 'users.create',
        targetType: 'user',
        targetId: id,
        details: { email, roles: input.roleKeys },
      });
      return (await this.users.findById(id))!;
    });
  }

  async get(id: string): Promise<User> {
    const user = await this.users.findById(id);
    if (!user) throw new NotFoundError('The user');
    return user;
  }

  page(limit: number, afterEmail?: string, status?: UserStatus): Promise<User[]> {
    return this.users.page(limit, afterEmail, status);
  }

  /** Refuses a change that would leave the institution without an active school admin. */
  private async keepAnAdmin(userId: string): Promise<void> {
    const holders = await this.access.holdersOf(DefaultRole.SchoolAdmin);
    if (holders.length === 0) return;
    const active = (await this.users.findByIds(holders)).filter(
      (u) => u.status === 'active' && u.id !== userId,
    );
    if (active.length === 0 && holders.includes(userId)) {
      throw new RuleViolationError(
        'This is the last active school admin; make someone else an admin first.',
        'LAST_ADMIN',
      );
    }
  }

  async setStatus(id: string, status: UserStatus, actorId: string | null): Promise<User> {
    if (status === 'disabled' && id === actorId)
      throw new RuleViolationError('You cannot deactivate your own account.', 'SELF_DEACTIVATION');
    return this.db.transaction(async () => {
      const user = await this.get(id);
      if (status === 'disabled') await this.keepAnAdmin(id);
      await this.users.setStatus(id, status);
      await this.audit.record({
        action: status === 'disabled' ? 'users.deactivate' : 'users.reactivate',
        targetType: 'user',
        targetId: id,
        details: { status: { from: user.status, to: status } },
      });
      return { ...user, status };
    });
  }

  async setRoles(id: string, roleKeys: string[]): Promise<{ from: string[]; to: string[] }> {
    return this.db.transaction(async () => {
      await this.get(id);
      const before = (await this.access.grantsOf(id)).roles;
      if (before.includes(DefaultRole.SchoolAdmin) && !roleKeys.includes(DefaultRole.SchoolAdmin))
        await this.keepAnAdmin(id);
      await this.access.replaceRoles(id, roleKeys);
      const after = [...roleKeys].sort();
      await this.audit.record({
        action: 'users.roles_changed',
        targetType: 'user',
        targetId: id,
        details: { roles: { from: before, to: after } },
      });
      return { from: before, to: after };
    });
  }

  findByEmail(email: string): Promise<User | null> {
    return this.users.findByEmail(email);
  }

  count(): Promise<number> {
    return this.users.countAll();
  }
}
