import { Injectable } from '@nestjs/common';
import type { CircularAudience, CircularStatus } from '@shala/contracts';
import { Brackets, In, IsNull, LessThanOrEqual } from 'typeorm';
import { Database } from '../../platform/database/database';
import type { Insertable } from '../../platform/database/insertable';
import { TenantScopedRepository } from '../../platform/database/tenant-scoped.repository';
import { RequestContext } from '../../platform/tenancy/request-context';
import {
  Circular,
  CircularAttachment,
  CircularRecipient,
  CircularTarget,
} from './entities/circular.entities';

/** A position in a list ordered newest first: the row's time and id (ties broken by id). */
export interface ListPosition {
  at: Date;
  id: string;
}

/** What a reader is addressed as: audiences open to them, and the classes and sections of their children. */
export interface ReaderAudience {
  audiences: CircularAudience[];
  targetIds: string[];
}

const EDITABLE: CircularStatus[] = ['draft', 'scheduled'];

@Injectable()
export class CircularsRepository extends TenantScopedRepository<Circular> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, Circular);
  }

  async create(row: Insertable<Circular>): Promise<void> {
    await this.insert(row);
  }

  byId(id: string): Promise<Circular | null> {
    return this.findOneBy({ id });
  }

  /** Changes a draft's or scheduled circular's fields; answers whether it was still editable. */
  async edit(id: string, patch: Partial<Pick<Circular, keyof Circular>>): Promise<boolean> {
    return (await this.update({ id, status: In(EDITABLE) }, patch)) === 1;
  }

  /** Publishes a draft or scheduled circular (compare-and-set on its status); answers whether it moved. */
  async publish(id: string, at: Date, byUserId: string | null): Promise<boolean> {
    return (
      (await this.update(
        { id, status: In(EDITABLE) },
        { status: 'published', publishedAt: at, publishedByUserId: byUserId, updatedAt: at },
      )) === 1
    );
  }

  async setNotified(id: string, notified: number): Promise<void> {
    await this.update({ id }, { notified });
  }

  /** Deletes a circular not yet published (its targets and attachment go with it). */
  async removeUnpublished(id: string): Promise<boolean> {
    return (await this.delete({ id, status: In(EDITABLE) })) === 1;
  }

  /** Scheduled circulars whose time has come, oldest first. */
  due(now: Date, limit: number): Promise<Circular[]> {
    return this.find({
      where: { status: 'scheduled', publishAt: LessThanOrEqual(now) },
      order: { publishAt: 'ASC' },
      take: limit,
    });
  }

  /** Every circular, newest first (by id: ids are time-ordered), with the publisher's filters. */
  forPublisher(
    filter: { status?: CircularStatus; audience?: CircularAudience },
    after: string | null,
    limit: number,
  ): Promise<Circular[]> {
    const q = this.query('c');
    if (filter.status) q.andWhere('c.status = :status', { status: filter.status });
    if (filter.audience) q.andWhere('c.audience = :audience', { audience: filter.audience });
    if (after) q.andWhere('c.id < :after', { after });
    return q.orderBy('c.id', 'DESC').take(limit).getMany();
  }

  /**
   * Published circulars addressed to a reader, newest first: those whose audience is one of
   * `reader.audiences`, and those of audience classes/sections naming one of `reader.targetIds`.
   */
  forReader(reader: ReaderAudience, after: ListPosition | null, limit: number): Promise<Circular[]> {
    const q = this.query('c').andWhere('c.status = :published', { published: 'published' });
    q.andWhere(
      new Brackets((w) => {
        w.where('1 = 0');
        if (reader.audiences.length)
          w.orWhere('c.audience IN (:...audiences)', { audiences: reader.audiences });
        if (reader.targetIds.length)
          w.orWhere(
            `c.audience IN ('classes', 'sections') AND c.id IN (SELECT t.circular_id FROM circular_targets t
              WHERE t.tenant_id = :__tenantId AND t.target_id IN (:...targetIds))`,
            { targetIds: reader.targetIds },
          );
      }),
    );
    if (after)
      q.andWhere(
        new Brackets((w) => {
          w.where('c.publishedAt < :at', { at: after.at }).orWhere('c.publishedAt = :at AND c.id < :id', {
            id: after.id,
          });
        }),
      );
    return q.orderBy('c.publishedAt', 'DESC').addOrderBy('c.id', 'DESC').take(limit).getMany();
  }
}

