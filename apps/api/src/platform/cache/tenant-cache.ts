import { Injectable } from '@nestjs/common';
import { RequestContext } from '../tenancy/request-context';
import { SingleFlight } from './single-flight';

const TTL_MS = 5_000;
const MAX_ENTRIES = 20_000;

/**
 * A short per-tenant cache for reference data read on every request and changed rarely (the current
 * academic year, sections, attendance settings, an institution's time zone). Entries live 5 seconds; the
 * process that writes invalidates at once, other replicas see the change within the TTL.
 */
@Injectable()
export class TenantCache {
  private readonly entries = new Map<string, { value: unknown; until: number }>();
  /** Bumped by every invalidation: a load that was running meanwhile may hold old rows and is not kept. */
  private epoch = 0;
  /** Concurrent misses of one entry share one load. */
  private readonly loads = new SingleFlight<unknown>();

  constructor(private readonly context: RequestContext) {}

  private key(name: string): string {
    return `${this.context.tenantId}|${name}`;
  }

  async get<T>(name: string, load: () => Promise<T>): Promise<T> {
    const key = this.key(name);
    const hit = this.entries.get(key);
    if (hit && hit.until > Date.now()) return hit.value as T;
    const epoch = this.epoch;
    const value = (await this.loads.run(key, epoch, load)) as T;
    if (epoch !== this.epoch) return value;
    if (this.entries.size > MAX_ENTRIES) this.entries.clear();
    this.entries.set(key, { value, until: Date.now() + TTL_MS });
    return value;
  }

  /** Drops this tenant's entries whose name starts with `prefix`. */
  invalidate(prefix: string): void {
    this.invalidateFor(this.context.tenantId, prefix);
  }

  /** Drops another tenant's entries: platform work (suspending a school) acting on a tenant it is not in. */
  invalidateFor(tenantId: string, prefix: string): void {
    const start = `${tenantId}|${prefix}`;
    this.epoch++;
    for (const key of this.entries.keys()) if (key.startsWith(start)) this.entries.delete(key);
  }
}
