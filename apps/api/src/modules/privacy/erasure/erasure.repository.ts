import { Injectable } from '@nestjs/common';
import { In, LessThanOrEqual } from 'typeorm';
import { Database } from '../../../platform/database/database';
import type { Insertable } from '../../../platform/database/insertable';
import { TenantScopedRepository } from '../../../platform/database/tenant-scoped.repository';
import { RequestContext } from '../../../platform/tenancy/request-context';
import { PrivacyRequest } from '../entities/privacy-request.entity';
import { Guardian, Student } from '../../students/entities/student.entities';
import { User } from '../../users/entities/user.entity';
import { ERASURE_PLAN, type ErasureStep } from './erasure-plan';
import { PrivacyErasure } from './privacy-erasure.entity';
import { placeholders } from '../../../platform/database/placeholders';

const IDENTIFIER = /^[a-z_]+$/;
const CONSTANT = /^(NULL|'[^']*')$/;

@Injectable()
export class PrivacyErasuresRepository extends TenantScopedRepository<PrivacyErasure> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, PrivacyErasure);
  }

  async create(row: Insertable<PrivacyErasure>): Promise<void> {
    await this.insert(row);
  }

  byRequest(requestId: string): Promise<PrivacyErasure | null> {
    return this.findOneBy({ requestId });
  }

  /** Scheduled erasures whose notice period has run out at `now`. */
  due(now: Date): Promise<PrivacyErasure[]> {
    return this.find({ where: { status: 'scheduled', executesAt: LessThanOrEqual(now) }, take: 100 });
  }

  /** Moves a scheduled erasure on (compare-and-set); answers whether it moved. */
  async finish(
    requestId: string,
    patch: Partial<Pick<PrivacyErasure, 'status' | 'executedAt' | 'cancelledAt' | 'erasedCounts'>>,
  ): Promise<boolean> {
    return (await this.update({ requestId, status: 'scheduled' }, patch)) === 1;
  }

  /**
   * Runs one step of ERASURE_PLAN (deletes and scrubs) for the ids; table, column and SET values come
   * only from the constant plan. Answers the rows changed.
   */
  async apply(table: string, step: ErasureStep, ids: string[]): Promise<number> {
    if (ids.length === 0 || (step.action !== 'delete' && step.action !== 'scrub')) return 0;
    if (!(table in ERASURE_PLAN) || !IDENTIFIER.test(table) || !IDENTIFIER.test(step.column))
      throw new Error(`not an erasure table: ${table}.${step.column}`);
    // A planned table of a module this installation does not have yet is skipped.
    if (!this.manager.connection.entityMetadatas.some((m) => m.tableName === table)) return 0;
    const where = `WHERE tenant_id = ? AND ${step.column} IN (${placeholders(ids.length)})`;
    if (step.action === 'delete') return this.changed(await this.sql(`DELETE FROM ${table} ${where}`, ids));
    const sets = Object.entries(step.set).map(([c, v]) => {
      if (!IDENTIFIER.test(c) || !CONSTANT.test(v)) throw new Error(`bad erasure value ${c}`);
      return `${c} = ${v}`;
    });
    return this.changed(await this.sql(`UPDATE ${table} SET ${sets.join(', ')} ${where}`, ids));
  }

  /** The accounts' session ids (announced as revoked once the erasure commits). */
  async sessionIdsOf(userIds: string[]): Promise<string[]> {
    if (!userIds.length) return [];
    const rows = await this.sql<{ id: string }[]>(
      `SELECT id FROM sessions WHERE tenant_id = ? AND user_id IN (${placeholders(userIds.length)})`,
      userIds,
    );
    return rows.map((r) => r.id);
  }

  /** Refresh tokens of the accounts' sessions (before the sessions go). */
  async deleteRefreshTokensOf(userIds: string[]): Promise<number> {
    if (!userIds.length) return 0;
    return this.changed(
      await this.sql(
        `DELETE FROM refresh_tokens WHERE refresh_tokens.tenant_id = ? AND session_id IN (SELECT s.id FROM sessions s WHERE s.tenant_id = ? AND s.user_id IN (${placeholders(userIds.length)}))`,
        [this.tenantId, ...userIds],
      ),
    );
  }

  /** Outbox messages to the accounts' own addresses (invitations, resets): addresses and variables removed. */
  async scrubAccountMessages(emails: string[]): Promise<number> {
    if (!emails.length) return 0;
    return this.changed(
      await this.sql(
        `UPDATE outbox_messages SET recipient = 'erased', variables = '{}', last_error = NULL WHERE tenant_id = ? AND recipient IN (${placeholders(emails.length)})`,
        emails,
      ),
    );
  }

  /** The student ids of guardians linked to no student but these (guardians erased with a student). */
  async soleGuardiansOf(studentId: string): Promise<string[]> {
    const rows = await this.sql<{ guardian_id: string }[]>(
      `SELECT sg.guardian_id FROM student_guardians sg WHERE sg.tenant_id = ? AND sg.student_id = ?
        AND NOT EXISTS (SELECT 1 FROM student_guardians o WHERE o.tenant_id = sg.tenant_id
          AND o.guardian_id = sg.guardian_id AND o.student_id <> sg.student_id)`,
      [studentId],
    );
    return rows.map((r) => r.guardian_id);
  }

  /**
   * SQLite: rebuilds every index of the tables an erasure changed. secure_delete zeroes deleted cells, but
   * a multi-level index (the students' search key, users' emails) can keep a stale copy of an old key as a
   * divider on an interior page; a rebuilt index holds only the current keys. Part of the erasure's
   * transaction. MariaDB needs nothing here.
   */
  async rebuildIndexesOf(tables: string[]): Promise<void> {
    if (this.db.dialect !== 'sqlite') return;
    for (const table of [...new Set(tables)].sort()) {
      if (!IDENTIFIER.test(table)) throw new Error(`not an erasure table: ${table}`);
      await this.manager.query(`REINDEX "${table}"`);
    }
  }

  /**
   * SQLite: copies the WAL into the database file and truncates it to zero bytes, so the erased values
   * in earlier WAL frames are gone from the disk too. Outside any transaction (a checkpoint cannot run
   * inside one); answers whether it completed (false: another transaction held the database).
   */
  async truncateWal(): Promise<boolean> {
    if (this.db.dialect !== 'sqlite' || this.db.inTransaction) return false;
    try {
      const [row] = await this.db.dataSource.query<{ busy: number }[]>('PRAGMA wal_checkpoint(TRUNCATE)');
      return Number(row?.busy ?? 1) === 0;
    } catch {
      return false; // "database table is locked": a transaction of another request is open
    }
  }

  private changed(result: unknown): number {
    if (Array.isArray(result) && typeof result[1] === 'number') return result[1];
    const r = result as { affectedRows?: number; changes?: number } | undefined;
    return r?.affectedRows ?? r?.changes ?? 0;
  }
}

