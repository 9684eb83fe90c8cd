import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { APP_CONFIG, AppConfig } from '../../platform/config/app-config';
import { Database } from '../../platform/database/database';
import { IdentityCache } from '../../platform/security/identity-cache';
import { randomToken, safeEqual, sha256Hex } from '../../platform/security/tokens';
import { RequestContext } from '../../platform/tenancy/request-context';
import { AuditService } from '../audit/audit.service';
import { AuthErrorCode, UnauthenticatedError } from './auth.errors';
import { RefreshTokensRepository, SessionsRepository } from './auth.repositories';
import { Session } from './entities/session.entity';

export interface IssuedRefresh {
  session: Session;
  /** The cookie value: `<tenant>.<token id>.<secret>`; only the secret's hash is stored. */
  cookieValue: string;
}

export interface ParsedRefresh {
  tenantId: string;
  tokenId: string;
  secret: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function parseRefreshCookie(value: string | undefined): ParsedRefresh | null {
  if (!value) return null;
  const [tenantId, tokenId, secret, ...rest] = value.split('.');
  if (
    rest.length ||
    !tenantId ||
    !tokenId ||
    !secret ||
    !UUID.test(tenantId) ||
    !UUID.test(tokenId) ||
    secret.length < 40
  )
    return null;
  return { tenantId, tokenId, secret };
}

/**
 * Sessions and their rotating refresh tokens (AUT-04, AUT-05): opaque 256-bit tokens stored hashed, rotated
 * on every use, the whole session revoked when a rotated token comes back, idle and absolute lifetimes, and
 * revocation announced to the identity cache of every replica, so access tokens stop on the next request.
 */
@Injectable()
export class SessionsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Database,
    private readonly sessions: SessionsRepository,
    private readonly tokens: RefreshTokensRepository,
    private readonly cache: IdentityCache,
    private readonly context: RequestContext,
    private readonly audit: AuditService,
  ) {}

  private idleLimit(now: Date): Date {
    return new Date(now.getTime() - this.config.session.idleMinutes * 60_000);
  }

  private async newRefresh(sessionId: string, now: Date): Promise<string> {
    const id = uuidv7();
    const secret = randomToken(32);
    await this.tokens.add({ id, sessionId, tokenHash: sha256Hex(secret), createdAt: now, usedAt: null });
    return `${this.context.tenantId}.${id}.${secret}`;
  }

  /** Starts a session for a user of the current tenant. */
  async start(
    userId: string,
    meta: { ip?: string | null; userAgent?: string | null },
  ): Promise<IssuedRefresh> {
    const now = new Date();
    return this.db.transaction(async () => {
      const session: Omit<Session, 'tenantId'> = {
        id: uuidv7(),
        userId,
        createdAt: now,
        lastUsedAt: now,
        expiresAt: new Date(now.getTime() + this.config.session.absoluteHours * 3_600_000),
        revokedAt: null,
        revokedReason: null,
        ip: meta.ip ?? null,
        userAgent: meta.userAgent?.slice(0, 300) ?? null,
      };
      await this.sessions.add(session);
      const cookieValue = await this.newRefresh(session.id, now);
      return { session: { ...session, tenantId: this.context.tenantId }, cookieValue };
    });
  }

  /**
   * Exchanges a refresh token for a new one. A token already exchanged means it was copied: the whole
   * session is revoked and the caller gets 401 (RFC 9700 reuse detection).
   */
  async rotate(parsed: ParsedRefresh): Promise<IssuedRefresh> {
    const now = new Date();
    const invalid = () =>
      new UnauthenticatedError(AuthErrorCode.RefreshInvalid, 'Your session has ended; sign in again.');
    const token = await this.tokens.findById(parsed.tokenId);
    if (!token || !safeEqual(token.tokenHash, sha256Hex(parsed.secret))) throw invalid();
    const session = await this.sessions.findById(token.sessionId);
    if (!session || session.revokedAt) throw invalid();
    if (token.usedAt || (await this.tokens.markUsed(token.id, now)) !== 1) {
      await this.revoke(session, 'refresh_token_reuse');
      await this.audit.record({
        action: 'auth.refresh_reuse',
        outcome: 'denied',
        actorUserId: session.userId,
        targetType: 'session',
        targetId: session.id,
      });
      throw new UnauthenticatedError(
        AuthErrorCode.RefreshReused,
        'This sign-in was used from somewhere else, so it has been ended. Sign in again.',
      );
    }
    if (session.expiresAt <= now || session.lastUsedAt < this.idleLimit(now)) {
      await this.revoke(session, session.expiresAt <= now ? 'expired' : 'idle');
      throw new UnauthenticatedError(
        AuthErrorCode.SessionExpired,
        'Your session has expired; sign in again.',
      );
    }
    await this.sessions.touch(session.id, now);
    const cookieValue = await this.newRefresh(session.id, now);
    return { session: { ...session, lastUsedAt: now }, cookieValue };
  }

  async revoke(session: Pick<Session, 'id'>, reason: string): Promise<void> {
    await this.sessions.revoke(session.id, reason, new Date());
    await this.cache.sessionsRevoked(this.context.tenantId, [session.id]);
  }

  /** Ends every session of a user (or all but `exceptId`): password change, deactivation, role change. */
  async revokeAllOf(userId: string, reason: string, exceptId?: string): Promise<number> {
    const ids = await this.sessions.revokeAllOf(userId, reason, new Date(), exceptId);
    await this.cache.sessionsRevoked(this.context.tenantId, ids);
    return ids.length;
  }

  findById(id: string): Promise<Session | null> {
    return this.sessions.findById(id);
  }

  listActiveOf(userId: string): Promise<Session[]> {
    const idle = this.idleLimit(new Date());
    return this.sessions
      .listActiveOf(userId)
      .then((list) => list.filter((s) => s.expiresAt > new Date() && s.lastUsedAt >= idle));
  }

  /**
   * Whether an access token's session may still be used: from the identity cache (dropped everywhere when
   * the session is revoked), else read from the table.
   */
  isLive(sessionId: string, userId: string): Promise<boolean> {
    return this.cache.sessionLive(this.context.tenantId, sessionId, userId, async () => {
      const session = await this.sessions.findById(sessionId);
      const now = new Date();
      const live =
        !!session &&
        session.userId === userId &&
        !session.revokedAt &&
        session.expiresAt > now &&
        session.lastUsedAt >= this.idleLimit(now);
      const idleEnd = session ? session.lastUsedAt.getTime() + this.config.session.idleMinutes * 60_000 : 0;
      return { live, liveUntil: session ? Math.min(session.expiresAt.getTime(), idleEnd) : 0 };
    });
  }
}
