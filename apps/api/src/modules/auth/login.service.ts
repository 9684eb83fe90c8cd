import { Injectable, OnModuleInit, Optional } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { MetricsService } from '../../platform/metrics/metrics.service';
import {
  ACCESS_TOKEN_TTL_SECONDS,
  AccessTokens,
  InvalidTokenError,
  MfaClaims,
  VerifiedMfaClaims,
} from '../../platform/security/access-tokens';
import { PasswordHasher } from '../../platform/security/password-hasher';
import { randomToken } from '../../platform/security/tokens';
import { RequestContext, ShalaStore } from '../../platform/tenancy/request-context';
import { AuditService } from '../audit/audit.service';
import { CurrentInstitution } from '../institutions/current-institution';
import { User } from '../users/entities/user.entity';
import { UserCredentials } from '../users/user-credentials.service';
import { AuthLookups } from './auth-lookups.service';
import {
  AuthErrorCode,
  InvalidCredentialsError,
  InvalidMfaCodeError,
  UnauthenticatedError,
} from './auth.errors';
import { MfaService } from './mfa.service';
import { SessionsService } from './sessions.service';
import { SignInLimits } from './sign-in-limits';
import { TotpService } from './totp.service';

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

const stepExpired = () =>
  new UnauthenticatedError(AuthErrorCode.MfaTokenInvalid, 'This sign-in step has expired; sign in again.');

/**
 * Sign-in: password login (AUT-01, AUT-08) within the AUT-07 limits, then the TOTP or recovery-code step, or
 * the enrolment a privileged user without MFA must finish first (AUT-06). Every outcome is audited.
 */
@Injectable()
export class LoginService implements OnModuleInit {
  /** A bcrypt hash of nothing anyone knows: unknown users cost the same time as wrong passwords (AUT-08). */
  private dummyHash: Promise<string> = Promise.resolve('');

  constructor(
    private readonly context: RequestContext,
    private readonly cls: ClsService<ShalaStore>,
    private readonly institution: CurrentInstitution,
    private readonly lookups: AuthLookups,
    private readonly credentials: UserCredentials,
    private readonly hasher: PasswordHasher,
    private readonly tokens: AccessTokens,
    private readonly totp: TotpService,
    private readonly mfa: MfaService,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    private readonly limits: SignInLimits,
    @Optional() private readonly metrics?: MetricsService,
  ) {}

  /**
   * The hash an unknown account's password is checked against, so that answer takes as long as a wrong
   * password. Hashed in the background (bcrypt runs on libuv's pool): awaiting it here held every start of
   * the API up by ~250 ms (issue 18); a sign-in in the first moment waits for it instead.
   */
  onModuleInit(): void {
    this.dummyHash = this.hasher.hash(randomToken(24));
  }

  private meta() {
    const store = this.cls.isActive() ? this.cls.get() : ({} as ShalaStore);
    return { ip: store.ip ?? null, userAgent: store.userAgent ? String(store.userAgent) : null };
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
    const institution = await this.lookups.activeSchool(input.institution);
    if (!institution) {
      await this.hasher.verify(input.password, await this.dummyHash);
      this.metrics?.recordFailedLogin('unknown_institution');
      throw new InvalidCredentialsError();
    }
    return this.context.runAsTenant(institution.id, async () => {
      const user = await this.credentials.byEmail(input.email);
      const passwordOk = await this.hasher.verify(
        input.password,
        user?.passwordHash ?? (await this.dummyHash),
      );
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
      if (await this.lookups.requiresMfa(user.id)) {
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
      throw stepExpired();
    }
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
    if (!user || user.status !== 'active' || !user.mfaEnabled) throw stepExpired();
    let method: string | null = null;
    if (input.code && (await this.totp.accept(user, input.code)) !== null) method = 'totp';
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
      throw new InvalidMfaCodeError();
    }
    return this.signIn(user, method);
  }

  /** Forced enrolment: a privileged user without MFA can only do this before signing in. */
  async startForcedEnrolment(mfaToken: string): Promise<{ secret: string; otpauthUri: string }> {
    const claims = await this.mfaClaims(mfaToken, 'enroll');
    return this.context.runAsTenant(claims.tid, async () => {
      const institution = await this.institution.find();
      const user = await this.credentials.byId(claims.sub);
      if (!user || user.status !== 'active' || user.mfaEnabled || !institution) throw stepExpired();
      return this.mfa.startEnrolment(user, institution.name);
    });
  }

  async confirmForcedEnrolment(
    mfaToken: string,
    code: string,
  ): Promise<SignedIn & { recoveryCodes: string[] }> {
    const claims = await this.mfaClaims(mfaToken, 'enroll');
    return this.context.runAsTenant(claims.tid, async () => {
      const user = await this.credentials.byId(claims.sub);
      if (!user || user.status !== 'active' || user.mfaEnabled) throw stepExpired();
      const recoveryCodes = await this.limits.mfa(claims, () => this.mfa.confirmEnrolment(user, code));
      return { ...(await this.signIn({ ...user, mfaEnabled: true }, 'mfa_enrolment')), recoveryCodes };
    });
  }
}
