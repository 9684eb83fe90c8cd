import { Inject, Injectable, OnModuleInit, Optional } from '@nestjs/common';
import { InstitutionDto, InstitutionStatus, MFA_REQUIRED_ROLES } from '@shala/contracts';
import { ClsService } from 'nestjs-cls';
import { v7 as uuidv7 } from 'uuid';
import { APP_CONFIG, AppConfig } from '../../platform/config/app-config';
import { MetricsService } from '../../platform/metrics/metrics.service';
import { Database } from '../../platform/database/database';
import { ValidationFailedError } from '../../platform/errors/domain-error';
import {
  ACCESS_TOKEN_TTL_SECONDS,
  AccessTokens,
  InvalidTokenError,
  MfaClaims,
  VerifiedMfaClaims,
} from '../../platform/security/access-tokens';
import { PasswordHasher } from '../../platform/security/password-hasher';
import { randomToken, safeEqual, sha256Hex } from '../../platform/security/tokens';
import { RequestContext, ShalaStore } from '../../platform/tenancy/request-context';
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import { Institution } from '../institutions/entities/institution.entity';
import { InstitutionsService } from '../institutions/institutions.service';
import { OutboxService } from '../notifications/outbox.service';
import { User } from '../users/entities/user.entity';
import { UserCredentials } from '../users/user-credentials.service';
import { AuthErrorCode, InvalidCredentialsError, UnauthenticatedError } from './auth.errors';
import { UserTokensRepository } from './auth.repositories';
import { UserTokenPurpose } from './entities/session.entity';
import { MfaService } from './mfa.service';
import { passwordProblems } from '../../platform/security/password-policy';
import { SessionsService, parseRefreshCookie } from './sessions.service';
import { SignInLimits } from './sign-in-limits';

export interface SignedIn {
  accessToken: string;
  expiresIn: number;
  user: { id: string; email: string; displayName: string; mfaEnabled: boolean };
  refreshCookie: string;
  refreshExpiresAt: Date;
}

export type LoginOutcome =
  | ({ kind: 'signed-in' } & SignedIn)
  | { kind: 'mfa'; mfaRequired: true; mfaToken: string }
  | { kind: 'enroll'; mfaEnrollmentRequired: true; mfaToken: string };

const TOKEN_TTL_MINUTES: Record<UserTokenPurpose, number> = { reset: 30, invite: 72 * 60 };

export function institutionDto(i: Institution): InstitutionDto {
  return {
    id: i.id,
    slug: i.slug,
    name: i.name,
    kind: i.kind,
    timeZone: i.timeZone,
    currency: i.currency,
    status: i.status,
  };
}

/**
 * Sign-in and credentials: password login (AUT-01, AUT-08), TOTP step-up and enrolment (AUT-06), refresh
 * rotation and logout (AUT-04, AUT-05), password change and reset, invitations. Every outcome is audited.
 */
