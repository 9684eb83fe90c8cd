import { Injectable } from '@nestjs/common';
import {
  Permission,
  type InvitationChannel,
  type InvitationChannelsView,
  type InvitationDelivery,
  type InvitationStatus,
  type InvitationView,
  type InvitedUser,
} from '@shala/contracts';
import { Database } from '../../platform/database/database';
import {
  ConflictError,
  DomainError,
  NotFoundError,
  RuleViolationError,
} from '../../platform/errors/domain-error';
import { RequestContext } from '../../platform/tenancy/request-context';
import { AccessService } from '../access/access.service';
import { UserAccounts } from '../access/user-accounts.service';
import { AuditService } from '../audit/audit.service';
import { UserToken } from '../auth/entities/session.entity';
import { LinkOutcome, PasswordService } from '../auth/password.service';
import { ChannelSettingsService } from '../notifications/channel-settings.service';
import { OutboxMessage } from '../notifications/entities/outbox-message.entity';
import { OutboxService } from '../notifications/outbox.service';
import { GuardiansService } from '../students/guardians.service';
import { StudentDirectory } from '../students/student-directory';
import { StudentsService } from '../students/students.service';
import { User } from '../users/entities/user.entity';
import { UsersService } from '../users/users.service';
import { UserAdminService } from './user-admin.service';

export interface InviteInput {
  email: string;
  displayName: string;
  roles: string[];
  channel?: InvitationChannel;
  phone?: string;
  guardianId?: string;
  studentId?: string;
}

type Delivery = Pick<OutboxMessage, 'status' | 'recipient' | 'lastError'>;

/** Linking an account to a guardian or a student changes student records: it needs students.write too. */
class AccountLinkRefusedError extends DomainError {
  constructor() {
    super(
      403,
      'ACCOUNT_LINK_NEEDS_STUDENTS_WRITE',
      'Creating an account for a guardian or a student needs the students.write permission.',
    );
  }
}

/** The outbox status, as the admin reads it: queued, sent or failed. */
function deliveryOf(token: UserToken, message: Delivery | undefined): InvitationDelivery {
  if (!token.deliverable) return 'not_deliverable';
  if (!message) return 'failed';
  if (message.status === 'pending' || message.status === 'sending') return 'queued';
  if (message.status === 'sent' || message.status === 'delivered' || message.status === 'read') return 'sent';
  return 'failed';
}

function statusOf(token: UserToken, now: Date): InvitationStatus {
  if (token.revokedAt) return 'revoked';
  return token.usedAt || token.expiresAt <= now ? 'expired' : 'pending';
}

