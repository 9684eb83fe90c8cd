import { Inject, Injectable } from '@nestjs/common';
import * as bcrypt from 'bcrypt';
import { createHmac } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../config/app-config';

export const BCRYPT_COST = 12;
const BCRYPT_MAX_BYTES = 72;

/**
 * AUT-01: bcrypt at cost 12. bcrypt reads only the first 72 bytes, so a longer password is first reduced
 * to HMAC-SHA256(pepper, password) in base64 (44 bytes) instead of being silently truncated.
 */
@Injectable()
export class PasswordHasher {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  private prepare(password: string): string {
    if (Buffer.byteLength(password, 'utf8') <= BCRYPT_MAX_BYTES) return password;
    return createHmac('sha256', this.config.secrets.PASSWORD_PEPPER)
      .update(password, 'utf8')
      .digest('base64');
  }

  hash(password: string): Promise<string> {
    return bcrypt.hash(this.prepare(password), BCRYPT_COST);
  }

  verify(password: string, hash: string): Promise<boolean> {
    return bcrypt.compare(this.prepare(password), hash);
  }
}
