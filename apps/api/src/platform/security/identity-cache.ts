import { Injectable } from '@nestjs/common';
import { InvalidationBus, type Invalidation } from '../cache/invalidation-bus';
import { SingleFlight } from '../cache/single-flight';

/** While every replica hears invalidations (Redis pub/sub subscribed): a bound for a missed message. */
export const SHARED_TTL_MS = 30_000;
/** Without Redis: another process (a replica, the CLI) changing the database is seen within this. */
export const LOCAL_TTL_MS = 2_000;
const MAX_ENTRIES = 50_000;

export interface CachedGrants {
  roles: string[];
  permissions: string[];
}

interface SessionEntry {
  userId: string;
  live: boolean;
  until: number;
}

/**
 * What the access guard checks on every request, kept in memory: whether a session is live (AUT-05) and
 * the user's roles and permissions (AZ-05). Every change is announced through the InvalidationBus once it
 * commits (session revocation, role or permission change), which drops the entries in this process and,
 * through Redis, in every replica before the writer answers; so the very next request anywhere reads the
 * database again. Entries also expire: after 30 s while subscribed to Redis, after 2 s without Redis (where
 * nothing tells this process about another's writes). A load that was running when an invalidation
 * arrived is not kept (the epoch), since it may have read the rows from before the change.
 */
@Injectable()
export class IdentityCache {
  private readonly sessions = new Map<string, SessionEntry>();
  private readonly grantsOf = new Map<string, { value: CachedGrants; until: number }>();
  private epoch = 0;
  /** Concurrent misses of one session or one user's grants share one load (see SingleFlight). */
  private readonly sessionLoads = new SingleFlight<{ live: boolean; liveUntil: number }>();
  private readonly grantLoads = new SingleFlight<CachedGrants>();

  constructor(private readonly bus: InvalidationBus) {
    bus.on((m) => this.apply(m));
    bus.onReset(() => this.clear());
  }

  private ttl(): number {
    return this.bus.shared ? SHARED_TTL_MS : LOCAL_TTL_MS;
  }

  private apply(m: Invalidation): void {
    if (m.kind === 'sessions') {
      this.epoch++;
      for (const id of m.ids) this.sessions.delete(`${m.tenantId}|${id}`);
    } else if (m.kind === 'grants') {
      this.epoch++;
      if (m.userId) this.grantsOf.delete(`${m.tenantId}|${m.userId}`);
      else {
        const prefix = `${m.tenantId}|`;
        for (const key of this.grantsOf.keys()) if (key.startsWith(prefix)) this.grantsOf.delete(key);
      }
    }
  }

  private clear(): void {
    this.epoch++;
    this.sessions.clear();
    this.grantsOf.clear();
  }

  /**
   * Whether a session of `userId` is live; `load` reads it and says until when it stays live at most
   * (its absolute expiry and idle limit).
   */
  async sessionLive(
    tenantId: string,
    sessionId: string,
    userId: string,
    load: () => Promise<{ live: boolean; liveUntil: number }>,
  ): Promise<boolean> {
    const key = `${tenantId}|${sessionId}`;
    const now = Date.now();
    const hit = this.sessions.get(key);
    if (hit && hit.until > now) return hit.live && hit.userId === userId;
    const epoch = this.epoch;
    // Keyed by user too: a joiner only shares a load made for the same session and user.
    const { live, liveUntil } = await this.sessionLoads.run(`${key}|${userId}`, epoch, load);
    if (epoch === this.epoch) {
      if (this.sessions.size >= MAX_ENTRIES) this.sessions.clear();
      const until = Math.min(Date.now() + this.ttl(), live ? liveUntil : Infinity);
      this.sessions.set(key, { userId, live, until });
    }
    return live;
  }

  /** A user's current roles and permissions, read by `load` when not cached. */
  async grants(tenantId: string, userId: string, load: () => Promise<CachedGrants>): Promise<CachedGrants> {
    const key = `${tenantId}|${userId}`;
    const hit = this.grantsOf.get(key);
    if (hit && hit.until > Date.now()) return hit.value;
    const epoch = this.epoch;
    const value = await this.grantLoads.run(key, epoch, load);
    if (epoch === this.epoch) {
      if (this.grantsOf.size >= MAX_ENTRIES) this.grantsOf.clear();
      this.grantsOf.set(key, { value, until: Date.now() + this.ttl() });
    }
    return value;
  }

  /** Announces revoked sessions (after the commit; every replica drops them before this resolves). */
  sessionsRevoked(tenantId: string, ids: string[]): Promise<void> {
    return ids.length ? this.bus.publish({ kind: 'sessions', tenantId, ids }) : Promise.resolve();
  }

  /** Announces changed grants: one user's roles, or (no `userId`) a role's permissions in the tenant. */
  grantsChanged(tenantId: string, userId?: string): Promise<void> {
    return this.bus.publish({ kind: 'grants', tenantId, ...(userId ? { userId } : {}) });
  }
}
