import { Injectable } from '@nestjs/common';
import { AccessErrorCode, isPrivileged, Permission, type UserDto as UserView } from '@shala/contracts';
import { Database } from '../../platform/database/database';
import { RequestContext } from '../../platform/tenancy/request-context';
import { GrantRefusedError } from '../access/access.errors';
import { AccessService, Actor, Grants } from '../access/access.service';
import { UserAccounts } from '../access/user-accounts.service';
import { AuditService } from '../audit/audit.service';
import { MfaService } from '../auth/mfa.service';
import { SessionsService } from '../auth/sessions.service';
import { ActorReauthentication } from './actor-reauthentication.service';
import { User } from '../users/entities/user.entity';
import { UserCredentials } from '../users/user-credentials.service';
import { UsersService } from '../users/users.service';

/**
 * What an admin does to staff and family accounts: deactivate, change roles, reset MFA (AUT-05); invitations
 * are InvitationsService's.
 * Nobody grants more than they hold or acts on a user who holds more (AZ-02); refusals are audited.
 */
@Injectable()
export class UserAdminService {
  constructor(
    private readonly db: Database,
    private readonly context: RequestContext,
    private readonly users: UsersService,
    private readonly accounts: UserAccounts,
    private readonly credentials: UserCredentials,
    private readonly access: AccessService,
    private readonly sessions: SessionsService,
    private readonly mfa: MfaService,
    private readonly audit: AuditService,
    private readonly reauthentication: ActorReauthentication,
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

  /**
   * Acting on an existing user: 404 when there is none here, 403 when they hold permissions the actor
   * does not (AZ-02: whoever has users.write cannot disable or reset the school admin).
   */
  private async actOn(id: string): Promise<{ user: User; actor: Actor; grants: Grants }> {
    const user = await this.users.get(id);
    const actor = await this.access.actor();
    return { user, actor, grants: await this.access.requireOutranks(actor, id) };
  }

  async deactivate(id: string): Promise<UserView> {
    return this.access.auditingRefusals(
      { action: 'users.deactivate', targetType: 'user', targetId: id },
      () =>
        this.db.transaction(async () => {
          await this.actOn(id);
          const user = await this.accounts.setStatus(id, 'disabled', this.context.userId);
          await this.sessions.revokeAllOf(id, 'deactivated');
          return this.view(user);
        }),
    );
  }

  async reactivate(id: string): Promise<UserView> {
    return this.access.auditingRefusals(
      { action: 'users.reactivate', targetType: 'user', targetId: id },
      async () => {
        await this.actOn(id);
        // The hash is a credential column, so only UserCredentials reads it: without one, back to invited.
        const hasPassword = !!(await this.credentials.byId(id))?.passwordHash;
        const user = await this.accounts.setStatus(
          id,
          hasPassword ? 'active' : 'invited',
          this.context.userId,
        );
        return this.view(user);
      },
    );
  }

  /**
   * Role changes end the user's sessions, so the new roles apply everywhere at once (AUT-05, AZ-05). The
   * actor must outrank the user as they are, and hold every permission of the roles given (AZ-02).
   */
  async setRoles(id: string, roles: string[]): Promise<UserView> {
    const audited = { action: 'users.roles_changed', targetType: 'user', targetId: id, details: { roles } };
    return this.access.auditingRefusals(audited, () =>
      this.db.transaction(async () => {
        const { actor } = await this.actOn(id);
        await this.access.requireGrantableRoles(actor, roles);
        await this.accounts.setRoles(id, roles);
        if (id !== this.context.userId) await this.sessions.revokeAllOf(id, 'roles_changed');
        return this.view(await this.users.get(id));
      }),
    );
  }

  /**
   * For a user who lost their phone: MFA off, recovery codes gone, sessions ended; privileged roles re-enrol.
   * Only for users the actor outranks; for a user holding users.write or roles.write (AUT-06) the actor also
   * needs roles.write and confirms with their own password and TOTP code. Credentials sent are always checked.
   */
  async resetMfa(id: string, confirmation: { currentPassword?: string; code?: string }): Promise<UserView> {
    return this.access.auditingRefusals(
      { action: 'users.mfa_reset', targetType: 'user', targetId: id },
      async () => {
        const { user, actor, grants } = await this.actOn(id);
        const privileged = isPrivileged(grants.permissions);
        if (privileged && !actor.permissions.includes(Permission.RolesWrite))
          throw new GrantRefusedError(
            AccessErrorCode.MfaResetNeedsRolesWrite,
            'Resetting two-step verification of a user who manages users or roles needs the roles.write permission.',
          );
        const confirmed =
          privileged || confirmation.currentPassword !== undefined || confirmation.code !== undefined;
        if (confirmed) await this.reauthentication.confirm(confirmation);
        return this.db.transaction(async () => {
          await this.credentials.disableMfa(id);
          await this.mfa.removeRecoveryCodes(id);
          await this.sessions.revokeAllOf(id, 'mfa_reset');
          await this.audit.record({
            action: 'users.mfa_reset',
            targetType: 'user',
            targetId: id,
            details: { privileged, reauthenticated: confirmed },
          });
          return this.view({ ...user, mfaEnabled: false });
        });
      },
    );
  }
}