@Injectable()
export class AuthService implements OnModuleInit {
  /** A bcrypt hash of nothing anyone knows: unknown users cost the same time as wrong passwords (AUT-08). */
  private dummyHash = '';

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Database,
    private readonly context: RequestContext,
    private readonly cls: ClsService<ShalaStore>,
    private readonly institutions: InstitutionsService,
    private readonly credentials: UserCredentials,
    private readonly access: AccessService,
    private readonly hasher: PasswordHasher,
    private readonly tokens: AccessTokens,
    private readonly mfa: MfaService,
    private readonly sessions: SessionsService,
    private readonly userTokens: UserTokensRepository,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly limits: SignInLimits,
    @Optional() private readonly metrics?: MetricsService,
  ) {}

  async onModuleInit(): Promise<void> {
    this.dummyHash = await this.hasher.hash(randomToken(24));
  }

  private meta() {
    const store = this.cls.isActive() ? this.cls.get() : ({} as ShalaStore);
    return { ip: store.ip ?? null, userAgent: store.userAgent ? String(store.userAgent) : null };
  }

  private async schoolFor(slug: string): Promise<Institution | null> {
    const institution = await this.institutions.findBySlug(slug);
    return institution && institution.status === InstitutionStatus.Active ? institution : null;
  }

  private async requiresMfa(userId: string): Promise<boolean> {
    const { roles } = await this.access.grantsOf(userId);
    return roles.some((r) => (MFA_REQUIRED_ROLES as readonly string[]).includes(r));
  }

  private async signIn(user: User, method: string): Promise<SignedIn> {
    const issued = await this.sessions.start(user.id, this.meta());
    await this.credentials.recordLogin(user.id);
    await this.audit.record({
      action: 'auth.login',
      actorUserId: user.id,
      targetType: 'user',
      targetId: user.id,
      details: { method, sessionId: issued.session.id },
    });
    return {
      accessToken: await this.tokens.issueAccess({
        sub: user.id,
        tid: this.context.tenantId,
        sid: issued.session.id,
      }),
      expiresIn: ACCESS_TOKEN_TTL_SECONDS,
      user: { id: user.id, email: user.email, displayName: user.displayName, mfaEnabled: user.mfaEnabled },
      refreshCookie: issued.cookieValue,
      refreshExpiresAt: issued.session.expiresAt,
    };
  }

  /** Password sign-in within the AUT-07 limits (sign-in-limits.ts): only failures count. */
  login(input: {
    institution: string;
    email: string;
    password: string;
    proofOfWork?: string;
  }): Promise<LoginOutcome> {
    return this.limits.password(input, () => this.checkPassword(input));
  }

  private async checkPassword(input: {
    institution: string;
    email: string;
    password: string;
  }): Promise<LoginOutcome> {
    const institution = await this.schoolFor(input.institution);
    if (!institution) {
      await this.hasher.verify(input.password, this.dummyHash);
      this.metrics?.recordFailedLogin('unknown_institution');
      throw new InvalidCredentialsError();
    }
    return this.context.runAsTenant(institution.id, async () => {
      const user = await this.credentials.byEmail(input.email);
      const passwordOk = await this.hasher.verify(input.password, user?.passwordHash ?? this.dummyHash);
      if (!user || !user.passwordHash || !passwordOk || user.status !== 'active') {
        const reason = !user
          ? 'unknown_user'
          : user.status !== 'active'
            ? `status_${user.status}`
            : 'wrong_password';
        this.metrics?.recordFailedLogin(reason);
        await this.audit.record({
          action: 'auth.login',
          outcome: 'failure',
          actorUserId: null,
          targetType: 'user',
          targetId: user?.id,
          details: { reason, email: input.email.toLowerCase().slice(0, 254) },
        });
        throw new InvalidCredentialsError();
      }
      if (user.mfaEnabled) {
        return {
          kind: 'mfa',
          mfaRequired: true,
          mfaToken: await this.tokens.issueMfa({ sub: user.id, tid: institution.id, stage: 'verify' }),
        };
      }
      if (await this.requiresMfa(user.id)) {
        await this.audit.record({
          action: 'auth.mfa_enrollment_required',
          actorUserId: user.id,
          targetType: 'user',
          targetId: user.id,
        });
        return {
          kind: 'enroll',
          mfaEnrollmentRequired: true,
          mfaToken: await this.tokens.issueMfa({ sub: user.id, tid: institution.id, stage: 'enroll' }),
        };
      }
      return { kind: 'signed-in', ...(await this.signIn(user, 'password')) };
    });
  }

  private async mfaClaims(mfaToken: string, stage: MfaClaims['stage']): Promise<VerifiedMfaClaims> {
    try {
      const claims = await this.tokens.verifyMfa(mfaToken);
      if (claims.stage !== stage) throw new InvalidTokenError('stage');
      return claims;
    } catch {
      // A forged or stale token names no one we can trust: it counts against the address only (AUT-07).
      await this.limits.failedFromAddress();
      throw new UnauthenticatedError(
        AuthErrorCode.MfaTokenInvalid,
        'This sign-in step has expired; sign in again.',
      );
    }
  }

  /** Accepts a TOTP code once: its time step must be later than the last one used (AUT-06). */
  private async acceptTotp(user: User, sealed: string | null, code: string): Promise<number | null> {
    if (!sealed) return null;
    const secret = this.mfa.open(sealed, this.context.tenantId, user.id);
    const step = this.mfa.matchingStep(code, secret);
    if (step === null) return null;
    return (await this.credentials.claimMfaStep(user.id, step)) === 1 ? step : null;
  }

  async verifyMfa(input: { mfaToken: string; code?: string; recoveryCode?: string }): Promise<SignedIn> {
    const claims = await this.mfaClaims(input.mfaToken, 'verify');
    return this.context.runAsTenant(claims.tid, () =>
      this.limits.mfa(claims, () => this.checkCode(claims, input)),
    );
  }

  private async checkCode(
    claims: VerifiedMfaClaims,
    input: { code?: string; recoveryCode?: string },
  ): Promise<SignedIn> {
    const user = await this.credentials.byId(claims.sub);
    if (!user || user.status !== 'active' || !user.mfaEnabled)
      throw new UnauthenticatedError(
        AuthErrorCode.MfaTokenInvalid,
        'This sign-in step has expired; sign in again.',
      );
    let method: string | null = null;
    if (input.code && (await this.acceptTotp(user, user.mfaSecret, input.code)) !== null) method = 'totp';
    else if (input.recoveryCode && (await this.mfa.consumeRecoveryCode(user.id, input.recoveryCode)))
      method = 'recovery_code';
    if (!method) {
      this.metrics?.recordFailedLogin('wrong_mfa_code');
      await this.audit.record({
        action: 'auth.mfa_verify',
        outcome: 'failure',
        actorUserId: user.id,
        targetType: 'user',
        targetId: user.id,
      });
      throw new UnauthenticatedError(
        AuthErrorCode.InvalidMfaCode,
        'That code is not right, or it was already used.',
      );
    }
    return this.signIn(user, method);
  }

  private async enrolmentStart(
    user: User,
    institutionName: string,
  ): Promise<{ secret: string; otpauthUri: string }> {
    const secret = this.mfa.newSecret();
    await this.credentials.setPendingMfaSecret(
      user.id,
      this.mfa.seal(secret, this.context.tenantId, user.id),
    );
    return { secret, otpauthUri: this.mfa.otpauthUri(secret, user.email, `Shala (${institutionName})`) };
  }

  private async enrolmentConfirm(user: User, code: string): Promise<string[]> {
    const fresh = await this.credentials.byId(user.id);
    if (!fresh?.mfaPendingSecret)
      throw new ValidationFailedError([{ field: 'code', message: 'start MFA enrolment first' }]);
    const secret = this.mfa.open(fresh.mfaPendingSecret, this.context.tenantId, user.id);
    const step = this.mfa.matchingStep(code, secret);
    if (step === null || step <= fresh.mfaLastStep)
      throw new UnauthenticatedError(
        AuthErrorCode.InvalidMfaCode,
        'That code is not right; check the time on your phone and try again.',
      );
    return this.db.transaction(async () => {
      await this.credentials.enableMfa(user.id, this.mfa.seal(secret, this.context.tenantId, user.id), step);
      const codes = await this.mfa.issueRecoveryCodes(user.id);
      await this.audit.record({
        action: 'auth.mfa_enabled',
        targetType: 'user',
        targetId: user.id,
        actorUserId: user.id,
      });
      return codes;
    });
  }

  /** Forced enrolment: a privileged user without MFA can only do this before signing in. */
  async startForcedEnrolment(mfaToken: string): Promise<{ secret: string; otpauthUri: string }> {
    const claims = await this.mfaClaims(mfaToken, 'enroll');
    const institution = await this.institutions.findById(claims.tid);
    return this.context.runAsTenant(claims.tid, async () => {
      const user = await this.credentials.byId(claims.sub);
      if (!user || user.status !== 'active' || user.mfaEnabled || !institution)
        throw new UnauthenticatedError(
          AuthErrorCode.MfaTokenInvalid,
          'This sign-in step has expired; sign in again.',
        );
      return this.enrolmentStart(user, institution.name);
    });
  }

  async confirmForcedEnrolment(
    mfaToken: string,
    code: string,
  ): Promise<SignedIn & { recoveryCodes: string[] }> {
    const claims = await this.mfaClaims(mfaToken, 'enroll');
    return this.context.runAsTenant(claims.tid, async () => {
      const user = await this.credentials.byId(claims.sub);
      if (!user || user.status !== 'active' || user.mfaEnabled)
        throw new UnauthenticatedError(
          AuthErrorCode.MfaTokenInvalid,
          'This sign-in step has expired; sign in again.',
        );
      const recoveryCodes = await this.limits.mfa(claims, () => this.enrolmentConfirm(user, code));
      return { ...(await this.signIn({ ...user, mfaEnabled: true }, 'mfa_enrolment')), recoveryCodes };
    });
  }

  async refresh(
    cookieValue: string | undefined,
  ): Promise<{ accessToken: string; expiresIn: number; refreshCookie: string; refreshExpiresAt: Date }> {
    const parsed = parseRefreshCookie(cookieValue);
    if (!parsed) throw new UnauthenticatedError(AuthErrorCode.RefreshInvalid, 'You are not signed in.');
    return this.context.runAsTenant(parsed.tenantId, async () => {
      const issued = await this.sessions.rotate(parsed);
      const user = await this.credentials.byId(issued.session.userId);
      if (!user || user.status !== 'active') {
        await this.sessions.revoke(issued.session, 'user_inactive');
        throw new UnauthenticatedError(
          AuthErrorCode.RefreshInvalid,
          'Your session has ended; sign in again.',
        );
      }
      return {
        accessToken: await this.tokens.issueAccess({
          sub: user.id,
          tid: parsed.tenantId,
          sid: issued.session.id,
        }),
        expiresIn: ACCESS_TOKEN_TTL_SECONDS,
        refreshCookie: issued.cookieValue,
        refreshExpiresAt: issued.session.expiresAt,
      };
    });
  }

  /** The session of a bearer token, if it verifies; puts its tenant in the context for the logout. */
  async sessionOfBearer(header: string | undefined): Promise<string | null> {
    const token = header?.startsWith('Bearer ') ? header.slice(7) : null;
    if (!token) return null;
    try {
      const claims = await this.tokens.verifyAccess(token);
      this.context.setIdentity({ tenantId: claims.tid, userId: claims.sub, sessionId: claims.sid });
      return claims.sid;
    } catch {
      return null;
    }
  }

  /** Ends the current session (from the access token, or the refresh cookie when the token has lapsed). */
  async logout(sessionId: string | null, cookieValue: string | undefined): Promise<void> {
    if (sessionId && this.context.hasTenant) {
      const session = await this.sessions.findById(sessionId);
      if (session) {
        await this.sessions.revoke(session, 'logout');
        await this.audit.record({ action: 'auth.logout', targetType: 'session', targetId: session.id });
      }
      return;
    }
    const parsed = parseRefreshCookie(cookieValue);
    if (!parsed) return;
    await this.context.runAsTenant(parsed.tenantId, async () => {
      const issued = await this.sessions.rotate(parsed).catch(() => null);
      if (issued) {
        await this.sessions.revoke(issued.session, 'logout');
        await this.audit.record({
          action: 'auth.logout',
          actorUserId: issued.session.userId,
          targetType: 'session',
          targetId: issued.session.id,
        });
      }
    });
  }

  async me(sessionId: string | null) {
    const userId = this.context.userId!;
    const [user, institution, grants] = await Promise.all([
      this.credentials.byId(userId),
      this.institutions.findById(this.context.tenantId),
      this.access.grantsOf(userId),
    ]);
    return {
      user: {
        id: user!.id,
        email: user!.email,
        displayName: user!.displayName,
        mfaEnabled: user!.mfaEnabled,
        lastLoginAt: user!.lastLoginAt?.toISOString() ?? null,
      },
      institution: institutionDto(institution!),
      roles: grants.roles,
      permissions: grants.permissions,
      sessionId,
      mfaRequired: (MFA_REQUIRED_ROLES as readonly string[]).some((r) => grants.roles.includes(r)),
    };
  }

  private async reauthenticate(user: User, password: string): Promise<void> {
    if (!user.passwordHash || !(await this.hasher.verify(password, user.passwordHash))) {
      await this.audit.record({
        action: 'auth.reauthenticate',
        outcome: 'failure',
        targetType: 'user',
        targetId: user.id,
      });
      throw new UnauthenticatedError(AuthErrorCode.ReauthFailed, 'Your current password is not right.');
    }
  }

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
    const user = (await this.credentials.byId(this.context.userId!))!;
    await this.reauthenticate(user, currentPassword);
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

  private async issueUserToken(
    userId: string,
    purpose: UserTokenPurpose,
  ): Promise<{ link: string; id: string; minutes: number }> {
    const id = uuidv7();
    const secret = randomToken(32);
    const now = new Date();
    await this.userTokens.voidUnused(userId, purpose, now);
    await this.userTokens.add({
      id,
      userId,
      purpose,
      tokenHash: sha256Hex(secret),
      expiresAt: new Date(now.getTime() + TOKEN_TTL_MINUTES[purpose] * 60_000),
      usedAt: null,
      createdAt: now,
    });
    const path = purpose === 'reset' ? 'reset-password' : 'accept-invitation';
    return {
      id,
      link: `${this.config.publicUrl}/${path}?token=${this.context.tenantId}.${id}.${secret}`,
      minutes: TOKEN_TTL_MINUTES[purpose],
    };
  }

  /** Always answers the same; mails a single-use 30-minute link through the outbox when the account exists. */
  async requestPasswordReset(input: { institution: string; email: string }): Promise<void> {
    const institution = await this.schoolFor(input.institution);
    if (!institution) return;
    await this.context.runAsTenant(institution.id, async () => {
      const user = await this.credentials.byEmail(input.email);
      if (!user || user.status === 'disabled') return;
      await this.db.transaction(async () => {
        const token = await this.issueUserToken(user.id, 'reset');
        await this.outbox.enqueue({
          channel: 'email',
          template: 'password_reset',
          recipient: user.email,
          variables: {
            name: user.displayName,
            link: token.link,
            expiresInMinutes: token.minutes,
            institution: institution.name,
          },
          idempotencyKey: `password_reset:${token.id}`,
        });
        await this.audit.record({
          action: 'auth.password_reset_requested',
          actorUserId: null,
          targetType: 'user',
          targetId: user.id,
        });
      });
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
    const institution = (await this.institutions.findById(tenantId))!;
    return this.context.runAsTenant(tenantId, async () => {
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
        mfaEnrollmentRequired: await this.requiresMfa(user.id),
      };
    });
  }

  /** Mails an invitation link for a user the admin just created (called by the users module). */
  async sendInvitation(
    user: { id: string; email: string; displayName: string },
    invitedBy: string | null,
  ): Promise<void> {
    const institution = (await this.institutions.findById(this.context.tenantId))!;
    const token = await this.issueUserToken(user.id, 'invite');
    await this.outbox.enqueue({
      channel: 'email',
      template: 'invitation',
      recipient: user.email,
      variables: {
        name: user.displayName,
        link: token.link,
        expiresInHours: token.minutes / 60,
        institution: institution.name,
      },
      idempotencyKey: `invitation:${token.id}`,
    });
    await this.audit.record({
      action: 'users.invited',
      actorUserId: invitedBy,
      targetType: 'user',
      targetId: user.id,
    });
  }

  // --- MFA management for a signed-in user -------------------------------------------------------

  async startMfaSetup(): Promise<{ secret: string; otpauthUri: string }> {
    const user = (await this.credentials.byId(this.context.userId!))!;
    if (user.mfaEnabled)
      throw new ValidationFailedError([
        { field: 'mfa', message: 'MFA is already on; turn it off first to enrol a new device' },
      ]);
    const institution = (await this.institutions.findById(this.context.tenantId))!;
    return this.enrolmentStart(user, institution.name);
  }

  async confirmMfaSetup(code: string): Promise<{ recoveryCodes: string[] }> {
    const user = (await this.credentials.byId(this.context.userId!))!;
    if (user.mfaEnabled) throw new ValidationFailedError([{ field: 'mfa', message: 'MFA is already on' }]);
    return { recoveryCodes: await this.enrolmentConfirm(user, code) };
  }

  /** Turning MFA off needs the password and a current code (re-authentication). */
  async disableMfa(password: string, code: string): Promise<void> {
    const user = (await this.credentials.byId(this.context.userId!))!;
    await this.reauthenticate(user, password);
    if (!user.mfaEnabled || (await this.acceptTotp(user, user.mfaSecret, code)) === null) {
      throw new UnauthenticatedError(
        AuthErrorCode.InvalidMfaCode,
        'That code is not right, or it was already used.',
      );
    }
    await this.db.transaction(async () => {
      await this.credentials.disableMfa(user.id);
      await this.mfa.removeRecoveryCodes(user.id);
      await this.audit.record({ action: 'auth.mfa_disabled', targetType: 'user', targetId: user.id });
    });
  }

  async regenerateRecoveryCodes(password: string): Promise<{ recoveryCodes: string[] }> {
    const user = (await this.credentials.byId(this.context.userId!))!;
    await this.reauthenticate(user, password);
    if (!user.mfaEnabled) throw new ValidationFailedError([{ field: 'mfa', message: 'turn MFA on first' }]);
    return this.db.transaction(async () => {
      const recoveryCodes = await this.mfa.issueRecoveryCodes(user.id);
      await this.audit.record({
        action: 'auth.recovery_codes_regenerated',
        targetType: 'user',
        targetId: user.id,
      });
      return { recoveryCodes };
    });
  }
}
