import { Injectable } from '@nestjs/common';
import { DefaultRole } from '@shala/contracts';
import { Database } from '../../platform/database/database';
import { RuleViolationError } from '../../platform/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import { User, UserStatus } from '../users/entities/user.entity';
import { UsersService } from '../users/users.service';
import { AccessService } from './access.service';

export interface NewUser {
  email: string;
  displayName: string;
  password?: string;
  roleKeys: string[];
}

/**
 * Accounts with their roles: create a user with roles, change roles or status without leaving the
 * institution without an active school admin. It joins users (the rows) and access (the grants), so it
 * sits in access, above users; user administration, provisioning and the demo seeder call it.
 */
@Injectable()
export class UserAccounts {
  constructor(
    private readonly db: Database,
    private readonly users: UsersService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  /** Creates a user of the current institution with the given roles, in one transaction. */
  async create(input: NewUser): Promise<User> {
    const row = await this.users.newUser(input);
    return this.db.transaction(async () => {
      const id = await this.users.add(row);
      await this.access.assignRoles(id, input.roleKeys);
      await this.audit.record({
        action: 'users.create',
        targetType: 'user',
        targetId: id,
        // roles only: the target id names the account, and an address in the hash-chained details could
        // never be erased (PRV: erasure leaves no trace of the person)
        details: { roles: input.roleKeys },
      });
      return this.users.get(id);
    });
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
      const user = await this.users.get(id);
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
      await this.users.get(id);
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
}
