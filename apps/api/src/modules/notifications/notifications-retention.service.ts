import { Inject, Injectable, Logger } from '@nestjs/common';
import { PLATFORM_SLUG } from '@shala/contracts';
import { APP_CONFIG, AppConfig } from '../../platform/config/app-config';
import { Database } from '../../platform/database/database';
import { RequestContext } from '../../platform/tenancy/request-context';
import { AuditService } from '../audit/audit.service';
import { InstitutionsService } from '../institutions/institutions.service';
import { MessageEventsRepository } from './notifications.repositories';
import { OutboxRepository } from './outbox.repository';

const BATCH = 500;

/**
 * PRV-04: message delivery records are deleted with their delivery log once past their retention
 * period, institution by institution in small transactions. Messages still queued or being sent are never
 * deleted. A school's records follow its retention policy: the privacy retention job (privacy/retention)
 * calls `purgeTenant` with the school's period daily; the worker purges only the platform's own account
 * messages (`purgePlatform`, NOTIFICATIONS_RETENTION_DAYS); `cli notifications:purge` is the operator's
 * manual purge of every institution with one period.
 */
@Injectable()
export class NotificationsRetention {
  private readonly logger = new Logger('NotificationsRetention');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Database,
    private readonly context: RequestContext,
    private readonly institutions: InstitutionsService,
    private readonly outbox: OutboxRepository,
    private readonly events: MessageEventsRepository,
    private readonly audit: AuditService,
  ) {}

  /** Purges the current institution's delivery records created before `cutoff`; returns how many. */
  async purgeTenant(cutoff: Date): Promise<number> {
    let deleted = 0;
    for (;;) {
      const n = await this.db.transaction(async () => {
        const ids = await this.outbox.finishedBefore(cutoff, BATCH);
        await this.events.deleteForMessages(ids);
        return this.outbox.deleteByIds(ids);
      });
      deleted += n;
      if (n < BATCH) break;
    }
    if (deleted > 0)
      await this.audit.record({
        action: 'notifications.retention_purge',
        actorUserId: null,
        targetType: 'institution',
        targetId: this.context.tenantId,
        details: { deleted, createdBefore: cutoff.toISOString() },
      });
    return deleted;
  }

  /** The platform's own account messages (not a school's): NOTIFICATIONS_RETENTION_DAYS, daily by the worker. */
  async purgePlatform(days = this.config.notifications.retentionDays, now = new Date()): Promise<number> {
    const platform = await this.institutions.findBySlug(PLATFORM_SLUG);
    if (!platform) return 0;
    const cutoff = new Date(now.getTime() - days * 24 * 60 * 60_000);
    return this.context.runAsTenant(platform.id, () => this.purgeTenant(cutoff));
  }

  /** Every institution (and the platform's own account messages); one line per institution purged. */
  async purgeAll(
    days = this.config.notifications.retentionDays,
    now = new Date(),
  ): Promise<{ institution: string; deleted: number }[]> {
    const cutoff = new Date(now.getTime() - days * 24 * 60 * 60_000);
    const all = [...(await this.institutions.listSchools())];
    const platform = await this.institutions.findBySlug(PLATFORM_SLUG);
    if (platform) all.unshift(platform);
    const report: { institution: string; deleted: number }[] = [];
    for (const institution of all) {
      const deleted = await this.context.runAsTenant(institution.id, () => this.purgeTenant(cutoff));
      report.push({ institution: institution.slug, deleted });
    }
    const total = report.reduce((n, r) => n + r.deleted, 0);
    if (total > 0) this.logger.log(`retention: deleted ${total} delivery records older than ${days} days`);
    return report;
  }
}
