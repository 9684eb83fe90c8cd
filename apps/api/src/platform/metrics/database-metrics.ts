import type { DataSource } from 'typeorm';
import type { Database } from '../database/database';

export interface PoolStats {
  total: number;
  idle: number;
  inUse: number;
  waiting: number;
  max: number;
}

/** The parts of a mysql2 pool we read. They are internals, so every field is treated as optional. */
interface Mysql2PoolLike {
  _allConnections?: { length: number };
  _freeConnections?: { length: number };
  _connectionQueue?: { length: number };
  config?: { connectionLimit?: number };
}

/**
 * Connection pool figures for the configured database. SQLite is one in-process connection; for MySQL
 * the mysql2 pool behind TypeORM's driver is read when reachable, otherwise null.
 */
export function poolStats(dataSource: DataSource): PoolStats | null {
  if (!dataSource.isInitialized) return null;
  if (dataSource.options.type === 'better-sqlite3')
    return { total: 1, idle: 1, inUse: 0, waiting: 0, max: 1 };
  const pool = (dataSource.driver as unknown as { pool?: Mysql2PoolLike }).pool;
  if (!pool?._allConnections || !pool._freeConnections) return null;
  const total = pool._allConnections.length;
  const idle = pool._freeConnections.length;
  return {
    total,
    idle,
    inUse: Math.max(0, total - idle),
    waiting: pool._connectionQueue?.length ?? 0,
    max: pool.config?.connectionLimit ?? total,
  };
}

export interface OutboxBacklog {
  pending: number;
  /** Age in seconds of the oldest pending message; 0 when none is pending. */
  oldestAgeSeconds: number;
}

/** SQLite keeps datetimes as UTC text ('YYYY-MM-DD HH:MM:SS.SSS'); mysql2 hands back Date objects. */
export function utcMillis(value: unknown): number | null {
  if (value == null) return null;
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'string') {
    const iso = value.includes('T') ? value : value.replace(' ', 'T');
    const ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(iso) ? iso : `${iso}Z`);
    return Number.isNaN(ms) ? null : ms;
  }
  if (typeof value === 'number') return value;
  return null;
}

/**
 * Pending outbox messages across every institution. outbox_messages is a tenant table, so the read is
 * declared cross-tenant for the test-mode SQL guard; it returns only a count and an age, never a row.
 */
export async function outboxBacklog(db: Database, now = Date.now()): Promise<OutboxBacklog> {
  const rows = await db.acrossTenants('metrics: outbox lag', () =>
    db.dataSource.query(
      "SELECT COUNT(*) AS pending, MIN(created_at) AS oldest FROM outbox_messages WHERE status = 'pending'",
    ),
  );
  const row = (rows as { pending: number | string; oldest: unknown }[])[0];
  const pending = Number(row?.pending ?? 0);
  const oldest = utcMillis(row?.oldest);
  return { pending, oldestAgeSeconds: oldest === null ? 0 : Math.max(0, (now - oldest) / 1000) };
}
