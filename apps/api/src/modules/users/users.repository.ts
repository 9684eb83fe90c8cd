import { Injectable } from '@nestjs/common';
import type { Locale } from '@shala/contracts';
import { FindOptionsSelect, In, LessThan, MoreThan } from 'typeorm';
import { Database } from '../../platform/database/database';
import { TenantScopedRepository } from '../../platform/database/tenant-scoped.repository';
import { RequestContext } from '../../platform/tenancy/request-context';
import { User, UserStatus } from './entities/user.entity';

const AUTH_COLUMNS: FindOptionsSelect<User> = {
  tenantId: true,
  id: true,
  email: true,
  displayName: true,
  status: true,
  passwordHash: true,
  mfaEnabled: true,
  mfaSecret: true,
  mfaPendingSecret: true,
  mfaLastStep: true,
  passwordChangedAt: true,
  lastLoginAt: true,
  locale: true,
  createdAt: true,
  updatedAt: true,
};

@Injectable()
export class UsersRepository extends TenantScopedRepository<User> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, User);
  }

  findById(id: string): Promise<User | null> {
    return this.findOneBy({ id });
  }

  findByEmail(email: string): Promise<User | null> {
    return this.findOneBy({ email: email.toLowerCase() });
  }

  /** The user with credential columns (password hash, sealed MFA secrets): for the auth module only. */
  findAuthRecordByEmail(email: string): Promise<User | null> {
    return this.findOne({ where: { email: email.toLowerCase() }, select: AUTH_COLUMNS });
  }

  findAuthRecord(id: string): Promise<User | null> {
    return this.findOne({ where: { id }, select: AUTH_COLUMNS });
  }

  setPassword(id: string, passwordHash: string, at: Date): Promise<number> {
    return this.update({ id }, { passwordHash, passwordChangedAt: at });
  }

  activateWithPassword(id: string, passwordHash: string, at: Date): Promise<number> {
    return this.update({ id }, { passwordHash, passwordChangedAt: at, status: 'active' });
  }

  setPendingMfaSecret(id: string, sealed: string | null): Promise<number> {
    return this.update({ id }, { mfaPendingSecret: sealed });
  }

  enableMfa(id: string, sealedSecret: string, step: number): Promise<number> {
    return this.update(
      { id },
      { mfaSecret: sealedSecret, mfaPendingSecret: null, mfaEnabled: true, mfaLastStep: step },
    );
  }

  disableMfa(id: string): Promise<number> {
    return this.update(
      { id },
      { mfaSecret: null, mfaPendingSecret: null, mfaEnabled: false, mfaLastStep: 0 },
    );
  }

  /** Records a TOTP step as used unless a later or equal one already was: one winner per code (AUT-06). */
  claimMfaStep(id: string, step: number): Promise<number> {
    return this.update({ id, mfaLastStep: LessThan(step) }, { mfaLastStep: step });
  }

  recordLogin(id: string, at: Date): Promise<number> {
    return this.update({ id }, { lastLoginAt: at });
  }

  setLocale(id: string, locale: Locale): Promise<number> {
    return this.update({ id }, { locale });
  }

  /** A page of users ordered by email, after `afterEmail`. */
  page(limit: number, afterEmail?: string, status?: UserStatus): Promise<User[]> {
    return this.find({
      where: { ...(afterEmail ? { email: MoreThan(afterEmail) } : {}), ...(status ? { status } : {}) },
      order: { email: 'ASC' },
      take: limit,
    });
  }

  findByIds(ids: string[]): Promise<User[]> {
    return ids.length ? this.find({ where: { id: In(ids) } }) : Promise.resolve([]);
  }

  listByEmail(): Promise<User[]> {
    return this.find({ order: { email: 'ASC' } });
  }

  countAll(): Promise<number> {
    return this.count();
  }

  async add(user: Pick<User, 'id' | 'email' | 'displayName' | 'passwordHash' | 'status'>): Promise<void> {
    await this.insert({
      ...user,
      mfaEnabled: false,
      mfaSecret: null,
      mfaPendingSecret: null,
      mfaLastStep: 0,
      passwordChangedAt: user.passwordHash ? new Date() : null,
      lastLoginAt: null,
      locale: 'en',
    } as Omit<User, 'tenantId'>);
  }

  setStatus(id: string, status: UserStatus): Promise<number> {
    return this.update({ id }, { status });
  }

  rename(id: string, displayName: string): Promise<number> {
    return this.update({ id }, { displayName });
  }

  remove(id: string): Promise<number> {
    return this.delete({ id });
  }
}
