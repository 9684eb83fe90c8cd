import { Injectable } from '@nestjs/common';
import {
  DefaultRole,
  InstitutionKind,
  type InvitationStatus,
  type PlatformAdminInvitation,
} from '@shala/contracts';
import { Database } from '../../platform/database/database';
import { NotFoundError, RuleViolationError } from '../../platform/errors/domain-error';
import { RequestContext } from '../../platform/tenancy/request-context';
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import { UserToken } from '../auth/entities/session.entity';
import { PasswordService } from '../auth/password.service';
import { InstitutionsService } from '../institutions/institutions.service';
import { User } from '../users/entities/user.entity';
import { UsersService } from '../users/users.service';

/**
 * The operator's side of a new school's first admin (issue 14): whether the invitation is still pending,
 * and a new link (the old one stops working) or a revocation when it did not arrive. Only the school's
 * invited admins are reachable: never its other users, never its records (TEN-05). Runs in the school's
 * tenant; audited there with the operator as actor.
 */
@Injectable()
export class FirstAdminInvitations {
  constructor(
    private readonly db: Database,
    private readonly context: RequestContext,
    private readonly institutions: InstitutionsService,
    private readonly access: AccessService,
    private readonly users: UsersService,
    private readonly passwords: PasswordService,
    private readonly audit: AuditService,
  ) {}

  /** The school's admins who have not yet accepted their invitation. */
  async list(institutionId: string): Promise<{ items: PlatformAdminInvitation[] }> {
    await this.school(institutionId);
    return this.context.runAsTenant(institutionId, async () => {
      const admins = await this.invitedAdmins();
      const tokens = await this.passwords.newestInvitations(admins.map((u) => u.id));
      return {
        items: admins.flatMap((u) => {
          const token = tokens.get(u.id);
          return token ? [view(u, token)] : [];
        }),
      };
    });
  }

  /** A new link for an invited admin, by email; the link itself is answered only when it cannot be sent. */
  async resend(institutionId: string, userId: string): Promise<PlatformAdminInvitation> {
    const school = await this.school(institutionId);
    const operatorId = this.context.userId;
    return this.context.runAsTenant(institutionId, () =>
      this.db.transaction(async () => {
        const user = await this.invitedAdmin(userId);
        const sent = await this.passwords.sendInvitation(user, null);
        await this.audit.record({
          action: 'users.invited',
          actorUserId: null,
          targetType: 'user',
          targetId: user.id,
          details: { byOperator: operatorId, school: school.slug, resent: true },
        });
        const token = (await this.passwords.newestInvitations([user.id])).get(user.id)!;
        return {
          ...view(user, token),
          delivery: sent.problem ? ('not_deliverable' as const) : ('queued' as const),
          deliveryProblem: sent.problem,
          oneTimeLink: sent.link,
        };
      }),
    );
  }

  /** The admin's unused links stop working; the account stays invited, to be invited again. */
  async revoke(institutionId: string, userId: string): Promise<PlatformAdminInvitation> {
    const school = await this.school(institutionId);
    const operatorId = this.context.userId;
    return this.context.runAsTenant(institutionId, () =>
      this.db.transaction(async () => {
        const user = await this.invitedAdmin(userId);
        const revoked = await this.passwords.revokeInvitations(user.id);
        if (!revoked)
          throw new RuleViolationError('The invitation is no longer pending.', 'USER_NOT_INVITED');
        await this.audit.record({
          action: 'users.invitation_revoked',
          actorUserId: null,
          targetType: 'user',
          targetId: user.id,
          details: { byOperator: operatorId, school: school.slug, linksRevoked: revoked },
        });
        const token = (await this.passwords.newestInvitations([user.id])).get(user.id)!;
        return view(user, token);
      }),
    );
  }

  private async school(id: string) {
    const institution = await this.institutions.findById(id);
    if (!institution || institution.kind !== InstitutionKind.School)
      throw new NotFoundError('The institution');
    return institution;
  }

  private async invitedAdmins(): Promise<User[]> {
    const ids = await this.access.holdersOf(DefaultRole.SchoolAdmin);
    const users = await Promise.all(ids.map((id) => this.users.get(id).catch(() => null)));
    return users
      .filter((u): u is User => u?.status === 'invited')
      .sort((a, b) => a.email.localeCompare(b.email));
  }

  /** An invited admin of the school; anyone else (another user, another school's) reads as not found. */
  private async invitedAdmin(userId: string): Promise<User> {
    const user = (await this.invitedAdmins()).find((u) => u.id === userId);
    if (!user) throw new NotFoundError('The invited admin');
    return user;
  }
}

function statusOf(token: UserToken, now = new Date()): InvitationStatus {
  if (token.revokedAt) return 'revoked';
  return token.usedAt || token.expiresAt.getTime() <= now.getTime() ? 'expired' : 'pending';
}

function view(user: User, token: UserToken): PlatformAdminInvitation {
  return {
    userId: user.id,
    email: user.email,
    displayName: user.displayName,
    status: statusOf(token),
    sentAt: token.createdAt.toISOString(),
    expiresAt: token.expiresAt.toISOString(),
  };
}
