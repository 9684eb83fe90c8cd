import { Injectable } from '@nestjs/common';
import type { Locale } from '@shala/contracts';
import { User } from './entities/user.entity';
import { UsersRepository } from './users.repository';

/**
 * The users module's door for the auth module: credential columns (password hash, sealed TOTP secrets)
 * never leave through UsersService, only through here.
 */
@Injectable()
export class UserCredentials {
  constructor(private readonly users: UsersRepository) {}

  byEmail(email: string): Promise<User | null> {
    return this.users.findAuthRecordByEmail(email);
  }

  byId(id: string): Promise<User | null> {
    return this.users.findAuthRecord(id);
  }

  setPassword(id: string, hash: string): Promise<number> {
    return this.users.setPassword(id, hash, new Date());
  }

  activateWithPassword(id: string, hash: string): Promise<number> {
    return this.users.activateWithPassword(id, hash, new Date());
  }

  setPendingMfaSecret(id: string, sealed: string | null): Promise<number> {
    return this.users.setPendingMfaSecret(id, sealed);
  }

  enableMfa(id: string, sealed: string, step: number): Promise<number> {
    return this.users.enableMfa(id, sealed, step);
  }

  disableMfa(id: string): Promise<number> {
    return this.users.disableMfa(id);
  }

  claimMfaStep(id: string, step: number): Promise<number> {
    return this.users.claimMfaStep(id, step);
  }

  recordLogin(id: string): Promise<number> {
    return this.users.recordLogin(id, new Date());
  }

  setLocale(id: string, locale: Locale): Promise<number> {
    return this.users.setLocale(id, locale);
  }
}
