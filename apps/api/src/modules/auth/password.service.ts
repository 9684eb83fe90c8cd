import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { APP_CONFIG, AppConfig } from '../../platform/config/app-config';
import { Database } from '../../platform/database/database';
import { ValidationFailedError } from '../../platform/errors/domain-error';
import { FieldCrypto } from '../../platform/security/field-crypto';
import { PasswordHasher } from '../../platform/security/password-hasher';
import { passwordProblems } from '../../platform/security/password-policy';
import { randomToken, safeEqual, sha256Hex } from '../../platform/security/tokens';
import { RequestContext } from '../../platform/tenancy/request-context';
import { AuditService } from '../audit/audit.service';
import { CurrentInstitution } from '../institutions/current-institution';
import { ChannelSettingsService } from '../notifications/channel-settings.service';
import { OutboxService } from '../notifications/outbox.service';
import { UserCredentials } from '../users/user-credentials.service';
import { AuthLookups } from './auth-lookups.service';
import { AuthErrorCode, UnauthenticatedError } from './auth.errors';
import { UserTokensRepository } from './auth.repositories';
import { InvitationChannel, UserToken, UserTokenPurpose } from './entities/session.entity';
import { ReauthenticationService } from './reauthentication.service';
import { SessionsService, parseRefreshCookie } from './sessions.service';

/** Each mailed link: how long it lasts, the web page it opens, its mail template and its audit action. */
const LINKS: Record<
  UserTokenPurpose,
  { minutes: number; page: string; template: string; action: string; expiry: Record<string, number> }
> = {
  reset: {
    minutes: 30,
    page: 'reset-password',
    template: 'password_reset',
    action: 'auth.password_reset_requested',
    expiry: { expiresInMinutes: 30 },
  },
  invite: {
    minutes: 72 * 60,
    page: 'accept-invitation',
    template: 'invitation',
    action: 'users.invited',
    expiry: { expiresInHours: 72 },
  },
};

/** A link just issued: its token id, why it could not be sent (null: queued) and, only then, the link. */
export interface LinkOutcome {
  tokenId: string;
  problem: string | null;
  link: string | null;
}

/**
 * Passwords: change (re-authenticated), reset by a mailed single-use link, and invitations, whose link
 * lets a new user set their first password. Every outcome is audited.
 */
