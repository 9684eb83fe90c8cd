import { Injectable } from '@nestjs/common';
import {
  type DeletionCertificateView,
  InstitutionKind,
  InstitutionStatus,
  OFFBOARDING_RETENTION_DEFAULT_DAYS,
  type OffboardingView,
  PLATFORM_SLUG,
  type TerminateInstitution,
} from '@shala/contracts';
import { Database } from '../../../platform/database/database';
import { NotFoundError } from '../../../platform/errors/domain-error';
import { RequestContext } from '../../../platform/tenancy/request-context';
import { Clock } from '../../../platform/time/clock';
import { AuditService } from '../../audit/audit.service';
import { InstitutionsService } from '../../institutions/institutions.service';
import type { DeletionCertificate, InstitutionOffboarding } from './entities/offboarding.entities';
import { InstitutionExport } from './institution-export';
import { InstitutionPurge } from './institution-purge';
import { OffboardingExports } from './offboarding-exports';
import {
  AlreadyPurgedError,
  AlreadyTerminatedError,
  ConfirmationMismatchError,
  ExportNotReadyError,
  ExportRunningError,
} from './offboarding.errors';
import { DeletionCertificatesRepository, OffboardingRepository } from './offboarding.repository';
import { SchoolSessionsRepository } from './tenant-tables.repository';

const DAY_MS = 24 * 60 * 60 * 1000;
/** An export still "running" this long after it started died with its process. */
export const EXPORT_RUN_LIMIT_MS = 30 * 60 * 1000;

export function offboardingView(row: InstitutionOffboarding, now: Date): OffboardingView {
  const stale =
    row.exportStatus === 'running' && now.getTime() - row.exportStartedAt.getTime() > EXPORT_RUN_LIMIT_MS;
  return {
    institutionId: row.institutionId,
    institutionName: row.institutionName,
    slug: row.institutionSlug,
    terminatedAt: row.terminatedAt.toISOString(),
    terminatedBy: row.terminatedBy,
    retentionDays: row.retentionDays,
    purgeAfter: row.purgeAfter.toISOString(),
    purgedAt: row.purgedAt?.toISOString() ?? null,
    export: {
      status: stale ? 'failed' : row.exportStatus,
      done: row.exportDone,
      total: row.exportTotal,
      startedAt: row.exportStartedAt.toISOString(),
      finishedAt: row.exportFinishedAt?.toISOString() ?? null,
      durationMs: row.exportFinishedAt
        ? row.exportFinishedAt.getTime() - row.exportStartedAt.getTime()
        : null,
      bytes: row.exportBytes,
      sha256: row.exportSha256,
    },
  };
}

function certificateView(c: DeletionCertificate): DeletionCertificateView {
  return {
    id: c.id,
    institutionId: c.institutionId,
    institutionName: c.institutionName,
    slug: c.institutionSlug,
    terminatedAt: c.terminatedAt.toISOString(),
    purgedAt: c.purgedAt.toISOString(),
    purgedBy: c.purgedBy,
    totalRows: c.totalRows,
    tables: JSON.parse(c.tableCounts) as Record<string, number>,
  };
}

/**
 * The operator's offboarding of a school (issue 13 item 5, PRV-03): terminate (sign-ins and sessions stop
 * at once), the encrypted full export, its download (audited), the purge after the retention period and
 * the deletion certificates. Runs in the operator's (platform) context; the school's own rows are reached
 * only in the school's tenant context, by the export and the purge.
 */
@Injectable()
export class OffboardingService {
  constructor(
    private readonly db: Database,
    private readonly context: RequestContext,
    private readonly clock: Clock,
    private readonly institutions: InstitutionsService,
    private readonly rows: OffboardingRepository,
    private readonly certificates: DeletionCertificatesRepository,
    private readonly sessions: SchoolSessionsRepository,
    private readonly exporter: InstitutionExport,
    private readonly exports: OffboardingExports,
    private readonly purger: InstitutionPurge,
    private readonly audit: AuditService,
  ) {}

  private async school(id: string) {
    const institution = await this.institutions.findById(id);
    if (!institution || institution.kind !== InstitutionKind.School)
      throw new NotFoundError('The institution');
    return institution;
  }

  private async offboarding(id: string): Promise<InstitutionOffboarding> {
    const row = await this.rows.byInstitution(id);
    if (!row) throw new NotFoundError('The offboarding');
    return row;
  }

