import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { Database } from '../../platform/database/database';
import type { Insertable } from '../../platform/database/insertable';
import { TenantScopedRepository } from '../../platform/database/tenant-scoped.repository';
import { RequestContext } from '../../platform/tenancy/request-context';
import { ChannelSettingsRow, NotificationPreferencesRow } from './entities/channel-settings.entity';
import {
  ConsentChannel,
  ConsentPurpose,
  GuardianConsent,
  GuardianConsentEvent,
} from './entities/consent.entity';
import { MessageEvent } from './entities/message-event.entity';
import { NotificationTemplate } from './entities/notification-template.entity';
import type { OutboxChannel } from './entities/outbox-message.entity';

@Injectable()
export class MessageEventsRepository extends TenantScopedRepository<MessageEvent> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, MessageEvent);
  }

  async add(events: Omit<MessageEvent, 'tenantId'>[]): Promise<void> {
    await this.insert(events);
  }

  ofMessage(messageId: string): Promise<MessageEvent[]> {
    return this.find({ where: { messageId }, order: { occurredAt: 'ASC', id: 'ASC' } });
  }

  /** Whether a provider event with this key was already recorded (duplicates and replays). */
  seen(dedupeKey: string): Promise<boolean> {
    return this.exists({ dedupeKey });
  }

  deleteForMessages(messageIds: string[]): Promise<number> {
    return messageIds.length ? this.delete({ messageId: In(messageIds) }) : Promise.resolve(0);
  }
}

type TemplateRow = Omit<NotificationTemplate, 'tenantId' | 'createdAt'>;

@Injectable()
export class TemplatesRepository extends TenantScopedRepository<NotificationTemplate> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, NotificationTemplate);
  }

  list(): Promise<NotificationTemplate[]> {
    return this.find({ order: { name: 'ASC', language: 'ASC' } });
  }

  byId(id: string): Promise<NotificationTemplate | null> {
    return this.findOneBy({ id });
  }

  byNameAndLanguage(name: string, language: string): Promise<NotificationTemplate | null> {
    return this.findOneBy({ name, language });
  }

  async add(rows: Insertable<NotificationTemplate>[]): Promise<void> {
    await this.insert(rows);
  }

  replace(id: string, patch: Omit<TemplateRow, 'id' | 'name' | 'language'>): Promise<number> {
    return this.update({ id }, patch);
  }

  remove(id: string): Promise<number> {
    return this.delete({ id });
  }
}

@Injectable()
export class ChannelSettingsRepository extends TenantScopedRepository<ChannelSettingsRow> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, ChannelSettingsRow);
  }

  all(): Promise<ChannelSettingsRow[]> {
    return this.find({ order: { channel: 'ASC' } });
  }

  byChannel(channel: OutboxChannel): Promise<ChannelSettingsRow | null> {
    return this.findOneBy({ channel });
  }

  async add(row: Insertable<ChannelSettingsRow>): Promise<void> {
    await this.insert(row);
  }

  patch(
    id: string,
    patch: Partial<Pick<ChannelSettingsRow, 'enabled' | 'settings' | 'secretsEnc' | 'updatedAt'>>,
  ): Promise<number> {
    return this.update({ id }, patch);
  }

  encryptedUnder(version: number, limit: number): Promise<ChannelSettingsRow[]> {
    return this.query('c')
      .andWhere('c.secretsEnc LIKE :p', { p: `f1.${version}.%` })
      .orderBy('c.id', 'ASC')
      .limit(limit)
      .getMany();
  }
}

@Injectable()
export class PreferencesRepository extends TenantScopedRepository<NotificationPreferencesRow> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, NotificationPreferencesRow);
  }

  get(): Promise<NotificationPreferencesRow | null> {
    return this.findOne();
  }

  async save(values: Omit<NotificationPreferencesRow, 'tenantId'>): Promise<void> {
    if (await this.exists({})) await this.update({}, values);
    else await this.insert(values);
  }
}

@Injectable()
export class ConsentsRepository extends TenantScopedRepository<GuardianConsent> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, GuardianConsent);
  }

  ofGuardian(guardianId: string): Promise<GuardianConsent[]> {
    return this.find({ where: { guardianId } });
  }

  /** Channels each of these guardians agreed to for a purpose. */
  grantedFor(guardianIds: string[], purpose: ConsentPurpose): Promise<GuardianConsent[]> {
    return guardianIds.length
      ? this.find({ where: { guardianId: In(guardianIds), purpose, granted: true } })
      : Promise.resolve([]);
  }

  /**
   * For messages about students to their families, in one statement: each guardian of these students
   * who agreed to `purpose`, with the channel and the student's name. Students none of whose guardians
   * agreed are left out (nobody to message).
   */
  async grantedForFamiliesOf(
    studentIds: string[],
    purpose: ConsentPurpose,
  ): Promise<
    { studentId: string; firstName: string; lastName: string; guardianId: string; channel: ConsentChannel }[]
  > {
    if (!studentIds.length) return [];
    // The first placeholder is the join's tenant, which sql() supplies; the other joins and the WHERE name
    // it again.
    const rows = await this.sql<
      {
        student_id: string;
        first_name: string;
        last_name: string;
        guardian_id: string;
        channel: ConsentChannel;
      }[]
    >(
      `SELECT l.student_id, s.first_name, s.last_name, c.guardian_id, c.channel
         FROM student_guardians l
         JOIN students s ON s.tenant_id = ? AND s.id = l.student_id
         JOIN notification_consents c
           ON c.tenant_id = ? AND c.guardian_id = l.guardian_id AND c.purpose = ? AND c.granted = 1
        WHERE l.tenant_id = ? AND l.student_id IN (${studentIds.map(() => '?').join(', ')})
        ORDER BY l.student_id ASC, l.guardian_id ASC, c.channel ASC`,
      [this.tenantId, purpose, this.tenantId, ...studentIds],
    );
    return rows.map((r) => ({
      studentId: r.student_id,
      firstName: r.first_name,
      lastName: r.last_name,
      guardianId: r.guardian_id,
      channel: r.channel,
    }));
  }

  isGranted(guardianId: string, channel: ConsentChannel, purpose: ConsentPurpose): Promise<boolean> {
    return this.exists({ guardianId, channel, purpose, granted: true });
  }

  async record(row: Omit<GuardianConsent, 'tenantId'>): Promise<void> {
    const { guardianId, channel, purpose, ...rest } = row;
    const updated = await this.update({ guardianId, channel, purpose }, rest);
    if (updated === 0) await this.insert(row);
  }
}

@Injectable()
export class ConsentEventsRepository extends TenantScopedRepository<GuardianConsentEvent> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, GuardianConsentEvent);
  }

  async add(rows: Omit<GuardianConsentEvent, 'tenantId'>[]): Promise<void> {
    await this.insert(rows);
  }

  ofGuardian(guardianId: string, limit: number): Promise<GuardianConsentEvent[]> {
    return this.find({ where: { guardianId }, order: { recordedAt: 'DESC', id: 'DESC' }, take: limit });
  }
}