@Injectable()
export class CircularTargetsRepository extends TenantScopedRepository<CircularTarget> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, CircularTarget);
  }

  /** Replaces a circular's classes or sections. */
  async replace(circularId: string, targets: Insertable<CircularTarget>[]): Promise<void> {
    await this.delete({ circularId });
    await this.insert(targets);
  }

  async of(circularIds: string[]): Promise<CircularTarget[]> {
    return circularIds.length ? this.find({ where: { circularId: In(circularIds) } }) : [];
  }
}

@Injectable()
export class CircularAttachmentsRepository extends TenantScopedRepository<CircularAttachment> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, CircularAttachment);
  }

  async save(row: Insertable<CircularAttachment>): Promise<void> {
    await this.delete({ circularId: row.circularId });
    await this.insert(row);
  }

  async remove(circularId: string): Promise<boolean> {
    return (await this.delete({ circularId })) === 1;
  }

  /** Names and sizes (never the bytes) of the circulars' attachments. */
  async infoOf(circularIds: string[]): Promise<CircularAttachment[]> {
    return circularIds.length ? this.find({ where: { circularId: In(circularIds) } }) : [];
  }

  /** The attachment with its bytes. */
  withData(circularId: string): Promise<CircularAttachment | null> {
    return this.query('a')
      .addSelect('a.data')
      .andWhere('a.circularId = :circularId', { circularId })
      .getOne();
  }
}

@Injectable()
export class CircularRecipientsRepository extends TenantScopedRepository<CircularRecipient> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, CircularRecipient);
  }

  /** Adds recipients, leaving those already there as they are. */
  async add(rows: Insertable<CircularRecipient>[]): Promise<void> {
    const CHUNK = 500;
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK);
      const have = new Set(
        (
          await this.find({
            where: { circularId: chunk[0]!.circularId, guardianId: In(chunk.map((r) => r.guardianId)) },
            select: { guardianId: true },
          })
        ).map((r) => r.guardianId),
      );
      await this.insert(chunk.filter((r) => !have.has(r.guardianId)));
    }
  }

  of(circularId: string, guardianId: string): Promise<CircularRecipient | null> {
    return this.findOneBy({ circularId, guardianId });
  }

  /** A guardian's rows for these circulars. */
  async ofGuardian(guardianId: string, circularIds: string[]): Promise<CircularRecipient[]> {
    return circularIds.length ? this.find({ where: { guardianId, circularId: In(circularIds) } }) : [];
  }

  /** Marks the first reading; a later one keeps the first time. */
  async markRead(circularId: string, guardianId: string, at: Date): Promise<void> {
    await this.update({ circularId, guardianId, readAt: IsNull() }, { readAt: at });
  }

  /** Records the acknowledgement (the first one counts); answers whether this call recorded it. */
  async acknowledge(circularId: string, guardianId: string, at: Date, userId: string): Promise<boolean> {
    return (
      (await this.update(
        { circularId, guardianId, acknowledgedAt: IsNull() },
        { acknowledgedAt: at, acknowledgedByUserId: userId },
      )) === 1
    );
  }

  /** Addressed, read and acknowledged counts of each circular (one grouped query). */
  async counts(
    circularIds: string[],
  ): Promise<Map<string, { addressed: number; read: number; acknowledged: number }>> {
    if (!circularIds.length) return new Map();
    const rows = await this.query('r')
      .select('r.circularId', 'circularId')
      .addSelect('COUNT(*)', 'addressed')
      .addSelect('COUNT(r.readAt)', 'read')
      .addSelect('COUNT(r.acknowledgedAt)', 'acknowledged')
      .andWhere('r.circularId IN (:...circularIds)', { circularIds })
      .groupBy('r.circularId')
      .getRawMany<{ circularId: string; addressed: string; read: string; acknowledged: string }>();
    return new Map(
      rows.map((r) => [
        r.circularId,
        { addressed: Number(r.addressed), read: Number(r.read), acknowledged: Number(r.acknowledged) },
      ]),
    );
  }

  /** A page of a circular's recipients, by guardian id; `pending` keeps those who have not acknowledged (or read). */
  page(
    circularId: string,
    pending: 'acknowledged' | 'read' | null,
    after: string | null,
    limit: number,
  ): Promise<CircularRecipient[]> {
    const q = this.query('r').andWhere('r.circularId = :circularId', { circularId });
    if (pending === 'acknowledged') q.andWhere('r.acknowledgedAt IS NULL');
    if (pending === 'read') q.andWhere('r.readAt IS NULL');
    if (after) q.andWhere('r.guardianId > :after', { after });
    return q.orderBy('r.guardianId', 'ASC').take(limit).getMany();
  }
}