  /** Terminates the school and starts its export; `finished` settles when the export does. */
  async terminate(
    id: string,
    input: TerminateInstitution,
  ): Promise<{ view: OffboardingView; finished: Promise<void> }> {
    const institution = await this.school(id);
    if (institution.status === InstitutionStatus.Terminated || (await this.rows.byInstitution(id)))
      throw new AlreadyTerminatedError();
    if (input.confirmName.trim() !== institution.name.trim()) throw new ConfirmationMismatchError();
    const now = this.clock.now();
    const retentionDays = input.retentionDays ?? OFFBOARDING_RETENTION_DEFAULT_DAYS;
    const operatorId = this.context.userId!;
    const total = await this.context.runAsTenant(id, () => this.exporter.steps());
    await this.db.transaction(async () => {
      await this.institutions.setStatus(id, InstitutionStatus.Terminated);
      await this.context.runAsTenant(id, () => this.sessions.revokeAll(now, 'institution_terminated'));
      await this.rows.create({
        institutionId: id,
        institutionName: institution.name,
        institutionSlug: institution.slug,
        terminatedAt: now,
        terminatedBy: operatorId,
        retentionDays,
        purgeAfter: new Date(now.getTime() + retentionDays * DAY_MS),
        purgeStartedAt: null,
        purgedAt: null,
        exportStatus: 'running',
        exportDone: 0,
        exportTotal: total,
        exportStartedAt: now,
        exportFinishedAt: null,
        exportBytes: null,
        exportSha256: null,
        exportFile: null,
      });
      await this.audit.record({
        action: 'platform.institution_terminated',
        targetType: 'institution',
        targetId: id,
        details: {
          slug: institution.slug,
          retentionDays,
          status: { from: institution.status, to: 'terminated' },
        },
      });
    });
    const { finished } = this.exports.start(
      {
        platformId: this.context.tenantId,
        institution: { id, slug: institution.slug, name: institution.name },
      },
      input.passphrase,
    );
    return { view: offboardingView(await this.offboarding(id), now), finished };
  }

  /** Makes the export again (after a failure, or with a new passphrase). */
  async restartExport(
    id: string,
    passphrase: string,
  ): Promise<{ view: OffboardingView; finished: Promise<void> }> {
    const row = await this.offboarding(id);
    if (row.purgedAt) throw new AlreadyPurgedError();
    if (this.exports.isRunning(id)) throw new ExportRunningError();
    const now = this.clock.now();
    await this.rows.patch(id, {
      exportStatus: 'running',
      exportDone: 0,
      exportStartedAt: now,
      exportFinishedAt: null,
      exportBytes: null,
      exportSha256: null,
      exportFile: null,
    });
    const { finished } = this.exports.start(
      {
        platformId: this.context.tenantId,
        institution: { id, slug: row.institutionSlug, name: row.institutionName },
      },
      passphrase,
    );
    await this.audit.record({
      action: 'platform.institution_export_started',
      targetType: 'institution',
      targetId: id,
    });
    return { view: offboardingView(await this.offboarding(id), now), finished };
  }

  async view(id: string): Promise<OffboardingView> {
    return offboardingView(await this.offboarding(id), this.clock.now());
  }

  /** Every offboarded school with its purge date (the purge schedule), newest termination first. */
  async schedule(): Promise<{ items: OffboardingView[]; nextCursor: null }> {
    const now = this.clock.now();
    return { items: (await this.rows.all()).map((r) => offboardingView(r, now)), nextCursor: null };
  }

  /** The encrypted export file; audited. */
  async download(id: string): Promise<{ fileName: string; body: Buffer }> {
    const row = await this.offboarding(id);
    const status = offboardingView(row, this.clock.now()).export.status;
    const body = status === 'done' ? await this.rows.exportFile(id) : null;
    if (!body) throw new ExportNotReadyError(status);
    await this.audit.record({
      action: 'platform.institution_export_downloaded',
      targetType: 'institution',
      targetId: id,
      details: { bytes: body.length, sha256: row.exportSha256 },
    });
    return { fileName: `${row.institutionSlug}-export.shalaexp`, body };
  }

  /** Purges the school now, when its retention period is over (the scheduled job does it otherwise). */
  async purge(id: string): Promise<DeletionCertificateView> {
    await this.purger.purge(await this.offboarding(id), this.context.userId);
    const certificate = (await this.certificates.list()).find((c) => c.institutionId === id)!;
    return certificateView(certificate);
  }

  async listCertificates(): Promise<{ items: DeletionCertificateView[]; nextCursor: null }> {
    return { items: (await this.certificates.list()).map(certificateView), nextCursor: null };
  }

  /** The platform institution (for jobs that run outside a request). */
  platform() {
    return this.institutions.findBySlug(PLATFORM_SLUG);
  }
}
