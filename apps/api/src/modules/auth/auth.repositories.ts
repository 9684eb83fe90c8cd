import { Injectable } from '@nestjs/common';
import { In, IsNull } from 'typeorm';
import { Database } from '../../platform/database/database';
import { TenantScopedRepository } from '../../platform/database/tenant-scoped.repository';
import { RequestContext } from '../../platform/tenancy/request-context';
import { RecoveryCode, RefreshToken, Session, UserToken, UserTokenPurpose } from './entities/session.entity';

@Injectable()
export class SessionsRepository extends TenantScopedRepository<Session> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, Session);
  }

  async add(session: Omit<Session, 'tenantId'>): Promise<void> {
    await this.insert(session);
  }

  findById(id: string): Promise<Session | null> {
    return this.findOneBy({ id });
  }

  listActiveOf(userId: string): Promise<Session[]> {
    return this.find({ where: { userId, revokedAt: IsNull() }, order: { lastUsedAt: 'DESC' } });
  }

  touch(id: string, at: Date): Promise<number> {
    return this.update({ id }, { lastUsedAt: at });
  }

  revoke(id: string, reason: string, at: Date): Promise<number> {
    return this.update({ id, revokedAt: IsNull() }, { revokedAt: at, revokedReason: reason });
  }

  /** Revokes every live session of a user, or all but one; returns the ids it revoked. */
  async revokeAllOf(userId: string, reason: string, at: Date, exceptId?: string): Promise<string[]> {
    const live = (await this.listActiveOf(userId)).filter((s) => s.id !== exceptId);
    for (const s of live) await this.revoke(s.id, reason, at);
    return live.map((s) => s.id);
  }
}

@Injectable()
export class RefreshTokensRepository extends TenantScopedRepository<RefreshToken> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, RefreshToken);
  }

  async add(token: Omit<RefreshToken, 'tenantId'>): Promise<void> {
    await this.insert(token);
  }

  findById(id: string): Promise<RefreshToken | null> {
    return this.findOneBy({ id });
  }

  /** Marks the token used if nobody has: 1 for the caller that won, 0 for a reuse (AUT-04). */
  markUsed(id: string, at: Date): Promise<number> {
    return this.update({ id, usedAt: IsNull() }, { usedAt: at });
  }
}

@Injectable()
export class RecoveryCodesRepository extends TenantScopedRepository<RecoveryCode> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, RecoveryCode);
  }

  async replaceFor(userId: string, hashes: string[], ids: string[], at: Date): Promise<void> {
    await this.delete({ userId });
    await this.insert(
      hashes.map((codeHash, i) => ({ id: ids[i]!, userId, codeHash, usedAt: null, createdAt: at })),
    );
  }

  removeAllOf(userId: string): Promise<number> {
    return this.delete({ userId });
  }

  findUnused(userId: string, codeHash: string): Promise<RecoveryCode | null> {
    return this.findOneBy({ userId, codeHash, usedAt: IsNull() });
  }

  countUnused(userId: string): Promise<number> {
    return this.count({ userId, usedAt: IsNull() });
  }

  markUsed(id: string, at: Date): Promise<number> {
    return this.update({ id, usedAt: IsNull() }, { usedAt: at });
  }
}

@Injectable()
export class UserTokensRepository extends TenantScopedRepository<UserToken> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, UserToken);
  }

  async add(token: Omit<UserToken, 'tenantId'>): Promise<void> {
    await this.insert(token);
  }

  findById(id: string): Promise<UserToken | null> {
    return this.findOneBy({ id });
  }

  markUsed(id: string, at: Date): Promise<number> {
    return this.update({ id, usedAt: IsNull() }, { usedAt: at });
  }

  /** A new token of a purpose voids the user's earlier unused ones. */
  voidUnused(userId: string, purpose: UserTokenPurpose, at: Date): Promise<number> {
    return this.update({ userId, purpose, usedAt: IsNull() }, { usedAt: at });
  }

  /** Revoking voids the unused tokens and says so (the invitation then reads "revoked"). */
  revokeUnused(userId: string, purpose: UserTokenPurpose, at: Date): Promise<number> {
    return this.update({ userId, purpose, usedAt: IsNull() }, { usedAt: at, revokedAt: at });
  }

  /** Each user's newest token of a purpose. */
  async newestOf(userIds: string[], purpose: UserTokenPurpose): Promise<Map<string, UserToken>> {
    const rows = userIds.length
      ? await this.find({ where: { userId: In(userIds), purpose }, order: { createdAt: 'ASC', id: 'ASC' } })
      : [];
    return new Map(rows.map((t) => [t.userId, t]));
  }
}
