import type {
  ConsentChange,
  ConsentEntry,
  ConsentHistoryEntry,
  GuardianConsentsView,
} from '@shala/contracts';
import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { Database } from '../../platform/database/database';
import { NotFoundError } from '../../platform/errors/domain-error';
import { RequestContext } from '../../platform/tenancy/request-context';
import { AuditService } from '../audit/audit.service';
import { StudentDirectory } from '../students/student-directory';
import {
  CONSENT_CHANNELS,
  CONSENT_PURPOSES,
  ConsentSource,
  GuardianConsent,
} from './entities/consent.entity';
import { OutboxRepository } from './outbox.repository';
import {
  ConsentEventsRepository,
  ConsentsRepository,
  MessageEventsRepository,
} from './notifications.repositories';

/**
 * PRV-01: a guardian's consent per channel and purpose, with source, time and who recorded it. A
 * withdrawal takes effect at once: the guardian's unsent messages on that channel for that purpose are
 * cancelled in the same transaction (and the worker checks consent again just before sending).
 */
@Injectable()
export class ConsentsService {
  constructor(
    private readonly db: Database,
    private readonly context: RequestContext,
    private readonly consents: ConsentsRepository,
    private readonly history: ConsentEventsRepository,
    private readonly outbox: OutboxRepository,
    private readonly events: MessageEventsRepository,
    private readonly students: StudentDirectory,
    private readonly audit: AuditService,
  ) {}

  private entries(rows: GuardianConsent[]): ConsentEntry[] {
    return CONSENT_PURPOSES.flatMap((purpose) =>
      CONSENT_CHANNELS.map((channel) => {
        const row = rows.find((r) => r.channel === channel && r.purpose === purpose);
        return {
          channel,
          purpose,
          granted: row?.granted === true,
          source: row?.source ?? null,
          recordedAt: row ? new Date(row.recordedAt).toISOString() : null,
          recordedByUserId: row?.recordedBy ?? null,
        };
      }),
    );
  }

  private async guardian(guardianId: string) {
    const [contact] = await this.students.guardianContacts([guardianId]);
    if (!contact) throw new NotFoundError('The guardian');
    return contact;
  }

  private async view(guardianId: string): Promise<GuardianConsentsView> {
    const contact = await this.guardian(guardianId);
    return {
      guardianId,
      fullName: contact.fullName,
      reachable: { sms: !!contact.phone, whatsapp: !!contact.phone, email: !!contact.email },
      consents: this.entries(await this.consents.ofGuardian(guardianId)),
    };
  }

  /** Staff (notifications.manage): any guardian of the institution, with the recorded history. */
  async forStaff(guardianId: string): Promise<GuardianConsentsView & { history: ConsentHistoryEntry[] }> {
    const view = await this.view(guardianId);
    const history = (await this.history.ofGuardian(guardianId, 100)).map((e) => ({
      channel: e.channel,
      purpose: e.purpose,
      granted: e.granted,
      source: e.source,
      recordedAt: new Date(e.recordedAt).toISOString(),
      recordedByUserId: e.recordedBy,
      note: e.note,
    }));
    return { ...view, history };
  }

  async changeAsStaff(
    guardianId: string,
    changes: ConsentChange[],
    source: ConsentSource,
    note: string | null,
  ): Promise<GuardianConsentsView & { cancelled: number }> {
    await this.guardian(guardianId);
    const cancelled = await this.change(guardianId, changes, source, note);
    return { ...(await this.view(guardianId)), cancelled };
  }

  /**
   * The guardian records linked to the signed-in parent's account (AZ-03): among the guardians of the
   * children the parent may see, those whose linked account is the caller.
   */
  private async ownGuardianIds(): Promise<string[]> {
    const userId = this.context.userId;
    const scope = await this.students.scope();
    if (!userId || scope.kind !== 'students' || scope.studentIds.length === 0) return [];
    const candidates = new Set([...(await this.students.guardianIdsOf(scope.studentIds)).values()].flat());
    return (await this.students.guardianContacts([...candidates]))
      .filter((c) => c.userId === userId)
      .map((c) => c.guardianId);
  }

  private async own(guardianId: string): Promise<void> {
    if (!(await this.ownGuardianIds()).includes(guardianId)) throw new NotFoundError('The guardian');
  }

  async listMine(): Promise<GuardianConsentsView[]> {
    return Promise.all((await this.ownGuardianIds()).map((id) => this.view(id)));
  }

  async getMine(guardianId: string): Promise<GuardianConsentsView> {
    await this.own(guardianId);
    return this.view(guardianId);
  }

  /** A parent's own choice: recorded with source parent_app (verifiable: their authenticated account). */
  async changeMine(
    guardianId: string,
    changes: ConsentChange[],
  ): Promise<GuardianConsentsView & { cancelled: number }> {
    await this.own(guardianId);
    const cancelled = await this.change(guardianId, changes, 'parent_app', null);
    return { ...(await this.view(guardianId)), cancelled };
  }

  /** Records the changes that differ from the current choice; returns how many unsent messages it cancelled. */
  private async change(
    guardianId: string,
    changes: ConsentChange[],
    source: ConsentSource,
    note: string | null,
  ): Promise<number> {
    const recordedBy = this.context.userId;
    return this.db.transaction(async () => {
      const current = await this.consents.ofGuardian(guardianId);
      const now = new Date();
      let cancelled = 0;
      const applied: ConsentChange[] = [];
      for (const c of changes) {
        const row = current.find((r) => r.channel === c.channel && r.purpose === c.purpose);
        if ((row?.granted ?? false) === c.granted && row) continue;
        applied.push(c);
        await this.consents.record({ ...c, guardianId, source, recordedBy, recordedAt: now });
        await this.history.add([
          { id: uuidv7(), guardianId, ...c, source, recordedBy, recordedAt: now, note },
        ]);
        if (!c.granted) {
          const unsent = await this.outbox.unsentFor(guardianId, c.channel, c.purpose);
          const ids = unsent.map((m) => m.id);
          cancelled += await this.outbox.cancel(ids, 'consent withdrawn');
          await this.events.add(
            ids.map((messageId) => ({
              id: uuidv7(),
              messageId,
              event: 'cancelled' as const,
              detail: `consent for ${c.purpose} by ${c.channel} withdrawn (${source})`,
              attempt: null,
              dedupeKey: null,
              occurredAt: now,
            })),
          );
        }
      }
      if (applied.length)
        await this.audit.record({
          action: 'notifications.consent_change',
          targetType: 'guardian',
          targetId: guardianId,
          details: { source, changes: applied, cancelledMessages: cancelled, ...(note ? { note } : {}) },
        });
      return cancelled;
    });
  }
}