@Injectable()
export class PasswordService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Database,
    private readonly context: RequestContext,
    private readonly institution: CurrentInstitution,
    private readonly lookups: AuthLookups,
    private readonly credentials: UserCredentials,
    private readonly hasher: PasswordHasher,
    private readonly crypto: FieldCrypto,
    private readonly reauthentication: ReauthenticationService,
    private readonly sessions: SessionsService,
    private readonly userTokens: UserTokensRepository,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly channels: ChannelSettingsService,
  ) {}

  private checkPolicy(password: string, email: string, field: string): void {
    const problems = passwordProblems(password, { email }).map((p) => ({ ...p, field }));
    if (problems.length) throw new ValidationFailedError(problems, 'Choose a different password.');
  }

  /** AUT-05: a password change ends every other session. */
  async changePassword(
    sessionId: string | null,
    currentPassword: string,
    newPassword: string,
  ): Promise<{ otherSessionsEnded: number }> {
    const user = await this.reauthentication.reauthenticate(currentPassword);
    this.checkPolicy(newPassword, user.email, 'newPassword');
    const hash = await this.hasher.hash(newPassword);
    return this.db.transaction(async () => {
      await this.credentials.setPassword(user.id, hash);
      const ended = await this.sessions.revokeAllOf(user.id, 'password_changed', sessionId ?? undefined);
      await this.audit.record({
        action: 'auth.password_changed',
        targetType: 'user',
        targetId: user.id,
        details: { otherSessionsEnded: ended },
      });
      return { otherSessionsEnded: ended };
    });
  }

  /**
   * Sends the user a single-use link for `purpose` through the outbox, voiding any unused one; audited
   * (never with the token). The link goes out on `channel` to `address` (the email, or a phone kept
   * encrypted in the outbox); when there is no address or the channel is not set up, nothing is queued and
   * the link is returned for the caller to show once.
   */
  private async mailLink(
    user: { id: string; email: string; displayName: string },
    purpose: UserTokenPurpose,
    institutionName: string,
    actorUserId: string | null,
    delivery: { channel: InvitationChannel; address: string | null } = {
      channel: 'email',
      address: user.email,
    },
  ): Promise<LinkOutcome> {
    const kind = LINKS[purpose];
    const id = uuidv7();
    const secret = randomToken(32);
    const now = new Date();
    const link = `${this.config.publicUrl}/${kind.page}?token=${this.context.tenantId}.${id}.${secret}`;
    const problem = delivery.address ? await this.channelProblem(delivery.channel) : 'no address to send to';
    // Email keeps its old behaviour and is queued even on a server without SMTP (it is retried once set up).
    const queue = !!delivery.address && (problem === null || delivery.channel === 'email');
    const phone = delivery.channel !== 'email';
    if (queue && phone) await this.crypto.ready();
    await this.userTokens.voidUnused(user.id, purpose, now);
    const message = queue
      ? await this.outbox.enqueue({
          channel: delivery.channel,
          template: kind.template,
          recipient: delivery.address!,
          variables: { name: user.displayName, link, ...kind.expiry, institution: institutionName },
          idempotencyKey: `${kind.template}:${id}`,
          protectRecipient: phone,
        })
      : null;
    await this.userTokens.add({
      id,
      userId: user.id,
      purpose,
      tokenHash: sha256Hex(secret),
      expiresAt: new Date(now.getTime() + kind.minutes * 60_000),
      usedAt: null,
      createdAt: now,
      channel: purpose === 'invite' ? delivery.channel : null,
      messageId: message?.message.id ?? null,
      deliverable: problem === null,
      createdBy: actorUserId,
      revokedAt: null,
    });
    await this.audit.record({
      action: kind.action,
      actorUserId,
      targetType: 'user',
      targetId: user.id,
      // The token never reaches the audit; only that the admin was shown the link.
      ...(purpose === 'invite'
        ? {
            details: {
              channel: delivery.channel,
              deliverable: problem === null,
              linkShown: problem !== null,
            },
          }
        : {}),
    });
    return { tokenId: id, problem, link: problem === null ? null : link };
  }

  /** Why a channel cannot deliver now (not set up, disabled, server without a provider), or null. */
  private async channelProblem(channel: InvitationChannel): Promise<string | null> {
    const resolved = await this.channels.forSend(channel);
    return resolved.ok ? null : resolved.reason;
  }

  /** Always answers the same; mails a single-use 30-minute link through the outbox when the account exists. */
  async requestPasswordReset(input: { institution: string; email: string }): Promise<void> {
    const institution = await this.lookups.activeSchool(input.institution);
    if (!institution) return;
    await this.context.runAsTenant(institution.id, async () => {
      const user = await this.credentials.byEmail(input.email);
      if (!user || user.status === 'disabled') return;
      await this.db.transaction(() => this.mailLink(user, 'reset', institution.name, null));
    });
  }

  private async redeem(
    raw: string,
    purpose: UserTokenPurpose,
  ): Promise<{ tenantId: string; userId: string; tokenId: string }> {
    const parsed = parseRefreshCookie(raw);
    const invalid = new UnauthenticatedError(
      AuthErrorCode.LinkInvalid,
      'This link is invalid, already used or expired; ask for a new one.',
    );
    if (!parsed) throw invalid;
    return this.context.runAsTenant(parsed.tenantId, async () => {
      const token = await this.userTokens.findById(parsed.tokenId);
      if (
        !token ||
        token.purpose !== purpose ||
        token.usedAt ||
        token.expiresAt <= new Date() ||
        !safeEqual(token.tokenHash, sha256Hex(parsed.secret))
      )
        throw invalid;
      return { tenantId: parsed.tenantId, userId: token.userId, tokenId: token.id };
    });
  }

  /** Sets a new password from a reset link; ends all sessions. MFA still applies at the next sign-in (AUT-06). */
  async resetPassword(rawToken: string, newPassword: string): Promise<void> {
    const { tenantId, userId, tokenId } = await this.redeem(rawToken, 'reset');
    await this.context.runAsTenant(tenantId, async () => {
      const user = (await this.credentials.byId(userId))!;
      this.checkPolicy(newPassword, user.email, 'newPassword');
      const hash = await this.hasher.hash(newPassword);
      await this.db.transaction(async () => {
        if ((await this.userTokens.markUsed(tokenId, new Date())) !== 1)
          throw new UnauthenticatedError(
            AuthErrorCode.LinkInvalid,
            'This link was already used; ask for a new one.',
          );
        await this.credentials.setPassword(user.id, hash);
        await this.sessions.revokeAllOf(user.id, 'password_reset');
        await this.audit.record({
          action: 'auth.password_reset',
          actorUserId: user.id,
          targetType: 'user',
          targetId: user.id,
        });
      });
    });
  }

  /** An invited user sets their password; privileged roles then enrol MFA at their first sign-in. */
  async acceptInvitation(
    rawToken: string,
    password: string,
  ): Promise<{ institution: string; email: string; mfaEnrollmentRequired: boolean }> {
    const { tenantId, userId, tokenId } = await this.redeem(rawToken, 'invite');
    return this.context.runAsTenant(tenantId, async () => {
      const institution = (await this.institution.find())!;
      const user = (await this.credentials.byId(userId))!;
      this.checkPolicy(password, user.email, 'password');
      const hash = await this.hasher.hash(password);
      await this.db.transaction(async () => {
        if ((await this.userTokens.markUsed(tokenId, new Date())) !== 1)
          throw new UnauthenticatedError(AuthErrorCode.LinkInvalid, 'This link was already used.');
        await this.credentials.activateWithPassword(user.id, hash);
        await this.audit.record({
          action: 'users.invitation_accepted',
          actorUserId: user.id,
          targetType: 'user',
          targetId: user.id,
        });
      });
      return {
        institution: institution.slug,
        email: user.email,
        mfaEnrollmentRequired: await this.lookups.requiresMfa(user.id),
      };
    });
  }

  /**
   * Sends an invitation link for a user the admin just created or re-invites (called by the users module);
   * answers the link itself only when it could not be sent, for the admin to hand over once.
   */
  async sendInvitation(
    user: { id: string; email: string; displayName: string },
    invitedBy: string | null,
    delivery?: { channel: InvitationChannel; address: string | null },
  ): Promise<LinkOutcome> {
    return this.mailLink(user, 'invite', await this.institution.name(), invitedBy, delivery);
  }

  /** Each user's newest invitation (its token row, without the secret, which is never stored). */
  newestInvitations(userIds: string[]): Promise<Map<string, UserToken>> {
    return this.userTokens.newestOf(userIds, 'invite');
  }

  /** Makes the user's unused invitation links invalid (an admin revoked the invitation); how many. */
  revokeInvitations(userId: string): Promise<number> {
    return this.userTokens.revokeUnused(userId, 'invite', new Date());
  }
}
