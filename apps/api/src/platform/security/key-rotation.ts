import { Injectable } from '@nestjs/common';
import { Database } from '../database/database';
import { RequestContext } from '../tenancy/request-context';
import { DataKeysRepository } from './data-keys.repository';
import { FieldCrypto } from './field-crypto';

/** A module's part in rotation: re-encrypt up to `limit` rows still under `oldVersion`; returns how many. */
export interface ReEncryptor {
  name: string;
  reEncryptBatch(oldVersion: number, limit: number): Promise<number>;
}

export interface RotationReport {
  newVersion: number;
  rows: Record<string, number>;
  retired: number;
  durationMs: number;
}

/**
 * DAT-02: rotates the current tenant's data key online. A new version becomes the one new writes use; rows
 * under older versions are re-encrypted in small batches, each its own transaction, so the app keeps
 * serving (reads of not-yet-migrated rows still open under the old key); then the old versions retire.
 */
@Injectable()
export class KeyRotation {
  private readonly reEncryptors: ReEncryptor[] = [];

  constructor(
    private readonly db: Database,
    private readonly crypto: FieldCrypto,
    private readonly dataKeys: DataKeysRepository,
    private readonly context: RequestContext,
  ) {}

  register(r: ReEncryptor): void {
    if (!this.reEncryptors.some((x) => x.name === r.name)) this.reEncryptors.push(r);
  }

  async rotate(batchSize = 500, onProgress?: (name: string, done: number) => void): Promise<RotationReport> {
    const started = Date.now();
    if (!this.context.hasTenant)
      throw new Error('KeyRotation.rotate runs inside one tenant (RequestContext.runAsTenant)');
    await this.crypto.ready();
    const newVersion = await this.db.transaction(() => this.crypto.createKeyVersion());
    this.crypto.forgetCache();
    const old = (await this.dataKeys.all()).filter((k) => k.version < newVersion).map((k) => k.version);
    const rows: Record<string, number> = {};
    for (const r of this.reEncryptors) {
      let done = 0;
      for (const version of old) {
        for (;;) {
          const n = await this.db.transaction(() => r.reEncryptBatch(version, batchSize));
          done += n;
          onProgress?.(r.name, done);
          if (n < batchSize) break;
        }
      }
      rows[r.name] = done;
    }
    const retired = await this.db.transaction(() => this.dataKeys.retireBelow(newVersion));
    return { newVersion, rows, retired, durationMs: Date.now() - started };
  }
}