/** The erased students' own rows: names to the pseudonym, sensitive and searchable fields removed. */
@Injectable()
export class ErasedStudentsRepository extends TenantScopedRepository<Student> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, Student);
  }

  byId(id: string): Promise<Student | null> {
    return this.findOneBy({ id });
  }

  async pseudonymise(id: string, pseudonym: string): Promise<number> {
    const [first, ...rest] = pseudonym.split(' ');
    return this.update(
      { id },
      {
        firstName: first!,
        lastName: rest.join(' '),
        nameSearch: pseudonym.toLowerCase(),
        searchKey: '',
        dateOfBirth: '1900-01-01',
        nationalIdEnc: null,
        nationalIdBidx: null,
        medicalNotesEnc: null,
        addressEnc: null,
        processingRestricted: true,
      },
    );
  }
}

@Injectable()
export class ErasedGuardiansRepository extends TenantScopedRepository<Guardian> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, Guardian);
  }

  byIds(ids: string[]): Promise<Guardian[]> {
    return ids.length ? this.find({ where: { id: In(ids) } }) : Promise.resolve([]);
  }

  async pseudonymise(id: string, pseudonym: string): Promise<number> {
    return this.update(
      { id },
      {
        fullName: pseudonym,
        phoneEnc: null,
        phoneBidx: null,
        emailEnc: null,
        emailBidx: null,
        addressEnc: null,
        processingRestricted: true,
      },
    );
  }
}

@Injectable()
export class ErasedUsersRepository extends TenantScopedRepository<User> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, User);
  }

  byIds(ids: string[]): Promise<User[]> {
    return ids.length ? this.find({ where: { id: In(ids) } }) : Promise.resolve([]);
  }

  /** Disables the account and removes its sign-in identifiers and secrets. */
  async pseudonymise(id: string, pseudonym: string): Promise<number> {
    return this.update(
      { id },
      {
        email: `erased-${id}@erased.invalid`,
        displayName: pseudonym,
        passwordHash: null,
        status: 'disabled',
        mfaEnabled: false,
        mfaSecret: null,
        mfaPendingSecret: null,
      },
    );
  }
}

/** Closes the erasure's request (and records correction notes) from the erasure and restriction flows. */
@Injectable()
export class ResolvedRequestsRepository extends TenantScopedRepository<PrivacyRequest> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, PrivacyRequest);
  }

  /** In progress -> completed with a note; answers whether it moved. */
  async complete(id: string, at: Date, note: string): Promise<boolean> {
    return (
      (await this.update(
        { id, status: 'in_progress' },
        { status: 'completed', closedAt: at, resolutionNote: note },
      )) === 1
    );
  }

  async note(id: string, note: string): Promise<void> {
    await this.update({ id }, { resolutionNote: note });
  }
}