/**
 * Invitations as the admin manages them (issue 14): on the channel the school set up, for a guardian's
 * parent account or a student's account in the same step, with their delivery status; resent with a new
 * link (the old one stops working) or revoked (the account stays, invited, without a working link). When a
 * message cannot be delivered the link is answered once, to the admin who asked, and never stored in clear.
 */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly db: Database,
    private readonly context: RequestContext,
    private readonly users: UsersService,
    private readonly accounts: UserAccounts,
    private readonly access: AccessService,
    private readonly passwords: PasswordService,
    private readonly outbox: OutboxService,
    private readonly channelSettings: ChannelSettingsService,
    private readonly directory: StudentDirectory,
    private readonly guardians: GuardiansService,
    private readonly students: StudentsService,
    private readonly admin: UserAdminService,
    private readonly audit: AuditService,
  ) {}

  async channels(): Promise<InvitationChannelsView> {
    const views = await this.channelSettings.list();
    return {
      channels: views.map((c) => ({
        channel: c.channel,
        ready: c.ready,
        problem: c.ready ? null : c.enabled ? c.problems.join('; ') : `the ${c.channel} channel is disabled`,
      })),
    };
  }

  async invite(input: InviteInput): Promise<InvitedUser> {
    const audited = { action: 'users.create', targetType: 'user', details: { roles: input.roles } };
    return this.access.auditingRefusals(audited, () =>
      this.db.transaction(async () => {
        const actor = await this.access.actor();
        await this.access.requireGrantableRoles(actor, input.roles);
        const guardianPhone = await this.requireLinkable(actor.permissions, input);
        const user = await this.accounts.create({
          email: input.email,
          displayName: input.displayName,
          roleKeys: input.roles,
        });
        if (input.guardianId) await this.guardians.linkParentAccount(input.guardianId, user.id);
        if (input.studentId) await this.students.linkStudentAccount(input.studentId, user.id);
        const channel = input.channel ?? 'email';
        const sent = await this.passwords.sendInvitation(user, this.context.userId, {
          channel,
          address: channel === 'email' ? user.email : (input.phone ?? guardianPhone),
        });
        return this.outcome(user, sent);
      }),
    );
  }

  /** 403 without students.write, 404 for a guardian or student not here, 409 when one already has an account. */
  private async requireLinkable(permissions: readonly string[], input: InviteInput): Promise<string | null> {
    if (!input.guardianId && !input.studentId) return null;
    if (!permissions.includes(Permission.StudentsWrite)) throw new AccountLinkRefusedError();
    if (input.studentId) {
      const student = await this.directory.visible(input.studentId);
      if (student.userId)
        throw new ConflictError('The student already has an account.', 'ACCOUNT_ALREADY_LINKED', [
          { field: 'studentId', message: 'already has an account' },
        ]);
    }
    if (!input.guardianId) return null;
    const [guardian] = await this.directory.guardianContacts([input.guardianId]);
    if (!guardian) throw new NotFoundError('The guardian');
    if (guardian.userId)
      throw new ConflictError('The guardian already has an account.', 'ACCOUNT_ALREADY_LINKED', [
        { field: 'guardianId', message: 'already has an account' },
      ]);
    return guardian.phone;
  }

  /** A new link on the channel asked for (default: the last one); the previous link stops working. */
  async resend(id: string, input: { channel?: InvitationChannel; phone?: string }): Promise<InvitedUser> {
    return this.access.auditingRefusals(
      { action: 'users.invited', targetType: 'user', targetId: id },
      async () => {
        const user = await this.users.get(id);
        await this.access.requireOutranks(await this.access.actor(), id);
        if (user.status !== 'invited')
          throw new RuleViolationError('Only an invited account can be invited again.', 'USER_NOT_INVITED');
        const last = (await this.passwords.newestInvitations([id])).get(id);
        const channel = input.channel ?? last?.channel ?? 'email';
        const address = channel === 'email' ? user.email : (input.phone ?? (await this.guardianPhoneOf(id)));
        return this.db.transaction(async () =>
          this.outcome(
            user,
            await this.passwords.sendInvitation(user, this.context.userId, { channel, address }),
          ),
        );
      },
    );
  }

  private async guardianPhoneOf(userId: string): Promise<string | null> {
    const guardianId = await this.guardians.idOfAccount(userId);
    if (!guardianId) return null;
    return (await this.directory.guardianContacts([guardianId]))[0]?.phone ?? null;
  }

  /** The link stops working; the account stays invited (it can be invited again, or deactivated). */
  async revoke(id: string): Promise<InvitationView> {
    return this.access.auditingRefusals(
      { action: 'users.invitation_revoked', targetType: 'user', targetId: id },
      () =>
        this.db.transaction(async () => {
          const user = await this.users.get(id);
          await this.access.requireOutranks(await this.access.actor(), id);
          const last = (await this.passwords.newestInvitations([id])).get(id);
          if (user.status !== 'invited' || !last)
            throw new RuleViolationError('The account has no invitation to revoke.', 'USER_NOT_INVITED');
          const revoked = await this.passwords.revokeInvitations(id);
          await this.audit.record({
            action: 'users.invitation_revoked',
            targetType: 'user',
            targetId: id,
            details: { linksRevoked: revoked },
          });
          return (await this.views([user]))[0]!;
        }),
    );
  }

  /** Invited accounts with their newest invitation, by email; `status` keeps only those in that state. */
  async list(
    limit: number,
    cursor: string | undefined,
    status: InvitationStatus | undefined,
  ): Promise<{ items: InvitationView[]; nextCursor: string | null }> {
    const after = cursor ? Buffer.from(cursor, 'base64url').toString('utf8') : undefined;
    const rows = await this.users.page(limit + 1, after, 'invited');
    const page = rows.slice(0, limit);
    const views = await this.views(page);
    return {
      items: status ? views.filter((v) => v.status === status) : views,
      nextCursor:
        rows.length > limit ? Buffer.from(page[page.length - 1]!.email, 'utf8').toString('base64url') : null,
    };
  }

  private async outcome(user: User, sent: LinkOutcome): Promise<InvitedUser> {
    const [invitation] = await this.views([user], sent.problem);
    return { ...(await this.admin.view(user)), invitation: invitation!, oneTimeLink: sent.link };
  }

  /** Users without any invitation (created with a password) are left out. */
  private async views(users: User[], problem: string | null = null): Promise<InvitationView[]> {
    const tokens = await this.passwords.newestInvitations(users.map((u) => u.id));
    const messages = await this.outbox.deliveryOf(
      [...tokens.values()].map((t) => t.messageId).filter((m): m is string => !!m),
    );
    const now = new Date();
    const out: InvitationView[] = [];
    for (const user of users) {
      const token = tokens.get(user.id);
      if (!token) continue;
      const message = token.messageId ? messages.get(token.messageId) : undefined;
      const delivery = deliveryOf(token, message);
      out.push({
        userId: user.id,
        email: user.email,
        displayName: user.displayName,
        roles: (await this.access.grantsOf(user.id)).roles,
        status: statusOf(token, now),
        channel: token.channel ?? 'email',
        recipient: message?.recipient ?? (token.channel === 'email' || !token.channel ? user.email : null),
        delivery,
        deliveryProblem:
          delivery === 'not_deliverable'
            ? (problem ?? 'the channel is not set up or there is no address')
            : delivery === 'failed'
              ? (message?.lastError ?? 'the message was not delivered')
              : null,
        invitedAt: token.createdAt.toISOString(),
        expiresAt: token.expiresAt.toISOString(),
      });
    }
    return out;
  }
}
