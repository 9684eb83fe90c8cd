import { Injectable, Logger } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { Database } from '../../../platform/database/database';
import { FieldCrypto } from '../../../platform/security/field-crypto';
import { RequestContext } from '../../../platform/tenancy/request-context';
import { Clock } from '../../../platform/time/clock';
import { AuditService } from '../../audit/audit.service';
import { CurrentInstitution } from '../../institutions/current-institution';
import type { InstitutionOffboarding } from './entities/offboarding.entities';
import { AlreadyPurgedError, PurgeNotDueError } from './offboarding.errors';
import { DeletionCertificatesRepository, OffboardingRepository } from './offboarding.repository';
import { TenantTablesRepository } from './tenant-tables.repository';

/**
 * Tables in an order that deletes a row before the rows it references: a table comes after every table
 * that references it. What a cycle leaves over goes last, where the retry passes of `purge` settle it.
 */
export function deletionOrder(tables: string[], references: Map<string, Set<string>>): string[] {
  const left = new Set(tables);
  const order: string[] = [];
  while (left.size > 0) {
    const ready = [...left].filter(
      (t) => ![...left].some((other) => other !== t && references.get(other)?.has(t)),
    );
    const next = ready.length > 0 ? ready : [...left];
    for (const t of next.sort()) {
      order.push(t);
      left.delete(t);
    }
  }
  return order;
}

/**
 * The purge of a terminated school once its retention period is over (PRV-03): every row of every tenant
 * table of the school in one transaction, its data keys with them (crypto-shredding: a copy of a row that
 * survives anywhere cannot be decrypted without them), its delivery records (outbox, message events) too,
 * then a deletion certificate on the platform tenant. Runs in the platform's context.
 */
@Injectable()
export class InstitutionPurge {
  private readonly logger = new Logger(InstitutionPurge.name);

  constructor(
    private readonly db: Database,
    private readonly context: RequestContext,
    private readonly clock: Clock,
    private readonly rows: OffboardingRepository,
    private readonly certificates: DeletionCertificatesRepository,
    private readonly tables: TenantTablesRepository,
    private readonly crypto: FieldCrypto,
    private readonly current: CurrentInstitution,
    private readonly audit: AuditService,
  ) {}

  async purge(offboarding: InstitutionOffboarding, purgedBy: string | null): Promise<Record<string, number>> {
    const now = this.clock.now();
    if (offboarding.purgedAt) throw new AlreadyPurgedError();
    if (now.getTime() < offboarding.purgeAfter.getTime()) throw new PurgeNotDueError(offboarding.purgeAfter);
    const schoolId = offboarding.institutionId;
    // Opens the append-only triggers for this school's rows only (see migration 1765100000016).
    await this.rows.startPurge(schoolId, now);
    const counts = await this.context.runAsTenant(schoolId, () =>
      this.db.transaction(() => this.deleteAll()),
    );
    // Crypto-shredding in memory too: no cached data key of the school survives in this process.
    this.crypto.forgetCache();
    await this.current.invalidate(schoolId);
    const totalRows = Object.values(counts).reduce((a, b) => a + b, 0);
    await this.db.transaction(async () => {
      await this.certificates.create({
        id: uuidv7(),
        institutionId: schoolId,
        institutionName: offboarding.institutionName,
        institutionSlug: offboarding.institutionSlug,
        terminatedAt: offboarding.terminatedAt,
        purgedAt: now,
        purgedBy,
        totalRows,
        tableCounts: JSON.stringify(counts),
      });
      await this.rows.patch(schoolId, {
        purgedAt: now,
        exportStatus: 'purged',
        exportFile: null,
      });
      await this.audit.record({
        action: 'platform.institution_purged',
        targetType: 'institution',
        targetId: schoolId,
        details: { totalRows, by: purgedBy ? 'operator' : 'schedule' },
      });
    });
    this.logger.log(`purged institution ${offboarding.institutionSlug}: ${totalRows} rows`);
    return counts;
  }

  /** Deletes every row of the context tenant; retries a table a foreign key held back after the others. */
  private async deleteAll(): Promise<Record<string, number>> {
    const { tables, references } = await this.tables.catalog();
    const counts: Record<string, number> = Object.fromEntries(tables.map((t) => [t, 0]));
    let pending = deletionOrder(tables, references);
    for (let pass = 0; pending.length > 0; pass++) {
      const failed: string[] = [];
      let lastError: unknown = null;
      for (const table of pending) {
        try {
          counts[table]! += await this.tables.deleteAll(table);
        } catch (error) {
          failed.push(table);
          lastError = error;
        }
      }
      if (failed.length === pending.length || pass > 5) throw lastError;
      pending = failed;
    }
    return counts;
  }
}
