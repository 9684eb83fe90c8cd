import { Inject, Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Database } from '../database/database';
import { RequestContext } from '../tenancy/request-context';
import { DataKeysRepository } from './data-keys.repository';

/** Where a value lives; bound into the ciphertext as associated data so it cannot be moved (DAT-01). */
export interface CellRef {
  table: string;
  column: string;
  rowId: string;
}

export type BlindIndexKind = 'phone' | 'email' | 'national_id';

const CIPHER_PREFIX = 'f1';
const WRAP_PREFIX = 'w1';
const ACTIVE_VERSION_TTL_MS = 5_000;

export class DecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecryptionError';
  }
}

/** E.164-ish: digits with country code; a 10-digit Indian mobile gets +91. */
export function normalisePhone(value: string): string {
  const digits = value.replace(/[^0-9+]/g, '');
  const bare = digits.replace(/^\+/, '').replace(/^0+/, '');
  if (/^[6-9][0-9]{9}$/.test(bare)) return `+91${bare}`;
  return `+${bare}`;
}

export function normaliseForIndex(kind: BlindIndexKind, value: string): string {
  if (kind === 'phone') return normalisePhone(value);
  if (kind === 'email') return value.trim().toLowerCase();
  return value.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/**
 * Field-level encryption (DAT-01..03): AES-256-GCM under a per-tenant data key that the master key wraps;
 * each ciphertext names its key version and is bound to tenant, table, column and row; exact-match search
 * through a per-tenant HMAC blind index.
 */
@Injectable()
export class FieldCrypto {
  private readonly master: Buffer;
  private readonly keys = new Map<string, Buffer>();
  private readonly active = new Map<string, { version: number; until: number }>();

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly context: RequestContext,
    private readonly dataKeys: DataKeysRepository,
    private readonly db: Database,
  ) {
    this.master = Buffer.from(config.secrets.FIELD_ENCRYPTION_MASTER_KEY, 'base64');
  }

  private wrap(tenantId: string, version: number, key: Buffer): string {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.master, iv);
    c.setAAD(Buffer.from(`tenant-data-key|${tenantId}|${version}`));
    const body = Buffer.concat([c.update(key), c.final()]);
    return [
      WRAP_PREFIX,
      iv.toString('base64url'),
      body.toString('base64url'),
      c.getAuthTag().toString('base64url'),
    ].join('.');
  }

  private unwrap(tenantId: string, version: number, wrapped: string): Buffer {
    const [prefix, iv, body, tag] = wrapped.split('.');
    if (prefix !== WRAP_PREFIX || !iv || !body || !tag)
      throw new DecryptionError('unknown wrapped key format');
    const d = createDecipheriv('aes-256-gcm', this.master, Buffer.from(iv, 'base64url'));
    d.setAAD(Buffer.from(`tenant-data-key|${tenantId}|${version}`));
    d.setAuthTag(Buffer.from(tag, 'base64url'));
    try {
      return Buffer.concat([d.update(Buffer.from(body, 'base64url')), d.final()]);
    } catch {
      throw new DecryptionError('the master key does not open this tenant data key');
    }
  }

  private async keyFor(tenantId: string, version: number): Promise<Buffer> {
    const cacheKey = `${tenantId}:${version}`;
    const cached = this.keys.get(cacheKey);
    if (cached) return cached;
    const row = await this.dataKeys.findVersion(version);
    if (!row) throw new DecryptionError(`no data key version ${version}`);
    const key = this.unwrap(tenantId, version, row.wrappedKey);
    this.keys.set(cacheKey, key);
    return key;
  }

  /** Creates the next data key version for the current tenant and makes it the one new writes use. */
  async createKeyVersion(): Promise<number> {
    const tenantId = this.context.tenantId;
    const latest = (await this.dataKeys.all()).at(-1);
    const version = (latest?.version ?? 0) + 1;
    const key = randomBytes(32);
    await this.dataKeys.add(version, this.wrap(tenantId, version, key));
    // Nothing is cached here: a key is cached only once read back committed, so a rolled-back creation
    // can never leave values encrypted under a key the database does not hold.
    this.active.delete(tenantId);
    return version;
  }

  /**
   * Makes sure the tenant has a data key. Call it before opening a transaction that encrypts: a key is
   * created in its own transaction, never inside a business transaction that might roll back.
   */
  async ready(): Promise<void> {
    await this.activeVersion();
  }

  /** The version new ciphertexts use. Re-read every few seconds to follow rotations. */
  async activeVersion(): Promise<number> {
    const tenantId = this.context.tenantId;
    const hit = this.active.get(tenantId);
    if (hit && hit.until > Date.now()) return hit.version;
    let latest = await this.dataKeys.latestActive();
    if (!latest) {
      if (this.db.inTransaction)
        throw new Error('FieldCrypto: no data key yet; call ready() before the transaction');
      try {
        await this.db.transaction(() => this.createKeyVersion());
      } catch {
        // another request created it first
      }
      latest = await this.dataKeys.latestActive();
    }
    this.active.set(tenantId, { version: latest!.version, until: Date.now() + ACTIVE_VERSION_TTL_MS });
    return latest!.version;
  }

  private aad(tenantId: string, ref: CellRef): Buffer {
    return Buffer.from(`${tenantId}|${ref.table}|${ref.column}|${ref.rowId}`);
  }

  async encrypt(
    ref: CellRef,
    plaintext: string | null | undefined,
    version?: number,
  ): Promise<string | null> {
    if (plaintext === null || plaintext === undefined || plaintext === '') return null;
    const tenantId = this.context.tenantId;
    const v = version ?? (await this.activeVersion());
    const key = await this.keyFor(tenantId, v);
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', key, iv);
    c.setAAD(this.aad(tenantId, ref));
    const body = Buffer.concat([c.update(plaintext, 'utf8'), c.final()]);
    return [
      CIPHER_PREFIX,
      v,
      iv.toString('base64url'),
      body.toString('base64url'),
      c.getAuthTag().toString('base64url'),
    ].join('.');
  }

  /** The key version a ciphertext was written under. */
  static versionOf(ciphertext: string): number {
    return Number(ciphertext.split('.')[1]);
  }

  async decrypt(ref: CellRef, ciphertext: string | null | undefined): Promise<string | null> {
    if (ciphertext === null || ciphertext === undefined) return null;
    const [prefix, version, iv, body, tag] = ciphertext.split('.');
    if (prefix !== CIPHER_PREFIX || !version || !iv || !body || !tag)
      throw new DecryptionError('unknown ciphertext format');
    const tenantId = this.context.tenantId;
    const key = await this.keyFor(tenantId, Number(version));
    const d = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    d.setAAD(this.aad(tenantId, ref));
    d.setAuthTag(Buffer.from(tag, 'base64url'));
    try {
      return Buffer.concat([d.update(Buffer.from(body, 'base64url')), d.final()]).toString('utf8');
    } catch {
      throw new DecryptionError(
        `the value in ${ref.table}.${ref.column} does not belong to row ${ref.rowId}`,
      );
    }
  }

  /** Per-tenant HMAC of the normalised value, for exact-match search (DAT-03). Stable across key rotation. */
  blindIndex(kind: BlindIndexKind, value: string | null | undefined): string | null {
    if (!value || !value.trim()) return null;
    const tenantId = this.context.tenantId;
    const key = Buffer.from(
      hkdfSync('sha256', this.master, Buffer.from(tenantId), `shala:blind-index:${kind}`, 32),
    );
    return createHmac('sha256', key).update(normaliseForIndex(kind, value)).digest('hex');
  }

  forgetCache(): void {
    this.keys.clear();
    this.active.clear();
  }
}
