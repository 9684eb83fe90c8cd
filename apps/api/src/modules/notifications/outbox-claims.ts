import { Injectable } from '@nestjs/common';
import { v4 as uuidv4 } from 'uuid';
import { Database, withDeadlockRetries } from '../../platform/database/database';
import { OutboxMessage } from './entities/outbox-message.entity';

export interface Claim {
  token: string;
  messages: { tenantId: string; id: string }[];
}

type Query = (sql: string, parameters: unknown[]) => Promise<unknown>;

const REASON = 'notifications worker: claim due outbox messages across institutions';

/**
 * The worker's claim: due messages of every institution, oldest first, leased to one worker in one
 * transaction. It is the one place that reads a tenant table across tenants, so it runs inside
 * `acrossTenants` (the SQL guard's declared exception); the statements that write name their tenant.
 *
 * MySQL/MariaDB: `SELECT ... FOR UPDATE SKIP LOCKED` in a READ COMMITTED transaction, so concurrent
 * workers take disjoint rows without waiting for each other, and without the gap locks REPEATABLE READ
 * would add to the scan (two claims inserting their leases into each other's locked gaps deadlock).
 * SQLite has one connection and Database.transaction makes transactions take turns, so a claim is
 * exclusive there by construction.
 *
 * A claimed row is 'sending' with next_attempt_at = the end of its lease: a worker killed mid-batch
 * leaves rows that become due again when their lease ends. The lease update re-checks that a row is
 * still due, and the claim returns only the rows leased under its own token, so two claims can never
 * both hold a row even if both read it.
 */
@Injectable()
export class OutboxClaims {
  constructor(private readonly db: Database) {}

  private param(value: Date): unknown {
    const column = this.db.dataSource.getMetadata(OutboxMessage).findColumnWithPropertyName('nextAttemptAt')!;
    return this.db.dataSource.driver.preparePersistentValue(value, column);
  }

  async claim(limit: number, leaseMs: number, now: Date = new Date()): Promise<Claim> {
    const token = uuidv4();
    const until = new Date(now.getTime() + leaseMs);
    const messages = await this.db.acrossTenants(REASON, () =>
      this.db.dialect === 'mysql'
        ? // On Galera, SKIP LOCKED skips only this node's locks: two workers on two nodes may lease the
          // same row, and the second to commit fails certification (a deadlock), so it claims again.
          withDeadlockRetries(() =>
            this.db.dataSource.transaction('READ COMMITTED', (manager) =>
              this.claimWith(
                (sql, p) => manager.query(sql, p),
                ' FOR UPDATE SKIP LOCKED',
                limit,
                token,
                now,
                until,
              ),
            ),
          )
        : this.db.transaction(() =>
            this.claimWith((sql, p) => this.db.manager.query(sql, p), '', limit, token, now, until),
          ),
    );
    return { token, messages };
  }

  private async claimWith(
    query: Query,
    lock: string,
    limit: number,
    token: string,
    now: Date,
    until: Date,
  ): Promise<{ tenantId: string; id: string }[]> {
    // One status per statement, ordered as ix_outbox_due (status, next_attempt_at, then the primary key
    // InnoDB appends), so the scan stops after LIMIT rows and locks only those: a sort would lock every
    // due row and leave a concurrent worker nothing. 'sending' rows are due when their lease ended.
    const pick = async (status: 'pending' | 'sending', n: number) =>
      n <= 0
        ? []
        : ((await query(
            `SELECT tenant_id, id FROM outbox_messages WHERE status = ? AND next_attempt_at <= ? ORDER BY next_attempt_at, tenant_id, id LIMIT ?${lock}`,
            [status, this.param(now), n],
          )) as { tenant_id: string; id: string }[]);
    const expired = await pick('sending', limit);
    const due = [...expired, ...(await pick('pending', limit - expired.length))];
    const byTenant = new Map<string, string[]>();
    for (const row of due) byTenant.set(row.tenant_id, [...(byTenant.get(row.tenant_id) ?? []), row.id]);
    const leased: { tenantId: string; id: string }[] = [];
    for (const [tenantId, ids] of byTenant) {
      const list = ids.map(() => '?').join(', ');
      await query(
        `UPDATE outbox_messages SET status = 'sending', lease_token = ?, next_attempt_at = ?, attempts = attempts + 1, updated_at = ?
         WHERE tenant_id = ? AND id IN (${list}) AND status IN ('pending', 'sending') AND next_attempt_at <= ?`,
        [token, this.param(until), this.param(now), tenantId, ...ids, this.param(now)],
      );
      const rows = (await query(
        `SELECT id FROM outbox_messages WHERE tenant_id = ? AND id IN (${list}) AND lease_token = ? AND status = 'sending'`,
        [tenantId, ...ids, token],
      )) as { id: string }[];
      for (const r of rows) leased.push({ tenantId, id: r.id });
    }
    return leased;
  }
}
