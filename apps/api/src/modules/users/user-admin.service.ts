import { Injectable } from '@nestjs/common';
import { Database } from '../../platform/database/database';
import { RequestContext } from '../../platform/tenancy/request-context';
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import { AuthService } from '../auth/auth.service';
import { MfaService } from '../auth/mfa.service';
import { SessionsService } from '../auth/sessions.service';
import { User } from './entities/user.entity';
import { UserCredentials } from './user-credentials.service';
import { UsersService } from './users.service';

export interface UserView {
  id: string;
  email: string;
  displayName: string;
  status: string;
  mfaEnabled: boolean;
  roles: string[];
  lastLoginAt: string | null;
  createdAt: string;
}

/** What an admin does to staff and family accounts: invite, deactivate, change roles, reset MFA (AUT-05). */
@Injectable()
export class UserAdminService {
  constructor(
    private readonly db: Database,
    private readonly context: RequestContext,
    private readonly users: UsersService,
    private readonly credentials: UserCredentials,
    private readonly access: AccessService,
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
    private readonly mfa: MfaService,
    private readonly audit: AuditService,
  ) {}

  async view(user: User): Promise<UserView> {
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      status: user.status,
      mfaEnabled: user.mfaEnabled,
      roles: (await this.access.grantsOf(user.id)).roles,
      lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
      createdAt: user.createdAt.toISOString(),
    };
  }

  async list(limit: number, cursor?: string, status?: User['status']) {
    const after = cursor ? Buffer.from(cursor, 'base64url').toString('utf8') : undefined;
    const rows = await this.users.page(limit + 1, after, status);
    const page = rows.slice(0, limit);
    return {
      items: await Promise.all(page.map((u) => this.view(u))),
      nextCursor:
        rows.length > limit ? Buffer.from(page[page.length - 1]!.email, 'utf8').toString('base64url') : null,
    };
  }

  async get(id: string): Promise<UserView> {
    return this.view(await this.users.get(id));
  }

  /** Creates the account without a password and mails a 72-hour invitation link, in one transaction. */
  async invite(input: { email: string; displayName: string; roles: string[] }): Promise<UserView> {
    return this.db.transaction(async () => {
      const user = await this.users.create({
        email: input.email,
        displayName: input.displayName,
        roleKeys: input.roles,
      });
      await this.auth.sendInvitation(user, this.context.userId);
      return this.view(user);
    });
  }

  async resendInvitation(id: string): Promise<void> {
    const user = await this.users.get(id);
    if (user.status !== 'invited') return;
    await this.db.transaction(() => this.auth.sendInvitation(user, this.context.userId));
  }

  async deactivate(id: string): Promise<UserView> {
    return this.db.transaction(async () => {
      const user = await this.users.setStatus(id, 'disabled', this.context.userId);
      await this.sessions.revokeAllOf(id, 'deactivated');
      return this.view(user);
    });
  }

  async reactivate(id: string): Promise<UserView> {
    const current = await this.users.get(id);
    const user = await this.users.setStatus(
      id,
      current.passwordHash === null ? 'invited' : 'active',
      this.context.userId,
    );
    return this.view(user);
  }

  /** Role changes end the user's sessions, so the new roles apply everywhere at once (AUT-05, AZ-05). */
  async setRoles(id: string, roles: string[]): Promise<UserView> {
    return this.db.transaction(async () => {
      await this.users.setRoles(id, roles);
      if (id !== this.context.userId) await this.sessions.revokeAllOf(id, 'roles_changed');
      return this.view(await this.users.get(id));
    });
  }

  /** For a user who lost their phone: MFA off, recovery codes gone, sessions ended; privileged roles re-enrol. */
  async resetMfa(id: string): Promise<UserView> {
    return this.db.transaction(async () => {
      const user = await this.users.get(id);
      await this.credentials.disableMfa(id);
      await this.mfa.removeRecoveryCodes(id);
      await this.sessions.revokeAllOf(id, 'mfa_reset');
      await this.audit.record({ action: 'users.mfa_reset', targetType: 'user', targetId: id });
      return this.view({ ...user, mfaEnabled: false });
    });
  }
}
