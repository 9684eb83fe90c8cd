import { Injectable } from '@nestjs/common';
import { InstitutionStatus } from '@shala/contracts';
import { InvalidationBus } from '../../platform/cache/invalidation-bus';
import { TenantCache } from '../../platform/cache/tenant-cache';
import { RequestContext } from '../../platform/tenancy/request-context';
import { Clock } from '../../platform/time/clock';
import { localDate } from '../../platform/time/local-time';
import type { Institution } from './entities/institution.entity';
import { InstitutionsRepository } from './institutions.repository';

/** What the rest of the API reads about the institution it is acting for. */
export type InstitutionView = Readonly<
  Pick<Institution, 'id' | 'slug' | 'name' | 'kind' | 'timeZone' | 'currency' | 'status'>
>;

/** The tenant cache entry; its `institution:` prefix is what invalidation drops. */
const CACHE_KEY = 'institution:row';
const MEMO_KEY = 'institution';

function view(row: Institution): InstitutionView {
  const { id, slug, name, kind, timeZone, currency, status } = row;
  return Object.freeze({ id, slug, name, kind, timeZone, currency, status });
}

/**
 * The current tenant's institution (name, time zone, currency, status, today's local date), read once per
 * request or job: memoised in the request context, with the 5-second tenant cache behind it, and dropped
 * from both when the institution changes (`invalidate`), in this process and, through the InvalidationBus,
 * in every replica once the change commits (a suspended school's next request anywhere is refused).
 */
@Injectable()
export class CurrentInstitution {
  constructor(
    private readonly context: RequestContext,
    private readonly cache: TenantCache,
    private readonly institutions: InstitutionsRepository,
    private readonly clock: Clock,
    private readonly bus: InvalidationBus,
  ) {
    bus.on((m) => {
      if (m.kind === 'institution') this.cache.invalidateFor(m.tenantId, CACHE_KEY);
    });
  }

  /** The current tenant's institution, or null when the tenant has none. */
  async find(): Promise<InstitutionView | null> {
    return this.context.memo(MEMO_KEY, () =>
      this.cache.get(CACHE_KEY, async () => {
        const row = await this.institutions.findById(this.context.tenantId);
        return row ? view(row) : null;
      }),
    );
  }

  /** The current tenant's institution; a tenant without one is a broken invariant, not a caller error. */
  async get(): Promise<InstitutionView> {
    const institution = await this.find();
    if (!institution) throw new Error('The tenant has no institution');
    return institution;
  }

  async name(): Promise<string> {
    return (await this.get()).name;
  }

  async timeZone(): Promise<string> {
    return (await this.get()).timeZone;
  }

  async currency(): Promise<string> {
    return (await this.get()).currency;
  }

  async status(): Promise<InstitutionStatus> {
    return (await this.get()).status;
  }

  /** The institution's local date now (school days, ledger entry dates, receipts, overdue checks). */
  async today(): Promise<string> {
    return localDate(await this.timeZone(), this.clock.now());
  }

  /**
   * Forgets an institution after its row changed (status, settings): in this request and this process at
   * once, and in every process once the change commits.
   */
  async invalidate(institutionId: string): Promise<void> {
    this.cache.invalidateFor(institutionId, CACHE_KEY);
    this.context.forgetMemo(institutionId, MEMO_KEY);
    await this.bus.publish({ kind: 'institution', tenantId: institutionId });
  }
}
