import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { APP_CONFIG, AppConfig } from '../../../platform/config/app-config';
import { Database } from '../../../platform/database/database';
import { RequestContext } from '../../../platform/tenancy/request-context';
import { Clock } from '../../../platform/time/clock';
import { AuditService } from '../../audit/audit.service';
import { CurrentInstitution } from '../../institutions/current-institution';
import { EverySchoolJob } from '../../institutions/every-school-job';
import { InstitutionsService } from '../../institutions/institutions.service';
import { NotificationsRetention } from '../../notifications/notifications-retention.service';
import {
  EndedSessionsRepository,
  RetentionRunsRepository,
  SessionTokensRepository,
} from './retention.repository';
import { cutoffOf } from './retention-rules';
import { RetentionPolicyService, runView } from './retention.service';
import type { RetentionRunView } from '@shala/contracts';

/** Rows deleted per statement: a pass never holds a long lock on a busy table. */
export const RETENTION_BATCH = 1000;

export type RetentionOutcome = { ran: true; run: RetentionRunView } | { ran: false; reason: 'already_ran' };

/**
 * The retention job (issue 13 item 6, PRV-04): for the current school, deletes ended sign-in sessions
 * older than its processing-log period and finished messages (with their delivery reports) older than
 * its delivery-record period, in bounded batches, and records what it deleted. Deleting by cutoff is
 * idempotent: a second pass finds nothing more. Audit events are never deleted (their table refuses
 * DELETE, AUD-02; the chain head would no longer verify), and access archives expire by themselves.
 */
@Injectable()
export class RetentionJob {
  constructor(
    private readonly db: Database,
    private readonly context: RequestContext,
    private readonly clock: Clock,
    private readonly institution: CurrentInstitution,
    private readonly policy: RetentionPolicyService,
    private readonly runs: RetentionRunsRepository,
    private readonly sessions: EndedSessionsRepository,
    private readonly tokens: SessionTokensRepository,
    private readonly deliveries: NotificationsRetention,
    private readonly audit: AuditService,
  ) {}

  /** Once per school and local day (hourly runs and several workers do the work once a day). */
  async runDaily(): Promise<RetentionOutcome> {
    if (await this.runs.ranOn(await this.institution.today())) return { ran: false, reason: 'already_ran' };
    return { ran: true, run: await this.apply() };
  }

  /** One pass over the current school, whatever ran today; returns its report. */
  async apply(): Promise<RetentionRunView> {
    const now = this.clock.now();
    const periods = await this.policy.effective();
    const id = uuidv7();
    const run = {
      id,
      runDay: await this.institution.today(),
      startedAt: now,
      finishedAt: null,
      status: 'running' as const,
      processingLogDays: periods.processingLogDays,
      deliveryRecordDays: periods.deliveryRecordDays,
      deletedProcessingLogs: 0,
      deletedDeliveryRecords: 0,
    };
    await this.runs.start(run);
    try {
      const processingLogs = await this.deleteEndedSessions(cutoffOf(now, periods.processingLogDays));
      const deliveryRecords = await this.deliveries.purgeTenant(cutoffOf(now, periods.deliveryRecordDays));
      const done = {
        status: 'done' as const,
        finishedAt: this.clock.now(),
        deletedProcessingLogs: processingLogs,
        deletedDeliveryRecords: deliveryRecords,
      };
      await this.runs.finish(id, done);
      if (processingLogs + deliveryRecords > 0)
        await this.audit.record({
          action: 'privacy.retention.run',
          actorUserId: null,
          targetType: 'institution',
          targetId: this.context.tenantId,
          details: { run: id, processingLogs, deliveryRecords },
        });
      return runView({ ...run, ...done, tenantId: this.context.tenantId });
    } catch (error) {
      await this.runs.finish(id, {
        status: 'failed',
        finishedAt: this.clock.now(),
        deletedProcessingLogs: 0,
        deletedDeliveryRecords: 0,
      });
      throw error;
    }
  }

  /** Ended sessions (and their refresh tokens) in batches of RETENTION_BATCH, one transaction each. */
  private async deleteEndedSessions(cutoff: Date): Promise<number> {
    let deleted = 0;
    for (;;) {
      const n = await this.db.transaction(async () => {
        const ids = await this.sessions.endedBefore(cutoff, RETENTION_BATCH);
        await this.tokens.deleteForSessions(ids);
        return this.sessions.deleteByIds(ids);
      });
      deleted += n;
      if (n < RETENTION_BATCH) break;
    }
    return deleted;
  }
}

/** The retention job for every school, hourly where background work runs; once a day per school. */
@Injectable()
export class RetentionScheduler extends EverySchoolJob {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    context: RequestContext,
    institutions: InstitutionsService,
    private readonly job: RetentionJob,
  ) {
    super('privacy retention', 75_000, config, context, institutions);
  }

  protected runForSchool() {
    return this.job.runDaily();
  }
}
