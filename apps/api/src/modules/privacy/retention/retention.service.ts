import { Inject, Injectable } from '@nestjs/common';
import {
  PRIVACY_ARCHIVE_TTL_DAYS,
  RETENTION_DELIVERY_DAYS_MAX,
  RETENTION_DELIVERY_DAYS_MIN,
  RETENTION_LOG_DAYS_MAX,
  RETENTION_LOG_DAYS_MIN,
  type RetentionPolicyView,
  type RetentionRunView,
  type UpdateRetentionPolicy,
} from '@shala/contracts';
import { APP_CONFIG, AppConfig } from '../../../platform/config/app-config';
import { Database } from '../../../platform/database/database';
import { RequestContext } from '../../../platform/tenancy/request-context';
import { AuditService } from '../../audit/audit.service';
import { RetentionRun } from './retention.entities';
import { RetentionPolicyInvalidError } from './retention.errors';
import { RetentionPoliciesRepository, RetentionRunsRepository } from './retention.repository';
import { effectivePeriods, policyProblems, type RetentionPeriods } from './retention-rules';

/** Runs the screen shows. */
export const RUNS_SHOWN = 30;

export function runView(r: RetentionRun): RetentionRunView {
  return {
    id: r.id,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt ? r.finishedAt.toISOString() : null,
    runDay: r.runDay,
    processingLogDays: Number(r.processingLogDays),
    deliveryRecordDays: Number(r.deliveryRecordDays),
    deleted: {
      processingLogs: Number(r.deletedProcessingLogs),
      deliveryRecords: Number(r.deletedDeliveryRecords),
    },
    status: r.status,
  };
}

/**
 * The school's retention policy (issue 13 item 6, PRV-04): the installation's defaults (environment),
 * the school's overrides within bounds, and the reports of the retention job's passes.
 */
@Injectable()
export class RetentionPolicyService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Database,
    private readonly context: RequestContext,
    private readonly policies: RetentionPoliciesRepository,
    private readonly runs: RetentionRunsRepository,
    private readonly audit: AuditService,
  ) {}

  get defaults(): RetentionPeriods {
    return {
      processingLogDays: this.config.retention.processingLogDays,
      deliveryRecordDays: this.config.notifications.retentionDays,
    };
  }

  /** The periods the job applies to the current school. */
  async effective(): Promise<RetentionPeriods> {
    return effectivePeriods(this.defaults, await this.policies.current());
  }

  async view(): Promise<RetentionPolicyView> {
    const row = await this.policies.current();
    return {
      processingLogDays: row?.processingLogDays ?? null,
      deliveryRecordDays: row?.deliveryRecordDays ?? null,
      defaults: this.defaults,
      effective: effectivePeriods(this.defaults, row),
      bounds: {
        processingLogDays: { min: RETENTION_LOG_DAYS_MIN, max: RETENTION_LOG_DAYS_MAX },
        deliveryRecordDays: { min: RETENTION_DELIVERY_DAYS_MIN, max: RETENTION_DELIVERY_DAYS_MAX },
      },
      auditEventDays: null,
      archiveDays: PRIVACY_ARCHIVE_TTL_DAYS,
      updatedAt: row ? row.updatedAt.toISOString() : null,
    };
  }

  /** Saves the school's overrides; a period below its floor is refused with 400 naming the field; audited. */
  async update(body: UpdateRetentionPolicy): Promise<RetentionPolicyView> {
    const problems = policyProblems(body);
    if (problems.length) throw new RetentionPolicyInvalidError(problems);
    const before = await this.policies.current();
    await this.db.transaction(async () => {
      await this.policies.save({
        processingLogDays: body.processingLogDays,
        deliveryRecordDays: body.deliveryRecordDays,
        updatedByUserId: this.context.userId,
      });
      await this.audit.record({
        action: 'privacy.retention.update',
        targetType: 'institution',
        targetId: this.context.tenantId,
        details: {
          processingLogDays: { from: before?.processingLogDays ?? null, to: body.processingLogDays },
          deliveryRecordDays: { from: before?.deliveryRecordDays ?? null, to: body.deliveryRecordDays },
        },
      });
    });
    return this.view();
  }

  async latestRuns(): Promise<RetentionRunView[]> {
    return (await this.runs.latest(RUNS_SHOWN)).map(runView);
  }
}
