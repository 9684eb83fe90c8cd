import { Injectable } from '@nestjs/common';
import { MFA_REQUIRED_ROLES, type Locale, type MeResponse, type Permission } from '@shala/contracts';
import { ACCESS_TOKEN_TTL_SECONDS, AccessTokens } from '../../platform/security/access-tokens';
import { RequestContext } from '../../platform/tenancy/request-context';
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import { CurrentInstitution } from '../institutions/current-institution';
import { UserCredentials } from '../users/user-credentials.service';
import { institutionDto } from './auth-lookups.service';
import { AuthErrorCode, UnauthenticatedError } from './auth.errors';
import { SessionsService, parseRefreshCookie } from './sessions.service';

/**
 * The signed-in session seen from the client: refresh rotation and logout (AUT-04, AUT-05) on top of
 * SessionsService, and who the session belongs to (`/me`).
 */
@Injectable()
export class CurrentSessionService {
  constructor(
    private readonly context: RequestContext,
    private readonly credentials: UserCredentials,
    private readonly institution: CurrentInstitution,
    private readonly access: AccessService,
    private readonly tokens: AccessTokens,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
  ) {}

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

  async me(sessionId: string | null): Promise<MeResponse> {
    const userId = this.context.userId!;
    const [user, institution, grants] = await Promise.all([
      this.credentials.byId(userId),
      this.institution.find(),
      this.access.grantsOf(userId),
    ]);
    return {
      user: {
        id: user!.id,
        email: user!.email,
        displayName: user!.displayName,
        mfaEnabled: user!.mfaEnabled,
        lastLoginAt: user!.lastLoginAt?.toISOString() ?? null,
        locale: user!.locale,
      },
      institution: institutionDto(institution!),
      roles: grants.roles,
      // Role permissions are checked against the catalogue when they are saved.
      permissions: grants.permissions as Permission[],
      sessionId,
      mfaRequired: (MFA_REQUIRED_ROLES as readonly string[]).some((r) => grants.roles.includes(r)),
    };
  }

  /** Remembers the language the signed-in user chose; /me answers it at their next sign-in. */
  async setLocale(locale: Locale): Promise<void> {
    await this.credentials.setLocale(this.context.userId!, locale);
  }
}
